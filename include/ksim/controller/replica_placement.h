#pragma once
// New-topic replica placement, as Kafka's AdminUtils.assignReplicasToBrokers does it: rack-unaware
// round robin, or (when every broker has a rack) the rack-aware variant over the rack-alternated
// broker list. The random start index and replica shift are drawn from a seeded stream.
// Follows org.apache.kafka.admin.AdminUtils (server-common; kafka.admin.AdminUtils before 3.7).
// KRaft's controller uses StripedReplicaPlacer instead: see docs/topics.md.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ksim/core/rng.h"
#include "ksim/types/result.h"

namespace ksim {

using ReplicaAssignment = std::vector<std::vector<int32_t>>;  // one replica list per partition

struct PlacementRequest {
  std::vector<int32_t> broker_ids;  // live brokers, any order (sorted inside, as Kafka callers do)
  int32_t partitions = 1;
  int32_t replication_factor = 1;
  int32_t start_partition_id = 0;   // > 0 when adding partitions to an existing topic
  // Parallel to broker_ids: each broker's rack ("" = none). Empty, or every entry "", selects
  // the rack-unaware placement; all non-empty selects the rack-aware one; a mix is an error.
  std::vector<std::string> racks;
};

// Kafka's fixedStartIndex: when set, both the start index and the first replica shift take this
// value (AdminUtils uses one parameter for both); when unset they are drawn from the stream.
struct PlacementStart {
  int32_t start_index = 0;
  int32_t replica_shift = 0;
};

// Returns one replica list per partition (from start_partition_id on), the first replica being
// the preferred leader. Draws start index, then shift, from `rng` (two draws, Kafka's order).
// Errors, named as Kafka names them: INVALID_PARTITIONS when partitions < 1;
// INVALID_REPLICATION_FACTOR when rf < 1 or rf exceeds the broker count; UNKNOWN_SERVER_ERROR
// (Kafka's AdminOperationException is not an ApiException) when only some brokers have racks.
Result<ReplicaAssignment> assign_replicas_to_brokers(const PlacementRequest& request, Rng& rng);

// The same with a fixed start index and replica shift instead of random draws (for tests and
// for porting Kafka's AdminRackAwareTest cases). REQUIRES: start values >= 0.
Result<ReplicaAssignment> assign_replicas_to_brokers(const PlacementRequest& request,
                                                     PlacementStart start);

// AdminUtils.getRackAlternatedBrokerList: racks in sorted order, taking each rack's next lowest
// broker id in turn: {0:r1, 1:r3, 2:r3, 3:r2, 4:r2, 5:r1} -> 0, 3, 1, 5, 4, 2.
std::vector<int32_t> rack_alternated_broker_list(const std::map<int32_t, std::string>& racks);

}  // namespace ksim
