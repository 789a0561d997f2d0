// Broker: construction, request dispatch, controller heartbeats, metadata cache, role changes,
// crash and restart. See broker.h for the [SECTION] index of the other files.
#include "sim/broker/broker_internal.h"

#include <algorithm>
#include <type_traits>

#include "ksim/group/coordinator_partition.h"
#include "ksim/types/assert.h"

namespace ksim {

Broker::Broker(Kernel& kernel, BrokerId id, const BrokerConfig& config, NodeId controller,
               std::string rack)
    : Node(kernel, "broker-" + std::to_string(id)),
      broker_id_(id),
      config_(config),
      controller_(controller),
      rack_(std::move(rack)) {
  on_restart();
}

Broker::~Broker() = default;

const Partition* Broker::partition(const TopicPartition& tp) const { return find_partition(tp); }

Partition* Broker::find_partition_slow(const TopicPartition& tp) const {
  // With the few topics of a scenario, a scan with the cheap compare beats the map's ordered
  // string compares.
  constexpr size_t kScanTopics = 8;
  auto it = partition_index_.begin();
  if (partition_index_.size() <= kScanTopics) {
    while (it != partition_index_.end() && !same_name(it->first, tp.topic)) ++it;
  } else {
    it = partition_index_.find(tp.topic);
  }
  if (it == partition_index_.end()) return nullptr;
  index_memo_ = it;
  return find_partition(tp);
}

int32_t Broker::offsets_partition_for(const std::string& group_id) const {
  return group::coordinator_partition_for(group_id, config_.offsets_topic_num_partitions);
}

NodeId Broker::broker_node(BrokerId id) const {
  auto it = broker_nodes_.find(id);
  return it == broker_nodes_.end() ? -1 : it->second;
}

void Broker::on_restart() {
  // A broker (re)starts with its logs, an empty metadata cache and no roles, then registers
  // with the controller by heartbeating (KRaft: BrokerLifecycleManager).
  group::GroupCoordinatorConfig gc;
  gc.group_min_session_timeout_ms =
      static_cast<int32_t>(config_int(config_.effective, "group.min.session.timeout.ms"));
  gc.group_max_session_timeout_ms =
      static_cast<int32_t>(config_int(config_.effective, "group.max.session.timeout.ms"));
  gc.group_initial_rebalance_delay_ms =
      static_cast<int32_t>(config_int(config_.effective, "group.initial.rebalance.delay.ms"));
  gc.group_max_size = static_cast<int32_t>(config_int(config_.effective, "group.max.size"));
  gc.offsets_topic_num_partitions = config_.offsets_topic_num_partitions;
  // The UUID stream survives restarts: a restarted broker must not hand out the member ids it
  // gave before (they may live on in a group it loads from __consumer_offsets).
  if (!group_uuid_rng_) group_uuid_rng_ = std::make_shared<Rng>(kernel().stream("uuid:" + name()));
  groups_ = std::make_unique<group::GroupCoordinator>(
      gc, [rng = group_uuid_rng_] { return rng->uuid(); });
  // A new registration epoch: the controller takes the broker out of every ISR before it
  // serves again, since its log may have lost unflushed data (KIP-903).
  registration_epoch_++;
  shutting_down_ = false;
  send_controller_heartbeat();
  set_timer(config_.replica_lag_time_max / 2, kIsrExpiration);
  set_timer(from_ms(config_int(config_.effective, "log.retention.check.interval.ms")),
            kRetentionCheck);
  set_timer(from_ms(config_int(config_.effective, "producer.id.expiration.check.interval.ms")),
            kProducerIdExpiration);
}

void Broker::send_controller_heartbeat() {
  send_request(controller_, BrokerHeartbeatRequest{.broker_id = broker_id_,
                                                   .broker_epoch = registration_epoch_,
                                                   .want_shut_down = shutting_down_});
  set_timer(config_.broker_heartbeat_interval, kControllerHeartbeat);
}

void Broker::begin_controlled_shutdown() {
  if (!is_up() || shutting_down_) return;
  shutting_down_ = true;
  emit(TraceEvent{.type = "broker.shutdown_requested"}.add("broker", int64_t{broker_id_}));
  send_request(controller_, BrokerHeartbeatRequest{.broker_id = broker_id_,
                                                   .broker_epoch = registration_epoch_,
                                                   .want_shut_down = true});
}

void Broker::lose_unflushed_data() {
  for (auto& [tp, p] : partitions_) {
    Offset before = p.log().log_end_offset();
    if (p.mutable_log().truncate_unflushed() > 0) trace_truncate(p, before, "crash: unflushed");
  }
}

void Broker::trace_truncate(const Partition& p, Offset from, std::string_view reason) {
  TraceEvent e{.type = "replica.truncate"};
  e.add("broker", int64_t{broker_id_}).add("topic", p.tp().topic);
  e.add("partition", int64_t{p.tp().partition}).add("from", from);
  e.add("to", p.log().log_end_offset()).add("reason", std::string(reason));
  emit(e);
}

void Broker::on_crash() {
  // In-memory state is gone; logs stay (on disk). Unflushed data loss is modelled when asked.
  if (lose_unflushed_on_crash_) lose_unflushed_data();
  lose_unflushed_on_crash_ = false;
  for (auto& [tp, p] : partitions_) {
    p.reset_role();
    (void)tp;
  }
  delayed_produces_.clear();
  delayed_fetches_.clear();
  fetch_watchers_.clear();
  fetchers_.clear();
  pending_alters_.clear();
  group_requests_.clear();
  group_timers_.clear();
  group_timer_latest_.clear();
  held_group_responses_.clear();  // the coordinator's memory is gone; on_restart rebuilds it
  producer_ids_.reset();           // the unused ids of a block are never handed out again
  next_producer_ids_.reset();
  producer_ids_in_flight_ = false;
  metadata_ = {};
  log_configs_.clear();
}

void Broker::on_message(Message& message) {
  std::visit(
      [&](auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, MetadataRequest> ||
                      std::is_same_v<T, LeaderAndIsrRequest> ||
                      std::is_same_v<T, UpdateMetadataRequest> ||
                      std::is_same_v<T, ProduceRequest> || std::is_same_v<T, FetchRequest> ||
                      std::is_same_v<T, ListOffsetsRequest> || std::is_same_v<T, FetchResponse> ||
                      std::is_same_v<T, AlterPartitionResponse> ||
                      std::is_same_v<T, BrokerHeartbeatResponse> ||
                      std::is_same_v<T, InitProducerIdRequest> ||
                      std::is_same_v<T, AllocateProducerIdsResponse>) {
          handle(message, body);
        } else {
          handle_group_message(message);
        }
      },
      message.body);
}

