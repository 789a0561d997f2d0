#pragma once
// The world: builds a cluster (controller, brokers numbered from 0, the __consumer_offsets
// topic, producers, consumers), owns the kernel, applies commands and answers read-only queries.
// The CLI, the GUI, the Lua scenarios and the tests all drive this same class.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ksim/broker/broker.h"
#include "ksim/client/consumer.h"
#include "ksim/client/producer.h"
#include "ksim/cluster/command.h"
#include "ksim/controller/controller.h"

namespace ksim {

struct ClusterSpec {
  uint64_t seed = 1;
  int32_t brokers = 3;
  std::vector<std::string> racks;  // empty, or one per broker
  ConfigMap broker_config;         // Kafka broker config overrides
  LinkConfig link;                 // the default link between any two nodes
  std::ostream* trace_sink = nullptr;  // every trace line from t=0 goes here (may be null)
};

// A group as its coordinator holds it, for tables, the GUI and assertions.
struct GroupView {
  std::string group_id;
  std::string state = "Dead";      // "Empty", "PreparingRebalance", ... as Kafka prints them
  GenerationId generation_id = 0;
  std::string protocol;            // the selected assignor
  std::string leader;
  BrokerId coordinator = kNoBroker;
  struct Member {
    std::string member_id, group_instance_id, client_id, host;
    std::vector<TopicPartition> assignment;
  };
  std::vector<Member> members;     // in join order
  std::map<TopicPartition, Offset> committed;
};

class Cluster {
 public:
  // Validates the broker config and builds the cluster at virtual time 0.
  static Result<std::unique_ptr<Cluster>> create(const ClusterSpec& spec);
  ~Cluster();

  Kernel& kernel() { return *kernel_; }
  const Kernel& kernel() const { return *kernel_; }
  Time now() const { return kernel_->now(); }
  uint64_t seed() const { return spec_.seed; }
  const ClusterSpec& spec() const { return spec_; }
  const BrokerConfig& broker_config() const { return broker_config_; }
  const Controller& controller() const { return *controller_; }
  Controller& controller() { return *controller_; }

  // ---- Building ----
  Result<std::string> create_topic(const TopicSpec& spec);
  Result<Producer*> add_producer(const std::string& name, const ConfigMap& config);
  Result<Consumer*> add_consumer(const std::string& name, const ConfigMap& config,
                                 const ConsumerOptions& options);
  // kafka-console-consumer.sh without --group: group "console-consumer-<0..99999>" drawn from
  // the seeded stream, as ConsoleConsumerOptions does with its Random.
  Result<Consumer*> add_console_consumer(const std::string& name, const std::string& topic,
                                         bool from_beginning);

  // ---- Acting ----
  Status apply(const Command& command);
  const std::vector<RecordedCommand>& commands() const { return commands_; }

  // ---- Running ----
  void run_until(Time t) { kernel_->scheduler.run_until(t); }
  bool step() { return kernel_->scheduler.step(); }

  // ---- Reading ----
  const std::vector<std::unique_ptr<Broker>>& brokers() const { return brokers_; }
  Broker* broker(BrokerId id) const;
  Producer* producer(const std::string& name) const;
  Consumer* consumer(const std::string& name) const;
  const std::vector<std::unique_ptr<Producer>>& producers() const { return producers_; }
  const std::vector<std::unique_ptr<Consumer>>& consumers() const { return consumers_; }
  // The broker leading tp now (by the controller's registration), or nullptr.
  const Broker* leader_broker(const TopicPartition& tp) const;
  const Partition* leader_partition(const TopicPartition& tp) const;
  std::optional<GroupView> group(const std::string& group_id) const;
  std::vector<std::string> group_ids() const;  // groups of the cluster's consumers, sorted
  // Every key of every component with its effective value, after the seed, one per line.
  std::string effective_config() const;
  // Any node by its name ("broker-0", "controller", a client's name), or nullptr.
  Node* node_by_name(const std::string& name) const;

  // ---- Observers ----
  // Keeps a checker (check/, e.g. the InvariantChecker) alive as long as the cluster; it is
  // destroyed before the kernel it listens to. Layering: cluster cannot name check/ types.
  void add_observer(std::shared_ptr<void> observer) { observers_.push_back(std::move(observer)); }

 private:
  explicit Cluster(const ClusterSpec& spec, BrokerConfig config);
  std::map<BrokerId, NodeId> bootstrap() const;
  Status check_node_name(const std::string& name) const;
  void emit_command_trace(const TraceEvent& e) { kernel_->emit(e); }
  void apply_link_fault(const Command& c);  // NetworkCut / NetworkDelay / NetworkLoss

  ClusterSpec spec_;
  BrokerConfig broker_config_;
  std::unique_ptr<Kernel> kernel_;
  std::unique_ptr<Controller> controller_;
  std::vector<std::unique_ptr<Broker>> brokers_;
  std::vector<std::unique_ptr<Producer>> producers_;
  std::vector<std::unique_ptr<Consumer>> consumers_;
  std::vector<RecordedCommand> commands_;
  std::map<std::string, int32_t> client_id_sequence_;  // per group: consumer-<group>-<n>
  int32_t consumer_client_sequence_ = 0;
  Rng console_rng_;
  std::vector<std::shared_ptr<void>> observers_;  // last: destroyed first
};

}  // namespace ksim
