// KIP-848 server-side range assignor: contiguous ranges per topic, members sorted static-first.
// Follows org.apache.kafka.coordinator.group.assignor.RangeAssignor (not sticky).
#include "ksim/assign/server_range_assignor.h"

#include <algorithm>
#include <numeric>

#include "ksim/assign/java_order.h"
#include "sim/assign/server_common.h"

namespace ksim::assign {
namespace {

// RangeAssignor.sortMemberIds: static members by instance id, then dynamic ones by member id.
std::vector<size_t> sort_member_ids(const GroupSpec& spec) {
  std::vector<size_t> order(spec.members.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const SpecMember& x = spec.members[a];
    const SpecMember& y = spec.members[b];
    if (x.instance_id && y.instance_id) return java_string_less(*x.instance_id, *y.instance_id);
    if (x.instance_id || y.instance_id) return x.instance_id.has_value();
    return java_string_less(x.member_id, y.member_id);
  });
  return order;
}

struct TopicMetadata {
  int32_t num_partitions = 0;
  int32_t num_members = 0;
  int32_t min_quota = -1;
  int32_t extra_partitions = -1;
  int32_t next_range = 0;
};

// addPartitionsToAssignment: the next range of minQuota (+1 while extras remain) partitions.
void add_range(const std::string& topic, TopicMetadata& m, TopicAssignment& assignment) {
  if (m.min_quota == -1) {
    m.min_quota = m.num_partitions / m.num_members;
    m.extra_partitions = m.num_partitions % m.num_members;
  }
  const int32_t start = m.next_range;
  int32_t quota = m.min_quota;
  if (m.extra_partitions > 0) {
    ++quota;
    --m.extra_partitions;
  }
  const int32_t end = std::min(start + quota, m.num_partitions);
  m.next_range = end;
  if (start >= end) return;
  std::vector<int32_t> range(static_cast<size_t>(end - start));
  std::iota(range.begin(), range.end(), start);
  assignment.emplace_back(topic, std::move(range));
}

}  // namespace

// The homogeneous and heterogeneous paths of Kafka give the same ranges: each topic hands out
// ranges to its subscribers in sorted member order.
GroupAssignment ServerRangeAssignor::assign(const ClusterView& cluster,
                                            const GroupSubscription& group) const {
  const GroupSpec spec = make_group_spec(cluster, group);
  if (spec.members.empty()) return {};
  const std::vector<size_t> order = sort_member_ids(spec);
  std::map<std::string, TopicMetadata> topics;
  for (const auto& member : spec.members) {
    for (const auto& topic : member.topics) {
      TopicMetadata& m = topics[topic];
      m.num_partitions = spec.partitions_per_topic.at(topic);
      ++m.num_members;
    }
  }
  std::vector<TopicAssignment> target(spec.members.size());
  for (size_t index : order) {
    for (const auto& topic : spec.members[index].topics) {
      add_range(topic, topics.at(topic), target[index]);
    }
  }
  return to_server_assignment(spec, target);
}

}  // namespace ksim::assign
