#pragma once
// KIP-848 server-side uniform assignor: the homogeneous builder when every member subscribes
// to the same topics, the heterogeneous builder otherwise. Follows
// org.apache.kafka.coordinator.group.assignor.UniformAssignor. Owned partitions stand for each
// member's current target assignment; member order stands for GroupSpec.memberIds(), and the first
// member's topic order stands for the HashSet<Uuid> of subscribed topics.
#include <string_view>
#include <vector>

#include "ksim/assign/assignor.h"

namespace ksim::assign {

class UniformAssignor final : public Assignor {
 public:
  std::string_view name() const override { return "uniform"; }
  std::vector<RebalanceProtocol> supported_protocols() const override {
    return {RebalanceProtocol::Cooperative};
  }
  GroupAssignment assign(const ClusterView& cluster,
                         const GroupSubscription& group) const override;
};

}  // namespace ksim::assign
