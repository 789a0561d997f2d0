// swarm_schedule{ seed = S, { fault = "broker_crash", after = "12.345s", ... }, ... }: an
// explicit fault schedule for the scenario's swarm{} (docs/swarm.md), as the shrinker writes it
// in front of a copy of the scenario. It also fixes the seed, over scenario{ seed }.
#include <fmt/format.h>

#include "ksim/script/lua_check.h"
#include "sim/script/lua_values.h"
#include "sim/script/scenario_impl.h"

namespace ksim::script {
namespace {

Duration entry_duration(lua_State* L, int idx, const char* key, const std::string& what) {
  lua_getfield(L, idx, key);
  if (lua_type(L, -1) != LUA_TSTRING)
    raise_at_script(L, what + ": " + key + " = \"1.5s\" expected");
  Result<Duration> d = parse_duration(lua_tostring(L, -1));
  if (!d.is_ok()) raise_at_script(L, what + "." + key + ": " + d.status().message());
  lua_pop(L, 1);
  return d.value();
}

std::string entry_string(lua_State* L, int idx, const char* key, const std::string& what) {
  lua_getfield(L, idx, key);
  if (lua_type(L, -1) != LUA_TSTRING)
    raise_at_script(L, what + ": " + key + " (a string) expected");
  std::string out = lua_tostring(L, -1);
  lua_pop(L, 1);
  return out;
}

Fault parse_entry(lua_State* L, int idx, const std::string& what) {
  if (!lua_istable(L, idx)) raise_at_script(L, what + ": expected a table { fault = ... }");
  check_table_fields(L, idx, {"fault", "after", "lasts", "node", "sides", "by", "rate"}, what);
  Fault f;
  std::string kind = entry_string(L, idx, "fault", what);
  if (!parse_fault_kind(kind, f.kind))
    raise_at_script(L, what + ": unknown fault '" + kind + "' (expected broker_crash, partition, "
                              "pause, delay, loss, consumer_crash or consumer_stall)");
  f.after = entry_duration(L, idx, "after", what);
  f.lasts = entry_duration(L, idx, "lasts", what);
  if (f.kind == FaultKind::Partition) {
    lua_getfield(L, idx, "sides");
    if (!lua_istable(L, -1)) raise_at_script(L, what + ": sides = { {...}, {...} } expected");
    lua_rawgeti(L, -1, 1);
    lua_rawgeti(L, -2, 2);
    if (!lua_istable(L, -2) || !lua_istable(L, -1))
      raise_at_script(L, what + ": sides = { {...}, {...} } expected");
    f.side_a = string_list(L, lua_gettop(L) - 1, "sides");
    f.side_b = string_list(L, lua_gettop(L), "sides");
    lua_pop(L, 3);
    return f;
  }
  f.node = entry_string(L, idx, "node", what);
  if (f.kind == FaultKind::Delay) f.delay = entry_duration(L, idx, "by", what);
  if (f.kind == FaultKind::Loss) {
    lua_getfield(L, idx, "rate");
    f.loss = lua_tonumber(L, -1);
    if (!lua_isnumber(L, -1) || f.loss < 0 || f.loss > 1)
      raise_at_script(L, what + ": rate (a probability in [0, 1]) expected");
    lua_pop(L, 1);
  }
  return f;
}

int w_swarm_schedule(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  if (impl.cluster()) raise_at_script(L, "swarm_schedule{} must come before cluster{}");
  if (impl.swarm.file_schedule) raise_at_script(L, "swarm_schedule{} may be called only once");
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, 1));
  lua_pushnil(L);
  while (lua_next(L, 1) != 0) {  // only seed and the list's entries
    bool entry = lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1 && lua_tointeger(L, -2) <= n;
    bool seed = lua_type(L, -2) == LUA_TSTRING && std::string(lua_tostring(L, -2)) == "seed";
    if (!entry && !seed) {
      lua_pop(L, 1);
      std::string key = luaL_tolstring(L, -1, nullptr);
      raise_at_script(L, "swarm_schedule: unknown field '" + key + "' (expected seed and a list "
                         "of faults)");
    }
    lua_pop(L, 1);
  }
  std::vector<Fault> faults;
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, 1, i);
    faults.push_back(parse_entry(L, lua_gettop(L), fmt::format("swarm_schedule[{}]", i)));
    lua_pop(L, 1);
  }
  lua_getfield(L, 1, "seed");
  if (!lua_isnil(L, -1) && !impl.seed_fixed) {
    impl.set_seed(static_cast<uint64_t>(luaL_checkinteger(L, -1)));
    impl.seed_fixed = true;
  }
  lua_pop(L, 1);
  impl.swarm.file_schedule = std::move(faults);
  return 0;
}

}  // namespace

void register_swarm_schedule_bindings(lua_State* L) {
  static const luaL_Reg kFunctions[] = {{"swarm_schedule", protect<w_swarm_schedule>},
                                        {nullptr, nullptr}};
  luaL_setfuncs(L, kFunctions, 0);
}

}  // namespace ksim::script
