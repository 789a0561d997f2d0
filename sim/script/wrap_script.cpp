// Lua bindings for time, events, narration, expectations and scenario metadata, and the
// registration of the __ksim table that prelude.lua turns into the scenario API.
#include <algorithm>
#include <stdexcept>

#include "ksim/script/lua_check.h"
#include "ksim/types/presentation.h"
#include "sim/script/lua_values.h"
#include "sim/script/scenario_impl.h"

#include "ksim_embedded/prelude_lua.h"

namespace ksim::script {

void register_cluster_bindings(lua_State* L);
void register_query_bindings(lua_State* L);
void register_delivery_bindings(lua_State* L);  // wrap_delivery.cpp
void register_admin_bindings(lua_State* L);
void register_swarm_bindings(lua_State* L);           // wrap_swarm.cpp
void register_swarm_schedule_bindings(lua_State* L);  // wrap_swarm_schedule.cpp
void register_presentation_bindings(lua_State* L);    // wrap_presentation.cpp

namespace {

const char* kImplKey = "ksim.scenario";

std::string prelude_source() {
  std::string_view chunk = embedded::prelude_lua_chunk_name;
  return std::string(chunk);
}

// The first frame that is scenario code (not C, not the prelude), or 0.
int script_level(lua_State* L, lua_Debug& ar) {
  const std::string prelude = prelude_source();
  for (int level = 1; lua_getstack(L, level, &ar); level++) {
    lua_getinfo(L, "Sl", &ar);
    if (ar.currentline <= 0 || ar.source == nullptr) continue;
    if (prelude == ar.source) continue;
    return level;
  }
  return 0;
}

}  // namespace

std::string script_where(lua_State* L) {
  lua_Debug ar;
  if (script_level(L, ar) == 0) return "";
  return std::string(ar.source[0] == '@' ? ar.source + 1 : ar.source) + ":" +
         std::to_string(ar.currentline);
}

namespace {

int w_now(lua_State* L) {  // virtual time in milliseconds (µs precision)
  Cluster* c = scenario_of(L).cluster();
  lua_pushnumber(L, c ? static_cast<double>(c->now()) / kMillisecond : 0.0);
  return 1;
}

int w_now_us(lua_State* L) {
  Cluster* c = scenario_of(L).cluster();
  lua_pushinteger(L, c ? c->now() : 0);
  return 1;
}

// schedule(delay_us, fn, every_us|nil) -> id. Both in integer microseconds (the prelude
// converts "5s"/ms first).
int w_schedule(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  Cluster& c = cluster_of(L);
  Duration delay = luaL_checkinteger(L, 1);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  Duration every = luaL_optinteger(L, 3, 0);
  if (delay < 0) raise_at_script(L, "cannot schedule in the past");
  lua_pushvalue(L, 2);
  int ref = luaL_ref(L, LUA_REGISTRYINDEX);  // L may be the main coroutine, not state()
  uint64_t id =
      impl.schedule_call(c.now() + delay, {.ref = ref, .repeat = every, .owned_ref = true});
  lua_pushinteger(L, static_cast<lua_Integer>(id));
  return 1;
}

int w_cancel(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  auto it = impl.calls.find(static_cast<uint64_t>(luaL_checkinteger(L, 1)));
  if (it != impl.calls.end()) {
    if (it->second.owned_ref) impl.vm->unref(it->second.ref);
    impl.calls.erase(it);
  }
  return 0;
}

TraceFilter filter_from(lua_State* L, int type_idx, int filter_idx) {
  TraceFilter f{.type = luaL_checkstring(L, type_idx)};
  if (lua_istable(L, filter_idx)) {
    lua_pushnil(L);
    while (lua_next(L, filter_idx) != 0) {
      if (lua_type(L, -2) != LUA_TSTRING) raise_at_script(L, "event filter keys must be strings");
      std::string key = lua_tostring(L, -2);
      lua_Integer as_integer = 0;
      bool integral = lua_type(L, -1) == LUA_TNUMBER &&
                      lua_numbertointeger(lua_tonumber(L, -1), &as_integer) &&
                      static_cast<lua_Number>(as_integer) == lua_tonumber(L, -1);
      TraceValue v = lua_isboolean(L, -1) ? TraceValue(static_cast<bool>(lua_toboolean(L, -1)))
                     : integral           ? TraceValue(static_cast<int64_t>(as_integer))
                     : lua_type(L, -1) == LUA_TSTRING
                         ? TraceValue(std::string(lua_tostring(L, -1)))
                         : (raise_at_script(L, "event filter '" + key +
                                                   "': expected a string, integer or boolean"),
                            TraceValue(int64_t{0}));
      f.fields.push_back({key, v});
      lua_pop(L, 1);
    }
  }
  return f;
}

// on(type, filter, fn, once) -> id
int w_on(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  cluster_of(L);
  luaL_checktype(L, 3, LUA_TFUNCTION);
  TraceFilter f = filter_from(L, 1, 2);
  lua_pushvalue(L, 3);
  int ref = luaL_ref(L, LUA_REGISTRYINDEX);  // L may be the main coroutine, not state()
  impl.listeners.push_back({.filter = std::move(f), .ref = ref, .once = lua_toboolean(L, 4) != 0});
  lua_pushinteger(L, static_cast<lua_Integer>(impl.listeners.size()));
  return 1;
}

int w_off(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  lua_Integer i = luaL_checkinteger(L, 1);
  if (i >= 1 && i <= static_cast<lua_Integer>(impl.listeners.size()))
    impl.listeners[static_cast<size_t>(i - 1)].active = false;
  return 0;
}

// step{ focus }: every name must be a node or a consumer group of the cluster.
std::vector<std::string> check_focus(lua_State* L, int idx) {
  if (lua_isnoneornil(L, idx)) return {};
  std::vector<std::string> names = string_list(L, idx, "step{ focus }");
  Cluster& c = cluster_of(L);
  std::vector<std::string> groups = c.group_ids();
  for (const std::string& n : names)
    if (c.node_by_name(n) == nullptr && std::find(groups.begin(), groups.end(), n) == groups.end())
      raise_at_script(L, "step{ focus }: unknown entity '" + n + "' (not a node or a group)");
  return names;
}

// step{ views }: panel names (ksim/types/presentation.h).
std::vector<std::string> check_views(lua_State* L, int idx) {
  if (lua_isnoneornil(L, idx)) return {};
  std::vector<std::string> names = string_list(L, idx, "step{ views }");
  for (const std::string& n : names) {
    Result<ViewRequest> r = parse_view_name(n);
    if (!r) raise_at_script(L, "step{ views }: " + r.status().message());
  }
  return names;
}

// narrate(kind, text, pause, focus, views): kind "chapter" | "step" | "note"
int w_narrate(lua_State* L) {
  int kind = check_enum(L, 1, "narration", {"chapter", "step", "note"});
  Narration n{.kind = static_cast<Narration::Kind>(kind), .text = luaL_checkstring(L, 2),
              .pause = lua_toboolean(L, 3) != 0};
  n.focus = check_focus(L, 4);
  n.views = check_views(L, 5);
  scenario_of(L).narrate(std::move(n));
  return 0;
}

// break_on(type, filter): presentation only (the GUI pauses; `ksim run --break` stops).
int w_break_on(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  TraceFilter f = filter_from(L, 1, 2);
  impl.breakpoints.push_back({.filter = std::move(f), .where = script_where(L)});
  return 0;
}

// expect(passed, description): recorded at the scenario line that asked.
// The optional parts of expect(ok, description, parts): { { name, verdict, text }, ... }.
std::vector<ExpectationPart> expectation_parts(lua_State* L, int idx) {
  std::vector<ExpectationPart> parts;
  if (lua_isnoneornil(L, idx)) return parts;
  luaL_checktype(L, idx, LUA_TTABLE);
  const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, idx));
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, idx, i);
    const int part = lua_gettop(L);
    luaL_checktype(L, part, LUA_TTABLE);
    lua_getfield(L, part, "name");
    lua_getfield(L, part, "text");
    ExpectationPart p{.name = luaL_checkstring(L, -2), .text = luaL_optstring(L, -1, "")};
    lua_pop(L, 2);
    lua_getfield(L, part, "verdict");
    p.verdict = static_cast<ExpectationPart::Verdict>(
        check_enum(L, lua_gettop(L), "verdict", {"failed", "allowed", "not found", "not checked"}));
    lua_settop(L, part - 1);
    parts.push_back(std::move(p));
  }
  return parts;
}

