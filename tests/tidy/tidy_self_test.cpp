// Self-tests of the tidy checkers on in-memory snippets: each rule must flag its violation
// (with the file, line and rule) and must leave the legitimate neighbour alone.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tidy.h"

namespace {

// Every violation on its own line, for INFO().
std::string messages(const std::vector<tidy::Violation>& vs) {
  std::string out;
  for (const tidy::Violation& v : vs) out += v.to_string() + "\n";
  return out;
}

}  // namespace

TEST_CASE("tidy self-test: a pure library including the kernel is named by file, line, rule") {
  auto vs = tidy::check_includes("sim/log/partition_log.cpp",
                                 "// Partition log.\n#include <vector>\n\n"
                                 "#include \"ksim/types/ids.h\"\n#include \"ksim/core/node.h\"\n");
  REQUIRE(vs.size() == 1);
  CHECK(vs[0].rule == "pure-include");
  CHECK(vs[0].to_string() ==
        "sim/log/partition_log.cpp:5: pure library 'log' includes \"ksim/core/node.h\" "
        "(allowed: ksim/types, ksim/protocol, ksim/log, std)");
}

TEST_CASE("tidy self-test: pure libraries may not include Lua, ImGui, GLFW, a peer or fmt") {
  const char* snippet =
      "#include <lua.hpp>\n#include \"imgui.h\"\n#include <GLFW/glfw3.h>\n"
      "#include \"ksim/assign/assignor.h\"\n#include <fmt/format.h>\n#include <unistd.h>\n"
      "#include \"ksim/cluster/cluster.h\"\n";
  auto vs = tidy::check_includes("include/ksim/group/classic_group.h", snippet);
  CHECK(vs.size() == 7);
  for (const auto& v : vs) CHECK(v.rule == "pure-include");
  // fmt is allowed in the vocabulary modules (to_string), and types may not reach protocol.
  CHECK(tidy::check_includes("sim/types/time.cpp", "#include <fmt/format.h>\n").empty());
  CHECK(tidy::check_includes("sim/protocol/x.cpp", "#include \"ksim/types/ids.h\"\n").empty());
  CHECK(tidy::check_includes("sim/types/x.cpp", "#include \"ksim/protocol/fetch.h\"\n").size() ==
        1);
}

TEST_CASE("tidy self-test: own-module private headers and sibling includes are allowed") {
  CHECK(tidy::check_includes("sim/assign/range_assignor.cpp",
                             "#include \"sim/assign/client_common.h\"\n#include <map>\n")
            .empty());
  CHECK(tidy::check_includes("sim/group/join.cpp", "#include \"step.h\"\n").empty());
  CHECK(tidy::check_includes("sim/script/lua_vm.cpp",
                             "#include \"ksim_embedded/prelude_lua.h\"\n#include <lua.hpp>\n")
            .empty());
}

TEST_CASE("tidy self-test: upward and sideways includes between layers are flagged") {
  auto up = tidy::check_includes("sim/core/network.cpp", "#include \"ksim/cluster/cluster.h\"\n");
  REQUIRE(up.size() == 1);
  CHECK(up[0].rule == "layer");
  CHECK(up[0].line == 1);
  auto side =
      tidy::check_includes("sim/client/consumer.cpp", "\n#include \"ksim/broker/broker.h\"");
  REQUIRE(side.size() == 1);
  CHECK(side[0].line == 2);
  CHECK(side[0].message.find("peer 'broker'") != std::string::npos);
  // broker_config is its own unit below the nodes (CMake: ksim_broker_config on ksim_types).
  CHECK(tidy::check_includes("include/ksim/controller/controller.h",
                             "#include \"ksim/broker/broker_config.h\"\n")
            .empty());
  CHECK(tidy::check_includes("sim/broker/broker_config.cpp", "#include \"ksim/core/node.h\"\n")
            .size() == 1);
  CHECK(tidy::check_includes("sim/check/delivery.cpp", "#include \"ksim/script/scenario.h\"\n")
            .size() == 1);
  CHECK(tidy::check_includes("sim/cli/main.cpp", "#include \"ksim/script/scenario.h\"\n").empty());
  CHECK(tidy::check_includes("sim/newmod/x.cpp", "").size() == 1);  // unknown unit
}

