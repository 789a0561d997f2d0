// Presentation never changes the run in the GUI either: playing a scenario with focus, views,
// breakpoints and the presentation cues (pause, speed, fast-forward, ask, break_when) in frame
// slices, pausing at each and resuming, gives the trace hash of a straight CLI-style run of the
// same scenario without them; parameters set in the panel give the hash of `ksim run --set`,
// and a saved session with them replays it; opening at a checkpoint changes nothing either.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "gui/app/frame_loop.h"
#include "gui/app/scenario_source.h"
#include "gui/model/at_target.h"
#include "gui/model/preview.h"
#include "gui/model/save_session.h"
#include "gui/model/story_marks.h"
#include "ksim/script/scenario.h"

using namespace ksim;
using namespace ksim::gui;

namespace {

std::string data_path(const std::string& name) {
  return std::string(KSIM_SOURCE_DIR) + "/tests/data/scenario_api/" + name;
}

// ksim run FILE [--set ...]: the straight run's hash.
std::string cli_hash(const std::string& path, std::map<std::string, std::string> params = {}) {
  auto started = script::ScenarioRun::start({.path = path, .params = std::move(params)});
  REQUIRE(std::holds_alternative<std::unique_ptr<script::ScenarioRun>>(started));
  auto& run = *std::get<0>(started);
  run.run_to_end();
  REQUIRE_FALSE(run.error().has_value());
  return run.cluster().kernel().trace.hash_hex();
}

}  // namespace

TEST_CASE("determinism: breakpoints pause the GUI at each hit, and the hash equals the plain "
          "scenario's straight run") {
  Session s(scenario_factory({.path = data_path("presentation.lua")}));
  REQUIRE(s.restart().is_ok());
  UiState ui{.playing = true, .speed_log10 = 1.0};
  FrameLoopLimits limits{.events_per_frame = 300};
  int pauses = 0;
  for (int frame = 0; !s.finished() && frame < 200'000; frame++) {
    FrameReport r = run_frame(s, ui, 1.0 / 60.0 + (frame % 5) * 0.004, limits);
    if (r.paused_by_break) {
      pauses++;
      REQUIRE(ui.break_cause.has_value());
      CHECK(ui.break_cause->t == s.now());  // stopped at the hit's own event
    }
    ui.playing = true;
  }
  CHECK(s.finished());
  CHECK(pauses == static_cast<int>(s.source().breaks().size()));
  CHECK(pauses >= 2);
  CHECK(s.cluster().kernel().trace.hash_hex() == cli_hash(data_path("presentation_plain.lua")));
}

TEST_CASE("determinism: tweets.lua (focus, views, break_on) played in the GUI equals the CLI") {
  std::string path = std::string(KSIM_SOURCE_DIR) + "/scenarios/tweets.lua";
  Session s(scenario_factory({.path = path}));
  REQUIRE(s.restart().is_ok());
  UiState ui{.playing = true, .speed_log10 = 2.0};
  for (int frame = 0; !s.finished() && frame < 200'000; frame++) {
    run_frame(s, ui, 1.0 / 60.0, FrameLoopLimits{});
    ui.playing = true;
  }
  CHECK(s.source().breaks().size() == 1);  // member.removed of the crashed owner
  CHECK(s.cluster().kernel().trace.hash_hex() == cli_hash(path));
}

TEST_CASE("determinism: params set in the GUI equal ksim run --set; the saved session replays") {
  std::string path = data_path("presentation.lua");
  std::map<std::string, std::string> set = {{"session.timeout.ms", "7000"}};
  Session s(scenario_factory({.path = path}));
  s.set_param_factory([path](const std::map<std::string, std::string>& p) {
    return scenario_factory({.path = path, .params = p});
  });
  REQUIRE(s.restart().is_ok());
  s.seek(3 * kSecond);
  REQUIRE(s.set_params(set).is_ok());
  CHECK(s.now() == 0);
  while (!s.finished()) s.advance_to(s.now() + kSecond, 1'000'000);
  std::string expected = cli_hash(path, set);
  CHECK(s.cluster().kernel().trace.hash_hex() == expected);
  CHECK(expected != cli_hash(path));  // the parameter matters to the run
  auto dir = std::filesystem::temp_directory_path() / "ksim_params_session";
  std::filesystem::create_directories(dir);
  std::string saved = (dir / "presentation-session.lua").string();
  REQUIRE(write_session_file(s, saved).is_ok());
  CHECK(cli_hash(saved) == expected);
}

TEST_CASE("determinism: cues.lua played in the GUI (pause, speed, fast-forward, ask and "
          "break_when all acting, the story preview running) equals the plain scenario") {
  Session s(scenario_factory({.path = data_path("cues.lua")}));
  REQUIRE(s.restart().is_ok());
  UiState ui{.playing = true, .speed_log10 = 1.0};
  int cue_pauses = 0, break_pauses = 0;
  bool fast = false, quiz = false;
  for (int frame = 0; !s.finished() && frame < 200'000; frame++) {
    FrameReport r = run_frame(s, ui, 1.0 / 60.0, FrameLoopLimits{.events_per_frame = 500});
    cue_pauses += r.paused_by_cue;
    quiz = quiz || (r.paused_by_cue && ui.quiz.has_value());
    break_pauses += r.paused_by_break;
    fast = fast || ui.speed_log10 == kMaxSpeedLog10;
    ui.playing = true;
    if (ui.speed_log10 < 0) ui.speed_log10 = 1.0;  // speed(0.5) would take long
  }
  CHECK(s.finished());
  CHECK(cue_pauses == 1);   // pause() and ask{} come in the same event: one stop
  CHECK(quiz);
  CHECK(break_pauses == 1); // break_when
  CHECK(fast);
  CHECK(s.cluster().kernel().trace.hash_hex() == cli_hash(data_path("presentation_plain.lua")));
  // The preview told the same story the run then told.
  REQUIRE(s.preview().ready_for(s));
  CHECK(s.preview().narration().size() == s.source().narration().size());
  CHECK(s.preview().cues().size() == s.source().cues().size());
  CHECK(s.preview().breaks().size() == s.source().breaks().size());
  CHECK(s.preview().end() == s.now());
}

TEST_CASE("--at checkpoint:after-crash on tweets.lua opens at the checkpoint; playing on from "
          "there ends with the CLI's hash") {
  std::string path = std::string(KSIM_SOURCE_DIR) + "/scenarios/tweets.lua";
  Session s(scenario_factory({.path = path}));
  REQUIRE(s.restart().is_ok());
  s.update_preview(StoryPreview::kLoadEvents);
  REQUIRE(s.preview().ready_for(s));
  std::vector<StoryEntry> entries = story_entries(story_of(s), s.now());
  int chapters = 0, checkpoints = 0;
  for (const StoryEntry& e : entries) {
    chapters += e.kind == StoryEntry::Kind::Chapter;
    checkpoints += e.kind == StoryEntry::Kind::Checkpoint;
    CHECK(e.ahead == (e.t > 0));
  }
  CHECK(chapters == 6);
  CHECK(checkpoints == 2);
  REQUIRE(jump_to(s, *parse_at("checkpoint:after-crash"), 1'000'000).is_ok());
  Time at = *locate(*parse_at("checkpoint:after-crash"), s.preview().narration(),
                    s.preview().cues());
  CHECK(s.now() == at);
  CHECK_FALSE(s.cluster().node_by_name("Consumer0")->is_up());
  while (!s.finished()) s.advance_to(s.now() + kSecond, 1'000'000);
  CHECK(s.cluster().kernel().trace.hash_hex() == cli_hash(path));
}