int w_expect(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  Expectation e{.description = luaL_checkstring(L, 2), .passed = lua_toboolean(L, 1) != 0};
  e.parts = expectation_parts(L, 3);
  lua_Debug ar;
  if (script_level(L, ar) > 0) {
    e.file = ar.source[0] == '@' ? ar.source + 1 : ar.source;
    e.line = ar.currentline;
  }
  e.t = impl.cluster() ? impl.cluster()->now() : 0;
  impl.add_expectation(e);
  return 0;
}

// param(name, default, min, max, doc): the range and help of a parameter (the prelude checked
// the option keys). Numbers only for the range; the default must lie in it.
void read_param_options(lua_State* L, ParamInfo& p) {
  for (int idx : {3, 4}) {
    if (lua_isnoneornil(L, idx)) continue;
    if (lua_type(L, idx) != LUA_TNUMBER)
      raise_at_script(L, "param(" + p.name + "): " + (idx == 3 ? "min" : "max") +
                             " must be a number");
    (idx == 3 ? p.min : p.max) = lua_tonumber(L, idx);
  }
  if (!lua_isnoneornil(L, 5)) {
    if (lua_type(L, 5) != LUA_TSTRING)
      raise_at_script(L, "param(" + p.name + "): doc must be a string");
    p.doc = lua_tostring(L, 5);
  }
  if ((p.min || p.max) && lua_type(L, 2) != LUA_TNUMBER)
    raise_at_script(L, "param(" + p.name + "): min and max need a number default");
  if (p.min && p.max && *p.min > *p.max)
    raise_at_script(L, "param(" + p.name + "): min is above max");
  if (lua_type(L, 2) == LUA_TNUMBER && !in_range({p.min, p.max}, lua_tonumber(L, 2)))
    raise_at_script(L, "param(" + p.name + "): the default " + p.default_text + " is outside " +
                           range_text({p.min, p.max}));
}