TEST_CASE("tidy self-test: ImGui/GLFW nowhere under sim/, Lua only in script and cli") {
  CHECK(tidy::check_includes("sim/cli/main.cpp", "#include <imgui.h>\n").size() == 1);
  CHECK(tidy::check_includes("sim/script/x.cpp", "#include <GLFW/glfw3.h>\n").size() == 1);
  CHECK(tidy::check_includes("sim/cluster/cluster.cpp", "#include <lauxlib.h>\n").size() == 1);
  CHECK(tidy::check_includes("sim/core/trace.cpp", "#include <fmt/format.h>\n").empty());
  // Commented-out includes do not count.
  CHECK(tidy::check_includes("sim/log/a.cpp", "// #include \"ksim/core/node.h\"\n/*\n"
                                              "#include <lua.h>\n*/\n").empty());
}

TEST_CASE("tidy self-test: banned tokens are flagged in code, not in comments or strings") {
  const char* snippet =
      "auto t0 = std::chrono::steady_clock::now();\n"  // 1
      "int64_t n = 4'000'000; long s = time(nullptr);\n"  // 2: after a digit separator
      "std::unordered_map<int, int> m;\n"  // 3
      "printf(\"%d\", 1);\n"  // 4
      "std::thread worker([] {});\n"  // 5
      "int r = std::rand();\n"  // 6
      "// FIXME: later\n"  // 7
      "std::random_device rd; pthread_mutex_t mu;\n";  // 8
  auto vs = tidy::check_banned_tokens("sim/core/x.cpp", snippet);
  std::vector<int> lines;
  for (const auto& v : vs) lines.push_back(v.line);
  CHECK(lines == std::vector<int>{1, 2, 3, 4, 5, 6, 8, 8, 7});
  INFO(messages(vs));
  CHECK(vs.front().to_string().starts_with("sim/core/x.cpp:1: banned token 'steady_clock'"));
}

TEST_CASE("tidy self-test: legitimate neighbours of banned tokens pass") {
  const char* snippet =
      "// Lua seeds its hash from time() and the steady_clock; std::rand is banned.\n"
      "std::snprintf(buf, sizeof buf, \"%d\", 1);\n"
      "Time t = event.time(); Time u = p->clock(); runtime(); set_time(1);\n"
      "const char* s = \"std::unordered_map printf( time(\";\n"
      "constexpr std::string_view kLua = R\"lua(os.time() -- time(nil))lua\";\n"
      "std::map<int, int> ordered; int thread_count = 1; Rng rng = kernel.stream(\"x\");\n"
      "/* srand(1);\n   std::random_device */ char q = '\\'';\n";
  auto vs = tidy::check_banned_tokens("sim/core/x.cpp", snippet);
  INFO(messages(vs));
  CHECK(vs.empty());
}

TEST_CASE("tidy self-test: lines over 100 columns are flagged; UTF-8 counts by code point") {
  std::string ok(98, 'x');
  ok += "µs";  // 100 columns, 101 bytes
  std::string long_line(101, 'y');
  auto vs = tidy::check_line_length("tests/a_test.cpp", ok + "\n" + long_line + "\n" + ok, 100);
  REQUIRE(vs.size() == 1);
  CHECK(vs[0].to_string() == "tests/a_test.cpp:2: line is 101 columns (limit 100)");
}

TEST_CASE("tidy self-test: files are attributed to their units") {
  CHECK(tidy::unit_of_file("sim/log/partition_log.cpp") == "log");
  CHECK(tidy::unit_of_file("include/ksim/group/group_coordinator.h") == "group");
  CHECK(tidy::unit_of_file("include/ksim/broker/broker_config.h") == "broker_config");
  CHECK(tidy::unit_of_file("sim/broker/broker.cpp") == "broker");
  CHECK(tidy::unit_of_file("gui/app/main.cpp").empty());
  CHECK(tidy::unit_of_file("tests/unit/log/partition_log_test.cpp").empty());
}
