#pragma once
// The input and output values of every assignor: member subscriptions, the cluster's partition
// counts and replica racks, and the resulting assignment. Follows ConsumerPartitionAssignor's
// Subscription / GroupSubscription / GroupAssignment and KIP-848's GroupSpec.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ksim/protocol/consumer_protocol.h"
#include "ksim/types/ids.h"

namespace ksim::assign {

// ConsumerPartitionAssignor.RebalanceProtocol.
enum class RebalanceProtocol { Eager, Cooperative };

struct MemberSubscription {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::vector<std::string> topics;
  // Subscription.ownedPartitions (classic) or the member's current assignment (KIP-848).
  std::vector<TopicPartition> owned_partitions;
  std::optional<GenerationId> generation;            // Subscription.generationId (v2+)
  std::string rack;                                  // "" = none
  std::optional<StickyUserData> user_data;           // StickyAssignor's userData
};

// The member order stands for the iteration order of Kafka's HashMap<memberId, Subscription>
// (client side) or of GroupSpec.memberIds() (server side). Use java_hash_map_order() to order
// members as a real Java leader would. REQUIRES: member ids are unique.
struct GroupSubscription {
  std::vector<MemberSubscription> members;
};

struct ClusterView {
  std::map<std::string, int32_t> partitions_per_topic;
  // Racks of each partition's replicas, in replica order; absent topic = no rack info.
  // An empty rack string means a replica whose broker has no rack (Node.rack() == null).
  std::map<std::string, std::vector<std::vector<std::string>>> partition_racks;
};

struct GroupAssignment {
  // Every member is present; each partition list is sorted by (topic, partition).
  std::map<std::string, ConsumerAssignment> assignments;
  // Sticky assignors only: partition -> the member it moves to (AbstractStickyAssignor's
  // partitionsTransferringOwnership, or CooperativeStickyAssignor's recomputed map on the
  // general path). The cooperative assignor withholds these from their new owner for a round.
  std::optional<std::map<TopicPartition, std::string>> partitions_transferring_ownership;
};

}  // namespace ksim::assign