// The param() call as the parameter panel lists it (first read wins; later reads are the same).
ParamInfo make_param(lua_State* L, const std::string& name, const std::string* override_text) {
  ParamInfo p{.name = name};
  p.type = lua_type(L, 2) == LUA_TNUMBER ? ParamInfo::Type::Number
           : lua_isboolean(L, 2)         ? ParamInfo::Type::Boolean
                                         : ParamInfo::Type::String;
  p.default_text = lua_isboolean(L, 2) ? (lua_toboolean(L, 2) ? "true" : "false")
                   : lua_isnil(L, 2)   ? ""
                                       : luaL_tolstring(L, 2, nullptr);
  if (!lua_isboolean(L, 2) && !lua_isnil(L, 2)) lua_pop(L, 1);  // luaL_tolstring's copy
  p.overridden = override_text != nullptr;
  p.value_text = p.overridden ? *override_text : p.default_text;
  read_param_options(L, p);
  return p;
}

void record_param(lua_State* L, ParamInfo p) {
  std::vector<ParamInfo>& params = scenario_of(L).params();
  for (const ParamInfo& known : params)
    if (known.name == p.name) return;
  params.push_back(std::move(p));
}

// param(name, default, min, max, doc): --set name=value overrides; the value keeps the
// default's type and must lie in [min, max].
int w_param(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  std::string name = luaL_checkstring(L, 1);
  auto it = impl.options().params.find(name);
  bool overridden = it != impl.options().params.end();
  ParamInfo p = make_param(L, name, overridden ? &it->second : nullptr);
  if (!overridden) {
    record_param(L, std::move(p));
    lua_pushvalue(L, 2);
    return 1;
  }
  if (lua_type(L, 2) == LUA_TNUMBER) {
    if (!lua_stringtonumber(L, it->second.c_str()))
      raise_at_script(L, "--set " + name + "=" + it->second + ": expected a number");
    if (!in_range({p.min, p.max}, lua_tonumber(L, -1))) {
      raise_at_script(L, "--set " + name + "=" + it->second + ": " + name + " must be in " +
                             range_text({p.min, p.max}));
    }
  } else if (lua_isboolean(L, 2)) {
    lua_pushboolean(L, it->second == "true");
  } else {
    lua_pushstring(L, it->second.c_str());
  }
  record_param(L, std::move(p));
  return 1;
}

