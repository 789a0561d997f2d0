// Lua bindings of the swarm (docs/swarm.md): swarm{} declares a fault policy and runs the
// safety phase (faults as Commands at kSwarmCommand events), the heal, and the liveness phase;
// swarm_schedule{} gives an explicit schedule (what the shrinker writes).
#include <fmt/format.h>

#include "ksim/check/convergence.h"
#include "ksim/script/lua_check.h"
#include "sim/script/lua_values.h"
#include "sim/script/scenario_impl.h"

namespace ksim::script {
namespace {

// A field of the table at `idx` as a duration ("5s" or milliseconds); `fallback` when absent.
Duration duration_field(lua_State* L, int idx, const char* key, Duration fallback,
                        const std::string& what) {
  lua_getfield(L, idx, key);
  Duration out = fallback;
  if (lua_type(L, -1) == LUA_TNUMBER) {
    out = static_cast<Duration>(lua_tonumber(L, -1) * kMillisecond);
  } else if (lua_type(L, -1) == LUA_TSTRING) {
    Result<Duration> d = parse_duration(lua_tostring(L, -1));
    if (!d.is_ok()) raise_at_script(L, what + "." + key + ": " + d.status().message());
    out = d.value();
  } else if (!lua_isnil(L, -1)) {
    raise_at_script(L, what + "." + key + ": expected a duration such as \"5s\"");
  }
  lua_pop(L, 1);
  if (out < 0) raise_at_script(L, what + "." + key + ": must not be negative");
  return out;
}

// "lo..hi" with `parse` for each end, or one value for both.
template <typename T, typename Parse>
std::pair<T, T> range_field(lua_State* L, int idx, const char* key, const std::string& what,
                            Parse parse) {
  lua_getfield(L, idx, key);
  std::string text = lua_type(L, -1) == LUA_TNUMBER  ? std::to_string(lua_tonumber(L, -1))
                     : lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
                                                      : "";
  bool absent = lua_isnil(L, -1);
  lua_pop(L, 1);
  std::string name = what + "." + key;
  if (absent) raise_at_script(L, name + ": missing (a range such as \"5s..20s\")");
  if (text.empty()) raise_at_script(L, name + ": expected a range such as \"5s..20s\"");
  size_t dots = text.find("..");
  T lo = parse(text.substr(0, dots), name);
  T hi = dots == std::string::npos ? lo : parse(text.substr(dots + 2), name);
  if (hi < lo) raise_at_script(L, name + ": the range '" + text + "' runs backwards");
  return {lo, hi};
}

DurationRange duration_range(lua_State* L, int idx, const char* key, const std::string& what) {
  auto parse = [L](const std::string& s, const std::string& name) {
    Result<Duration> d = parse_duration(s);
    if (!d.is_ok()) raise_at_script(L, name + ": " + d.status().message());
    return d.value();
  };
  auto [lo, hi] = range_field<Duration>(L, idx, key, what, parse);
  return {lo, hi};
}

// faults.<kind> = { every = "20s", lasts = "5s..20s", <extra> }
FaultRate rate_of(lua_State* L, int idx, const std::string& what,
                  std::initializer_list<std::string_view> fields) {
  luaL_checktype(L, idx, LUA_TTABLE);
  check_table_fields(L, idx, fields, what);
  FaultRate r{.every = duration_field(L, idx, "every", 0, what)};
  if (r.every < 2 * kMillisecond) raise_at_script(L, what + ".every: missing or below 2ms");
  r.lasts = duration_range(L, idx, "lasts", what);
  if (r.lasts.lo < kMillisecond) raise_at_script(L, what + ".lasts: at least 1ms");
  return r;
}

void parse_fault_policy(lua_State* L, int idx, FaultPolicy& p) {
  check_table_fields(L, idx, {"broker_crash", "partition", "pause", "delay", "loss",
                              "consumer_crash", "consumer_stall"},
                     "swarm{ faults }");
  const int top = lua_gettop(L);
  // A crash fault: its rate and how many nodes of its kind may be down at once.
  auto crash_fault = [&](const char* name, FaultRate& rate, int32_t& max_down) {
    lua_getfield(L, idx, name);
    if (!lua_isnil(L, -1)) {
      const std::string where = std::string("faults.") + name;
      rate = rate_of(L, lua_gettop(L), where, {"every", "lasts", "max_down"});
      lua_getfield(L, -1, "max_down");
      max_down = static_cast<int32_t>(luaL_optinteger(L, -1, 1));
      if (max_down < 1) raise_at_script(L, where + ".max_down: at least 1");
    }
    lua_settop(L, top);
  };
  crash_fault("broker_crash", p.broker_crash, p.max_down);
  crash_fault("consumer_crash", p.consumer_crash, p.consumer_max_down);
  lua_getfield(L, idx, "consumer_stall");
  if (!lua_isnil(L, -1))
    p.consumer_stall = rate_of(L, lua_gettop(L), "faults.consumer_stall", {"every", "lasts"});
  lua_settop(L, top);
  lua_getfield(L, idx, "partition");
  if (!lua_isnil(L, -1)) p.partition = rate_of(L, lua_gettop(L), "faults.partition",
                                               {"every", "lasts"});
  lua_settop(L, top);
  lua_getfield(L, idx, "pause");
  if (!lua_isnil(L, -1)) p.pause = rate_of(L, lua_gettop(L), "faults.pause", {"every", "lasts"});
  lua_settop(L, top);
  lua_getfield(L, idx, "delay");
  if (!lua_isnil(L, -1)) {
    p.delay = rate_of(L, lua_gettop(L), "faults.delay", {"every", "lasts", "by"});
    p.by = duration_range(L, lua_gettop(L), "by", "faults.delay");
  }
  lua_settop(L, top);
  lua_getfield(L, idx, "loss");
  if (!lua_isnil(L, -1)) {
    p.loss = rate_of(L, lua_gettop(L), "faults.loss", {"every", "lasts", "rate"});
    auto parse = [L](const std::string& s, const std::string& name) {
      char* end = nullptr;
      double v = std::strtod(s.c_str(), &end);
      if (end == s.c_str() || *end != '\0' || !(v >= 0 && v <= 1))
        raise_at_script(L, name + ": '" + s + "' is not a probability in [0, 1]");
      return v;
    };
    std::tie(p.rate_lo, p.rate_hi) = range_field<double>(L, lua_gettop(L), "rate", "faults.loss",
                                                         parse);
  }
  lua_settop(L, top);
}

FaultPolicy parse_policy(lua_State* L, int idx) {
  luaL_checktype(L, idx, LUA_TTABLE);
  check_table_fields(L, idx, {"safety", "liveness", "faults"}, "swarm");
  FaultPolicy p;
  p.safety = duration_field(L, idx, "safety", p.safety, "swarm");
  p.liveness = duration_field(L, idx, "liveness", p.liveness, "swarm");
  if (p.safety <= 0 || p.liveness <= 0)
    raise_at_script(L, "swarm: safety and liveness must be above 0");
  lua_getfield(L, idx, "faults");
  if (!lua_isnil(L, -1)) {
    luaL_checktype(L, -1, LUA_TTABLE);
    parse_fault_policy(L, lua_gettop(L), p);
  }
  lua_pop(L, 1);
  return p;
}

FaultTargets targets_of(const Cluster& c) {
  FaultTargets t;
  for (const auto& b : c.brokers()) t.brokers.push_back(b->name());
  t.nodes = t.brokers;
  t.nodes.push_back(c.controller().name());
  for (const auto& p : c.producers()) t.nodes.push_back(p->name());
  for (const auto& k : c.consumers()) t.nodes.push_back(k->name());
  for (const auto& k : c.consumers()) t.consumers.push_back(k->name());
  std::sort(t.brokers.begin(), t.brokers.end());
  std::sort(t.consumers.begin(), t.consumers.end());
  std::sort(t.nodes.begin(), t.nodes.end());
  return t;
}

void check_names(lua_State* L, const Cluster& c, const std::vector<Fault>& faults) {
  for (size_t i = 0; i < faults.size(); i++) {
    std::vector<std::string> names = faults[i].side_a;
    names.insert(names.end(), faults[i].side_b.begin(), faults[i].side_b.end());
    if (!faults[i].node.empty()) names.push_back(faults[i].node);
    for (const std::string& n : names)
      if (c.node_by_name(n) == nullptr)
        raise_at_script(L, fmt::format("swarm_schedule: fault {} names no node '{}'", i + 1, n));
  }
}

// swarm_begin(policy) -> safety µs, liveness µs: draws or takes the schedule and schedules it.
int w_swarm_begin(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  Cluster& c = cluster_of(L);
  SwarmReport& r = impl.swarm_report();
  if (r.declared) raise_at_script(L, "swarm{} may be called only once per scenario");
  r.declared = true;
  r.policy = parse_policy(L, 1);
  r.began = c.now();
  FaultTargets targets = targets_of(c);
  if (impl.options().schedule) {
    r.faults = *impl.options().schedule;
    r.source = "schedule";
  } else if (impl.swarm.file_schedule) {
    r.faults = *impl.swarm.file_schedule;
    r.source = "schedule";
  } else if (impl.options().swarm) {
    r.faults = draw_faults(impl.seed(), r.policy, targets);
    r.source = "seed";
  }
  check_names(L, c, r.faults);
  impl.swarm.commands = fault_commands(r.faults, targets.nodes);
  Scheduler& s = c.kernel().scheduler;
  for (size_t i = 0; i < impl.swarm.commands.size(); i++) {
    Duration after = impl.swarm.commands[i].after;
    if (after < r.policy.safety)
      s.at(r.began + after, impl.target, ScenarioRun::Impl::kSwarmCommand, i);
  }
  impl.narrate({.kind = Narration::Kind::Note,
                .text = fmt::format("swarm: {} fault(s) {} (safety {}, liveness {})",
                                    r.faults.size(), r.source == "seed" ? "drawn from the seed"
                                    : r.source == "schedule" ? "from the explicit schedule"
                                    : "(a fault-free run: no --swarm)", format_ms(r.policy.safety),
                                    format_ms(r.policy.liveness))});
  for (const Fault& f : r.faults)
    impl.narrate({.kind = Narration::Kind::Note, .text = "  " + describe_fault(f)});
  lua_pushinteger(L, r.policy.safety);
  lua_pushinteger(L, r.policy.liveness);
  return 2;
}

void apply_or_fail(ScenarioRun::Impl& impl, const Command& command) {
  Status s = impl.cluster()->apply(command);
  if (!s.is_ok()) impl.fail({.file = impl.options().path, .message = "swarm: " + s.message()});
}

// swarm_heal(): the end of the safety phase. Every fault still in force is healed, and the
// workload stops so that the liveness phase measures recovery, not load.
int w_swarm_heal(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  Cluster& c = cluster_of(L);
  impl.swarm_report().healed = c.now();
  impl.swarm.commands.clear();  // later kSwarmCommand events find nothing to do
  if (impl.swarm.link_faulted) apply_or_fail(impl, {.kind = CommandKind::NetworkHeal});
  for (const std::string& b : impl.swarm.crashed)
    apply_or_fail(impl, {.kind = CommandKind::BrokerRestart, .target = b});
  impl.swarm.crashed.clear();
  for (const std::string& k : impl.swarm.crashed_consumers)
    apply_or_fail(impl, {.kind = CommandKind::ConsumerRestart, .target = k});
  impl.swarm.crashed_consumers.clear();
  for (const auto& p : c.producers())
    if (p->producing())
      apply_or_fail(impl, {.kind = CommandKind::ProducerStop, .target = p->name()});
  return 0;
}

// swarm_converged() -> true, or false and what keeps the cluster from converging.
int w_swarm_converged(lua_State* L) {
  std::vector<std::string> problems = convergence_problems(cluster_of(L));
  lua_pushboolean(L, problems.empty());
  return 1;
}

// swarm_finish(converged) -> the liveness expectation's text.
int w_swarm_finish(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  Cluster& c = cluster_of(L);
  SwarmReport& r = impl.swarm_report();
  bool ok = lua_toboolean(L, 1);
  std::string text;
  if (ok) {
    r.converged = c.now();
    text = fmt::format("liveness: the cluster converged {} after the heal (bound {})",
                       format_ms(r.converged - r.healed), format_ms(r.policy.liveness));
  } else {
    r.problems = convergence_problems(c);
    // The first problem on the first line: the swarm's one-line summaries show it.
    text = fmt::format("liveness: not converged {} after the heal: {}",
                       format_ms(r.policy.liveness), r.problems.front());
    for (size_t i = 1; i < r.problems.size() && i < 8; i++) text += "\n  " + r.problems[i];
    if (r.problems.size() > 8) text += fmt::format("\n  ... and {} more", r.problems.size() - 8);
  }
  lua_pushstring(L, text.c_str());
  return 1;
}

}  // namespace

void run_swarm_command(ScenarioRun::Impl& impl, uint64_t index) {
  if (index >= impl.swarm.commands.size()) return;  // healed already
  const Command& c = impl.swarm.commands[index].command;
  switch (c.kind) {
    case CommandKind::BrokerCrash: impl.swarm.crashed.insert(c.target); break;
    case CommandKind::BrokerRestart: impl.swarm.crashed.erase(c.target); break;
    case CommandKind::ConsumerCrash: impl.swarm.crashed_consumers.insert(c.target); break;
    case CommandKind::ConsumerRestart: impl.swarm.crashed_consumers.erase(c.target); break;
    case CommandKind::NodePause:
    case CommandKind::ConsumerStallPoll: break;
    default: impl.swarm.link_faulted = true;
  }
  apply_or_fail(impl, c);
}

void register_swarm_bindings(lua_State* L) {
  static const luaL_Reg kFunctions[] = {
      {"swarm_begin", protect<w_swarm_begin>}, {"swarm_heal", protect<w_swarm_heal>},
      {"swarm_converged", protect<w_swarm_converged>},
      {"swarm_finish", protect<w_swarm_finish>}, {nullptr, nullptr}};
  luaL_setfuncs(L, kFunctions, 0);
}

}  // namespace ksim::script
