// The scenario API's own behaviour, through small scenarios in tests/data/scenario_api/.
#include <doctest/doctest.h>

#include "ksim/script/scenario.h"

using namespace ksim;
using namespace ksim::script;

TEST_CASE("scenario api: timers fire at their virtual times; cancel from inside works") {
  auto started = ScenarioRun::start(
      {.path = KSIM_SOURCE_DIR "/tests/data/scenario_api/timers_and_crash.lua"});
  REQUIRE(std::holds_alternative<std::unique_ptr<ScenarioRun>>(started));
  auto& run = *std::get<0>(started);
  run.run_to_end();
  CHECK_FALSE(run.error().has_value());
  REQUIRE(run.expectations().size() == 4);
  for (const Expectation& e : run.expectations()) {
    CAPTURE(e.description);
    CHECK(e.passed);
  }
  REQUIRE(!run.narration().empty());
  CHECK(run.narration().front().text == "t=00:00:05.000000");
}

TEST_CASE("scenario api: a deleted topic takes no more writes") {
  auto started =
      ScenarioRun::start({.path = KSIM_SOURCE_DIR "/tests/data/scenario_api/delete_topic.lua"});
  REQUIRE(std::holds_alternative<std::unique_ptr<ScenarioRun>>(started));
  auto& run = *std::get<0>(started);
  run.run_to_end();
  CHECK_FALSE(run.error().has_value());
  REQUIRE(run.expectations().size() == 1);
  CHECK(run.expectations()[0].passed);
}

TEST_CASE("scenario api: network.drop(id) drops the in-flight message in_flight() named; a "
          "second drop of it and a non-integer id are errors") {
  auto started =
      ScenarioRun::start({.path = KSIM_SOURCE_DIR "/tests/data/scenario_api/network_drop.lua"});
  REQUIRE(std::holds_alternative<std::unique_ptr<ScenarioRun>>(started));
  auto& run = *std::get<0>(started);
  run.run_to_end();
  CHECK_FALSE(run.error().has_value());
  REQUIRE(run.expectations().size() >= 8);
  for (const Expectation& e : run.expectations()) {
    CAPTURE(e.description);
    CHECK(e.passed);
  }
}