void Broker::on_timer(uint16_t kind, uint64_t arg) {
  switch (kind) {
    case kControllerHeartbeat:
      send_controller_heartbeat();
      break;
    case kAlterPartitionTimeout:
      expire_alter_partition(static_cast<int32_t>(arg));
      break;
    case kDelayedProduceExpiry:
      expire_produce(arg);
      break;
    case kDelayedFetchExpiry: {
      auto it = delayed_fetches_.find(arg);
      if (it != delayed_fetches_.end()) try_complete_fetch(*it->second, true);
      break;
    }
    case kFetcherBackoff: {
      auto it = fetchers_.find(static_cast<BrokerId>(arg));
      if (it != fetchers_.end()) {
        it->second->backing_off = false;
        send_replica_fetch(it->first);
      }
      break;
    }
    case kIsrExpiration:
      check_isr_expiration();
      set_timer(config_.replica_lag_time_max / 2, kIsrExpiration);
      break;
    case kRetentionCheck:
      for (auto& [tp, p] : partitions_) p.mutable_log().delete_old_segments(now() / kMillisecond);
      set_timer(from_ms(config_int(config_.effective, "log.retention.check.interval.ms")),
                kRetentionCheck);
      break;
    case kGroupTimer: {
      auto it = group_timers_.find(arg);
      if (it == group_timers_.end()) break;
      group::TimerKey key = it->second;
      group_timers_.erase(it);
      auto latest = group_timer_latest_.find(key);
      if (latest == group_timer_latest_.end() || latest->second != arg) break;  // replaced
      group_timer_latest_.erase(latest);
      apply_group_effects(groups_->on_timer(key, now()), offsets_partition_for(key.group_id));
      break;
    }
    case kProducerIdExpiration:
      expire_producers();
      break;
    case kProducerIdBlockRetry:
      on_producer_id_block_timer(arg);
      break;
    case kFetchRequestTimeout:
      expire_replica_fetch(arg);
      break;
    default:
      KSIM_ASSERT_MSG(false, "unknown broker timer");
  }
}

