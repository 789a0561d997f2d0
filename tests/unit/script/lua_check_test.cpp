// Tests of the binding helpers (lua_check.h), the main scenario coroutine and call_ref.
#include "ksim/script/lua_check.h"

#include <doctest/doctest.h>
#include <lua.hpp>

#include <array>

#include "lua_test_support.h"

namespace ksim::script {
namespace {

using testing::Harness;

constexpr std::array<std::string_view, 3> kConsumerKeys = {
    "session.timeout.ms", "heartbeat.interval.ms", "group.instance.id"};

int w_run_for(lua_State* L) {
  lua_pushinteger(L, check_duration(L, 1));
  return lua_yield(L, 1);
}

int w_consumer(lua_State* L) {
  check_table_fields(L, 1, kConsumerKeys, "consumer");
  return 0;
}

int w_acks(lua_State* L) {
  lua_pushinteger(L, check_enum(L, 1, "acks", {"all", "0", "1"}));
  return 1;
}

int w_duration(lua_State* L) {
  lua_pushinteger(L, opt_duration(L, 1, 77));
  return 1;
}

void register_helpers(Harness& h) {
  lua_register(h.vm.state(), "run_for", w_run_for);
  lua_register(h.vm.state(), "consumer", w_consumer);
  lua_register(h.vm.state(), "acks", w_acks);
  lua_register(h.vm.state(), "duration", w_duration);
}

int load(Harness& h, std::string_view code) {
  int ref = -1;
  std::optional<ScriptError> error = h.vm.load_string(code, "scenarios/main.lua", &ref);
  REQUIRE_FALSE(error.has_value());
  return ref;
}

TEST_CASE("lua_check: an unknown config key names the closest known key") {
  CHECK(unknown_key_message("sesion.timeout.ms", kConsumerKeys, "consumer") ==
        "unknown config key 'sesion.timeout.ms' for consumer "
        "(did you mean 'session.timeout.ms'?)");
  CHECK(unknown_key_message("colour", kConsumerKeys, "consumer") ==
        "unknown config key 'colour' for consumer");
}

TEST_CASE("lua_check: check_table_fields rejects the bytewise-smallest unknown key at file:line") {
  Harness h;
  register_helpers(h);
  CHECK(h.run("consumer({['session.timeout.ms'] = 10000})") == "");
  std::optional<ScriptError> e =
      h.vm.run_string("\nconsumer({['zzz'] = 1, ['sesion.timeout.ms'] = 1})", "scenarios/c.lua");
  REQUIRE(e.has_value());
  CHECK(e->headline() == "scenarios/c.lua:2: unknown config key 'sesion.timeout.ms' for consumer "
                         "(did you mean 'session.timeout.ms'?)");
  e = h.vm.run_string("consumer({10000})", "scenarios/c.lua");
  REQUIRE(e.has_value());
  CHECK(e->message.find("non-string key (number)") != std::string::npos);
}

TEST_CASE("lua_check: check_enum lists the valid values") {
  Harness h;
  register_helpers(h);
  CHECK(h.run("assert(acks('all') == 0 and acks(1) == 2)") == "");
  std::optional<ScriptError> e = h.vm.run_string("acks('two')", "scenarios/e.lua");
  REQUIRE(e.has_value());
  CHECK(e->message ==
        "bad argument #1 to 'acks' (invalid acks 'two'; expected one of 'all', '0', '1')");
}

TEST_CASE("lua_check: check_duration takes unit strings and milliseconds, and names the form") {
  Harness h;
  register_helpers(h);
  CHECK(h.run("assert(duration('250ms') == 250000 and duration('1.5s') == 1500000)\n"
              "assert(duration(250) == 250000 and duration(0.5) == 500 and duration() == 77)") ==
        "");
  std::optional<ScriptError> e = h.vm.run_string("duration('5 seconds')", "scenarios/d.lua");
  REQUIRE(e.has_value());
  CHECK(e->message.starts_with("bad argument #1 to 'duration' (invalid duration \"5 seconds\""));
  CHECK(e->message.find("a number means milliseconds") != std::string::npos);
  e = h.vm.run_string("duration(-1)", "scenarios/d.lua");
  REQUIRE(e.has_value());
  CHECK(e->message.find("non-negative number of milliseconds") != std::string::npos);
  e = h.vm.run_string("duration({})", "scenarios/d.lua");
  REQUIRE(e.has_value());
  CHECK(e->message.find("duration expected") != std::string::npos);
}

TEST_CASE("lua_vm: the main coroutine yields to the host and resumes with its values") {
  Harness h;
  register_helpers(h);
  int ref = load(h, "local reply = run_for('10s')\n"
                    "print('resumed with ' .. reply)\n"
                    "run_for(250)\n"
                    "return 'done', 2\n");
  Resume r = h.vm.start_main(ref);
  REQUIRE(r.kind == Resume::Kind::kYielded);
  REQUIRE(r.value_count == 1);
  CHECK(lua_tointeger(h.vm.main_thread(), -1) == 10'000'000);
  CHECK(h.vm.main_suspended());
  lua_pushstring(h.vm.main_thread(), "tick-1");
  r = h.vm.resume(1);
  REQUIRE(r.kind == Resume::Kind::kYielded);
  CHECK(lua_tointeger(h.vm.main_thread(), -1) == 250'000);
  CHECK(h.printed == std::vector<std::string>{"resumed with tick-1"});
  r = h.vm.resume(0);
  REQUIRE(r.kind == Resume::Kind::kFinished);
  REQUIRE(r.value_count == 2);
  CHECK(std::string(lua_tostring(h.vm.main_thread(), -2)) == "done");
  CHECK_FALSE(h.vm.main_suspended());
}

TEST_CASE("lua_vm: a failing main coroutine reports file:line and its traceback") {
  Harness h;
  register_helpers(h);
  int ref = load(h, "run_for('1s')\nlocal function f() error('expectation failed') end\nf()\n");
  REQUIRE(h.vm.start_main(ref).kind == Resume::Kind::kYielded);
  Resume r = h.vm.resume(0);
  REQUIRE(r.kind == Resume::Kind::kFailed);
  REQUIRE(r.error.has_value());
  CHECK(r.error->headline() == "scenarios/main.lua:2: expectation failed");
  CHECK(r.error->traceback.find("scenarios/main.lua:3:") != std::string::npos);
  CHECK(h.vm.main_thread() == nullptr);
}

TEST_CASE("lua_vm: a memory bomb in the main coroutine is located at its line") {
  LuaLimits limits{.memory_bytes = 8 << 20, .instructions = 100'000'000,
                   .instructions_per_call = 1'000'000};
  Harness h(limits);
  int ref = load(h, "local t = {}\nfor i = 1, 1e9 do t[i] = i end\n");
  Resume r = h.vm.start_main(ref);
  REQUIRE(r.kind == Resume::Kind::kFailed);
  CHECK(r.error->headline() ==
        "scenarios/main.lua:2: not enough memory (script memory limit of 8 MiB)");
}

TEST_CASE("lua_vm: call_ref runs a callback under pcall and leaves its results") {
  Harness h;
  CHECK(h.run("function double(x) return x * 2 end") == "");
  lua_getglobal(h.vm.state(), "double");
  int ref = h.vm.ref_top();
  int top = lua_gettop(h.vm.state());
  lua_pushinteger(h.vm.state(), 21);
  REQUIRE_FALSE(h.vm.call_ref(ref, 1, 1).has_value());
  CHECK(lua_tointeger(h.vm.state(), -1) == 42);
  lua_pop(h.vm.state(), 1);
  lua_newtable(h.vm.state());
  std::optional<ScriptError> e = h.vm.call_ref(ref, 1, 1);
  REQUIRE(e.has_value());
  CHECK(e->headline() ==
        "scenarios/test.lua:1: attempt to perform arithmetic on a table value (local 'x')");
  CHECK(lua_gettop(h.vm.state()) == top);
}

TEST_CASE("lua_vm: a runaway callback hits the per-call budget; the next callback runs") {
  Harness h({.memory_bytes = 8 << 20, .instructions = 1'000'000, .instructions_per_call = 10'000});
  CHECK(h.run("function spin() while true do end end\nfunction ok() return 1 end") == "");
  lua_getglobal(h.vm.state(), "spin");
  int spin = h.vm.ref_top();
  lua_getglobal(h.vm.state(), "ok");
  int ok = h.vm.ref_top();
  std::optional<ScriptError> e = h.vm.call_ref(spin, 0, 0);
  REQUIRE(e.has_value());
  CHECK(e->headline() ==
        "scenarios/test.lua:1: instruction limit of 10000 per callback exceeded"
        " (runaway callback?)");
  CHECK_FALSE(h.vm.call_ref(ok, 0, 1).has_value());
  lua_pop(h.vm.state(), 1);
}

TEST_CASE("lua_vm: a callback that yields fails instead of suspending the host") {
  Harness h;
  CHECK(h.run("function waits() coroutine.yield(1) end") == "");
  lua_getglobal(h.vm.state(), "waits");
  std::optional<ScriptError> e = h.vm.call_ref(h.vm.ref_top(), 0, 0);
  REQUIRE(e.has_value());
  CHECK(e->message.find("attempt to yield from outside a coroutine") != std::string::npos);
}

}  // namespace
}  // namespace ksim::script
