#pragma once
// The KIP-848 GroupSpec seen by the server-side assignors (internal header). Follows
// org.apache.kafka.coordinator.group.modern.GroupSpecImpl and ModernGroup.subscriptionType.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ksim/assign/assignor.h"

namespace ksim::assign {

// Map<Uuid, Set<Integer>>: topics in order of first appearance in the member's owned list
// (standing for the HashMap order), partitions ascending (HashSet<Integer> order for small ids).
using TopicAssignment = std::vector<std::pair<std::string, std::vector<int32_t>>>;

struct SpecMember {
  std::string member_id;
  std::optional<std::string> instance_id;
  std::vector<std::string> topics;  // subscribedTopicIds: existing topics, first mention order
  TopicAssignment assignment;       // current assignment, partitions of existing topics only
};

struct GroupSpec {
  std::vector<SpecMember> members;  // memberIds() order
  bool homogeneous = true;          // SubscriptionType.HOMOGENEOUS
  std::map<std::string, int32_t> partitions_per_topic;
  std::set<TopicPartition> assigned;  // isPartitionAssigned
};

GroupSpec make_group_spec(const ClusterView& cluster, const GroupSubscription& group);

// Builds the result: every member present, partitions sorted, no user data.
GroupAssignment to_server_assignment(const GroupSpec& spec,
                                     const std::vector<TopicAssignment>& assignments);

GroupAssignment build_uniform_homogeneous(const GroupSpec& spec);
GroupAssignment build_uniform_heterogeneous(const GroupSpec& spec);

}  // namespace ksim::assign