void Broker::handle(Message&, BrokerHeartbeatResponse& r) {
  if (!shutting_down_ || !r.should_shut_down) return;
  // The controller has moved our leaderships away: stop, keeping the logs (a clean shutdown
  // flushes them, so nothing is lost).
  for (auto& [tp, p] : partitions_) p.mutable_log().flush(now() / kMillisecond);
  emit(TraceEvent{.type = "broker.shutdown"}.add("broker", int64_t{broker_id_}));
  crash();
}

void Broker::handle(Message& m, MetadataRequest& r) {
  MetadataResponse resp{.brokers = metadata_.live_brokers};
  resp.controller_id = -1;  // KRaft: clients never talk to the controller
  for (const TopicMetadata& t : metadata_.topics) {
    if (!r.topics.empty() && std::find(r.topics.begin(), r.topics.end(), t.name) == r.topics.end())
      continue;
    resp.topics.push_back(t);
  }
  for (const std::string& name : r.topics) {
    bool known = std::any_of(metadata_.topics.begin(), metadata_.topics.end(),
                             [&](const TopicMetadata& t) { return t.name == name; });
    if (!known)
      resp.topics.push_back({.name = name, .error = ErrorCode::UNKNOWN_TOPIC_OR_PARTITION});
  }
  send_response(m, std::move(resp));
}

void Broker::handle(Message&, UpdateMetadataRequest& r) {
  metadata_ = std::move(r);
  log_configs_.clear();
  broker_nodes_.clear();
  for (const BrokerEndpoint& b : metadata_.live_brokers) {
    // Broker node ids are looked up by name: "broker-<id>" (see Cluster, which names them).
    for (NodeId n = 0; n < kernel().network.node_count(); n++)
      if (kernel().network.node_name(n) == b.host) broker_nodes_[b.node_id] = n;
  }
  remove_deleted_topics();
  // Topic configs may have changed (alter configs): apply to our logs.
  for (auto& [tp, p] : partitions_) {
    Status s = p.mutable_log().set_config(topic_log_config(tp.topic));
    (void)s;
  }
  update_fetchers();
}

bool Broker::topic_in_metadata(const std::string& topic) const {
  for (const TopicMetadata& t : metadata_.topics)
    if (t.name == topic) return true;
  return false;
}

void Broker::remove_deleted_topics() {
  // A topic gone from the metadata was deleted (DeleteTopics): its replicas and logs go, and
  // requests for it get UNKNOWN_TOPIC_OR_PARTITION (ReplicaManager.stopReplicas).
  std::vector<TopicPartition> gone;
  for (const auto& [tp, p] : partitions_)
    if (!topic_in_metadata(tp.topic)) gone.push_back(tp);
  for (const TopicPartition& tp : gone) {
    partition_index_.erase(tp.topic);
    index_memo_ = partition_index_.end();
    partitions_.erase(tp);
    TraceEvent e{.type = "replica.deleted"};
    e.add("broker", int64_t{broker_id_}).add("topic", tp.topic);
    e.add("partition", int64_t{tp.partition});
    emit(e);
  }
  if (!gone.empty()) {  // waiting requests on those partitions answer now
    try_complete_produces();
    try_complete_fetches();
  }
}

