#pragma once
// Eager sticky assignor: owned partitions come from userData only. Follows
// org.apache.kafka.clients.consumer.StickyAssignor over AbstractStickyAssignor (name "sticky").
// Each ConsumerAssignment.user_data holds {previous_assignment = the new assignment, generation =
// nullopt}; the consumer sets generation to its new generation id in onAssignment and echoes it.
#include <string_view>
#include <vector>

#include "ksim/assign/assignor.h"

namespace ksim::assign {

class StickyAssignor final : public Assignor {
 public:
  StickyAssignor() = default;
  explicit StickyAssignor(ClientAssignorOptions options) : options_(options) {}
  std::string_view name() const override { return "sticky"; }
  std::vector<RebalanceProtocol> supported_protocols() const override {
    return {RebalanceProtocol::Eager};
  }
  GroupAssignment assign(const ClusterView& cluster,
                         const GroupSubscription& group) const override;

 private:
  ClientAssignorOptions options_;
};

}  // namespace ksim::assign
