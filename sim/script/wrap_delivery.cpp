// Lua bindings of the delivery-semantics checker (check/anomalies.h) and its history
// (check/history.h). Queries: they return fresh tables and never change the simulation.
#include "ksim/check/anomalies.h"
#include "ksim/script/lua_check.h"
#include "sim/script/lua_values.h"
#include "sim/script/scenario_impl.h"

namespace ksim::script {
namespace {

const History& history_of(lua_State* L) {
  const History* h = scenario_of(L).history();
  if (h == nullptr) raise_at_script(L, "no cluster yet: call cluster{} first");
  return *h;
}

void push_strings(lua_State* L, const std::vector<std::string>& list) {
  lua_createtable(L, static_cast<int>(list.size()), 0);
  for (size_t i = 0; i < list.size(); i++) {
    lua_pushstring(L, list[i].c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

void push_report(lua_State* L, const AnomalyReport& r) {
  lua_newtable(L);
  lua_newtable(L);
  for (const auto& [name, n] : r.counts) set_field(L, name.c_str(), n);
  lua_setfield(L, -2, "counts");
  lua_createtable(L, static_cast<int>(r.findings.size()), 0);
  for (size_t i = 0; i < r.findings.size(); i++) {
    lua_newtable(L);
    set_field(L, "anomaly", r.findings[i].anomaly);
    set_field(L, "at_us", r.findings[i].at);
    set_field(L, "detail", r.findings[i].detail);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "findings");
  lua_createtable(L, static_cast<int>(r.excused.size()), 0);
  for (size_t i = 0; i < r.excused.size(); i++) {
    lua_newtable(L);
    set_field(L, "anomaly", r.excused[i].anomaly);
    set_field(L, "reason", r.excused[i].reason);
    set_field(L, "count", r.excused[i].count);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "excused");
  lua_newtable(L);
  for (const auto& [name, why] : r.not_checked) set_field(L, name.c_str(), why);
  lua_setfield(L, -2, "not_checked");
  lua_newtable(L);
  set_field(L, "sends", r.stats.sends);
  set_field(L, "acked", r.stats.acked);
  set_field(L, "failed", r.stats.failed);
  set_field(L, "unknown", r.stats.unknown);
  set_field(L, "pending", r.stats.pending);
  set_field(L, "polled", r.stats.polled);
  set_field(L, "processed", r.stats.processed);
  set_field(L, "consumers", r.stats.consumers);
  set_field(L, "commits", r.stats.commits);
  set_field(L, "rebalances", r.stats.rebalances);
  lua_setfield(L, -2, "stats");
}

// anomalies(topic, group|nil, semantics|nil, allow|nil) -> report
int w_anomalies(lua_State* L) {
  const History& h = history_of(L);
  std::string topic = luaL_checkstring(L, 1);
  std::string group = luaL_optstring(L, 2, "");
  if (h.cluster().controller().topic(topic) == nullptr)
    raise_at_script(L, "anomalies: no topic named '" + topic + "'");
  AnomalyReport report = check_anomalies(h, topic, group);
  push_report(L, report);
  if (lua_isnoneornil(L, 3)) {
    set_field(L, "text", format_anomaly_report(report, nullptr, std::nullopt));
    return 1;
  }
  Semantics semantics;
  std::string text = luaL_checkstring(L, 3);
  if (!parse_semantics(text, semantics))
    raise_at_script(L, "semantics: expected at-most-once, at-least-once or exactly-once, got '" +
                           text + "'");
  std::set<std::string> allow;
  if (!lua_isnoneornil(L, 4)) {
    for (const std::string& a : string_list(L, 4, "allow")) {
      bool known = false;
      for (std::string_view n : kAnomalyNames) known = known || n == a;
      if (!known) raise_at_script(L, "allow: '" + a + "' is not an anomaly (see "
                                     "docs/delivery-checker.md)");
      allow.insert(a);
    }
  }
  DeliveryVerdict v = judge(report, semantics, allow);
  set_field_bool(L, "ok", v.ok);
  push_strings(L, v.failing);
  lua_setfield(L, -2, "failing");
  lua_createtable(L, static_cast<int>(v.allowed.size()), 0);
  for (size_t i = 0; i < v.allowed.size(); i++) {
    lua_newtable(L);
    set_field(L, "anomaly", v.allowed[i].first);
    set_field(L, "why", v.allowed[i].second);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "allowed");
  std::vector<AnomalyOutcome> outcomes = anomaly_outcomes(report, v, semantics);
  lua_createtable(L, static_cast<int>(outcomes.size()), 0);
  for (size_t i = 0; i < outcomes.size(); i++) {
    lua_newtable(L);
    set_field(L, "anomaly", outcomes[i].anomaly);
    set_field(L, "verdict", std::string(outcome_kind_name(outcomes[i].kind)));
    set_field(L, "text", outcomes[i].text);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "outcomes");
  set_field(L, "text", format_anomaly_report(report, &v, semantics));
  return 1;
}

void push_tp(lua_State* L, const TopicPartition& tp) {
  set_field(L, "topic", tp.topic);
  set_field(L, "partition", int64_t{tp.partition});
}

// history(kind, filter) -> list; kind: sends, polls, commits, assignments, rebalances, seeks.
int w_history(lua_State* L) {
  const History& h = history_of(L);
  int kind = check_enum(L, 1, "history",
                        {"sends", "polls", "commits", "assignments", "rebalances", "seeks"});
  std::string topic, group, client;
  if (lua_istable(L, 2)) {
    check_table_fields(L, 2, {"topic", "group", "client"}, "history");
    lua_getfield(L, 2, "topic");
    topic = luaL_optstring(L, -1, "");
    lua_getfield(L, 2, "group");
    group = luaL_optstring(L, -1, "");
    lua_getfield(L, 2, "client");
    client = luaL_optstring(L, -1, "");
    lua_pop(L, 3);
  }
  auto keep = [&](const std::string& t, const std::string& g, const std::string& who) {
    return (topic.empty() || t.empty() || t == topic) && (group.empty() || g == group) &&
           (client.empty() || who == client);
  };
  lua_newtable(L);
  lua_Integer n = 1;
  const Cluster& c = h.cluster();
  if (kind == 0) {
    for (const auto& p : c.producers())
      for (const SendRecord& s : p->records()) {
        if (!keep(s.tp.topic, "", p->name()) || !group.empty()) continue;
        lua_newtable(L);
        set_field(L, "producer", p->name());
        set_field(L, "id", s.id);
        push_tp(L, s.tp);
        set_field(L, "offset", s.offset);
        set_field(L, "value", s.value);
        set_field(L, "outcome", std::string(outcome_name(s.outcome)));
        set_field(L, "error", std::string(error_name(s.error)));
        set_field(L, "sent_at_us", s.sent_at);
        set_field(L, "acked_at_us", s.acked_at);
        set_field(L, "attempts", int64_t{s.attempts});
        lua_rawseti(L, -2, n++);
      }
  } else if (kind == 1) {
    for (const auto& consumer : c.consumers())
      for (const ConsumedRecord& r : consumer->consumed()) {
        if (!keep(r.tp.topic, consumer->config().group_id, consumer->name())) continue;
        lua_newtable(L);
        set_field(L, "consumer", consumer->name());
        set_field(L, "group", consumer->config().group_id);
        push_tp(L, r.tp);
        set_field(L, "offset", r.offset);
        if (r.value) set_field(L, "value", *r.value);
        set_field(L, "polled_at_us", r.polled_at);
        if (r.processed_at >= 0) set_field(L, "processed_at_us", r.processed_at);
        set_field(L, "generation", int64_t{r.generation});
        lua_rawseti(L, -2, n++);
      }
  } else if (kind == 2) {
    for (const CommitEntry& e : h.commits()) {
      if (!keep(e.tp.topic, e.group, e.consumer)) continue;
      lua_newtable(L);
      set_field(L, "at_us", e.at);
      set_field(L, "consumer", e.consumer);
      set_field(L, "group", e.group);
      push_tp(L, e.tp);
      set_field(L, "offset", e.offset);
      set_field(L, "generation", int64_t{e.generation});
      lua_rawseti(L, -2, n++);
    }
  } else if (kind == 3) {
    for (const AssignmentEntry& e : h.assignments()) {
      if (!keep("", e.group, e.consumer)) continue;
      lua_newtable(L);
      set_field(L, "at_us", e.at);
      set_field(L, "consumer", e.consumer);
      set_field(L, "group", e.group);
      set_field(L, "generation", int64_t{e.generation});
      set_field(L, "partitions", e.partitions);
      lua_rawseti(L, -2, n++);
    }
  } else if (kind == 4) {
    for (const RebalanceEntry& e : h.rebalances()) {
      if (!keep("", e.group, "")) continue;
      lua_newtable(L);
      set_field(L, "at_us", e.at);
      set_field(L, "group", e.group);
      set_field(L, "generation", int64_t{e.generation});
      set_field(L, "reason", e.reason);
      lua_rawseti(L, -2, n++);
    }
  } else {
    for (const SeekEntry& e : h.seeks()) {
      if (!keep(e.tp.topic, "", e.consumer)) continue;
      lua_newtable(L);
      set_field(L, "at_us", e.at);
      set_field(L, "consumer", e.consumer);
      push_tp(L, e.tp);
      set_field(L, "offset", e.offset);
      set_field(L, "why", e.why);
      lua_rawseti(L, -2, n++);
    }
  }
  return 1;
}

}  // namespace

void register_delivery_bindings(lua_State* L) {
  static const luaL_Reg kFunctions[] = {
      {"anomalies", protect<w_anomalies>}, {"history", protect<w_history>}, {nullptr, nullptr}};
  luaL_setfuncs(L, kFunctions, 0);
}

}  // namespace ksim::script
