// Lua bindings that build and act on the cluster: cluster{}, topics, clients, commands.
// Sugar (objects, methods, defaults) lives in prelude.lua; these are the plain C entry points.
#include <algorithm>

#include "ksim/check/history.h"
#include "ksim/check/invariants.h"
#include "ksim/script/lua_check.h"
#include "sim/script/lua_values.h"
#include "sim/script/scenario_impl.h"

namespace ksim::script {
namespace {

template <typename T>
T value_or_raise(lua_State* L, Result<T> r) {
  if (!r.is_ok()) raise_at_script(L, r.status().to_string());
  return std::move(r).value();
}

LinkConfig link_from(lua_State* L, int idx) {
  LinkConfig link;
  if (lua_isnoneornil(L, idx)) return link;
  check_table_fields(L, idx, {"latency", "jitter", "bandwidth", "loss"}, "network");
  lua_getfield(L, idx, "latency");
  link.latency = opt_duration(L, -1, link.latency);
  lua_getfield(L, idx, "jitter");
  link.jitter = opt_duration(L, -1, link.jitter);
  lua_getfield(L, idx, "bandwidth");
  link.bandwidth_bytes_per_sec = luaL_optinteger(L, -1, link.bandwidth_bytes_per_sec);
  lua_getfield(L, idx, "loss");
  link.loss = luaL_optnumber(L, -1, 0.0);
  lua_pop(L, 4);
  if (link.loss < 0 || link.loss > 1) raise_at_script(L, "network.loss must be in [0, 1]");
  return link;
}

// cluster{ brokers = 3, racks = {...}, config = {...}, network = {...} }
int w_cluster(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  if (impl.cluster()) raise_at_script(L, "cluster{} may be called only once per scenario");
  luaL_checktype(L, 1, LUA_TTABLE);
  check_table_fields(L, 1, {"brokers", "racks", "config", "network"}, "cluster");
  ClusterSpec spec{.seed = impl.seed(), .trace_sink = impl.options().trace_sink};
  lua_getfield(L, 1, "brokers");
  spec.brokers = static_cast<int32_t>(luaL_optinteger(L, -1, 3));
  lua_getfield(L, 1, "racks");
  if (!lua_isnil(L, -1)) spec.racks = string_list(L, lua_gettop(L), "racks");
  lua_getfield(L, 1, "config");
  std::vector<std::string> plain;
  spec.broker_config = kafka_keys(L, lua_gettop(L), &plain);
  if (!plain.empty()) {
    raise_at_script(L, "cluster{ config }: '" + plain.front() + "' is not a Kafka broker config "
                       "(those are dotted names such as min.insync.replicas)");
  }
  lua_getfield(L, 1, "network");
  spec.link = link_from(L, lua_gettop(L));
  lua_pop(L, 4);
  impl.set_cluster(value_or_raise(L, Cluster::create(spec)));
  impl.seed_fixed = true;
  impl.attach(*impl.cluster());
  // Replication invariants on every run: a violation ends the run with it as the error.
  install_invariant_checker(*impl.cluster(), [&impl](const InvariantViolation& v) {
    impl.fail({.file = impl.options().path, .message = v.to_string()});
  });
  impl.set_history(install_history(*impl.cluster()));  // for the delivery checker
  return 0;
}

// topic(name, partitions, replication_factor, configs)
int w_topic(lua_State* L) {
  Cluster& c = cluster_of(L);
  TopicSpec spec{.name = luaL_checkstring(L, 1)};
  spec.partitions = static_cast<int32_t>(
      luaL_optinteger(L, 2, c.broker_config().num_partitions));
  spec.replication_factor = static_cast<int32_t>(
      luaL_optinteger(L, 3, c.broker_config().default_replication_factor));
  std::vector<std::string> plain;
  spec.configs = kafka_keys(L, 4, &plain);
  if (!plain.empty()) {
    raise_at_script(L, "topic '" + spec.name + "': '" + plain.front() + "' is not a Kafka topic "
                       "config (those are dotted names such as retention.ms)");
  }
  value_or_raise(L, c.create_topic(spec));
  return 0;
}

int w_add_partitions(lua_State* L) {
  Cluster& c = cluster_of(L);
  Status s = c.controller().create_partitions(luaL_checkstring(L, 1),
                                              static_cast<int32_t>(luaL_checkinteger(L, 2)));
  if (!s.is_ok()) raise_at_script(L, s.to_string());
  return 0;
}

// producer(name, settings)
int w_producer(lua_State* L) {
  Cluster& c = cluster_of(L);
  std::vector<std::string> plain;
  ConfigMap config = kafka_keys(L, 2, &plain);
  if (!plain.empty()) {
    static constexpr std::string_view kAllowed[] = {"acks"};
    for (const std::string& k : plain) {
      if (k != "acks") raise_at_script(L, unknown_key_message(k, kAllowed, "producer"));
      lua_getfield(L, 2, "acks");
      config["acks"] = config_value_string(L, lua_gettop(L));
      lua_pop(L, 1);
    }
  }
  value_or_raise(L, c.add_producer(luaL_checkstring(L, 1), config));
  return 0;
}

CommitStrategy commit_strategy(lua_State* L, int idx) {
  if (lua_isnil(L, idx)) return CommitStrategy::Auto;
  int i = check_enum(L, idx, "commit",
                     {"auto", "sync-after-processing", "sync-before-processing", "none"});
  return static_cast<CommitStrategy>(i);
}

// consumer(name, settings): Kafka keys plus topics, processing, processing_per_poll,
// poll_timeout, commit.
int w_consumer(lua_State* L) {
  Cluster& c = cluster_of(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  std::vector<std::string> plain;
  ConfigMap config = kafka_keys(L, 2, &plain);
  static constexpr std::string_view kAllowed[] = {"topics", "processing", "processing_per_poll",
                                                  "poll_timeout", "commit"};
  for (const std::string& k : plain)
    if (std::find(std::begin(kAllowed), std::end(kAllowed), k) == std::end(kAllowed))
      raise_at_script(L, unknown_key_message(k, kAllowed, "consumer"));
  ConsumerOptions o;
  lua_getfield(L, 2, "topics");
  if (!lua_isnil(L, -1)) o.topics = string_list(L, lua_gettop(L), "topics");
  lua_getfield(L, 2, "processing");
  o.processing_per_record = opt_duration(L, -1, 0);
  lua_getfield(L, 2, "processing_per_poll");
  o.processing_per_poll = opt_duration(L, -1, 0);
  lua_getfield(L, 2, "poll_timeout");
  o.poll_timeout = opt_duration(L, -1, o.poll_timeout);
  lua_getfield(L, 2, "commit");
  o.commit = commit_strategy(L, lua_gettop(L));
  lua_pop(L, 5);
  if (o.commit != CommitStrategy::Auto) config.try_emplace("enable.auto.commit", "false");
  value_or_raise(L, c.add_consumer(luaL_checkstring(L, 1), config, o));
  return 0;
}

// console_consumer(name, topic, from_beginning) -> group id
int w_console_consumer(lua_State* L) {
  Cluster& c = cluster_of(L);
  Consumer* consumer = value_or_raise(L, c.add_console_consumer(
      luaL_checkstring(L, 1), luaL_checkstring(L, 2), lua_toboolean(L, 3)));
  lua_pushstring(L, consumer->config().group_id.c_str());
  return 1;
}

// producer_metrics(name) -> KafkaProducer-like metrics (ProducerMetrics)
int w_producer_metrics(lua_State* L) {
  Cluster& c = cluster_of(L);
  Producer* p = c.producer(luaL_checkstring(L, 1));
  if (p == nullptr) raise_at_script(L, std::string("no producer named ") + lua_tostring(L, 1));
  ProducerMetrics m = p->metrics();
  lua_newtable(L);
  set_field(L, "sent", m.sent);
  set_field(L, "acked", m.acked);
  set_field(L, "failed", m.failed);
  set_field(L, "unknown", m.unknown);
  set_field(L, "retries", m.retries);
  set_field(L, "errors", m.errors);
  set_field(L, "requests", m.requests);
  set_field(L, "batches", m.batches);
  lua_pushnumber(L, m.record_send_rate);
  lua_setfield(L, -2, "record_send_rate");
  lua_pushnumber(L, m.batch_size_avg);
  lua_setfield(L, -2, "batch_size_avg");
  lua_pushnumber(L, static_cast<double>(m.request_latency_p50) / kMillisecond);
  lua_setfield(L, -2, "request_latency_p50_ms");
  lua_pushnumber(L, static_cast<double>(m.request_latency_p99) / kMillisecond);
  lua_setfield(L, -2, "request_latency_p99_ms");
  lua_pushnumber(L, static_cast<double>(m.record_queue_time_avg) / kMillisecond);
  lua_setfield(L, -2, "record_queue_time_avg_ms");
  set_field(L, "buffer_bytes_used", m.buffer_bytes_used);
  return 1;
}

// produce(name, {topic, key, key_count, value_bytes, partition}, every_us, count, mode)
// mode: "fire-and-forget" (default) or "sync"; without every_us, sends one record and returns
// its id (mode "notify" traces its completion as producer.record).
int w_produce(lua_State* L) {
  Cluster& c = cluster_of(L);
  Producer* p = c.producer(luaL_checkstring(L, 1));
  if (p == nullptr) raise_at_script(L, std::string("no producer named ") + lua_tostring(L, 1));
  luaL_checktype(L, 2, LUA_TTABLE);
  check_table_fields(L, 2, {"topic", "key", "key_count", "value_bytes", "partition", "payloads"},
                     "record");
  ProduceSpec spec;
  lua_getfield(L, 2, "topic");
  spec.topic = luaL_checkstring(L, -1);
  lua_getfield(L, 2, "key");
  if (!lua_isnil(L, -1)) spec.key = luaL_checkstring(L, -1);
  lua_getfield(L, 2, "key_count");
  spec.key_count = static_cast<int32_t>(luaL_optinteger(L, -1, 0));
  lua_getfield(L, 2, "value_bytes");
  spec.value_bytes = static_cast<int32_t>(luaL_optinteger(L, -1, 0));
  lua_getfield(L, 2, "partition");
  if (!lua_isnil(L, -1)) spec.partition = static_cast<int32_t>(luaL_checkinteger(L, -1));
  lua_getfield(L, 2, "payloads");
  if (!lua_isnil(L, -1)) spec.payloads = lua_toboolean(L, -1) != 0;
  lua_pop(L, 6);
  if (c.controller().topic(spec.topic) == nullptr)
    raise_at_script(L, "unknown topic '" + spec.topic + "'");
  if (lua_isnoneornil(L, 3)) {
    bool notify = !lua_isnoneornil(L, 5) && std::string(luaL_checkstring(L, 5)) == "notify";
    lua_pushinteger(L, p->send(spec, notify));
    return 1;
  }
  Duration every = check_duration(L, 3);
  if (every <= 0) raise_at_script(L, "produce_every needs an interval above 0");
  SendMode mode = SendMode::FireAndForget;
  if (!lua_isnoneornil(L, 5))
    mode = check_enum(L, 5, "send mode", {"fire-and-forget", "sync"}) == 1 ? SendMode::Sync
                                                                          : SendMode::FireAndForget;
  p->produce_every(every, spec, luaL_optinteger(L, 4, -1), mode);
  return 0;
}

CommandKind command_kind(lua_State* L, int idx) {
  static constexpr std::string_view kNames[] = {
      "broker.crash", "broker.restart", "broker.isolate", "consumer.crash", "consumer.close",
      "consumer.stall_poll", "consumer.restart", "producer.start", "producer.stop", "node.pause",
      "network.partition", "network.heal", "broker.shutdown", "network.cut", "network.delay",
      "network.loss", "producer.crash", "producer.restart", "network.drop"};
  return static_cast<CommandKind>(check_enum(L, idx, "command", kNames));
}

// apply{ kind = "...", target = "...", duration = us, topic = ..., side_a = {...}, side_b = {...},
//        lose_unflushed = bool, loss = p, message_id = id, host = bool }
int w_apply(lua_State* L) {
  Cluster& c = cluster_of(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  Command cmd;
  lua_getfield(L, 1, "kind");
  cmd.kind = command_kind(L, lua_gettop(L));
  lua_getfield(L, 1, "target");
  if (!lua_isnil(L, -1)) cmd.target = luaL_checkstring(L, -1);
  lua_getfield(L, 1, "duration");
  cmd.duration = opt_duration(L, -1, 0);
  lua_getfield(L, 1, "topic");
  if (!lua_isnil(L, -1)) cmd.topic = luaL_checkstring(L, -1);
  lua_getfield(L, 1, "side_a");
  if (!lua_isnil(L, -1)) cmd.side_a = string_list(L, lua_gettop(L), "side_a");
  lua_getfield(L, 1, "side_b");
  if (!lua_isnil(L, -1)) cmd.side_b = string_list(L, lua_gettop(L), "side_b");
  lua_getfield(L, 1, "lose_unflushed");
  cmd.lose_unflushed = lua_toboolean(L, -1);
  lua_getfield(L, 1, "loss");
  cmd.loss = luaL_optnumber(L, -1, 0.0);
  lua_getfield(L, 1, "message_id");  // checked positive by network.drop in the prelude
  cmd.message_id = static_cast<uint64_t>(lua_tointeger(L, -1));
  lua_getfield(L, 1, "host");
  cmd.host_down = lua_toboolean(L, -1);
  lua_pop(L, 10);
  Status s = c.apply(cmd);
  if (!s.is_ok()) raise_at_script(L, s.message());
  return 0;
}

// node_kind(name) -> "broker" | "controller" | "producer" | "consumer" | nil
int w_node_kind(lua_State* L) {
  Cluster& c = cluster_of(L);
  std::string name = luaL_checkstring(L, 1);
  Node* n = c.node_by_name(name);
  if (n == nullptr) return 0;
  const char* kind = dynamic_cast<Broker*>(n)     ? "broker"
                     : dynamic_cast<Producer*>(n) ? "producer"
                     : dynamic_cast<Consumer*>(n) ? "consumer"
                                                  : "controller";
  lua_pushstring(L, kind);
  return 1;
}

}  // namespace

void register_cluster_bindings(lua_State* L) {
  static const luaL_Reg kFunctions[] = {
      {"cluster", protect<w_cluster>},
      {"topic", protect<w_topic>},
      {"add_partitions", protect<w_add_partitions>},
      {"producer", protect<w_producer>},
      {"consumer", protect<w_consumer>},
      {"console_consumer", protect<w_console_consumer>},
      {"produce", protect<w_produce>},
      {"producer_metrics", protect<w_producer_metrics>},
      {"apply", protect<w_apply>},
      {"node_kind", protect<w_node_kind>},
      {nullptr, nullptr}};
  luaL_setfuncs(L, kFunctions, 0);
}

}  // namespace ksim::script
