// LuaVm: one sandboxed lua_State per scenario run, with a limiting allocator, a counting hook
// for the instruction budget, protected entry points and the main scenario coroutine.
#include "ksim/script/lua_vm.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "ksim/types/assert.h"
#include "sim/script/lua_internal.h"

namespace ksim::script {
namespace {

// Headroom for host-side API calls made between entry points (pushing arguments, luaL_ref,
// reading results), so that a script that stopped at the memory limit cannot make the host's
// own unprotected calls fail (which would be a Lua panic).
constexpr int64_t kHostReserveBytes = int64_t{1} << 20;
constexpr int kMaxHookStep = 1000;

void* allocate(void* ud, void* ptr, size_t osize, size_t nsize) {
  auto* vm = static_cast<LuaVm::Impl*>(ud);
  int64_t old_size = ptr ? static_cast<int64_t>(osize) : 0;
  if (nsize == 0) {
    std::free(ptr);
    vm->memory_used -= old_size;
    return nullptr;
  }
  int64_t growth = static_cast<int64_t>(nsize) - old_size;
  int64_t reserve = vm->entry == Entry::kNone ? kHostReserveBytes : vm->memory_reserve;
  if (growth > 0 && vm->memory_used + growth > vm->limits.memory_bytes + reserve) return nullptr;
  void* block = std::realloc(ptr, nsize);
  if (block == nullptr) return nullptr;
  vm->memory_used += growth;
  vm->memory_peak = std::max(vm->memory_peak, vm->memory_used);
  return block;
}

// Charges the instructions since the last tick and raises once a budget is spent.
void count_hook(lua_State* L, lua_Debug* ar) {
  LuaVm::Impl& vm = impl_of(L);
  vm.instructions_used += lua_gethookcount(L);
  bool run_spent = vm.instructions_used >= vm.limits.instructions;
  bool call_spent = vm.entry == Entry::kCallback &&
                    vm.instructions_used - vm.call_start >= vm.limits.instructions_per_call;
  if (!run_spent && !call_spent) {
    // A thread left at step 1 by an earlier exhausted callback returns to the normal step.
    if (lua_gethookcount(L) != vm.hook_step)
      lua_sethook(L, count_hook, LUA_MASKCOUNT, vm.hook_step);
    return;
  }
  // Raise again at this thread's next instruction, so a pcall in the script cannot resume.
  lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
  lua_getinfo(L, "Sl", ar);
  bool named = ar->source[0] == '@' || ar->source[0] == '=';
  const char* file = named ? ar->source + 1 : ar->short_src;
  if (call_spent && !run_spent) {
    lua_pushfstring(L, "%s:%d: instruction limit of %I per callback exceeded (runaway callback?)",
                    file, ar->currentline,
                    static_cast<lua_Integer>(vm.limits.instructions_per_call));
  } else {
    lua_pushfstring(L, "%s:%d: instruction limit of %I exceeded (runaway script?)", file,
                    ar->currentline, static_cast<lua_Integer>(vm.limits.instructions));
  }
  lua_error(L);
}

int panic(lua_State* L) {
  const char* message = lua_tostring(L, -1);
  KSIM_ASSERT_MSG(false, message ? message : "unprotected Lua error");
  return 0;
}

// Marks the VM busy for one entry point; entry points are not re-entrant.
class EntryScope {
 public:
  EntryScope(LuaVm::Impl& vm, Entry entry) : vm_(vm) {
    KSIM_ASSERT(vm_.entry == Entry::kNone);
    vm_.entry = entry;
    vm_.call_start = vm_.instructions_used;
    vm_.memory_reserve = 0;
  }
  ~EntryScope() {
    vm_.entry = Entry::kNone;
    vm_.memory_reserve = 0;
  }

