// Presentation primitives of the scenario API: step{ focus, views }, break_on and param().
// They never change the run: the trace hash equals the same scenario without them.
#include <doctest/doctest.h>

#include "ksim/script/scenario.h"
#include "tests/support/bad_scenario.h"

using namespace ksim;
using namespace ksim::script;
using ksim::test::failure_of;
using ksim::test::has;

namespace {

std::string path_of(const std::string& dir, const std::string& name) {
  return KSIM_SOURCE_DIR "/tests/data/" + dir + "/" + name;
}

std::unique_ptr<ScenarioRun> start_ok(const ScenarioOptions& options) {
  auto started = ScenarioRun::start(options);
  if (auto* e = std::get_if<ScriptError>(&started)) FAIL(e->headline());
  return std::move(std::get<0>(started));
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

// ---- Presentation cues: checkpoint, pause, speed, fast_forward_until, break_when, ask ----

namespace {

std::unique_ptr<ScenarioRun> run_cues(bool predicates) {
  auto run = start_ok({.path = path_of("scenario_api", "cues.lua"),
                       .presentation_predicates = predicates});
  run->run_to_end();
  REQUIRE_FALSE(run->error().has_value());
  return run;
}

std::vector<const Cue*> cues_of(const ScenarioRun& run, Cue::Kind kind) {
  std::vector<const Cue*> out;
  for (const Cue& c : run.cues())
    if (c.kind == kind) out.push_back(&c);
  return out;
}

}  // namespace

TEST_CASE("checkpoint: each is a cue with its name, virtual time and file:line, in order") {
  auto run = run_cues(false);
  std::vector<const Cue*> points = cues_of(*run, Cue::Kind::Checkpoint);
  REQUIRE(points.size() == 3);
  CHECK(points[0]->name == "built");
  CHECK(points[0]->t == 0);
  CHECK(has(points[0]->where, "cues.lua:15"));
  CHECK(points[1]->name == "crashed");
  CHECK(points[1]->t == 5 * kSecond);
  CHECK(points[2]->name == "end");
  CHECK(points[2]->t == 35 * kSecond);
}

TEST_CASE("pause, speed and ask are cues at their time; ask keeps the quiz") {
  auto run = run_cues(false);
  REQUIRE(cues_of(*run, Cue::Kind::Pause).size() == 1);
  CHECK(cues_of(*run, Cue::Kind::Pause)[0]->t == 5 * kSecond);
  REQUIRE(cues_of(*run, Cue::Kind::Speed).size() == 1);
  CHECK(cues_of(*run, Cue::Kind::Speed)[0]->speed == 0.5);
  std::vector<const Cue*> asks = cues_of(*run, Cue::Kind::Ask);
  REQUIRE(asks.size() == 1);
  CHECK(asks[0]->quiz.question == "When does the coordinator notice?");
  CHECK(asks[0]->quiz.choices == std::vector<std::string>{"at once", "after the session timeout"});
  CHECK(asks[0]->quiz.answer == 2);
  CHECK(asks[0]->quiz.explain == "No LeaveGroup was sent.");
}

TEST_CASE("break_when and fast_forward_until: never called unless presentation_predicates") {
  auto run = run_cues(false);
  CHECK(run->breaks().empty());
  CHECK(cues_of(*run, Cue::Kind::FastForward).size() == 1);  // the call is recorded
  CHECK(cues_of(*run, Cue::Kind::FastForwardEnd).empty());   // its end is never found
}

TEST_CASE("break_when: one hit when the predicate becomes true, not one per event after") {
  auto run = run_cues(true);
  REQUIRE(run->breaks().size() == 1);
  const BreakHit& b = run->breaks()[0];
  CHECK(b.type == "break_when");
  CHECK(b.event == "break_when: group1 is down to one member");
  CHECK(has(b.where, "cues.lua:24"));
  CHECK(b.t > 5 * kSecond + 6 * kSecond);  // the crashed member is removed after its session
  CHECK(b.t < 5 * kSecond + 15 * kSecond);
}

TEST_CASE("fast_forward_until: its end is a cue with the same id when the predicate holds") {
  auto run = run_cues(true);
  std::vector<const Cue*> start = cues_of(*run, Cue::Kind::FastForward);
  std::vector<const Cue*> end = cues_of(*run, Cue::Kind::FastForwardEnd);
  REQUIRE(start.size() == 1);
  REQUIRE(end.size() == 1);
  CHECK(start[0]->id == end[0]->id);
  CHECK(start[0]->name == "until both members joined");
  CHECK(start[0]->t == 0);
  CHECK(end[0]->t > 0);
  CHECK(end[0]->t < 5 * kSecond);
}

TEST_CASE("presentation cues never change the run: the hash, the lines and the Lua budget "
          "equal the plain scenario's, with or without the predicates being called") {
  auto plain = start_ok({.path = path_of("scenario_api", "presentation_plain.lua")});
  plain->run_to_end();
  auto with = run_cues(true);
  auto without = run_cues(false);
  std::string hash = plain->cluster().kernel().trace.hash_hex();
  CHECK(with->cluster().kernel().trace.hash_hex() == hash);
  CHECK(without->cluster().kernel().trace.hash_hex() == hash);
  CHECK(with->cluster().kernel().trace.lines() == plain->cluster().kernel().trace.lines());
  CHECK(with->cluster().kernel().scheduler.events_run() ==
        plain->cluster().kernel().scheduler.events_run());
  // The predicates' instructions are refunded to the run's budget.
  CHECK(with->instructions_used() == without->instructions_used());
}

TEST_CASE("param(name, default, { min, max, doc }): recorded for the panel and the CLI header") {
  auto run = start_ok({.path = path_of("scenario_api", "cues.lua")});
  REQUIRE(run->params().size() == 2);
  const ParamInfo& timeout = run->params()[0];
  CHECK(timeout.min == 6000);
  CHECK(timeout.max == 30000);
  CHECK(timeout.doc == "Consumer session timeout (ms)");
  CHECK_FALSE(run->params()[1].min.has_value());
}

TEST_CASE("param range: --set out of range is refused by name with the range, at file:line") {
  auto started = ScenarioRun::start({.path = path_of("scenario_api", "cues.lua"),
                                     .params = {{"session.timeout.ms", "100"}}});
  auto* e = std::get_if<ScriptError>(&started);
  REQUIRE(e != nullptr);
  CHECK(has(e->headline(), "cues.lua:4:"));
  CHECK(has(e->headline(), "--set session.timeout.ms=100: session.timeout.ms must be in "
                           "[6000, 30000]"));
  auto in_range = ScenarioRun::start({.path = path_of("scenario_api", "cues.lua"),
                                      .params = {{"session.timeout.ms", "30000"}}});
  CHECK(std::holds_alternative<std::unique_ptr<ScenarioRun>>(in_range));
}

TEST_CASE("bad checkpoint: a duplicate name is an error naming both lines") {
  std::string e = failure_of("checkpoint_duplicate.lua");
  CHECK(has(e, "checkpoint_duplicate.lua:4:"));
  CHECK(has(e, "checkpoint 'start' already exists (" KSIM_SOURCE_DIR
               "/tests/data/bad_scenarios/checkpoint_duplicate.lua:2)"));
}

TEST_CASE("bad ask{}: an unknown key and an answer out of range name file:line") {
  std::string key = failure_of("ask_unknown_key.lua");
  CHECK(has(key, "ask_unknown_key.lua:2:"));
  CHECK(has(key, "unknown key 'anwser' (valid: question, choices, answer, explain)"));
  std::string answer = failure_of("ask_answer_out_of_range.lua");
  CHECK(has(answer, "ask_answer_out_of_range.lua:2:"));
  CHECK(has(answer, "ask{ answer }: 3 is not a choice (1 to 2)"));
}

TEST_CASE("bad speed, param options and break_when arguments name file:line") {
  CHECK(has(failure_of("speed_out_of_range.lua"), "speed_out_of_range.lua:2: speed(x)"));
  std::string option = failure_of("param_unknown_option.lua");
  CHECK(has(option, "param_unknown_option.lua:1:"));
  CHECK(has(option, "unknown option 'minimum' (valid: min, max, doc)"));
  CHECK(has(failure_of("param_default_out_of_range.lua"),
            "param(session.timeout.ms): the default 45000 is outside [6000, 30000]"));
  CHECK(has(failure_of("break_when_not_function.lua"), "pred must be a function"));
}

TEST_CASE("break_when: a predicate that acts fails the run at its line (it may only read)") {
  auto started = ScenarioRun::start({.path = path_of("bad_scenarios", "break_when_acts.lua"),
                                     .presentation_predicates = true});
  REQUIRE(std::holds_alternative<std::unique_ptr<ScenarioRun>>(started));
  auto& run = *std::get<0>(started);
  run.run_to_end();
  REQUIRE(run.error().has_value());
  CHECK(has(run.error()->headline(), "break_when_acts.lua:3: the predicate of break_when "
                                     "changed the run"));
  // Without the predicates (ksim run, ksim test) it is never called.
  CHECK(failure_of("break_when_acts.lua") == "(no error)");
}
