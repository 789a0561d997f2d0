// The scenario sandbox: which Lua libraries a scenario sees, and the deterministic
// replacements for print, math.random, pairs and tostring. See the contract in lua_vm.h.
#include <cstring>
#include <string_view>

#include "ksim/script/lua_check.h"
#include "sim/script/lua_internal.h"

namespace ksim::script {
namespace {

// Sorted pairs and address-free tostring. Arguments: the key comparator and metafield lookup
// (C, below) and the original tostring. Sets the globals; returns the new tostring.
constexpr std::string_view kSandboxLua = R"lua(
local key_less, metafield, raw_tostring = ...
local next, type, rawget, error, sort, setmetatable = next, type, rawget, error, table.sort,
  setmetatable
local orderable = { number = true, string = true, boolean = true }

local function sorted_keys(t)
  local keys, n = {}, 0
  for k in next, t do
    if not orderable[type(k)] then
      error("pairs: a key of type " .. type(k) .. " has no deterministic order; keep such"
        .. " values in an array and use ipairs", 3)
    end
    n = n + 1
    keys[n] = k
  end
  sort(keys, key_less)
  return keys
end

-- Lua 5.4's pairs, but in sorted key order: raw next() order depends on a per-process hash seed.
function pairs(t)
  local custom = metafield(t, "__pairs")
  if custom then
    local f, s, c = custom(t)
    return f, s, c
  end
  if type(t) ~= "table" then
    error("bad argument #1 to 'pairs' (table expected, got " .. type(t) .. ")", 2)
  end
  local keys, i = sorted_keys(t), 0
  return function(tbl)
    while true do
      i = i + 1
      local k = keys[i]
      if k == nil then return nil end
      local v = rawget(tbl, k)
      if v ~= nil then return k, v end
    end
  end, t, nil
end

local ids, last_id = setmetatable({}, { __mode = "k" }), 0
local by_id = { table = true, ["function"] = true, thread = true, userdata = true }

-- tostring without addresses: "table: #3", numbered in first-seen order.
function tostring(v)
  if by_id[type(v)] and not metafield(v, "__tostring") then
    local id = ids[v]
    if not id then
      last_id = last_id + 1
      id = last_id
      ids[v] = id
    end
    local name = metafield(v, "__name")
    return (type(name) == "string" and name or type(v)) .. ": #" .. id
  end
  return raw_tostring(v)
end
return tostring
)lua";

int key_rank(int type) {
  switch (type) {
    case LUA_TNUMBER: return 0;
    case LUA_TSTRING: return 1;
    case LUA_TBOOLEAN: return 2;
    default: return 3;
  }
}

// A strict order on number, string and boolean keys; strings compare bytewise (not strcoll).
int key_less(lua_State* L) {
  int rank_a = key_rank(lua_type(L, 1)), rank_b = key_rank(lua_type(L, 2));
  bool less = false;
  if (rank_a != rank_b) {
    less = rank_a < rank_b;
  } else if (rank_a == 0) {
    less = lua_compare(L, 1, 2, LUA_OPLT);
  } else if (rank_a == 1) {
    size_t len_a = 0, len_b = 0;
    const char* a = lua_tolstring(L, 1, &len_a);
    const char* b = lua_tolstring(L, 2, &len_b);
    int c = std::memcmp(a, b, len_a < len_b ? len_a : len_b);
    less = c < 0 || (c == 0 && len_a < len_b);
  } else if (rank_a == 2) {
    less = !lua_toboolean(L, 1) && lua_toboolean(L, 2);
  }
  lua_pushboolean(L, less);
  return 1;
}

// metafield(v, name): the raw metatable field, ignoring __metatable (luaL_getmetafield).
int metafield(lua_State* L) {
  const char* name = luaL_checkstring(L, 2);
  if (luaL_getmetafield(L, 1, name) == LUA_TNIL) lua_pushnil(L);
  return 1;
}

// print(...): joins tostring() of each argument with '\t' and hands it to the host.
int w_print(lua_State* L) {
  int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; i++) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, i);
    lua_call(L, 1, 1);
    if (lua_type(L, -1) != LUA_TSTRING) luaL_error(L, "'tostring' must return a string");
    if (i > 1) luaL_addchar(&b, '\t');
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  size_t len = 0;
  const char* text = lua_tolstring(L, -1, &len);
  LuaVm::Impl& vm = impl_of(L);
  return catch_exceptions(L, [&] {
    vm.print(std::string_view(text, len));
    return 0;
  });
}

uint64_t draw(lua_State* L) {
  LuaVm::Impl& vm = impl_of(L);
  return catch_exceptions(L, [&] { return vm.random_source(); });
}

// Lua 5.4's 'project': a uniform value in [0, n] from random bits, by rejection.
uint64_t project(lua_State* L, uint64_t bits, uint64_t n) {
  if ((n & (n + 1)) == 0) return bits & n;  // n + 1 is a power of two
  uint64_t mask = n;
  for (int shift = 1; shift < 64; shift *= 2) mask |= mask >> shift;
  while ((bits &= mask) > n) bits = draw(L);
  return bits;
}

