#pragma once
// LuaVm: the sandboxed Lua 5.4 state that runs one ksim scenario, with a memory limit, an
// instruction budget, deterministic randomness, and errors reported as "file:line: message".
//
// Contract for the whole class (read before binding anything):
// * One LuaVm per scenario run. Not thread-safe; not copyable; owns its lua_State.
// * Every entry point (run_string, load_*, start_main, resume, call_ref) runs Lua under a
//   protected call and returns errors as values (ScriptError). A C++ exception never crosses a
//   Lua frame: bindings wrap throwing code with ksim::script::catch_exceptions (lua_check.h).
// * Entry points are not re-entrant: REQUIRES no Lua code of this VM is running (asserted). A
//   binding that must run a Lua function synchronously uses lua_call on its own lua_State*.
//   Host code outside an entry point may push, read and ref values on state(), but must not
//   lua_call Lua functions there: the budget hook could raise outside any pcall (a panic).
// * Sandbox (globals present): base minus dofile, loadfile, warn; load() accepts text chunks
//   only; collectgarbage() accepts "collect", "step", "count", "isrunning"; setmetatable()
//   refuses metatables with a __gc field (finalizers run with hooks off, so outside the budget);
//   string (minus string.dump), table, math, utf8, coroutine. No io, os, package, require, debug.
//   print() goes to the host's print callback, one call per print() with args joined by '\t'.
//   math.random follows Lua 5.4's semantics over the host's random source; math.randomseed
//   raises (the host seeds the run).
// * Determinism: Lua 5.4 seeds its string hash from time() and addresses, so raw next() order
//   differs between runs of the same binary. The sandbox therefore replaces pairs() with an
//   iteration in sorted key order (numbers, then strings bytewise, then false/true) and raises
//   for keys that have no stable order (tables, functions…). __pairs metamethods are honoured.
//   tostring()/print() show tables and functions as "table: #3" (ids in first-seen order)
//   instead of addresses. string.format("%p") and "%s" of such values still show addresses.
// * Budget: a count hook adds up executed VM instructions (granularity min(1000, limit), so a
//   limit can overshoot by less than one step). Exceeding LuaLimits::instructions (whole run) or
//   LuaLimits::instructions_per_call (one call_ref) raises "file:line: instruction limit of N
//   exceeded (runaway script?)". Once exhausted, the next instruction of that thread raises
//   again, so a script cannot pcall its way past the limit. Coroutines inherit the hook.
//   Known gap: C functions do not execute VM instructions (e.g. a pathological string.find).
// * Memory: the allocator refuses growth past LuaLimits::memory_bytes, Lua raises "not enough
//   memory", and the VM stays usable. peak_memory_bytes() reports the high-water mark.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct lua_State;

namespace ksim::script {

struct LuaLimits {
  int64_t memory_bytes = int64_t{256} << 20;         // whole state, including Lua's own tables
  int64_t instructions = 200'000'000;                // per run: all chunks, resumes and callbacks
  int64_t instructions_per_call = 20'000'000;        // per call_ref (one event callback)
};

// A script failure, located in the scenario's own terms.
struct ScriptError {
  std::string file;       // chunk name without its '@', e.g. "scenarios/tweets.lua"
  int line = 0;           // 1-based; 0 when Lua gave no position (e.g. some memory errors)
  std::string message;    // without the "file:line: " prefix
  std::string traceback;  // "stack traceback:\n\t..." or "" (syntax errors have none)

  // "file:line: message" (or "file: message" when line is 0).
  std::string headline() const;
  // headline() plus "\n" + traceback when there is one.
  std::string to_string() const;
};

// What start_main / resume ended with.
struct Resume {
  enum class Kind { kYielded, kFinished, kFailed };
  Kind kind = Kind::kFinished;
  // kYielded: number of values the script yielded; kFinished: number it returned. They sit on
  // top of main_thread()'s stack and stay valid until the next start_main/resume.
  int value_count = 0;
  std::optional<ScriptError> error;  // set iff kind == kFailed
};

class LuaVm {
 public:
  using RandomSource = std::function<uint64_t()>;
  using PrintSink = std::function<void(std::string_view)>;

  // REQUIRES: limits.memory_bytes >= 1 MiB and both instruction limits > 0; random_source
  // and print are callable for the VM's lifetime. random_source is called once per
  // math.random draw (more for rejected draws when a range is not a power of two).
  LuaVm(LuaLimits limits, RandomSource random_source, PrintSink print);
  ~LuaVm();
  LuaVm(const LuaVm&) = delete;
  LuaVm& operator=(const LuaVm&) = delete;

  // The main state, for binding authors (push globals, luaL_newlib, luaL_ref…).
  lua_State* state();

  // Compiles `code` (text only) as a chunk named `chunk_name` and runs it with no arguments,
  // discarding results. chunk_name: "scenarios/x.lua" or "@scenarios/x.lua" (an '@' is added
  // when missing; a leading '=' is kept verbatim). Use for the embedded prelude.
  std::optional<ScriptError> run_string(std::string_view code, std::string_view chunk_name);

  // Compiles `code` and stores the function in the registry: *function_ref receives the
  // luaL_ref slot (release with unref). On error *function_ref is left unchanged.
  std::optional<ScriptError> load_string(std::string_view code, std::string_view chunk_name,
                                         int* function_ref);
  // Reads `path` on the host side (std::ifstream) and compiles it with chunk name "@<path>".
  // A missing or unreadable file is a ScriptError with file = path, line = 0.
  std::optional<ScriptError> load_file(const std::string& path, int* function_ref);

  // Starts the function in `function_ref` as the main coroutine with no arguments.
  // REQUIRES: no main coroutine is suspended (a finished or failed one is replaced).
  Resume start_main(int function_ref);
  // Resumes a yielded main coroutine. The host first pushes `nargs` values on main_thread();
  // they become the results of the script's yield. The values it yielded last are removed.
  // REQUIRES: the last start_main/resume returned kYielded.
  Resume resume(int nargs);
  // The main coroutine's thread (yielded/returned values are on its stack), or nullptr.
  lua_State* main_thread();
  bool main_suspended() const;

  // Calls the function in registry slot `ref` with the `nargs` values on top of state() as
  // arguments, under pcall and the per-call budget. On success leaves `nresults` results on
  // state() (LUA_MULTRET is not supported); on error leaves nothing (arguments are popped).
  // A callback that yields fails with Lua's "attempt to yield from outside a coroutine".
  std::optional<ScriptError> call_ref(int ref, int nargs, int nresults);
  // As call_ref (same per-call budget), but the instructions it used are refunded to the run's
  // total afterwards: for presentation predicates (break_when), which run in the GUI and not in
  // the CLI, so that calling them cannot move the point where the run's budget ends (up to the
  // hook's granularity, since the count hook's countdown is per thread).
  std::optional<ScriptError> call_ref_uncharged(int ref, int nargs, int nresults);

  // Pops the top of state() into a new registry slot; returns the slot (luaL_ref).
  int ref_top();
  void unref(int ref);

  // Instructions executed so far in this run (granularity: see the budget note above).
  int64_t instructions_used() const;
  int64_t memory_bytes() const;       // bytes currently allocated by the state
  int64_t peak_memory_bytes() const;  // high-water mark since construction
  const LuaLimits& limits() const;

  struct Impl;  // sim/script/lua_internal.h; public only so C callbacks can reach it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ksim::script
