// Script errors: the pcall message handler (lua.c's msghandler, plus the raise site) and the
// parsing of Lua's "file:line: message" into a ScriptError that names the scenario's own file.
#include <cctype>
#include <string>
#include <string_view>

#include "sim/script/lua_internal.h"

namespace ksim::script {
namespace {

// Extra allocation headroom while an error message and traceback are being built, so that a
// script stopped by the memory limit can still be reported with its traceback.
constexpr int64_t kErrorReserveBytes = int64_t{1} << 20;

std::string_view view_of(lua_State* L, int idx) {
  size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);
  return s ? std::string_view(s, len) : std::string_view();
}

// Drops the '@' or '=' Lua puts in front of a chunk name.
std::string_view strip_source(std::string_view source) {
  if (!source.empty() && (source[0] == '@' || source[0] == '=')) source.remove_prefix(1);
  return source;
}

// Lua shortens long chunk names to "...tail"; find the full name among the loaded chunks.
std::string expand_file(std::string_view file, const LuaVm::Impl& vm) {
  if (!file.starts_with("...")) return std::string(file);
  std::string_view tail = file.substr(3);
  for (const std::string& name : vm.chunk_names)
    if (std::string_view(name).ends_with(tail)) return name;
  return std::string(file);
}

std::string describe_limit(int64_t bytes) {
  if (bytes % (int64_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// Converts the error value on top to a string in place (lua.c's msghandler rule).
void error_to_string(lua_State* L) {
  if (lua_type(L, -1) == LUA_TSTRING) return;
  if (luaL_callmeta(L, -1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
    lua_remove(L, -2);
    return;
  }
  lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, -1));
  lua_remove(L, -2);
}

}  // namespace

void push_error_info(lua_State* L, lua_State* from, int level) {
  error_to_string(L);
  lua_createtable(L, 0, 4);
  lua_insert(L, -2);
  lua_setfield(L, -2, "message");
  luaL_traceback(L, from, nullptr, level);
  lua_setfield(L, -2, "traceback");
  // The first Lua frame at or above `level`: where the error was raised, for messages that
  // carry no position of their own (error(msg, 0), error objects, memory errors).
  lua_Debug ar;
  for (int l = level; lua_getstack(from, l, &ar); l++) {
    lua_getinfo(from, "Sl", &ar);
    if (ar.currentline <= 0) continue;
    lua_pushstring(L, ar.source);
    lua_setfield(L, -2, "source");
    lua_pushinteger(L, ar.currentline);
    lua_setfield(L, -2, "line");
    break;
  }
}

int message_handler(lua_State* L) {
  impl_of(L).memory_reserve = kErrorReserveBytes;
  lua_settop(L, 1);
  push_error_info(L, L, 1);
  return 1;
}

bool split_position(std::string_view text, std::string* file, int* line, std::string* rest) {
  for (size_t colon = text.find(':'); colon != std::string_view::npos;
       colon = text.find(':', colon + 1)) {
    size_t end = colon + 1;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) end++;
    if (colon == 0 || end == colon + 1 || end >= text.size() || text[end] != ':') continue;
    *file = std::string(text.substr(0, colon));
    int value = 0;
    for (size_t i = colon + 1; i < end && value < 100'000'000; i++)
      value = value * 10 + (text[i] - '0');
    *line = value;
    size_t start = end + 1;
    if (start < text.size() && text[start] == ' ') start++;
    *rest = std::string(text.substr(start));
    return true;
  }
  return false;
}

ScriptError read_error(lua_State* L, int idx, const LuaVm::Impl& vm,
                       std::string_view fallback_source) {
  idx = lua_absindex(L, idx);
  std::string text, source;
  ScriptError error;
  if (lua_type(L, idx) == LUA_TTABLE) {
    lua_getfield(L, idx, "message");
    text = std::string(view_of(L, -1));
    lua_getfield(L, idx, "traceback");
    error.traceback = std::string(view_of(L, -1));
    lua_getfield(L, idx, "source");
    source = std::string(view_of(L, -1));
    lua_getfield(L, idx, "line");
    error.line = static_cast<int>(lua_tointeger(L, -1));
    lua_pop(L, 4);
  } else {
    text = lua_type(L, idx) == LUA_TSTRING ? std::string(view_of(L, idx))
                                           : std::string("(error object is not a string)");
  }
  std::string file;
  int line = 0;
  if (split_position(text, &file, &line, &error.message)) {
    error.file = expand_file(file, vm);
    error.line = line;
  } else {
    error.message = text;
    error.file = std::string(strip_source(source.empty() ? fallback_source : source));
  }
  if (error.message == "not enough memory")
    error.message += " (script memory limit of " + describe_limit(vm.limits.memory_bytes) + ")";
  return error;
}

std::string ScriptError::headline() const {
  std::string out = file.empty() ? std::string("?") : file;
  if (line > 0) out += ":" + std::to_string(line);
  return out + ": " + message;
}

std::string ScriptError::to_string() const {
  return traceback.empty() ? headline() : headline() + "\n" + traceback;
}

}  // namespace ksim::script
