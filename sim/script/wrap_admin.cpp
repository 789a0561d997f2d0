// Lua bindings for topic administration: alter and delete topic configs, delete a topic, read a
// topic's registration, the default partitioner's key mapping, and the per-record views that
// show where keys went (produced / consumed records with their keys). The Admin client's
// incrementalAlterConfigs (SET/DELETE) and deleteTopics, applied by the controller as
// kafka-configs.sh --alter and kafka-topics.sh --delete would have it. Sugar: prelude.lua's
// "Topic administration" section.
#include "ksim/client/partitioner.h"
#include "ksim/log/log_config.h"
#include "ksim/script/lua_check.h"
#include "sim/script/lua_values.h"
#include "sim/script/scenario_impl.h"

namespace ksim::script {
namespace {

const TopicRegistration& check_topic(lua_State* L, Cluster& c, int idx) {
  std::string name = luaL_checkstring(L, idx);
  const TopicRegistration* t = c.controller().topic(name);
  if (t == nullptr) {
    raise_at_script(L, Status(ErrorCode::UNKNOWN_TOPIC_OR_PARTITION,
                              "Topic '" + name + "' does not exist.").to_string());
  }
  return *t;
}

// { ["retention.ms"] = 60000, ... } -> name -> value as Kafka's parser would read it.
ConfigMap config_table(lua_State* L, int idx) {
  ConfigMap out;
  if (lua_isnoneornil(L, idx)) return out;
  if (!lua_istable(L, idx)) raise_at_script(L, "alter_topic: 'set' must be a table of configs");
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING) raise_at_script(L, "config names must be strings");
    out[lua_tostring(L, -2)] = config_value_string(L, lua_gettop(L));
    lua_pop(L, 1);
  }
  return out;
}

// The topic's overrides after the change, validated as LogConfig validates a topic's configs.
// Deleting an unknown name is refused like setting one (ControllerConfigurationValidator).
Status validate_alter(const TopicRegistration& t, const ConfigMap& set,
                      const std::vector<std::string>& remove) {
  ConfigMap next = t.configs;
  for (const auto& [key, value] : set) next[key] = value;
  for (const std::string& key : remove) {
    if (set.count(key)) {
      return Status(ErrorCode::INVALID_REQUEST,
                    "Error due to duplicate config keys: " + key + " is both set and deleted");
    }
    bool known = false;
    for (const ConfigField& f : log_config_fields()) known = known || f.name == key;
    if (!known) {
      auto unknown = LogConfig::from({{key, ""}}, t.name);  // its message has a did-you-mean
      if (!unknown.is_ok()) return unknown.status();
    }
    next.erase(key);
  }
  auto checked = LogConfig::from(next, t.name);
  return checked.is_ok() ? Status::ok() : checked.status();
}

// alter_topic(name, set, delete): incrementalAlterConfigs with SET and DELETE operations.
int w_alter_topic(lua_State* L) {
  Cluster& c = cluster_of(L);
  const TopicRegistration& t = check_topic(L, c, 1);
  ConfigMap set = config_table(L, 2);
  std::vector<std::string> remove;
  if (!lua_isnoneornil(L, 3)) remove = string_list(L, 3, "delete");
  Status s = validate_alter(t, set, remove);
  if (s.is_ok()) s = c.controller().alter_topic_configs(t.name, set, remove);
  if (!s.is_ok()) raise_at_script(L, s.to_string());
  return 0;
}

// delete_topic(name): DeleteTopics. The internal offsets topic is refused.
int w_delete_topic(lua_State* L) {
  Cluster& c = cluster_of(L);
  const TopicRegistration& t = check_topic(L, c, 1);
  if (t.internal) {
    raise_at_script(L, "delete_topic: '" + t.name + "' is internal; ksim does not model " +
                           "deleting it (the group coordinators live on it)");
  }
  Status s = c.controller().delete_topic(t.name);
  if (!s.is_ok()) raise_at_script(L, s.to_string());
  return 0;
}

