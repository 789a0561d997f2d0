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

namespace {
const std::string kCues = KSIM_SOURCE_DIR "/tests/data/scenario_api/cues.lua";
}  // namespace

TEST_CASE("ksim run: checkpoints and quizzes print with the narration; params with range and "
          "doc in the header; pause/speed/fast-forward print nothing") {
  Captured c = run_captured({.path = kCues});
  CHECK(c.code == 0);
  CHECK(c.out.find("# param session.timeout.ms = 10000, range [6000, 30000]: Consumer session "
                   "timeout (ms)\n") != std::string::npos);
  CHECK(c.out.find("# checkpoint built at t=00:00:00.000000\n") != std::string::npos);
  CHECK(c.out.find("# checkpoint crashed at t=00:00:05.000000\n") != std::string::npos);
  CHECK(c.out.find("[00:00:05.000000] QUIZ When does the coordinator notice?\n"
                   "    1. at once\n  * 2. after the session timeout\n"
                   "  answer: 2 (No LeaveGroup was sent.)\n") != std::string::npos);
  CHECK(c.out.find("BREAK") == std::string::npos);  // break_when needs --break
  CHECK(c.out.find("until both members joined") == std::string::npos);
}

TEST_CASE("ksim run --quiet hides checkpoints and quizzes with the narration") {
  Captured c = run_captured({.path = kCues, .quiet = true});
  CHECK(c.out.find("# checkpoint") == std::string::npos);
  CHECK(c.out.find("QUIZ") == std::string::npos);
}

TEST_CASE("ksim run --break: break_when stops when its predicate becomes true; exit 3") {
  Captured c = run_captured({.path = kCues, .quiet = true, .stop_at_break = true});
  CHECK(c.code == 3);
  CHECK(c.out.find("BREAK (" + kCues + ":24) break_when: group1 is down to one member") !=
        std::string::npos);
  CHECK(c.out.find("stopped at a breakpoint (exit 3)") != std::string::npos);
}
