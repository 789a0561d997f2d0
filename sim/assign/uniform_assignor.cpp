// KIP-848 uniform assignor and the GroupSpec it reads. Follows
// org.apache.kafka.coordinator.group.assignor.UniformAssignor and GroupSpecImpl.
#include "ksim/assign/uniform_assignor.h"

#include <algorithm>

#include "sim/assign/server_common.h"

namespace ksim::assign {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

TopicAssignment current_assignment(const MemberSubscription& member,
                                   const std::map<std::string, int32_t>& partitions_per_topic) {
  TopicAssignment out;
  for (const auto& tp : member.owned_partitions) {
    auto count = partitions_per_topic.find(tp.topic);
    if (count == partitions_per_topic.end() || tp.partition < 0 || tp.partition >= count->second) {
      continue;
    }
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const auto& entry) { return entry.first == tp.topic; });
    if (it == out.end()) it = out.insert(out.end(), {tp.topic, {}});
    if (!std::count(it->second.begin(), it->second.end(), tp.partition)) {
      it->second.push_back(tp.partition);
    }
  }
  for (auto& [topic, partitions] : out) std::sort(partitions.begin(), partitions.end());
  return out;
}

}  // namespace

GroupSpec make_group_spec(const ClusterView& cluster, const GroupSubscription& group) {
  GroupSpec spec;
  // ModernGroup.subscriptionType counts subscriptions by topic *name*, known or not.
  std::map<std::string, size_t> subscribers;
  for (const auto& m : group.members) {
    std::set<std::string> distinct(m.topics.begin(), m.topics.end());
    for (const auto& topic : distinct) ++subscribers[topic];
  }
  for (const auto& [topic, count] : subscribers) {
    if (count != group.members.size()) spec.homogeneous = false;
  }
  for (const auto& [topic, count] : cluster.partitions_per_topic) {
    if (count >= 0) spec.partitions_per_topic[topic] = count;
  }
  for (const auto& m : group.members) {
    SpecMember member{m.member_id, m.group_instance_id, {}, {}};
    for (const auto& topic : m.topics) {
      if (spec.partitions_per_topic.count(topic) > 0 && !contains(member.topics, topic)) {
        member.topics.push_back(topic);
      }
    }
    member.assignment = current_assignment(m, spec.partitions_per_topic);
    for (const auto& [topic, partitions] : member.assignment) {
      for (int32_t p : partitions) spec.assigned.insert({topic, p});
    }
    spec.members.push_back(std::move(member));
  }
  return spec;
}

GroupAssignment to_server_assignment(const GroupSpec& spec,
                                     const std::vector<TopicAssignment>& assignments) {
  GroupAssignment out;
  for (size_t i = 0; i < spec.members.size(); ++i) {
    auto& partitions = out.assignments[spec.members[i].member_id].partitions;
    if (i < assignments.size()) {
      for (const auto& [topic, ids] : assignments[i]) {
        for (int32_t p : ids) partitions.push_back({topic, p});
      }
    }
    std::sort(partitions.begin(), partitions.end());
  }
  return out;
}

GroupAssignment UniformAssignor::assign(const ClusterView& cluster,
                                        const GroupSubscription& group) const {
  const GroupSpec spec = make_group_spec(cluster, group);
  if (spec.members.empty()) return {};
  return spec.homogeneous ? build_uniform_homogeneous(spec) : build_uniform_heterogeneous(spec);
}

}  // namespace ksim::assign
