// Presentation primitives of the scenario API: step{ focus, views }, break_on and param().
// They never change the run: the trace hash equals the same scenario without them.
#include <doctest/doctest.h>

#include "ksim/script/scenario.h"

using namespace ksim;
using namespace ksim::script;

namespace {

std::string path_of(const std::string& dir, const std::string& name) {
  return KSIM_SOURCE_DIR "/tests/data/" + dir + "/" + name;
}

std::unique_ptr<ScenarioRun> start_ok(const ScenarioOptions& options) {
  auto started = ScenarioRun::start(options);
  if (auto* e = std::get_if<ScriptError>(&started)) FAIL(e->headline());
  return std::move(std::get<0>(started));
}

std::string failure_of(const std::string& name) {
  auto started = ScenarioRun::start({.path = path_of("bad_scenarios", name)});
  if (auto* e = std::get_if<ScriptError>(&started)) return e->headline();
  auto& run = *std::get<0>(started);
  run.run_to_end();
  return run.error() ? run.error()->headline() : "(no error)";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const Narration& step_with(const ScenarioRun& run, const std::string& prefix) {
  for (const Narration& n : run.narration())
    if (n.text.rfind(prefix, 0) == 0) return n;
  FAIL("no step starting with " << prefix);
  return run.narration().front();
}

}  // namespace

TEST_CASE("step{ focus, views }: objects become names; a single value is a list of one") {
  auto run = start_ok({.path = path_of("scenario_api", "presentation.lua")});
  run->run_to_end();
  REQUIRE_FALSE(run->error().has_value());
  const Narration& two = step_with(*run, "two members");
  CHECK(two.focus == std::vector<std::string>{"c1", "group1", "broker-1"});
  CHECK(two.views == std::vector<std::string>{"groups", "log:tweets-0"});
  const Narration& crashed = step_with(*run, "c1 crashed");
  CHECK(crashed.focus == std::vector<std::string>{"c1"});
  CHECK(crashed.views == std::vector<std::string>{"timeline"});
  CHECK(step_with(*run, "no focus").focus.empty());
}

TEST_CASE("break_on: every matching trace event is a hit with file:line; other events are not") {
  auto run = start_ok({.path = path_of("scenario_api", "presentation.lua")});
  run->run_to_end();
  REQUIRE(run->breaks().size() >= 2);
  bool removed = false, stable = false;
  for (const BreakHit& b : run->breaks()) {
    CHECK((b.type == "member.removed" || b.type == "group.state"));
    CHECK(has(b.event, "\"group\":\"group1\""));
    if (b.type == "member.removed") {
      removed = true;
      CHECK(has(b.where, "presentation.lua:13"));
      CHECK(b.t > 5 * kSecond);  // after the crash
    } else {
      stable = true;
      CHECK(has(b.event, "\"to\":\"Stable\""));
      CHECK(has(b.where, "presentation.lua:14"));
    }
  }
  CHECK(removed);
  CHECK(stable);
}

TEST_CASE("presentation never changes the run: the hash equals the same scenario without it") {
  auto with = start_ok({.path = path_of("scenario_api", "presentation.lua")});
  auto plain = start_ok({.path = path_of("scenario_api", "presentation_plain.lua")});
  with->run_to_end();
  plain->run_to_end();
  CHECK(plain->breaks().empty());
  CHECK(with->cluster().kernel().trace.hash_hex() == plain->cluster().kernel().trace.hash_hex());
  CHECK(with->cluster().kernel().trace.lines() == plain->cluster().kernel().trace.lines());
}

TEST_CASE("param(): the panel's list has the type, the default and the overridden value") {
  auto run = start_ok({.path = path_of("scenario_api", "presentation.lua"),
                       .params = {{"session.timeout.ms", "6000"}}});
  REQUIRE(run->params().size() == 2);
  const ParamInfo& timeout = run->params()[0];
  CHECK(timeout.name == "session.timeout.ms");
  CHECK(timeout.type == ParamInfo::Type::Number);
  CHECK(timeout.default_text == "10000");
  CHECK(timeout.value_text == "6000");
  CHECK(timeout.overridden);
  const ParamInfo& label = run->params()[1];
  CHECK(label.type == ParamInfo::Type::String);
  CHECK(label.value_text == "plain");
  CHECK_FALSE(label.overridden);
}

TEST_CASE("bad step{}: an unknown view names file:line and lists the valid ones") {
  std::string e = failure_of("step_unknown_view.lua");
  CHECK(has(e, "step_unknown_view.lua:2:"));
  CHECK(has(e, "unknown view 'grups'"));
  CHECK(has(e, "log:<topic>-<partition>"));
}

TEST_CASE("bad step{}: log:<topic> without a partition is an unknown view") {
  std::string e = failure_of("step_bad_log_view.lua");
  CHECK(has(e, "step_bad_log_view.lua:2:"));
  CHECK(has(e, "unknown view 'log:tweets'"));
}

TEST_CASE("bad step{}: a focus that is neither a node nor a group names it and file:line") {
  std::string e = failure_of("step_unknown_focus.lua");
  CHECK(has(e, "step_unknown_focus.lua:3:"));
  CHECK(has(e, "unknown entity 'nobody'"));
}

TEST_CASE("bad step{}: an unknown key (a typo of focus) is an error, not silently ignored") {
  std::string e = failure_of("step_unknown_key.lua");
  CHECK(has(e, "step_unknown_key.lua:2:"));
  CHECK(has(e, "unknown key 'fokus'"));
}

TEST_CASE("bad break_on: a non-integer number in the filter names the field and file:line") {
  std::string e = failure_of("break_on_bad_filter.lua");
  CHECK(has(e, "break_on_bad_filter.lua:2:"));
  CHECK(has(e, "event filter 'group'"));
}
