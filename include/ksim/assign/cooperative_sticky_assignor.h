#pragma once
// Cooperative sticky assignor: the sticky assignment minus partitions that change owner (the
// two-round revoke, KIP-429). Follows org.apache.kafka.clients.consumer.CooperativeStickyAssignor.
// Each ConsumerAssignment.user_data is {previous_assignment = {}, generation = nullopt}: the
// consumer fills generation in onAssignment and echoes it (read only without Subscription v2).
#include <string_view>
#include <vector>

#include "ksim/assign/assignor.h"

namespace ksim::assign {

class CooperativeStickyAssignor final : public Assignor {
 public:
  CooperativeStickyAssignor() = default;
  explicit CooperativeStickyAssignor(ClientAssignorOptions options) : options_(options) {}
  std::string_view name() const override { return "cooperative-sticky"; }
  std::vector<RebalanceProtocol> supported_protocols() const override {
    return {RebalanceProtocol::Cooperative, RebalanceProtocol::Eager};
  }
  GroupAssignment assign(const ClusterView& cluster,
                         const GroupSubscription& group) const override;

 private:
  ClientAssignorOptions options_;
};

}  // namespace ksim::assign
