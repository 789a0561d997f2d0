// Client-side round-robin assignor. Follows org.apache.kafka.clients.consumer.RoundRobinAssignor.
#include "ksim/assign/round_robin_assignor.h"

#include <algorithm>

#include "sim/assign/client_common.h"

namespace ksim::assign {

std::map<std::string, std::vector<TopicPartition>> RoundRobinAssignor::assign_in_kafka_order(
    const ClusterView& cluster, const GroupSubscription& group) const {
  std::vector<const MemberSubscription*> members;
  for (const auto& m : group.members) members.push_back(&m);
  std::stable_sort(members.begin(), members.end(),
                   [](const auto* a, const auto* b) { return member_info_less(*a, *b); });
  // allPartitionsSorted: topics by name (TreeSet), partitions ascending; the partition counts
  // come from metadata, so topics with no partitions contribute nothing.
  const auto partitions_per_topic = subscribed_partitions_per_topic(cluster, group);
  RawAssignment raw;
  size_t next = 0;  // CircularIterator position
  for (const auto& [topic, count] : partitions_per_topic) {
    for (int32_t p = 0; p < count; ++p) {
      // Terminates: at least one member subscribes to `topic`.
      while (!subscribes_to(*members[next], topic)) next = (next + 1) % members.size();
      raw[members[next]->member_id].push_back({topic, p});
      next = (next + 1) % members.size();
    }
  }
  for (const auto& m : group.members) raw[m.member_id];  // every member present
  return raw;
}

GroupAssignment RoundRobinAssignor::assign(const ClusterView& cluster,
                                           const GroupSubscription& group) const {
  return to_group_assignment(group, assign_in_kafka_order(cluster, group));
}

}  // namespace ksim::assign
