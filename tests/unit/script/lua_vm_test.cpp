// Tests of LuaVm: sandbox contents, error locations, instruction and memory limits,
// deterministic randomness and iteration, the main coroutine and registry callbacks.
#include "ksim/script/lua_vm.h"

#include <doctest/doctest.h>
#include <lua.hpp>

#include <stdexcept>

#include "ksim/script/lua_check.h"
#include "ksim_embedded/embedded_sample_lua.h"
#include "lua_test_support.h"

namespace ksim::script {
namespace {

using testing::Harness;

LuaLimits small_limits() {
  return {.memory_bytes = 8 << 20, .instructions = 200'000, .instructions_per_call = 50'000};
}

ScriptError expect_error(Harness& h, std::string_view code, std::string_view name) {
  std::optional<ScriptError> error = h.vm.run_string(code, name);
  REQUIRE(error.has_value());
  return *error;
}

int w_explode(lua_State*) { throw std::runtime_error("broker 3 exploded"); }

TEST_CASE("lua_vm: syntax error reports file:line and no traceback") {
  Harness h;
  ScriptError e = expect_error(h, "local x = 1\nx = = 2\n", "scenarios/bad.lua");
  CHECK(e.file == "scenarios/bad.lua");
  CHECK(e.line == 2);
  CHECK(e.message.find("unexpected symbol near '='") != std::string::npos);
  CHECK(e.traceback.empty());
  CHECK(e.headline().starts_with("scenarios/bad.lua:2: "));
}

TEST_CASE("lua_vm: runtime error in a nested function reports file:line and a traceback") {
  Harness h;
  ScriptError e = expect_error(h,
                               "local function inner() local t = nil; return t.x end\n"
                               "local function outer() return inner() + 1 end\n"
                               "outer()\n",
                               "scenarios/nested.lua");
  CHECK(e.file == "scenarios/nested.lua");
  CHECK(e.line == 1);
  CHECK(e.message == "attempt to index a nil value (local 't')");
  CHECK(e.traceback.starts_with("stack traceback:"));
  CHECK(e.traceback.find("scenarios/nested.lua:2:") != std::string::npos);
  CHECK(e.traceback.find("scenarios/nested.lua:3:") != std::string::npos);
}

TEST_CASE("lua_vm: error(msg, 0) and error objects still get the raise site") {
  Harness h;
  ScriptError e = expect_error(h, "\nerror({code = 7})\n", "scenarios/obj.lua");
  CHECK(e.file == "scenarios/obj.lua");
  CHECK(e.line == 2);
  CHECK(e.message == "(error object is a table value)");
}

TEST_CASE("lua_vm: a chunk name longer than Lua's 60-byte limit is reported in full") {
  Harness h;
  std::string name = "scenarios/" + std::string(70, 'x') + "/long.lua";
  ScriptError e = expect_error(h, "error('deep')", name);
  CHECK(e.file == name);
  CHECK(e.line == 1);
}

TEST_CASE("lua_vm: io, os, package, require, dofile, loadfile, debug, warn are nil") {
  Harness h;
  for (const char* name :
       {"io", "os", "package", "require", "dofile", "loadfile", "debug", "warn", "string.dump"}) {
    CAPTURE(name);
    CHECK(h.run(std::string("assert(") + name + " == nil)") == "");
  }
  CHECK(h.run("assert(string and table and math and utf8 and coroutine and pcall)") == "");
}

TEST_CASE("lua_vm: load accepts text chunks and refuses binary ones") {
  Harness h;
  CHECK(h.run("assert(load('return 1 + 1')() == 2)") == "");
  CHECK(h.run("local f, err = load('\\27LuaT\\0', 'bin', 'b')\n"
              "assert(f == nil and err:find('binary chunk'), err)") == "");
}

TEST_CASE("lua_vm: collectgarbage allows count and collect, refuses stop") {
  Harness h;
  CHECK(h.run("assert(collectgarbage('count') > 0); collectgarbage()") == "");
  ScriptError e = expect_error(h, "collectgarbage('stop')", "scenarios/gc.lua");
  CHECK(e.message.find("option 'stop' is not available in scenarios") != std::string::npos);
}

TEST_CASE("lua_vm: setmetatable refuses __gc, whose finalizers would escape the budget") {
  Harness h;
  ScriptError e = expect_error(h, "setmetatable({}, {__gc = function() end})", "scenarios/f.lua");
  CHECK(e.line == 1);
  CHECK(e.message.find("__gc metamethods are not allowed") != std::string::npos);
  CHECK(h.run("assert(getmetatable(setmetatable({}, {__index = {}})))") == "");
}

TEST_CASE("lua_vm: print joins its arguments with tabs and goes to the host callback") {
  Harness h;
  CHECK(h.run("print('hello', 42, nil, true) print() print({}, {}, print)") == "");
  REQUIRE(h.printed.size() == 3);
  CHECK(h.printed[0] == "hello\t42\tnil\ttrue");
  CHECK(h.printed[1] == "");
  CHECK(h.printed[2] == "table: #1\ttable: #2\tfunction: #3");
}

TEST_CASE("lua_vm: tostring keeps __tostring and __name but hides addresses") {
  Harness h;
  CHECK(h.run("local t = {}\n"
              "assert(tostring(t) == 'table: #1' and tostring(t) == 'table: #1')\n"
              "local s = setmetatable({}, {__tostring = function() return 'T' end})\n"
              "assert(tostring(s) == 'T')\n"
              "assert(tostring(setmetatable({}, {__name = 'ksim.Topic'})) == 'ksim.Topic: #2')\n"
              "assert(tostring(1.5) == '1.5' and tostring(nil) == 'nil')") == "");
}

TEST_CASE("lua_vm: pairs iterates numbers, then strings bytewise, then booleans") {
  Harness h;
  CHECK(h.run("local t = {b = 1, a = 2, [3] = 1, [1] = 1, [2.5] = 1, B = 1, [true] = 1}\n"
              "local keys = {}\n"
              "for k in pairs(t) do keys[#keys + 1] = tostring(k) end\n"
              "print(table.concat(keys, ' '))") == "");
  REQUIRE(h.printed.size() == 1);
  CHECK(h.printed[0] == "1 2.5 3 B a b true");
}

TEST_CASE("lua_vm: pairs skips fields cleared during the loop and honours __pairs") {
  Harness h;
  CHECK(h.run("local t = {a = 1, b = 2, c = 3}\n"
              "local seen = {}\n"
              "for k in pairs(t) do seen[#seen + 1] = k; t.b = nil end\n"
              "assert(table.concat(seen) == 'ac')\n"
              "local p = setmetatable({}, {__pairs = function() return next, {x = 1}, nil end})\n"
              "for k in pairs(p) do assert(k == 'x') end") == "");
}

TEST_CASE("lua_vm: pairs over a table with table keys raises, naming the key type") {
  Harness h;
  ScriptError e =
      expect_error(h, "local t = {[{}] = 1}\nfor k in pairs(t) do end", "scenarios/p.lua");
  CHECK(e.line == 2);
  CHECK(e.message.find("pairs: a key of type table has no deterministic order") !=
        std::string::npos);
}

TEST_CASE("lua_vm: math.random is deterministic for a fixed source and differs for another") {
  const char* code = "local r = {} for i = 1, 8 do r[i] = math.random(1000000) end\n"
                     "print(table.concat(r, ',') .. ' ' .. math.random())";
  Harness a({}, 42), b({}, 42), c({}, 43);
  CHECK(a.run(code) == "");
  CHECK(b.run(code) == "");
  CHECK(c.run(code) == "");
  CHECK(a.printed == b.printed);
  CHECK(a.printed != c.printed);
}

TEST_CASE("lua_vm: math.random follows Lua's ranges and range errors") {
  Harness h;
  CHECK(h.run("for i = 1, 200 do\n"
              "  local f = math.random(); assert(f >= 0 and f < 1 and math.type(f) == 'float')\n"
              "  local d = math.random(6)\n"
              "  assert(d >= 1 and d <= 6 and math.type(d) == 'integer')\n"
              "  local r = math.random(-3, 3); assert(r >= -3 and r <= 3)\n"
              "  assert(math.random(7, 7) == 7)\n"
              "  assert(math.type(math.random(0)) == 'integer')\n"
              "  local big = math.random(math.mininteger, math.maxinteger)\n"
              "end") == "");
  CHECK(expect_error(h, "math.random(2, 1)", "s.lua").message.find("interval is empty") !=
        std::string::npos);
  CHECK(expect_error(h, "math.random(1, 2, 3)", "s.lua").message == "wrong number of arguments");
  CHECK(expect_error(h, "math.randomseed(7)", "s.lua").message.find("host seeds") !=
        std::string::npos);
}

TEST_CASE("lua_vm: an infinite loop is stopped by the instruction limit with file:line") {
  Harness h(small_limits());
  ScriptError e =
      expect_error(h, "local x = 0\nwhile true do x = x + 1 end\n", "scenarios/spin.lua");
  CHECK(e.file == "scenarios/spin.lua");
  CHECK(e.line == 2);
  CHECK(e.message == "instruction limit of 200000 exceeded (runaway script?)");
  CHECK(h.vm.instructions_used() >= 200'000);
  CHECK(h.vm.instructions_used() < 201'000);
}

TEST_CASE("lua_vm: an infinite loop inside a coroutine is stopped too") {
  Harness h(small_limits());
  ScriptError e = expect_error(h,
                               "local co = coroutine.create(function() while true do end end)\n"
                               "local ok, err = coroutine.resume(co)\n"
                               "print(ok, err)\n"
                               "while true do end\n",
                               "scenarios/co.lua");
  REQUIRE(h.printed.size() == 1);
  CHECK(h.printed[0] ==
        "false\tscenarios/co.lua:1: instruction limit of 200000 exceeded (runaway script?)");
  CHECK(e.line == 4);  // the outer loop is stopped as soon as it runs again
}

TEST_CASE("lua_vm: pcall in a loop cannot swallow the instruction limit") {
  Harness h(small_limits());
  ScriptError e = expect_error(h, "while true do pcall(function() while true do end end) end",
                               "scenarios/swallow.lua");
  CHECK(e.message.find("instruction limit of 200000 exceeded") != std::string::npos);
}

TEST_CASE("lua_vm: a growing table is stopped by the memory limit without crashing") {
  LuaLimits limits = small_limits();
  limits.instructions = 100'000'000;
  Harness big(limits);
  ScriptError e =
      expect_error(big, "local t = {} for i = 1, 1e9 do t[i] = i end", "scenarios/m.lua");
  CHECK(e.file == "scenarios/m.lua");
  CHECK(e.message == "not enough memory (script memory limit of 8 MiB)");
  CHECK(big.vm.peak_memory_bytes() <= (8 << 20) + (1 << 20));
  CHECK(big.run("x = {1, 2, 3} assert(#x == 3)") == "");  // the VM is still usable
}

TEST_CASE("lua_vm: string.rep of 1 GB and a doubling string are refused by the memory limit") {
  Harness h(small_limits());
  ScriptError e = expect_error(h, "local s = string.rep('x', 1e9)", "scenarios/rep.lua");
  CHECK(e.headline() == "scenarios/rep.lua: not enough memory (script memory limit of 8 MiB)");
  e = expect_error(h, "local s = 'x' while true do s = s .. s end", "scenarios/rep.lua");
  CHECK(e.message.starts_with("not enough memory"));
  CHECK(h.vm.memory_bytes() < (8 << 20));
  // Beyond INT_MAX bytes Lua's string library refuses on its own, before allocating.
  e = expect_error(h, "local s = string.rep('x', 1e10)", "scenarios/rep.lua");
  CHECK(e.headline() == "scenarios/rep.lua:1: resulting string too large");
}

TEST_CASE("lua_vm: a C++ exception inside a bound function becomes a Lua error") {
  Harness h;
  lua_register(h.vm.state(), "explode", protect<&w_explode>);
  ScriptError e = expect_error(h, "\nexplode()", "scenarios/boom.lua");
  CHECK(e.file == "scenarios/boom.lua");
  CHECK(e.line == 2);
  CHECK(e.message == "broker 3 exploded");
  CHECK(h.run("local ok, err = pcall(explode)\n"
              "assert(not ok and err:find('broker 3 exploded'))") == "");
}

TEST_CASE("lua_vm: the embedded chunk keeps its text and reports its own path") {
  Harness h;
  using embedded::embedded_sample_lua;
  using embedded::embedded_sample_lua_chunk_name;
  CHECK(embedded_sample_lua_chunk_name == "@tests/unit/script/testdata/embedded_sample.lua");
  CHECK(h.run(embedded_sample_lua, embedded_sample_lua_chunk_name) == "");
  CHECK(h.run("print(embedded_greeting())") == "");
  CHECK(h.printed.back() == "hello from the embedded chunk");
  ScriptError e = expect_error(h, "embedded_fail()", "scenarios/caller.lua");
  CHECK(e.file == "tests/unit/script/testdata/embedded_sample.lua");
  CHECK(e.line == 7);
}

TEST_CASE("lua_vm: load_file of a missing file names the path") {
  Harness h;
  int ref = -1;
  std::optional<ScriptError> e = h.vm.load_file("/nonexistent/ksim/scenario.lua", &ref);
  REQUIRE(e.has_value());
  CHECK(e->file == "/nonexistent/ksim/scenario.lua");
  CHECK(e->message == "cannot read the scenario file");
  CHECK(ref == -1);
}

}  // namespace
}  // namespace ksim::script