 private:
  LuaVm::Impl& vm_;
};

// "scenarios/x.lua" → "@scenarios/x.lua"; names starting with '@' or '=' are kept.
std::string lua_chunk_name(std::string_view name) {
  if (!name.empty() && (name[0] == '@' || name[0] == '=')) return std::string(name);
  return "@" + std::string(name);
}

void remember_chunk(LuaVm::Impl& vm, const std::string& chunk_name) {
  std::string plain = chunk_name.substr(1);
  if (std::find(vm.chunk_names.begin(), vm.chunk_names.end(), plain) == vm.chunk_names.end())
    vm.chunk_names.push_back(plain);
}

// Builds the error info of a failed coroutine from its (unwound-free) stack, under pcall.
int coroutine_error_info(lua_State* L) {
  auto* thread = static_cast<lua_State*>(lua_touserdata(L, 2));
  lua_settop(L, 1);
  push_error_info(L, thread, 0);
  return 1;
}

std::string function_source(lua_State* L, int ref) {
  lua_Debug ar;
  lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
  if (!lua_isfunction(L, -1)) {
    lua_pop(L, 1);
    return "=?";
  }
  lua_getinfo(L, ">S", &ar);
  return ar.source;
}

// Calls registry function `ref` with the `nargs` values on top of vm.L, under pcall with the
// message handler, charged to `entry`'s budget. See LuaVm::call_ref for the stack contract.
std::optional<ScriptError> protected_call(LuaVm::Impl& vm, int ref, int nargs, int nresults,
                                          Entry entry) {
  lua_State* L = vm.L;
  KSIM_ASSERT(nresults >= 0);
  KSIM_ASSERT(lua_gettop(L) >= nargs);
  int base = lua_gettop(L) - nargs + 1;  // where the message handler goes
  lua_pushcfunction(L, message_handler);
  lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
  lua_rotate(L, base, 2);
  int status = LUA_OK;
  {
    EntryScope scope(vm, entry);
    status = lua_pcall(L, nargs, nresults, base);
  }
  if (status == LUA_OK) {
    lua_remove(L, base);
    return std::nullopt;
  }
  ScriptError error = read_error(L, -1, vm, function_source(L, ref));
  lua_settop(L, base - 1);
  return error;
}

void release_main(LuaVm::Impl& vm) {
  if (vm.main_ref == LUA_NOREF) return;
  lua_resetthread(vm.main);
  luaL_unref(vm.L, LUA_REGISTRYINDEX, vm.main_ref);
  vm.main = nullptr;
  vm.main_ref = LUA_NOREF;
  vm.main_pending = 0;
  vm.main_yielded = false;
}

// Moves a failed coroutine's error value to vm.L and describes it from the coroutine's stack,
// which Lua leaves intact after an error in lua_resume (so memory errors get a position too).
ScriptError main_error(LuaVm::Impl& vm) {
  lua_State* L = vm.L;
  lua_pushcfunction(L, coroutine_error_info);
  lua_xmove(vm.main, L, 1);
  lua_pushlightuserdata(L, vm.main);
  lua_pcall(L, 2, 1, 0);
  ScriptError error = read_error(L, -1, vm, "=?");
  lua_pop(L, 1);
  return error;
}

Resume resume_main(LuaVm::Impl& vm, int nargs) {
  int nresults = 0;
  int status = LUA_OK;
  {
    EntryScope scope(vm, Entry::kRun);
    status = lua_resume(vm.main, vm.L, nargs, &nresults);
  }
  vm.main_yielded = status == LUA_YIELD;
  vm.main_pending = status == LUA_YIELD ? nresults : 0;
  if (status == LUA_YIELD) return {.kind = Resume::Kind::kYielded, .value_count = nresults};
  if (status == LUA_OK) return {.kind = Resume::Kind::kFinished, .value_count = nresults};
  Resume failed{.kind = Resume::Kind::kFailed, .value_count = 0};
  failed.error = main_error(vm);
  release_main(vm);
  return failed;
}

}  // namespace

LuaVm::Impl& impl_of(lua_State* L) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  return *static_cast<LuaVm::Impl*>(ud);
}

LuaVm::LuaVm(LuaLimits limits, RandomSource random_source, PrintSink print)
    : impl_(std::make_unique<Impl>()) {
  KSIM_ASSERT(limits.memory_bytes >= (int64_t{1} << 20));
  KSIM_ASSERT(limits.instructions > 0);
  KSIM_ASSERT(limits.instructions_per_call > 0);
  Impl& vm = *impl_;
  vm.limits = limits;
  vm.random_source = std::move(random_source);
  vm.print = std::move(print);
  vm.hook_step = static_cast<int>(std::min<int64_t>(
      {kMaxHookStep, limits.instructions, limits.instructions_per_call}));
  vm.L = lua_newstate(allocate, &vm);
  KSIM_ASSERT(vm.L != nullptr);
  lua_atpanic(vm.L, panic);
  lua_sethook(vm.L, count_hook, LUA_MASKCOUNT, vm.hook_step);
  lua_pushcfunction(vm.L, open_sandbox);
  int status = lua_pcall(vm.L, 0, 0, 0);
  KSIM_ASSERT_MSG(status == LUA_OK, lua_tostring(vm.L, -1));
  vm.instructions_used = 0;  // the sandbox's own setup is not charged to the scenario
}

