// Lua bindings that read the cluster: groups, partitions, clients, delivery, describe().
// Every query returns a fresh table (a snapshot); nothing here changes the simulation.
#include <algorithm>

#include "ksim/check/delivery.h"
#include "ksim/cluster/describe.h"
#include "ksim/script/lua_check.h"
#include "sim/script/lua_values.h"
#include "sim/script/scenario_impl.h"

namespace ksim::script {
namespace {

void push_ids(lua_State* L, const std::vector<BrokerId>& ids) {
  lua_createtable(L, static_cast<int>(ids.size()), 0);
  for (size_t i = 0; i < ids.size(); i++) {
    lua_pushinteger(L, ids[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

// group(id) -> { state, generation_id, protocol, leader, coordinator, members = {...},
//                committed = { ["tweets-0"] = 42 } }
int w_group(lua_State* L) {
  std::optional<GroupView> g = cluster_of(L).group(luaL_checkstring(L, 1));
  lua_newtable(L);
  set_field(L, "group_id", g->group_id);
  set_field(L, "state", g->state);
  set_field(L, "generation_id", int64_t{g->generation_id});
  set_field(L, "protocol", g->protocol);
  set_field(L, "leader", g->leader);
  set_field(L, "coordinator", int64_t{g->coordinator});
  lua_createtable(L, static_cast<int>(g->members.size()), 0);
  for (size_t i = 0; i < g->members.size(); i++) {
    const GroupView::Member& m = g->members[i];
    lua_newtable(L);
    set_field(L, "member_id", m.member_id);
    set_field(L, "client_id", m.client_id);
    set_field(L, "group_instance_id", m.group_instance_id);
    push_partitions(L, m.assignment);
    lua_setfield(L, -2, "assignment");
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "members");
  lua_newtable(L);
  for (const auto& [tp, offset] : g->committed) {
    lua_pushinteger(L, offset);
    lua_setfield(L, -2, tp.to_string().c_str());
  }
  lua_setfield(L, -2, "committed");
  return 1;
}

// partition(topic, p) -> { leader, leader_epoch, replicas, isr, high_watermark,
//                          log_end_offset, log_start_offset }
int w_partition(lua_State* L) {
  Cluster& c = cluster_of(L);
  TopicPartition tp{luaL_checkstring(L, 1), static_cast<int32_t>(luaL_checkinteger(L, 2))};
  const TopicRegistration* t = c.controller().topic(tp.topic);
  if (t == nullptr || tp.partition < 0 ||
      tp.partition >= static_cast<int32_t>(t->partitions.size()))
    raise_at_script(L, "no partition " + tp.to_string());
  const PartitionRegistration& reg = t->partitions[static_cast<size_t>(tp.partition)];
  lua_newtable(L);
  set_field(L, "leader", int64_t{reg.leader});
  set_field(L, "leader_epoch", int64_t{reg.leader_epoch});
  push_ids(L, reg.replicas);
  lua_setfield(L, -2, "replicas");
  push_ids(L, reg.isr);
  lua_setfield(L, -2, "isr");
  if (const Partition* p = c.leader_partition(tp)) {
    set_field(L, "high_watermark", p->log().high_watermark());
    set_field(L, "log_end_offset", p->log().log_end_offset());
    set_field(L, "log_start_offset", p->log().log_start_offset());
  }
  return 1;
}

// consumer_info(name) -> { member_id, generation_id, state, group, assignment, consumed,
//                          positions = { ["tweets-0"] = n }, closed, up }
int w_consumer_info(lua_State* L) {
  Consumer* c = cluster_of(L).consumer(luaL_checkstring(L, 1));
  if (c == nullptr) raise_at_script(L, std::string("no consumer named ") + lua_tostring(L, 1));
  lua_newtable(L);
  set_field(L, "name", c->name());
  set_field(L, "member_id", c->member_id());
  set_field(L, "client_id", c->config().client_id);
  set_field(L, "group", c->config().group_id);
  set_field(L, "generation_id", int64_t{c->generation_id()});
  set_field(L, "state", std::string(member_state_name(c->state())));
  set_field(L, "consumed", static_cast<int64_t>(c->consumed().size()));
  set_field_bool(L, "closed", c->closed());
  set_field_bool(L, "up", c->is_up());
  push_partitions(L, c->assignment());
  lua_setfield(L, -2, "assignment");
  lua_newtable(L);
  for (const TopicPartition& tp : c->assignment()) {
    lua_pushinteger(L, c->position(tp));
    lua_setfield(L, -2, tp.to_string().c_str());
  }
  lua_setfield(L, -2, "positions");
  return 1;
}

// consumed(name, topic, partition) -> list of offsets the consumer's poll() returned, in order
int w_consumed(lua_State* L) {
  Consumer* c = cluster_of(L).consumer(luaL_checkstring(L, 1));
  if (c == nullptr) raise_at_script(L, std::string("no consumer named ") + lua_tostring(L, 1));
  TopicPartition tp{luaL_checkstring(L, 2), static_cast<int32_t>(luaL_checkinteger(L, 3))};
  lua_newtable(L);
  lua_Integer i = 1;
  for (const ConsumedRecord& r : c->consumed()) {
    if (r.tp != tp) continue;
    lua_pushinteger(L, r.offset);
    lua_rawseti(L, -2, i++);
  }
  return 1;
}

// producer_info(name) -> { sent, acked, failed, producing }
int w_producer_info(lua_State* L) {
  Producer* p = cluster_of(L).producer(luaL_checkstring(L, 1));
  if (p == nullptr) raise_at_script(L, std::string("no producer named ") + lua_tostring(L, 1));
  lua_newtable(L);
  set_field(L, "sent", static_cast<int64_t>(p->records().size()));
  set_field(L, "acked", p->acked());
  set_field(L, "failed", p->failed());
  set_field_bool(L, "producing", p->producing());
  return 1;
}

// delivery(group, topic) -> DeliveryReport as a table
int w_delivery(lua_State* L) {
  DeliveryReport r = check_delivery(cluster_of(L), luaL_checkstring(L, 1), luaL_checkstring(L, 2));
  lua_newtable(L);
  set_field(L, "acked", r.acked);
  set_field(L, "readable", r.readable);
  set_field(L, "delivered", r.delivered);
  set_field(L, "unique_delivered", r.unique_delivered);
  set_field(L, "duplicates", r.duplicates);
  set_field(L, "lost_writes", r.lost_writes);
  set_field(L, "unseen", r.unseen);
  lua_createtable(L, static_cast<int>(r.examples.size()), 0);
  for (size_t i = 0; i < r.examples.size(); i++) {
    lua_pushstring(L, r.examples[i].c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "examples");
  return 1;
}

bool opt_flag(lua_State* L, int idx, const char* key) {
  if (!lua_istable(L, idx)) return false;
  lua_getfield(L, idx, key);
  bool v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

// describe("topics", topic|nil, {under_replicated=…}) / describe("group", id, {members=…})
int w_describe(lua_State* L) {
  Cluster& c = cluster_of(L);
  int what = check_enum(L, 1, "describe", {"topics", "group"});
  if (what == 0) {
    if (lua_istable(L, 3))
      check_table_fields(L, 3, {"under_replicated", "under_min_isr", "at_min_isr", "unavailable",
                                "include_internal"}, "describe(\"topics\")");
    TopicFilter f{.topic = luaL_optstring(L, 2, ""),
                  .include_internal = opt_flag(L, 3, "include_internal"),
                  .under_replicated = opt_flag(L, 3, "under_replicated"),
                  .under_min_isr = opt_flag(L, 3, "under_min_isr"),
                  .at_min_isr = opt_flag(L, 3, "at_min_isr"),
                  .unavailable = opt_flag(L, 3, "unavailable")};
    lua_pushstring(L, describe_topics(c, f).c_str());
    return 1;
  }
  if (lua_istable(L, 3))
    check_table_fields(L, 3, {"members", "verbose", "state"}, "describe(\"group\")");
  GroupDescribe d = opt_flag(L, 3, "state")     ? GroupDescribe::State
                    : opt_flag(L, 3, "verbose") ? GroupDescribe::MembersVerbose
                    : opt_flag(L, 3, "members") ? GroupDescribe::Members
                                                : GroupDescribe::Offsets;
  lua_pushstring(L, describe_group(c, luaL_checkstring(L, 2), d).c_str());
  return 1;
}

// in_flight() -> { {id, api, dir, from, to, sent_at, arrives_at, held, bytes, corr}, ... } in
// send order; times in ms like every time Lua sees. `id` is what network.drop(id) takes. A
// message held by a cut has held = true and no arrives_at.
int w_in_flight(lua_State* L) {
  const Network& net = cluster_of(L).kernel().network;
  std::vector<InFlightMessage> msgs = net.in_flight();
  std::sort(msgs.begin(), msgs.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  lua_createtable(L, static_cast<int>(msgs.size()), 0);
  for (size_t i = 0; i < msgs.size(); i++) {
    const InFlightMessage& m = msgs[i];
    lua_newtable(L);
    set_field(L, "id", static_cast<int64_t>(m.id));
    set_field(L, "api", std::string(api_name(m.api)));
    set_field(L, "dir", std::string(m.response ? "resp" : "req"));
    set_field(L, "from", net.node_name(m.source));
    set_field(L, "to", net.node_name(m.destination));
    lua_pushnumber(L, static_cast<double>(m.sent_at) / kMillisecond);
    lua_setfield(L, -2, "sent_at");
    if (!m.held) {
      lua_pushnumber(L, static_cast<double>(m.arrives_at) / kMillisecond);
      lua_setfield(L, -2, "arrives_at");
    }
    lua_pushboolean(L, m.held);
    lua_setfield(L, -2, "held");
    set_field(L, "bytes", m.bytes);
    set_field(L, "corr", int64_t{net.in_flight_message(m.id)->correlation_id});
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

}  // namespace

void register_query_bindings(lua_State* L) {
  static const luaL_Reg kFunctions[] = {
      {"group", protect<w_group>},
      {"partition", protect<w_partition>},
      {"consumer_info", protect<w_consumer_info>},
      {"consumed", protect<w_consumed>},
      {"producer_info", protect<w_producer_info>},
      {"delivery", protect<w_delivery>},
      {"describe", protect<w_describe>},
      {"in_flight", protect<w_in_flight>},
      {nullptr, nullptr}};
  luaL_setfuncs(L, kFunctions, 0);
}

}  // namespace ksim::script
