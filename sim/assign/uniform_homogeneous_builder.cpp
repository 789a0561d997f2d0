// KIP-848 uniform assignment when every member subscribes to the same topics. Follows
// org.apache.kafka.coordinator.group.assignor.UniformHomogeneousAssignmentBuilder.
#include <algorithm>

#include "sim/assign/server_common.h"

namespace ksim::assign {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

void add_partition(TopicAssignment& assignment, const TopicPartition& tp) {
  auto it = std::find_if(assignment.begin(), assignment.end(),
                         [&](const auto& entry) { return entry.first == tp.topic; });
  if (it == assignment.end()) it = assignment.insert(assignment.end(), {tp.topic, {}});
  it->second.push_back(tp.partition);
}

struct Unfilled {
  size_t member = 0;
  int32_t remaining = 0;
};

// maybeRevokePartitions for one member: keep owned partitions of subscribed topics up to
// `quota` (in assignment order), drop other topics, append the excess to `unassigned`.
TopicAssignment keep_within_quota(const SpecMember& member,
                                  const std::vector<std::string>& subscribed, int32_t& quota,
                                  std::vector<TopicPartition>& unassigned) {
  TopicAssignment kept;
  for (const auto& [topic, partitions] : member.assignment) {
    if (!contains(subscribed, topic)) continue;  // remove the entire topic
    if (static_cast<int32_t>(partitions.size()) <= quota) {
      quota -= static_cast<int32_t>(partitions.size());
      kept.emplace_back(topic, partitions);
      continue;
    }
    std::vector<int32_t> keep;
    for (int32_t p : partitions) {
      if (quota > 0) {
        --quota;
        keep.push_back(p);
      } else {
        unassigned.push_back({topic, p});
      }
    }
    if (!keep.empty()) kept.emplace_back(topic, std::move(keep));
  }
  return kept;
}

// maybeRevokePartitions' quota bookkeeping for one member: a member that cannot fill its
// extra partition from what it owns gives the extra up for a later member to claim.
struct Quota {
  int32_t quota = 0;
  bool has_extra = false;
};

}  // namespace

GroupAssignment build_uniform_homogeneous(const GroupSpec& spec) {
  // The subscribed topics are the first member's; their order stands for the HashSet<Uuid>.
  const std::vector<std::string>& subscribed = spec.members.front().topics;
  if (subscribed.empty()) return to_server_assignment(spec, {});
  std::vector<TopicPartition> unassigned;
  int32_t total = 0;
  for (const auto& topic : subscribed) {
    const int32_t count = spec.partitions_per_topic.at(topic);
    for (int32_t p = 0; p < count; ++p) {
      if (spec.assigned.count({topic, p}) == 0) unassigned.push_back({topic, p});
    }
    total += count;
  }
  const auto members = static_cast<int32_t>(spec.members.size());
  const int32_t min_quota = total / members;
  int32_t extra = total % members;  // remainingMembersToGetAnExtraPartition
  std::vector<TopicAssignment> target;
  std::vector<Unfilled> unfilled;
  for (size_t i = 0; i < spec.members.size(); ++i) {
    Quota q{min_quota, extra > 0};
    if (q.has_extra) ++q.quota;
    target.push_back(keep_within_quota(spec.members[i], subscribed, q.quota, unassigned));
    if (q.quota > 0 && q.has_extra) {
      --q.quota;
      q.has_extra = false;
    }
    if (q.quota == 0 && q.has_extra) --extra;
    if (q.quota > 0 || (extra > 0 && !q.has_extra)) unfilled.push_back({i, q.quota});
  }
  // The last unfilled members take the extra partitions that are still unclaimed.
  for (auto it = unfilled.rbegin(); it != unfilled.rend(); ++it) {
    if (extra > 0) {
      --extra;
      ++it->remaining;
    }
  }
  std::erase_if(unfilled, [](const Unfilled& u) { return u.remaining == 0; });
  // assignRemainingPartitions: unfilled members, in order, take from the list in sequence.
  size_t next = 0;
  for (const auto& u : unfilled) {
    for (int32_t k = 0; k < u.remaining && next < unassigned.size(); ++k) {
      add_partition(target[u.member], unassigned[next++]);
    }
  }
  return to_server_assignment(spec, target);
}

}  // namespace ksim::assign
