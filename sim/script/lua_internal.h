#pragma once
// Private state shared by lua_vm.cpp, lua_sandbox.cpp and lua_error.cpp. Not a public header:
// binding authors use include/ksim/script/lua_vm.h and lua_check.h.
#include <lua.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "ksim/script/lua_vm.h"

namespace ksim::script {

// Which budget the running entry point is charged against.
enum class Entry { kNone, kRun, kCallback };

struct LuaVm::Impl {
  LuaLimits limits;
  LuaVm::RandomSource random_source;
  LuaVm::PrintSink print;
  lua_State* L = nullptr;

  // Allocator accounting (the allocator's ud is this Impl).
  int64_t memory_used = 0;
  int64_t memory_peak = 0;
  int64_t memory_reserve = 0;  // extra bytes granted while an error message is being built

  // Instruction budget.
  int hook_step = 1000;
  int64_t instructions_used = 0;
  int64_t call_start = 0;  // instructions_used when the current call_ref began
  Entry entry = Entry::kNone;

  // Main coroutine.
  lua_State* main = nullptr;
  int main_ref = LUA_NOREF;
  int main_pending = 0;  // values the main coroutine yielded, still on its stack
  bool main_yielded = false;

  // Full chunk names ("scenarios/x.lua"), to undo Lua's truncation of long names to "...".
  std::vector<std::string> chunk_names;
};

// The Impl behind any thread of the VM (the allocator's ud).
LuaVm::Impl& impl_of(lua_State* L);

// lua_sandbox.cpp: opens the allowed libraries and installs the replacements. Runs as a
// lua_CFunction under lua_pcall so that an allocation failure is an error, not a panic.
int open_sandbox(lua_State* L);

// lua_error.cpp: the message handler (lua.c's msghandler) that turns the error value on top
// into a table {message=, traceback=, source=, line=}; `from` is the thread whose stack is
// described, starting at `level`. Returns 1.
int message_handler(lua_State* L);
void push_error_info(lua_State* L, lua_State* from, int level);
// Reads the table (or any other error value) at `idx` into a ScriptError. `fallback_source`
// ("@file") names the file when the error carries no position (memory errors under pcall).
ScriptError read_error(lua_State* L, int idx, const LuaVm::Impl& vm,
                       std::string_view fallback_source);
// Splits "file:line: message" (Lua's position prefix). Returns false when absent.
bool split_position(std::string_view text, std::string* file, int* line, std::string* rest);

}  // namespace ksim::script