// scenario{ title, summary, seed, learn, watch_for, ... }
int w_scenario(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  check_table_fields(L, 1, {"title", "summary", "seed", "learn", "watch_for", "level", "minutes",
                            "tags"}, "scenario");
  if (impl.cluster()) raise_at_script(L, "scenario{} must come before cluster{}");
  ScenarioInfo& info = impl.info();
  lua_getfield(L, 1, "title");
  info.title = luaL_optstring(L, -1, "");
  lua_getfield(L, 1, "summary");
  info.summary = luaL_optstring(L, -1, "");
  lua_getfield(L, 1, "learn");
  if (!lua_isnil(L, -1)) info.learn = string_list(L, lua_gettop(L), "learn");
  lua_getfield(L, 1, "watch_for");
  if (!lua_isnil(L, -1)) info.watch_for = string_list(L, lua_gettop(L), "watch_for");
  lua_getfield(L, 1, "seed");
  if (!lua_isnil(L, -1) && !impl.seed_fixed)
    impl.set_seed(static_cast<uint64_t>(luaL_checkinteger(L, -1)));
  lua_pop(L, 5);
  return 0;
}

int w_seed(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(scenario_of(L).seed()));
  return 1;
}

int w_format_time(lua_State* L) {
  lua_pushstring(L, format_time(check_duration(L, 1)).c_str());
  return 1;
}

int w_duration_us(lua_State* L) {  // "5s" -> 5000000 (for the prelude's arithmetic)
  lua_pushinteger(L, check_duration(L, 1));
  return 1;
}

}  // namespace

ScenarioRun::Impl& scenario_of(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kImplKey);
  auto* impl = static_cast<ScenarioRun::Impl*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return *impl;
}

Cluster& cluster_of(lua_State* L) {
  Cluster* c = scenario_of(L).cluster();
  if (c == nullptr) raise_at_script(L, "no cluster yet: call cluster{ brokers = N } first");
  return *c;
}

void raise_at_script(lua_State*, const std::string& message) {
  // Thrown, not raised: the C++ frames of the binding unwind first, then protect<> turns it
  // into a Lua error located at the scenario's line (raise_error).
  throw std::runtime_error(message);
}

void push_event(lua_State* L, Time t, const TraceEvent& e) {
  lua_newtable(L);
  lua_pushnumber(L, static_cast<double>(t) / kMillisecond);
  lua_setfield(L, -2, "t");
  set_field(L, "type", e.type);
  for (const TraceField& f : e.fields) {
    if (const auto* i = std::get_if<int64_t>(&f.value)) lua_pushinteger(L, *i);
    else if (const auto* b = std::get_if<bool>(&f.value)) lua_pushboolean(L, *b);
    else lua_pushstring(L, std::get<std::string>(f.value).c_str());
    lua_setfield(L, -2, f.key.c_str());
  }
}

void register_bindings(lua_State* L, ScenarioRun::Impl* impl) {
  lua_pushlightuserdata(L, impl);
  lua_setfield(L, LUA_REGISTRYINDEX, kImplKey);
  lua_pushstring(L, prelude_source().c_str());
  lua_setfield(L, LUA_REGISTRYINDEX, kInternalChunkKey);
  static const luaL_Reg kFunctions[] = {
      {"now", protect<w_now>}, {"now_us", protect<w_now_us>},
      {"schedule", protect<w_schedule>}, {"cancel", protect<w_cancel>},
      {"on", protect<w_on>}, {"off", protect<w_off>},
      {"narrate", protect<w_narrate>}, {"expect", protect<w_expect>},
      {"break_on", protect<w_break_on>},
      {"param", protect<w_param>}, {"scenario", protect<w_scenario>},
      {"seed", protect<w_seed>}, {"format_time", protect<w_format_time>},
      {"duration_us", protect<w_duration_us>}, {nullptr, nullptr}};
  lua_newtable(L);
  luaL_setfuncs(L, kFunctions, 0);
  register_cluster_bindings(L);
  register_query_bindings(L);
  register_delivery_bindings(L);
  register_admin_bindings(L);
  register_swarm_bindings(L);
  register_swarm_schedule_bindings(L);
  register_presentation_bindings(L);
  lua_setglobal(L, "__ksim");
}

}  // namespace ksim::script
