// Shared grunt work of the client-side assignors. Follows AbstractPartitionAssignor.
#include "sim/assign/client_common.h"

#include <algorithm>

#include "ksim/assign/java_order.h"

namespace ksim::assign {

std::map<std::string, int32_t> subscribed_partitions_per_topic(const ClusterView& cluster,
                                                               const GroupSubscription& group) {
  std::map<std::string, int32_t> out;
  for (const auto& member : group.members) {
    for (const auto& topic : member.topics) {
      auto it = cluster.partitions_per_topic.find(topic);
      if (it != cluster.partitions_per_topic.end() && it->second > 0) out[topic] = it->second;
    }
  }
  return out;
}

std::set<std::string> replica_racks(const ClusterView& cluster, const TopicPartition& tp) {
  std::set<std::string> racks;
  auto it = cluster.partition_racks.find(tp.topic);
  if (it == cluster.partition_racks.end()) return racks;
  if (tp.partition < 0 || static_cast<size_t>(tp.partition) >= it->second.size()) return racks;
  for (const auto& rack : it->second[tp.partition]) {
    if (!rack.empty()) racks.insert(rack);
  }
  return racks;
}

bool use_rack_aware_assignment(const std::set<std::string>& consumer_racks,
                               const std::set<std::string>& partition_racks,
                               const std::map<TopicPartition, std::set<std::string>>& per_partition,
                               bool prefer_rack_aware_logic) {
  if (consumer_racks.empty()) return false;
  const bool disjoint = std::none_of(consumer_racks.begin(), consumer_racks.end(),
                                     [&](const auto& r) { return partition_racks.count(r) > 0; });
  if (disjoint) return false;
  if (prefer_rack_aware_logic) return true;
  return !std::all_of(per_partition.begin(), per_partition.end(),
                      [&](const auto& entry) { return entry.second == partition_racks; });
}

bool member_info_less(const MemberSubscription& a, const MemberSubscription& b) {
  if (a.group_instance_id && b.group_instance_id) {
    return java_string_less(*a.group_instance_id, *b.group_instance_id);
  }
  if (a.group_instance_id) return true;
  if (b.group_instance_id) return false;
  return java_string_less(a.member_id, b.member_id);
}

bool subscribes_to(const MemberSubscription& member, const std::string& topic) {
  return std::find(member.topics.begin(), member.topics.end(), topic) != member.topics.end();
}

GroupAssignment to_group_assignment(const GroupSubscription& group, const RawAssignment& raw) {
  GroupAssignment out;
  for (const auto& member : group.members) {
    ConsumerAssignment& assignment = out.assignments[member.member_id];
    auto it = raw.find(member.member_id);
    if (it != raw.end()) assignment.partitions = it->second;
    std::sort(assignment.partitions.begin(), assignment.partitions.end());
  }
  return out;
}

}  // namespace ksim::assign
