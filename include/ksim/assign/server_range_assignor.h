#pragma once
// KIP-848 server-side range assignor (Kafka's name "range"; "server-range" here). Follows
// org.apache.kafka.coordinator.group.assignor.RangeAssignor: contiguous ranges per topic over the
// members sorted static-first; not sticky.
#include <string_view>
#include <vector>

#include "ksim/assign/assignor.h"

namespace ksim::assign {

class ServerRangeAssignor final : public Assignor {
 public:
  std::string_view name() const override { return "server-range"; }
  std::vector<RebalanceProtocol> supported_protocols() const override {
    return {RebalanceProtocol::Cooperative};
  }
  GroupAssignment assign(const ClusterView& cluster,
                         const GroupSubscription& group) const override;
};

}  // namespace ksim::assign
