// Presentation never changes the run in the GUI either: playing a scenario with focus, views
// and breakpoints in frame slices (pausing at every breakpoint, then resuming) gives the trace
// hash of a straight CLI-style run of the same scenario without them; parameters set in the
// panel give the hash of `ksim run --set`, and a saved session with them replays it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "gui/app/frame_loop.h"
#include "gui/app/scenario_source.h"
#include "gui/model/save_session.h"
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
