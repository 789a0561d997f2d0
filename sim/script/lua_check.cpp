// Argument helpers for Lua bindings: durations, enums and Kafka config tables, with errors
// that name the argument, the valid values and the closest known key.
#include "ksim/script/lua_check.h"

#include <lua.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "ksim/types/config_def.h"

namespace ksim::script {
namespace {

// Copies `text` into a fixed buffer (truncating), so it survives leaving C++ scopes.
void copy_message(std::string_view text, char* buffer, size_t size) {
  buffer[text.copy(buffer, size - 1)] = '\0';
}

bool bytewise_less(std::string_view a, std::string_view b) { return a < b; }

std::string_view view_at(lua_State* L, int idx) {
  size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);
  return std::string_view(s, len);
}

}  // namespace

void raise_error(lua_State* L, const char* message) {
  // Locate the error at the first Lua frame that is not internal (the embedded prelude, named
  // in the registry by the scenario runner), so a scenario author sees their own file:line.
  lua_getfield(L, LUA_REGISTRYINDEX, kInternalChunkKey);
  const char* internal = lua_tostring(L, -1);
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar); level++) {
    lua_getinfo(L, "Sl", &ar);
    if (ar.currentline <= 0) continue;
    if (internal != nullptr && std::strcmp(ar.source, internal) == 0) continue;
    const char* file = ar.source[0] == '@' ? ar.source + 1 : ar.short_src;
    lua_pushfstring(L, "%s:%d: %s", file, ar.currentline, message);
    lua_error(L);
  }
  lua_pushstring(L, message);
  lua_error(L);
  std::abort();  // lua_error does not return
}

Duration check_duration(lua_State* L, int idx) {
  int type = lua_type(L, idx);
  if (type == LUA_TNUMBER) {
    double ms = lua_tonumber(L, idx);
    if (!(ms >= 0) || !(ms * 1000 < 9.0e18)) {
      luaL_argerror(L, idx, lua_pushfstring(L, "duration must be a non-negative number of"
                                               " milliseconds, got %f", ms));
    }
    return static_cast<Duration>(std::llround(ms * 1000));
  }
  if (type != LUA_TSTRING) {
    luaL_argerror(L, idx, lua_pushfstring(L, "duration expected, as \"250ms\", \"5s\" or a"
                                             " number of milliseconds; got %s",
                                          luaL_typename(L, idx)));
  }
  char message[512];
  Duration value = catch_exceptions(L, [&]() -> Duration {
    Result<Duration> parsed = parse_duration(view_at(L, idx));
    if (parsed.is_ok()) return parsed.value();
    copy_message(parsed.status().message() + "; a number means milliseconds", message,
                 sizeof message);
    return -1;
  });
  if (value < 0) luaL_argerror(L, idx, message);
  return value;
}

Duration opt_duration(lua_State* L, int idx, Duration fallback) {
  return lua_isnoneornil(L, idx) ? fallback : check_duration(L, idx);
}

int check_enum(lua_State* L, int idx, std::string_view what,
               std::span<const std::string_view> valid) {
  size_t len = 0;
  const char* s = luaL_checklstring(L, idx, &len);
  std::string_view value(s, len);
  for (size_t i = 0; i < valid.size(); i++)
    if (valid[i] == value) return static_cast<int>(i);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "invalid ");
  luaL_addlstring(&b, what.data(), what.size());
  luaL_addstring(&b, " '");
  luaL_addlstring(&b, s, len);
  luaL_addstring(&b, "'; expected one of ");
  for (size_t i = 0; i < valid.size(); i++) {
    luaL_addstring(&b, i == 0 ? "'" : ", '");
    luaL_addlstring(&b, valid[i].data(), valid[i].size());
    luaL_addchar(&b, '\'');
  }
  luaL_pushresult(&b);
  return luaL_argerror(L, idx, lua_tostring(L, -1));
}

int check_enum(lua_State* L, int idx, std::string_view what,
               std::initializer_list<std::string_view> valid) {
  return check_enum(L, idx, what, std::span<const std::string_view>(valid.begin(), valid.size()));
}

std::string_view suggest_key(std::string_view key, std::span<const std::string_view> candidates) {
  std::string_view best;
  size_t best_distance = std::max<size_t>(3, key.size() / 4) + 1;
  for (std::string_view candidate : candidates) {
    size_t distance = edit_distance(key, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string unknown_key_message(std::string_view key, std::span<const std::string_view> allowed,
                                std::string_view what) {
  std::string message = "unknown config key '" + std::string(key) + "' for " + std::string(what);
  std::string_view suggestion = suggest_key(key, allowed);
  if (!suggestion.empty()) message += " (did you mean '" + std::string(suggestion) + "'?)";
  return message;
}

void check_table_fields(lua_State* L, int idx, std::span<const std::string_view> allowed,
                        std::string_view what) {
  idx = lua_absindex(L, idx);
  luaL_checktype(L, idx, LUA_TTABLE);
  lua_pushnil(L);  // the bytewise-smallest unknown key so far
  int worst = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING) {
      lua_pushfstring(L, "config table for %s has a non-string key (%s); write [\"key\"] = value",
                      lua_pushlstring(L, what.data(), what.size()), luaL_typename(L, -1));
      raise_error(L, lua_tostring(L, -1));
    }
    std::string_view key = view_at(L, -1);
    bool known = false;
    for (std::string_view name : allowed) known = known || name == key;
    if (!known && (lua_isnil(L, worst) || bytewise_less(key, view_at(L, worst)))) {
      lua_pushvalue(L, -1);
      lua_replace(L, worst);
    }
  }
  if (lua_isnil(L, worst)) {
    lua_pop(L, 1);
    return;
  }
  char message[512];
  catch_exceptions(L, [&] {
    copy_message(unknown_key_message(view_at(L, worst), allowed, what), message, sizeof message);
    return 0;
  });
  raise_error(L, message);
}

void check_table_fields(lua_State* L, int idx, std::initializer_list<std::string_view> allowed,
                        std::string_view what) {
  check_table_fields(L, idx, std::span<const std::string_view>(allowed.begin(), allowed.size()),
                     what);
}

std::string_view check_string_view(lua_State* L, int idx) {
  size_t len = 0;
  const char* s = luaL_checklstring(L, idx, &len);
  return std::string_view(s, len);
}

void push_string_view(lua_State* L, std::string_view s) { lua_pushlstring(L, s.data(), s.size()); }

}  // namespace ksim::script
