#pragma once
// The partition assignor interface and the factory by name. Follows
// org.apache.kafka.clients.consumer.ConsumerPartitionAssignor and KIP-848's
// org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor.
#include <memory>
#include <string_view>
#include <vector>

#include "ksim/assign/subscription.h"
#include "ksim/types/result.h"

namespace ksim::assign {

// Options of the client-side assignors (AbstractPartitionAssignor).
struct ClientAssignorOptions {
  // AbstractPartitionAssignor.preferRackAwareLogic: a test-only switch in Kafka that keeps the
  // rack-aware path on even when every partition has replicas on every rack. False in production.
  bool prefer_rack_aware_logic = false;
};

// A pure function object: assign() reads only its arguments; no state survives a call.
class Assignor {
 public:
  virtual ~Assignor() = default;
  // "range", "roundrobin", "sticky", "cooperative-sticky", "uniform", "server-range".
  virtual std::string_view name() const = 0;
  virtual std::vector<RebalanceProtocol> supported_protocols() const = 0;
  // Topics a member subscribes to that are absent from `cluster` (or have no partitions) are
  // ignored, as AbstractPartitionAssignor does. Owned partitions outside the cluster are ignored.
  // Every member of `group` appears in the result.
  virtual GroupAssignment assign(const ClusterView& cluster,
                                 const GroupSubscription& group) const = 0;
};

// Error INVALID_CONFIG naming the valid values when `name` is unknown.
Result<std::unique_ptr<Assignor>> make_assignor(std::string_view name);
// In the order listed by Assignor::name().
std::vector<std::string_view> assignor_names();

}  // namespace ksim::assign
