#pragma once
// The controller (KRaft's active controller, as one node): broker registrations and liveness by
// BrokerHeartbeat and broker.session.timeout.ms, topic creation and placement, leader election
// (first live ISR replica in assignment order; unclean when enabled and no ISR replica is live;
// PartitionChangeBuilder), ISR changes by AlterPartition (KIP-497), and metadata propagation to
// brokers (LeaderAndIsr, UpdateMetadata). Follows org.apache.kafka.controller.QuorumController.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ksim/broker/broker_config.h"
#include "ksim/controller/replica_placement.h"
#include "ksim/core/node.h"

namespace ksim {

struct PartitionRegistration {
  std::vector<BrokerId> replicas;   // assignment order; replicas[0] is the preferred leader
  std::vector<BrokerId> isr;
  BrokerId leader = kNoBroker;
  LeaderEpoch leader_epoch = 0;
  int32_t partition_epoch = 0;
};

struct TopicRegistration {
  std::string name;
  std::string topic_id;             // Kafka Uuid, base64
  bool internal = false;
  ConfigMap configs;                // per-topic overrides only
  std::vector<PartitionRegistration> partitions;
};

struct BrokerRegistration {
  BrokerId id = kNoBroker;
  NodeId node = -1;
  std::string rack;
  bool fenced = false;
  bool shutting_down = false;       // controlled shutdown: no leader, no ISR member
  int64_t epoch = -1;               // the broker's registration epoch (KIP-903); -1 = unknown
  Time last_heartbeat = 0;
};

struct TopicSpec {
  std::string name;
  int32_t partitions = 1;
  int32_t replication_factor = 1;
  ConfigMap configs;
  bool internal = false;
  std::vector<std::vector<BrokerId>> assignment;  // explicit placement; empty = Kafka's placement
};

class Controller final : public Node {
 public:
  Controller(Kernel& kernel, const BrokerConfig& config);

  // Cluster building: every broker is registered before the run starts.
  void register_broker(BrokerId id, NodeId node, std::string rack);

  // Admin operations (the CreateTopics/CreatePartitions/DeleteTopics effects), applied now and
  // propagated to brokers over the network.
  Result<std::string> create_topic(const TopicSpec& spec);
  Status create_partitions(const std::string& topic, int32_t total_count);
  Status delete_topic(const std::string& topic);
  Status alter_topic_configs(const std::string& topic, const ConfigMap& set,
                             const std::vector<std::string>& remove);

  const std::map<std::string, TopicRegistration>& topics() const { return topics_; }
  const std::map<BrokerId, BrokerRegistration>& brokers() const { return brokers_; }
  const TopicRegistration* topic(const std::string& name) const;
  // Preferred-leader election for every partition whose preferred replica is live and in ISR
  // (kafka-leader-election.sh --election-type preferred --all-topic-partitions).
  void elect_preferred_leaders();
  // auto.leader.rebalance.enable's periodic check: preferred elections for the partitions of
  // every broker whose leader imbalance ratio (partitions it should lead but does not, over
  // partitions it should lead) exceeds leader.imbalance.per.broker.percentage.
  void rebalance_imbalanced_leaders();

 protected:
  void on_message(Message& message) override;
  void on_timer(uint16_t kind, uint64_t arg) override;

 private:
  enum TimerKind : uint16_t { kLivenessCheck = 1, kLeaderRebalance = 2 };

  void on_broker_heartbeat(const Message& request, const BrokerHeartbeatRequest& r);
  void on_alter_partition(const Message& request, const AlterPartitionRequest& r);
  void on_allocate_producer_ids(const Message& request, const AllocateProducerIdsRequest& r);
  void fence_broker(BrokerRegistration& broker, std::string_view reason);
  void begin_controlled_shutdown(BrokerRegistration& broker);
  bool elect_preferred_leader(const std::string& topic, int32_t partition);
  void unfence_broker(BrokerRegistration& broker);
  // Re-elects leaders of partitions whose leader is not acceptable; returns changed partitions.
  void elect_leader(const std::string& topic, int32_t partition, std::string_view reason);
  bool acceptable(BrokerId id) const;
  PlacementRequest live_brokers_for_placement() const;
  Duration imbalance_check_interval() const;
  void propagate(const std::vector<TopicPartition>& changed);
  void send_update_metadata();
  void trace_partition(const TopicPartition& tp, const PartitionRegistration& p,
                       std::string_view reason);
  UpdateMetadataRequest metadata_image() const;

  const BrokerConfig config_;
  Rng placement_rng_;
  Rng topic_id_rng_;
  std::map<BrokerId, BrokerRegistration> brokers_;
  std::map<std::string, TopicRegistration> topics_;
  int32_t controller_epoch_ = 1;
  // ProducerIdControlManager: the next block of producer ids starts here.
  ProducerId next_producer_id_block_ = 0;
};

}  // namespace ksim