// topic_info(name) -> { name, topic_id, partitions, replication_factor, internal,
//                       configs = { overrides } } or nil when the topic does not exist.
int w_topic_info(lua_State* L) {
  Cluster& c = cluster_of(L);
  const TopicRegistration* t = c.controller().topic(luaL_checkstring(L, 1));
  if (t == nullptr) return 0;
  lua_newtable(L);
  set_field(L, "name", t->name);
  set_field(L, "topic_id", t->topic_id);
  set_field(L, "partitions", static_cast<int64_t>(t->partitions.size()));
  set_field(L, "replication_factor",
            static_cast<int64_t>(t->partitions.empty() ? 0
                                                       : t->partitions.front().replicas.size()));
  set_field_bool(L, "internal", t->internal);
  lua_newtable(L);
  for (const auto& [key, value] : t->configs) set_field(L, key.c_str(), value);
  lua_setfield(L, -2, "configs");
  return 1;
}

// partition_for_key(key, partitions) -> the default partitioner's choice (murmur2, toPositive).
int w_partition_for_key(lua_State* L) {
  std::string key = luaL_checkstring(L, 1);
  lua_Integer n = luaL_checkinteger(L, 2);
  if (n < 1 || n > INT32_MAX) raise_at_script(L, "partition_for_key: partitions must be >= 1");
  lua_pushinteger(L, partition_for_key(key, static_cast<int32_t>(n)));
  return 1;
}

void push_record(lua_State* L, const TopicPartition& tp, Offset offset,
                 const std::optional<std::string>& key, const std::string& value) {
  lua_createtable(L, 0, 4);
  set_field(L, "partition", int64_t{tp.partition});
  set_field(L, "offset", offset);
  if (key) set_field(L, "key", *key);
  set_field(L, "value", value);
}

// produced(producer, topic) -> the acknowledged records in send() order:
// { { partition, offset, key, value }, ... } (the value is "<producer>-<send id>").
int w_produced(lua_State* L) {
  Producer* p = cluster_of(L).producer(luaL_checkstring(L, 1));
  if (p == nullptr) raise_at_script(L, std::string("no producer named ") + lua_tostring(L, 1));
  std::string topic = luaL_checkstring(L, 2);
  lua_newtable(L);
  lua_Integer i = 1;
  for (const SendRecord& r : p->records()) {
    if (r.tp.topic != topic || r.outcome != SendOutcome::Acked) continue;
    push_record(L, r.tp, r.offset, r.key, r.value);
    lua_rawseti(L, -2, i++);
  }
  return 1;
}

// consumed_records(consumer, topic) -> what poll() returned, in order:
// { { partition, offset, key, value }, ... }.
int w_consumed_records(lua_State* L) {
  Consumer* c = cluster_of(L).consumer(luaL_checkstring(L, 1));
  if (c == nullptr) raise_at_script(L, std::string("no consumer named ") + lua_tostring(L, 1));
  std::string topic = luaL_checkstring(L, 2);
  lua_newtable(L);
  lua_Integer i = 1;
  for (const ConsumedRecord& r : c->consumed()) {
    if (r.tp.topic != topic) continue;
    push_record(L, r.tp, r.offset, r.key, r.value.value_or(""));
    lua_rawseti(L, -2, i++);
  }
  return 1;
}

}  // namespace

void register_admin_bindings(lua_State* L) {
  static const luaL_Reg kFunctions[] = {
      {"alter_topic", protect<w_alter_topic>},
      {"delete_topic", protect<w_delete_topic>},
      {"topic_info", protect<w_topic_info>},
      {"partition_for_key", protect<w_partition_for_key>},
      {"produced", protect<w_produced>},
      {"consumed_records", protect<w_consumed_records>},
      {nullptr, nullptr}};
  luaL_setfuncs(L, kFunctions, 0);
}

}  // namespace ksim::script
