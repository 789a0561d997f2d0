// Cooperative sticky assignor: the sticky assignment minus partitions changing owner.
// Follows org.apache.kafka.clients.consumer.CooperativeStickyAssignor.
#include "ksim/assign/cooperative_sticky_assignor.h"

#include <algorithm>

#include "sim/assign/abstract_sticky.h"

namespace ksim::assign {
namespace {

// CooperativeStickyAssignor.computePartitionsTransferringOwnership (the General path): the
// partitions newly assigned to a member that some member owned and no longer gets.
std::map<TopicPartition, std::string> compute_transferring(const GroupSubscription& group,
                                                           const RawAssignment& assignment) {
  std::map<TopicPartition, std::string> added;
  std::set<TopicPartition> revoked;
  for (const auto& member : group.members) {
    const auto& owned = member.owned_partitions;
    auto it = assignment.find(member.member_id);
    const PartitionList empty;
    const PartitionList& assigned = it == assignment.end() ? empty : it->second;
    for (const auto& tp : assigned) {
      if (std::find(owned.begin(), owned.end(), tp) == owned.end()) added[tp] = member.member_id;
    }
    for (const auto& tp : owned) {
      if (std::find(assigned.begin(), assigned.end(), tp) == assigned.end()) revoked.insert(tp);
    }
  }
  std::erase_if(added, [&](const auto& entry) { return revoked.count(entry.first) == 0; });
  return added;
}

}  // namespace

GroupAssignment CooperativeStickyAssignor::assign(const ClusterView& cluster,
                                                  const GroupSubscription& group) const {
  StickyOutcome outcome =
      abstract_sticky_assign(cluster, group, MemberDataSource::OwnedPartitions, options_);
  std::map<TopicPartition, std::string> transferring =
      outcome.partitions_transferring_ownership
          ? std::move(*outcome.partitions_transferring_ownership)
          : compute_transferring(group, outcome.assignment);
  // adjustAssignment: withhold each moving partition from its new owner for one round.
  for (const auto& [tp, owner] : transferring) {
    auto& list = outcome.assignment[owner];
    auto it = std::find(list.begin(), list.end(), tp);
    if (it != list.end()) list.erase(it);
  }
  GroupAssignment out = to_group_assignment(group, outcome.assignment);
  for (auto& [member, assignment] : out.assignments) {
    assignment.user_data = StickyUserData{{}, std::nullopt};
  }
  out.partitions_transferring_ownership = std::move(transferring);
  return out;
}

}  // namespace ksim::assign
