#pragma once
// Client-side round-robin assignor. Follows org.apache.kafka.clients.consumer.RoundRobinAssignor
// (name "roundrobin", EAGER only).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ksim/assign/assignor.h"

namespace ksim::assign {

class RoundRobinAssignor final : public Assignor {
 public:
  std::string_view name() const override { return "roundrobin"; }
  std::vector<RebalanceProtocol> supported_protocols() const override {
    return {RebalanceProtocol::Eager};
  }
  GroupAssignment assign(const ClusterView& cluster,
                         const GroupSubscription& group) const override;
  // The same assignment with each list in Kafka's order (the order partitions were handed out),
  // which RoundRobinAssignorTest asserts. assign() sorts these lists.
  std::map<std::string, std::vector<TopicPartition>> assign_in_kafka_order(
      const ClusterView& cluster, const GroupSubscription& group) const;
};

}  // namespace ksim::assign
