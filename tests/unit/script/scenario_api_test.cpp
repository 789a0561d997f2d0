// The scenario API's own behaviour, through small scenarios in tests/data/scenario_api/.
#include <doctest/doctest.h>

#include "ksim/script/scenario.h"

using namespace ksim;
using namespace ksim::script;

namespace {

// Runs tests/data/scenario_api/<name> to its end; it must start and end without an error.
std::unique_ptr<ScenarioRun> run_to_end(const std::string& name) {
  auto started =
      ScenarioRun::start({.path = KSIM_SOURCE_DIR "/tests/data/scenario_api/" + name});
  REQUIRE(std::holds_alternative<std::unique_ptr<ScenarioRun>>(started));
  std::unique_ptr<ScenarioRun> run = std::move(std::get<0>(started));
  run->run_to_end();
  CHECK_FALSE(run->error().has_value());
  return run;
}

void check_all_passed(const ScenarioRun& run) {
  for (const Expectation& e : run.expectations()) {
    CAPTURE(e.description);
    CHECK(e.passed);
  }
}

}  // namespace

TEST_CASE("scenario api: timers fire at their virtual times; cancel from inside works") {
  std::unique_ptr<ScenarioRun> run = run_to_end("timers_and_crash.lua");
  REQUIRE(run->expectations().size() == 4);
  check_all_passed(*run);
  REQUIRE(!run->narration().empty());
  CHECK(run->narration().front().text == "t=00:00:05.000000");
}

TEST_CASE("scenario api: a deleted topic takes no more writes") {
  std::unique_ptr<ScenarioRun> run = run_to_end("delete_topic.lua");
  REQUIRE(run->expectations().size() == 1);
  CHECK(run->expectations()[0].passed);
}

TEST_CASE("scenario api: network.drop(id) drops the in-flight message in_flight() named; a "
          "second drop of it and a non-integer id are errors") {
  std::unique_ptr<ScenarioRun> run = run_to_end("network_drop.lua");
  REQUIRE(run->expectations().size() >= 8);
  check_all_passed(*run);
}
