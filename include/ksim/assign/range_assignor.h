#pragma once
// Client-side range assignor, including the KIP-881 rack-aware path. Follows
// org.apache.kafka.clients.consumer.RangeAssignor (name "range", EAGER only).
#include <string_view>
#include <vector>

#include "ksim/assign/assignor.h"

namespace ksim::assign {

class RangeAssignor final : public Assignor {
 public:
  RangeAssignor() = default;
  explicit RangeAssignor(ClientAssignorOptions options) : options_(options) {}
  std::string_view name() const override { return "range"; }
  std::vector<RebalanceProtocol> supported_protocols() const override {
    return {RebalanceProtocol::Eager};
  }
  GroupAssignment assign(const ClusterView& cluster,
                         const GroupSubscription& group) const override;

 private:
  ClientAssignorOptions options_;
};

}  // namespace ksim::assign