LuaVm::~LuaVm() { lua_close(impl_->L); }

lua_State* LuaVm::state() { return impl_->L; }

std::optional<ScriptError> LuaVm::load_string(std::string_view code, std::string_view chunk_name,
                                              int* function_ref) {
  Impl& vm = *impl_;
  KSIM_ASSERT(vm.entry == Entry::kNone);
  std::string name = lua_chunk_name(chunk_name);
  remember_chunk(vm, name);
  int status = luaL_loadbufferx(vm.L, code.data(), code.size(), name.c_str(), "t");
  if (status != LUA_OK) {
    ScriptError error = read_error(vm.L, -1, vm, name);
    lua_pop(vm.L, 1);
    return error;
  }
  *function_ref = luaL_ref(vm.L, LUA_REGISTRYINDEX);
  return std::nullopt;
}

std::optional<ScriptError> LuaVm::load_file(const std::string& path, int* function_ref) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  if (in) contents << in.rdbuf();
  if (!in) {
    return ScriptError{.file = path, .line = 0, .message = "cannot read the scenario file",
                       .traceback = ""};
  }
  return load_string(contents.str(), path, function_ref);
}

std::optional<ScriptError> LuaVm::run_string(std::string_view code, std::string_view chunk_name) {
  int ref = LUA_NOREF;
  if (std::optional<ScriptError> error = load_string(code, chunk_name, &ref)) return error;
  std::optional<ScriptError> error = protected_call(*impl_, ref, 0, 0, Entry::kRun);
  unref(ref);
  return error;
}

std::optional<ScriptError> LuaVm::call_ref(int ref, int nargs, int nresults) {
  return protected_call(*impl_, ref, nargs, nresults, Entry::kCallback);
}

std::optional<ScriptError> LuaVm::call_ref_uncharged(int ref, int nargs, int nresults) {
  int64_t before = impl_->instructions_used;
  std::optional<ScriptError> error = protected_call(*impl_, ref, nargs, nresults,
                                                    Entry::kCallback);
  impl_->instructions_used = before;  // refunded: the run's budget ignores this call
  return error;
}

Resume LuaVm::start_main(int function_ref) {
  Impl& vm = *impl_;
  KSIM_ASSERT(vm.entry == Entry::kNone);
  KSIM_ASSERT(!vm.main_yielded);
  release_main(vm);
  vm.main = lua_newthread(vm.L);
  vm.main_ref = luaL_ref(vm.L, LUA_REGISTRYINDEX);
  lua_rawgeti(vm.L, LUA_REGISTRYINDEX, function_ref);
  lua_xmove(vm.L, vm.main, 1);
  return resume_main(vm, 0);
}

Resume LuaVm::resume(int nargs) {
  Impl& vm = *impl_;
  KSIM_ASSERT(vm.main_yielded);
  KSIM_ASSERT(lua_gettop(vm.main) >= vm.main_pending + nargs);
  for (int i = 0; i < vm.main_pending; i++) lua_remove(vm.main, -(nargs + 1));
  vm.main_pending = 0;
  return resume_main(vm, nargs);
}

lua_State* LuaVm::main_thread() { return impl_->main; }

bool LuaVm::main_suspended() const { return impl_->main_yielded; }

int LuaVm::ref_top() { return luaL_ref(impl_->L, LUA_REGISTRYINDEX); }

void LuaVm::unref(int ref) { luaL_unref(impl_->L, LUA_REGISTRYINDEX, ref); }

int64_t LuaVm::instructions_used() const { return impl_->instructions_used; }
int64_t LuaVm::memory_bytes() const { return impl_->memory_used; }
int64_t LuaVm::peak_memory_bytes() const { return impl_->memory_peak; }
const LuaLimits& LuaVm::limits() const { return impl_->limits; }

}  // namespace ksim::script