void Broker::handle(Message&, LeaderAndIsrRequest& r) {
  for (const LeaderAndIsrPartition& lp : r.partitions) {
    Partition& p = ensure_partition(lp.tp);
    ReplicaRole before = p.role();
    if (!p.apply_leader_and_isr(lp, broker_id_, now())) continue;
    TraceEvent e{.type = "replica.role"};
    e.add("broker", int64_t{broker_id_}).add("topic", lp.tp.topic);
    e.add("partition", int64_t{lp.tp.partition});
    e.add("role", p.role() == ReplicaRole::Leader ? "leader" : "follower");
    e.add("leader_epoch", int64_t{lp.leader_epoch});
    e.add("log_end_offset", p.log().log_end_offset());
    emit(e);
    if (p.role() == ReplicaRole::Leader) p.maybe_increment_high_watermark(now());
    // Leading an offsets partition makes us its groups' coordinator: load them from the log.
    if (lp.tp.topic == "__consumer_offsets" && before != p.role()) {
      if (before == ReplicaRole::Leader) unload_group_partition(lp.tp.partition);
      if (p.role() == ReplicaRole::Leader) load_group_partition(lp.tp.partition);
    }
  }
  update_fetchers();
  try_complete_produces();
  try_complete_fetches();
}

const LogConfig& Broker::topic_log_config(const std::string& topic) const {
  // Resolving a config map is costly (thousands of instructions) and every metadata update
  // applies it to every partition: once per topic until the metadata changes.
  auto cached = log_configs_.find(topic);
  if (cached != log_configs_.end()) return cached->second;
  // Broker log.* defaults, then the topic's overrides from the metadata the controller holds.
  std::map<std::string, std::string> props;
  props["segment.bytes"] = config_string(config_.effective, "log.segment.bytes");
  props["retention.ms"] = config_string(config_.effective, "log.retention.ms");
  props["retention.bytes"] = config_string(config_.effective, "log.retention.bytes");
  props["cleanup.policy"] = config_string(config_.effective, "log.cleanup.policy");
  props["max.message.bytes"] = config_string(config_.effective, "message.max.bytes");
  props["min.insync.replicas"] = config_string(config_.effective, "min.insync.replicas");
  props["unclean.leader.election.enable"] =
      config_string(config_.effective, "unclean.leader.election.enable");
  auto it = metadata_.topic_configs.find(topic);
  if (it != metadata_.topic_configs.end())
    for (const auto& [k, v] : it->second) props[k] = v;
  auto config = LogConfig::from(props);
  KSIM_ASSERT_MSG(config.is_ok(), "topic configs are validated before they reach a broker");
  return log_configs_.emplace(topic, std::move(config).value()).first->second;
}

Partition& Broker::ensure_partition(const TopicPartition& tp) {
  auto it = partitions_.find(tp);
  if (it != partitions_.end()) return it->second;
  const LogConfig& lc = topic_log_config(tp.topic);
  Partition& p = partitions_.emplace(tp, Partition(tp, lc, now() / kMillisecond)).first->second;
  std::vector<Partition*>& index = partition_index_[tp.topic];  // map nodes never move
  if (index.size() <= static_cast<size_t>(tp.partition))
    index.resize(static_cast<size_t>(tp.partition) + 1, nullptr);
  index[static_cast<size_t>(tp.partition)] = &p;
  p.set_settings({.min_insync_replicas = lc.min_insync_replicas,
                  .replica_lag_time_max = config_.replica_lag_time_max});
  return p;
}

void Broker::trace_hw(const Partition& p) {
  TraceEvent e{.type = "partition.hw"};
  e.add("broker", int64_t{broker_id_}).add("topic", p.tp().topic);
  e.add("partition", int64_t{p.tp().partition}).add("high_watermark", p.log().high_watermark());
  emit(e);
}

}  // namespace ksim
