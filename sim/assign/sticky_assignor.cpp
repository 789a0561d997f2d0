// Eager sticky assignor. Follows org.apache.kafka.clients.consumer.StickyAssignor.
#include "ksim/assign/sticky_assignor.h"

#include "sim/assign/abstract_sticky.h"

namespace ksim::assign {

GroupAssignment StickyAssignor::assign(const ClusterView& cluster,
                                       const GroupSubscription& group) const {
  StickyOutcome outcome =
      abstract_sticky_assign(cluster, group, MemberDataSource::UserData, options_);
  GroupAssignment out = to_group_assignment(group, outcome.assignment);
  // subscriptionUserData() after onAssignment(): the assigned partitions; the generation is
  // the consumer's own, known only once it receives the assignment.
  for (auto& [member, assignment] : out.assignments) {
    assignment.user_data = StickyUserData{assignment.partitions, std::nullopt};
  }
  out.partitions_transferring_ownership = std::move(outcome.partitions_transferring_ownership);
  return out;
}

}  // namespace ksim::assign
