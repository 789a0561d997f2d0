// ksim run --break: stops at the first break_on match (exit 3) after printing it and the tables;
// without --break breakpoints are ignored and the run ends normally.
#include <doctest/doctest.h>

#include <iostream>
#include <sstream>

#include "sim/cli/cmd_run.h"

using namespace ksim::cli;

namespace {

const std::string kScenario = KSIM_SOURCE_DIR "/tests/data/scenario_api/presentation.lua";

struct Captured {
  int code = 0;
  std::string out;
};

Captured run_captured(const RunOptions& o) {
  std::ostringstream out;
  std::streambuf* old = std::cout.rdbuf(out.rdbuf());
  int code = cmd_run(o);
  std::cout.rdbuf(old);
  return {code, out.str()};
}

}  // namespace

TEST_CASE("ksim run --break: the first match prints the event, its line and the tables; exit 3") {
  Captured c = run_captured({.path = kScenario, .quiet = true, .stop_at_break = true});
  CHECK(c.code == 3);
  CHECK(c.out.find("BREAK (" + kScenario + ":14) {\"t\":") != std::string::npos);
  CHECK(c.out.find("\"type\":\"group.state\"") != std::string::npos);
  CHECK(c.out.find("$ kafka-consumer-groups.sh --describe --group group1") != std::string::npos);
  CHECK(c.out.find("stopped at a breakpoint (exit 3)") != std::string::npos);
  CHECK(c.out.find("== expectations ==") == std::string::npos);  // it stopped
}

TEST_CASE("ksim run without --break ignores break_on and runs to the end") {
  Captured c = run_captured({.path = kScenario, .quiet = true});
  CHECK(c.code == 0);
  CHECK(c.out.find("BREAK") == std::string::npos);
  CHECK(c.out.find("trace-hash: ") != std::string::npos);
}
