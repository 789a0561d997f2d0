// Controller: registrations, liveness, topics, elections and metadata propagation.
// Election order follows PartitionChangeBuilder.electAnyLeader (without ELR, off by default).
#include "ksim/controller/controller.h"

#include <algorithm>

#include "ksim/controller/replica_placement.h"

namespace ksim {
namespace {

constexpr Duration kLivenessCheckInterval = 250 * kMillisecond;

bool contains(const std::vector<BrokerId>& v, BrokerId id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

std::string join_ids(const std::vector<BrokerId>& ids) {
  std::string out;
  for (BrokerId id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

}  // namespace

Controller::Controller(Kernel& kernel, const BrokerConfig& config)
    : Node(kernel, "controller"),
      config_(config),
      placement_rng_(kernel.stream("controller:placement")),
      topic_id_rng_(kernel.stream("controller:topic-ids")) {
  set_timer(kLivenessCheckInterval, kLivenessCheck);
  if (config_.auto_leader_rebalance_enable) set_timer(imbalance_check_interval(), kLeaderRebalance);
}

Duration Controller::imbalance_check_interval() const {
  return config_int(config_.effective, "leader.imbalance.check.interval.seconds") * kSecond;
}

void Controller::register_broker(BrokerId id, NodeId node, std::string rack) {
  brokers_[id] = BrokerRegistration{.id = id, .node = node, .rack = std::move(rack),
                                    .fenced = false, .last_heartbeat = now()};
}

const TopicRegistration* Controller::topic(const std::string& name) const {
  auto it = topics_.find(name);
  return it == topics_.end() ? nullptr : &it->second;
}

PlacementRequest Controller::live_brokers_for_placement() const {
  // Unfenced brokers with their racks: with racks on every broker, Kafka's rack-aware placement.
  PlacementRequest r;
  for (const auto& [id, b] : brokers_) {
    if (b.fenced) continue;
    r.broker_ids.push_back(id);
    r.racks.push_back(b.rack);
  }
  return r;
}

bool Controller::acceptable(BrokerId id) const {
  auto it = brokers_.find(id);
  return it != brokers_.end() && !it->second.fenced && !it->second.shutting_down;
}

Result<std::string> Controller::create_topic(const TopicSpec& spec) {
  if (topics_.count(spec.name))
    return Status(ErrorCode::TOPIC_ALREADY_EXISTS, "Topic '" + spec.name + "' already exists.");
  std::vector<std::vector<BrokerId>> assignment = spec.assignment;
  if (assignment.empty()) {
    PlacementRequest request = live_brokers_for_placement();
    request.partitions = spec.partitions;
    request.replication_factor = spec.replication_factor;
    auto placed = assign_replicas_to_brokers(request, placement_rng_);
    if (!placed) return placed.status();
    assignment = std::move(placed).value();
  }
  TopicRegistration t{.name = spec.name, .topic_id = topic_id_rng_.kafka_uuid_base64(),
                      .internal = spec.internal, .configs = spec.configs};
  std::vector<TopicPartition> changed;
  for (size_t p = 0; p < assignment.size(); p++) {
    PartitionRegistration reg{.replicas = assignment[p], .isr = {}, .leader = kNoBroker};
    for (BrokerId r : reg.replicas)
      if (acceptable(r)) reg.isr.push_back(r);
    if (!reg.isr.empty()) reg.leader = reg.isr.front();
    t.partitions.push_back(reg);
    changed.push_back({spec.name, static_cast<int32_t>(p)});
  }
  TraceEvent e{.type = "topic.create"};
  e.add("topic", spec.name).add("partitions", static_cast<int64_t>(assignment.size()));
  e.add("replication_factor", static_cast<int64_t>(assignment.front().size()));
  emit(e);
  topics_.emplace(spec.name, std::move(t));
  for (const TopicPartition& tp : changed)
    trace_partition(tp, topics_.at(tp.topic).partitions[static_cast<size_t>(tp.partition)],
                    "created");
  propagate(changed);
  return topics_.at(spec.name).topic_id;
}

Status Controller::create_partitions(const std::string& topic, int32_t total_count) {
  auto it = topics_.find(topic);
  if (it == topics_.end())
    return Status(ErrorCode::UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + topic + "' does not exist.");
  TopicRegistration& t = it->second;
  int32_t current = static_cast<int32_t>(t.partitions.size());
  if (total_count <= current) {
    return Status(ErrorCode::INVALID_PARTITIONS,
                  "Topic currently has " + std::to_string(current) +
                      " partitions, which is higher than the requested " +
                      std::to_string(total_count) + ".");
  }
  PlacementRequest request = live_brokers_for_placement();
  request.partitions = total_count - current;
  request.replication_factor = static_cast<int32_t>(t.partitions.front().replicas.size());
  request.start_partition_id = current;
  auto placed = assign_replicas_to_brokers(request, placement_rng_);
  if (!placed) return placed.status();
  std::vector<TopicPartition> changed;
  for (auto& replicas : placed.value()) {
    PartitionRegistration reg{.replicas = replicas};
    for (BrokerId r : reg.replicas)
      if (acceptable(r)) reg.isr.push_back(r);
    if (!reg.isr.empty()) reg.leader = reg.isr.front();
    changed.push_back({topic, static_cast<int32_t>(t.partitions.size())});
    t.partitions.push_back(std::move(reg));
  }
  emit(TraceEvent{.type = "topic.partitions"}.add("topic", topic).add("partitions", total_count));
  propagate(changed);
  return Status::ok();
}

Status Controller::delete_topic(const std::string& topic) {
  if (!topics_.erase(topic))
    return Status(ErrorCode::UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + topic + "' does not exist.");
  emit(TraceEvent{.type = "topic.delete"}.add("topic", topic));
  send_update_metadata();
  return Status::ok();
}

Status Controller::alter_topic_configs(const std::string& topic, const ConfigMap& set,
                                       const std::vector<std::string>& remove) {
  auto it = topics_.find(topic);
  if (it == topics_.end())
    return Status(ErrorCode::UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + topic + "' does not exist.");
  for (const auto& [k, v] : set) it->second.configs[k] = v;
  for (const std::string& k : remove) it->second.configs.erase(k);
  emit(TraceEvent{.type = "topic.config"}.add("topic", topic));
  send_update_metadata();
  return Status::ok();
}

void Controller::on_message(Message& message) {
  if (auto* hb = std::get_if<BrokerHeartbeatRequest>(&message.body)) {
    on_broker_heartbeat(message, *hb);
  } else if (auto* ap = std::get_if<AlterPartitionRequest>(&message.body)) {
    on_alter_partition(message, *ap);
  } else if (auto* ids = std::get_if<AllocateProducerIdsRequest>(&message.body)) {
    on_allocate_producer_ids(message, *ids);
  }
}

void Controller::on_allocate_producer_ids(const Message& request,
                                          const AllocateProducerIdsRequest& r) {
  // ProducerIdControlManager.generateNextProducerId: consecutive blocks of
  // ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE (1000), checked against the broker's epoch.
  constexpr int32_t kBlockSize = 1000;
  auto it = brokers_.find(r.broker_id);
  if (it == brokers_.end() || it->second.epoch != r.broker_epoch) {
    return send_response(request,
                         AllocateProducerIdsResponse{.error = ErrorCode::STALE_BROKER_EPOCH});
  }
  AllocateProducerIdsResponse resp{.producer_id_start = next_producer_id_block_,
                                   .producer_id_len = kBlockSize};
  next_producer_id_block_ += kBlockSize;
  TraceEvent e{.type = "producer_ids.allocated"};
  e.add("broker", int64_t{r.broker_id}).add("start", resp.producer_id_start);
  e.add("length", int64_t{kBlockSize});
  emit(e);
  send_response(request, resp);
}

void Controller::on_broker_heartbeat(const Message& request, const BrokerHeartbeatRequest& r) {
  auto it = brokers_.find(r.broker_id);
  if (it == brokers_.end()) return;
  BrokerRegistration& b = it->second;
  b.last_heartbeat = now();
  if (r.broker_epoch != b.epoch) {
    // A new incarnation re-registers (KIP-903): its log may have lost unflushed data, so it
    // leaves every ISR and leadership before it is unfenced again.
    if (b.epoch >= 0 && !b.fenced) fence_broker(b, "re-registered with a new broker epoch");
    b.epoch = r.broker_epoch;
    b.shutting_down = false;
  }
  if (r.want_shut_down && !b.fenced) begin_controlled_shutdown(b);
  if (b.fenced && !r.want_shut_down) unfence_broker(b);
  send_response(request, BrokerHeartbeatResponse{.is_fenced = b.fenced,
                                                 .should_shut_down = b.shutting_down});
}

void Controller::begin_controlled_shutdown(BrokerRegistration& broker) {
  // ReplicationControlManager.handleBrokerInControlledShutdown: not acceptable as leader or ISR
  // member any more; its leaderships move now. Then it is fenced and told to shut down.
  broker.shutting_down = true;
  emit(TraceEvent{.type = "broker.controlled_shutdown"}.add("broker", int64_t{broker.id}));
  fence_broker(broker, "controlled shutdown");
}

void Controller::on_alter_partition(const Message& request, const AlterPartitionRequest& r) {
  AlterPartitionResponse resp{.tp = r.tp};
  auto it = topics_.find(r.tp.topic);
  if (it == topics_.end() || r.tp.partition >= static_cast<int32_t>(it->second.partitions.size())) {
    resp.error = ErrorCode::UNKNOWN_TOPIC_OR_PARTITION;
    return send_response(request, resp);
  }
  PartitionRegistration& p = it->second.partitions[static_cast<size_t>(r.tp.partition)];
  if (r.broker_id != p.leader || r.leader_epoch != p.leader_epoch) {
    resp.error = ErrorCode::FENCED_LEADER_EPOCH;
  } else if (r.partition_epoch != p.partition_epoch) {
    resp.error = ErrorCode::INVALID_REQUEST;  // Kafka: INVALID_UPDATE_VERSION
  } else {
    for (BrokerId id : r.new_isr)
      if (id != p.leader && !acceptable(id)) resp.error = ErrorCode::INELIGIBLE_REPLICA;
  }
  if (resp.error == ErrorCode::NONE) {
    std::string reason = r.new_isr.size() < p.isr.size() ? "isr shrink" : "isr expand";
    p.isr = r.new_isr;
    p.partition_epoch++;
    trace_partition(r.tp, p, reason);
    send_update_metadata();
  }
  resp.leader = p.leader;
  resp.leader_epoch = p.leader_epoch;
  resp.partition_epoch = p.partition_epoch;
  resp.isr = p.isr;
  send_response(request, resp);
}

void Controller::on_timer(uint16_t kind, uint64_t) {
  if (kind == kLivenessCheck) {
    for (auto& [id, b] : brokers_)
      if (!b.fenced && now() - b.last_heartbeat > config_.broker_session_timeout)
        fence_broker(b, "broker.session.timeout.ms expired");
    set_timer(kLivenessCheckInterval, kLivenessCheck);
  } else if (kind == kLeaderRebalance) {
    rebalance_imbalanced_leaders();
    set_timer(imbalance_check_interval(), kLeaderRebalance);
  }
}

void Controller::fence_broker(BrokerRegistration& broker, std::string_view reason) {
  broker.fenced = true;
  emit(TraceEvent{.type = "broker.fenced"}.add("broker", int64_t{broker.id})
           .add("reason", std::string(reason)));
  std::vector<TopicPartition> changed;
  for (auto& [name, t] : topics_) {
    for (size_t i = 0; i < t.partitions.size(); i++) {
      PartitionRegistration& p = t.partitions[i];
      TopicPartition tp{name, static_cast<int32_t>(i)};
      bool in_isr = contains(p.isr, broker.id);
      if (in_isr && p.isr.size() > 1) {  // without ELR the ISR is never emptied
        std::erase(p.isr, broker.id);
        p.partition_epoch++;
        if (p.leader != broker.id) trace_partition(tp, p, "isr shrink: " + std::string(reason));
      }
      if (p.leader == broker.id) elect_leader(name, static_cast<int32_t>(i), reason);
      if (in_isr || p.leader == broker.id) changed.push_back(tp);
    }
  }
  propagate(changed);
}

void Controller::unfence_broker(BrokerRegistration& broker) {
  broker.fenced = false;
  emit(TraceEvent{.type = "broker.unfenced"}.add("broker", int64_t{broker.id}));
  std::vector<TopicPartition> changed;
  for (auto& [name, t] : topics_) {
    for (size_t i = 0; i < t.partitions.size(); i++) {
      PartitionRegistration& p = t.partitions[i];
      if (!contains(p.replicas, broker.id)) continue;
      if (p.leader == kNoBroker) elect_leader(name, static_cast<int32_t>(i), "broker unfenced");
      changed.push_back({name, static_cast<int32_t>(i)});
    }
  }
  propagate(changed);
}

void Controller::elect_leader(const std::string& topic, int32_t partition,
                              std::string_view reason) {
  TopicRegistration& t = topics_.at(topic);
  PartitionRegistration& p = t.partitions[static_cast<size_t>(partition)];
  BrokerId chosen = kNoBroker;
  bool unclean = false;
  for (BrokerId r : p.replicas) {
    if (contains(p.isr, r) && acceptable(r)) {
      chosen = r;
      break;
    }
  }
  auto topic_unclean = t.configs.find("unclean.leader.election.enable");
  bool unclean_enabled = topic_unclean != t.configs.end()
                             ? topic_unclean->second == "true"
                             : config_.unclean_leader_election_enable;
  if (chosen == kNoBroker && unclean_enabled) {
    for (BrokerId r : p.replicas) {
      if (acceptable(r)) {
        chosen = r;
        unclean = true;
        break;
      }
    }
  }
  if (chosen == p.leader) return;
  p.leader = chosen;
  p.leader_epoch++;
  p.partition_epoch++;
  if (unclean) p.isr = {chosen};
  std::string why = std::string(reason) + (unclean ? ": unclean election" : "");
  if (chosen == kNoBroker) why += ": no live in-sync replica (partition offline)";
  trace_partition({topic, partition}, p, why);
}

bool Controller::elect_preferred_leader(const std::string& topic, int32_t partition) {
  // PartitionChangeBuilder with electPreferredLeader: replicas[0] if it is live and in the ISR.
  PartitionRegistration& p = topics_.at(topic).partitions[static_cast<size_t>(partition)];
  BrokerId preferred = p.replicas.front();
  if (p.leader == preferred || !acceptable(preferred) || !contains(p.isr, preferred)) return false;
  p.leader = preferred;
  p.leader_epoch++;
  p.partition_epoch++;
  trace_partition({topic, partition}, p, "preferred leader election");
  return true;
}

void Controller::elect_preferred_leaders() {
  std::vector<TopicPartition> changed;
  for (auto& [name, t] : topics_)
    for (int32_t i = 0; i < static_cast<int32_t>(t.partitions.size()); i++)
      if (elect_preferred_leader(name, i)) changed.push_back({name, i});
  if (!changed.empty()) propagate(changed);
}

void Controller::rebalance_imbalanced_leaders() {
  // KafkaController.checkAndTriggerAutoLeaderRebalance: per preferred broker, the share of its
  // partitions led by someone else; above leader.imbalance.per.broker.percentage, elect it
  // for those partitions.
  const int64_t percentage =
      config_int(config_.effective, "leader.imbalance.per.broker.percentage");
  std::map<BrokerId, std::vector<TopicPartition>> preferred, not_led;
  for (const auto& [name, t] : topics_) {
    for (int32_t i = 0; i < static_cast<int32_t>(t.partitions.size()); i++) {
      const PartitionRegistration& p = t.partitions[static_cast<size_t>(i)];
      preferred[p.replicas.front()].push_back({name, i});
      if (p.leader != p.replicas.front()) not_led[p.replicas.front()].push_back({name, i});
    }
  }
  std::vector<TopicPartition> changed;
  for (const auto& [broker, tps] : not_led) {
    int64_t ratio_pct = static_cast<int64_t>(tps.size()) * 100 /
                        static_cast<int64_t>(preferred[broker].size());
    if (ratio_pct <= percentage) continue;
    for (const TopicPartition& tp : tps)
      if (elect_preferred_leader(tp.topic, tp.partition)) changed.push_back(tp);
  }
  if (!changed.empty()) propagate(changed);
}

void Controller::trace_partition(const TopicPartition& tp, const PartitionRegistration& p,
                                 std::string_view reason) {
  TraceEvent e{.type = "partition.change"};
  e.add("topic", tp.topic).add("partition", int64_t{tp.partition});
  e.add("leader", int64_t{p.leader}).add("leader_epoch", int64_t{p.leader_epoch});
  e.add("isr", join_ids(p.isr)).add("reason", std::string(reason));
  emit(e);
}

UpdateMetadataRequest Controller::metadata_image() const {
  UpdateMetadataRequest m{.controller_epoch = controller_epoch_};
  for (const auto& [id, b] : brokers_) {
    if (b.fenced) continue;
    m.live_brokers.push_back({.node_id = id, .host = "broker-" + std::to_string(id),
                              .port = 9092, .rack = b.rack});
  }
  for (const auto& [name, t] : topics_) {
    TopicMetadata tm{.name = name};
    for (size_t i = 0; i < t.partitions.size(); i++) {
      const PartitionRegistration& p = t.partitions[i];
      PartitionMetadata pm{.partition = static_cast<int32_t>(i), .leader = p.leader,
                           .leader_epoch = p.leader_epoch, .replicas = p.replicas, .isr = p.isr};
      if (p.leader == kNoBroker) pm.error = ErrorCode::LEADER_NOT_AVAILABLE;
      for (BrokerId r : p.replicas)
        if (!acceptable(r)) pm.offline_replicas.push_back(r);
      tm.partitions.push_back(std::move(pm));
    }
    m.topics.push_back(std::move(tm));
    if (!t.configs.empty()) m.topic_configs[name] = t.configs;
  }
  return m;
}

void Controller::send_update_metadata() {
  UpdateMetadataRequest image = metadata_image();
  for (const auto& [id, b] : brokers_)
    if (!b.fenced) send_request(b.node, image);
}

void Controller::propagate(const std::vector<TopicPartition>& changed) {
  // Metadata first: a broker then knows a new topic's configs before it creates its log (each
  // link is FIFO).
  send_update_metadata();
  std::map<BrokerId, LeaderAndIsrRequest> per_broker;
  for (const TopicPartition& tp : changed) {
    auto it = topics_.find(tp.topic);
    if (it == topics_.end()) continue;
    const PartitionRegistration& p = it->second.partitions[static_cast<size_t>(tp.partition)];
    for (BrokerId r : p.replicas) {
      if (brokers_.at(r).fenced) continue;
      per_broker[r].controller_epoch = controller_epoch_;
      per_broker[r].partitions.push_back({.tp = tp, .leader = p.leader,
                                          .leader_epoch = p.leader_epoch,
                                          .partition_epoch = p.partition_epoch,
                                          .replicas = p.replicas, .isr = p.isr});
    }
  }
  for (auto& [id, request] : per_broker) send_request(brokers_.at(id).node, std::move(request));
}

}  // namespace ksim