// math.random with Lua 5.4's semantics, drawing from the host's random source.
int w_random(lua_State* L) {
  lua_Integer low = 1, up = 0;
  switch (lua_gettop(L)) {
    case 0:
      lua_pushnumber(L, static_cast<lua_Number>(draw(L) >> 11) * 0x1.0p-53);
      return 1;
    case 1:
      up = luaL_checkinteger(L, 1);
      if (up == 0) {  // math.random(0): all 64 bits
        lua_pushinteger(L, static_cast<lua_Integer>(draw(L)));
        return 1;
      }
      break;
    case 2:
      low = luaL_checkinteger(L, 1);
      up = luaL_checkinteger(L, 2);
      break;
    default:
      return luaL_error(L, "wrong number of arguments");
  }
  luaL_argcheck(L, low <= up, 1, "interval is empty");
  uint64_t span = static_cast<uint64_t>(up) - static_cast<uint64_t>(low);
  uint64_t value = project(L, draw(L), span) + static_cast<uint64_t>(low);
  lua_pushinteger(L, static_cast<lua_Integer>(value));
  return 1;
}

int w_randomseed(lua_State* L) {
  return luaL_error(L, "math.randomseed is not available in scenarios: the host seeds the"
                       " random stream (the scenario's seed)");
}

// load(chunk [, chunkname [, mode [, env]]]) with mode forced to "t": no binary chunks.
int w_load(lua_State* L) {
  if (lua_gettop(L) < 3) lua_settop(L, 3);
  lua_pushliteral(L, "t");
  lua_replace(L, 3);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

// collectgarbage limited to options that cannot stop the collector or retune it.
int w_collectgarbage(lua_State* L) {
  static const char* const kAllowed[] = {"collect", "step", "count", "isrunning", nullptr};
  const char* option = luaL_optstring(L, 1, "collect");
  bool allowed = false;
  for (int i = 0; kAllowed[i] != nullptr; i++)
    allowed = allowed || std::strcmp(option, kAllowed[i]) == 0;
  if (!allowed) {
    return luaL_argerror(L, 1, lua_pushfstring(L, "option '%s' is not available in scenarios;"
                                                  " expected one of 'collect', 'step', 'count',"
                                                  " 'isrunning'", option));
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

// setmetatable refusing __gc: finalizers run with hooks off, outside the instruction budget.
int w_setmetatable(lua_State* L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL) {
      return luaL_error(L, "__gc metamethods are not allowed in scenarios (finalizers would run"
                           " outside the instruction limit)");
    }
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

// Replaces global or field `name` of the table at -1 by `fn` closed over the old value.
void wrap_field(lua_State* L, const char* name, lua_CFunction fn) {
  lua_getfield(L, -1, name);
  lua_pushcclosure(L, fn, 1);
  lua_setfield(L, -2, name);
}

void remove_field(lua_State* L, const char* name) {
  lua_pushnil(L);
  lua_setfield(L, -2, name);
}

void open_libraries(lua_State* L) {
  static const luaL_Reg kLibraries[] = {
      {LUA_GNAME, luaopen_base},          {LUA_STRLIBNAME, luaopen_string},
      {LUA_TABLIBNAME, luaopen_table},    {LUA_MATHLIBNAME, luaopen_math},
      {LUA_UTF8LIBNAME, luaopen_utf8},    {LUA_COLIBNAME, luaopen_coroutine},
  };
  for (const luaL_Reg& library : kLibraries) {
    luaL_requiref(L, library.name, library.func, 1);
    lua_pop(L, 1);
  }
}

}  // namespace

int open_sandbox(lua_State* L) {
  open_libraries(L);
  lua_pushglobaltable(L);
  for (const char* name : {"dofile", "loadfile", "warn"}) remove_field(L, name);
  wrap_field(L, "load", w_load);
  wrap_field(L, "collectgarbage", w_collectgarbage);
  wrap_field(L, "setmetatable", w_setmetatable);
  lua_getfield(L, -1, LUA_MATHLIBNAME);
  lua_pushcfunction(L, w_random);
  lua_setfield(L, -2, "random");
  lua_pushcfunction(L, w_randomseed);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);
  lua_getfield(L, -1, LUA_STRLIBNAME);
  remove_field(L, "dump");
  lua_pop(L, 1);
  // Deterministic pairs and tostring, then print over that tostring.
  if (luaL_loadbufferx(L, kSandboxLua.data(), kSandboxLua.size(), "=ksim.sandbox", "t") != LUA_OK)
    return lua_error(L);
  lua_pushcfunction(L, key_less);
  lua_pushcfunction(L, metafield);
  lua_getfield(L, -4, "tostring");
  lua_call(L, 3, 1);
  lua_pushcclosure(L, w_print, 1);
  lua_setfield(L, -2, "print");
  lua_pop(L, 1);
  return 0;
}

}  // namespace ksim::script
