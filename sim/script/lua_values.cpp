// Lua <-> ksim value conversions.
#include "sim/script/lua_values.h"

#include <cmath>
#include <cstdio>

#include "sim/script/scenario_impl.h"

namespace ksim::script {

std::string config_value_string(lua_State* L, int idx) {
  if (lua_isboolean(L, idx)) return lua_toboolean(L, idx) ? "true" : "false";
  if (lua_isinteger(L, idx)) return std::to_string(lua_tointeger(L, idx));
  if (lua_type(L, idx) == LUA_TNUMBER) {
    double d = lua_tonumber(L, idx);
    if (std::floor(d) == d && std::fabs(d) < 9e15) return std::to_string(static_cast<int64_t>(d));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
  }
  if (lua_type(L, idx) == LUA_TSTRING) return lua_tostring(L, idx);
  if (lua_istable(L, idx)) {  // a list, as Kafka's comma-separated lists
    std::string out;
    lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, idx));
    for (lua_Integer i = 1; i <= n; i++) {
      lua_rawgeti(L, idx, i);
      out += (out.empty() ? "" : ",") + config_value_string(L, lua_gettop(L));
      lua_pop(L, 1);
    }
    return out;
  }
  raise_at_script(L, std::string("expected a string, number or boolean config value, got ") +
                         luaL_typename(L, idx));
}

ConfigMap kafka_keys(lua_State* L, int idx, std::vector<std::string>* plain_keys) {
  ConfigMap out;
  if (lua_isnoneornil(L, idx)) return out;
  if (!lua_istable(L, idx)) raise_at_script(L, "expected a table of settings");
  idx = lua_absindex(L, idx);
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING) raise_at_script(L, "setting names must be strings");
    std::string key = lua_tostring(L, -2);
    if (key.find('.') != std::string::npos) {
      out[key] = config_value_string(L, lua_gettop(L));
    } else if (plain_keys) {
      plain_keys->push_back(key);
    }
    lua_pop(L, 1);
  }
  return out;
}

std::vector<std::string> string_list(lua_State* L, int idx, const char* what) {
  std::vector<std::string> out;
  if (lua_type(L, idx) == LUA_TSTRING) return {lua_tostring(L, idx)};
  if (!lua_istable(L, idx)) raise_at_script(L, std::string(what) + ": expected a string or a list");
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, idx));
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, idx, i);
    if (lua_type(L, -1) != LUA_TSTRING)
      raise_at_script(L, std::string(what) + ": expected strings");
    out.push_back(lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  return out;
}

void push_partitions(lua_State* L, const std::vector<TopicPartition>& tps) {
  lua_createtable(L, static_cast<int>(tps.size()), 0);
  for (size_t i = 0; i < tps.size(); i++) {
    lua_pushstring(L, tps[i].to_string().c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

void set_field(lua_State* L, const char* key, int64_t v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, key);
}

void set_field(lua_State* L, const char* key, const std::string& v) {
  lua_pushstring(L, v.c_str());
  lua_setfield(L, -2, key);
}

void set_field_bool(lua_State* L, const char* key, bool v) {
  lua_pushboolean(L, v);
  lua_setfield(L, -2, key);
}

}  // namespace ksim::script
