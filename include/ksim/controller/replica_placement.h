#pragma once
// New-topic replica placement, as Kafka's AdminUtils.assignReplicasToBrokers does it (rack-unaware
// round robin with a random start index and replica shift, drawn here from a seeded stream).
#include <cstdint>
#include <vector>

#include "ksim/core/rng.h"
#include "ksim/types/result.h"

namespace ksim {

struct PlacementRequest {
  std::vector<int32_t> broker_ids;  // live brokers, any order (sorted inside)
  int32_t partitions = 1;
  int32_t replication_factor = 1;
  int32_t start_partition_id = 0;   // > 0 when adding partitions to an existing topic
};

// Returns one replica list per partition (from start_partition_id on), the first replica being
// the preferred leader. INVALID_REPLICATION_FACTOR when rf exceeds the broker count,
// INVALID_PARTITIONS when partitions < 1.
Result<std::vector<std::vector<int32_t>>> assign_replicas_to_brokers(const PlacementRequest& request,
                                                                     Rng& rng);

}  // namespace ksim
