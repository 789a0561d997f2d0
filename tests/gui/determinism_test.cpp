// ksim-gui determinism: stepping in frame-sized slices (with a small event budget), rewinding
// (restart + re-run) then continuing, and replaying GUI commands all give the same trace hash as
// a straight run; a saved session replays with the same hash through the Lua runner.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "gui/app/frame_loop.h"
#include "gui/app/scenario_source.h"
#include "gui/model/fixture.h"
#include "gui/model/save_session.h"

using namespace ksim;
using namespace ksim::gui;

namespace {

constexpr Time kEnd = 70 * kSecond;
const Command kCrash{.kind = CommandKind::ConsumerCrash, .target = "c1"};

std::string straight_hash(SourceFactory f, Time crash_at) {
  Session s(f);
  REQUIRE(s.restart().is_ok());
  s.seek(crash_at);
  REQUIRE(s.issue(kCrash).is_ok());
  s.seek(kEnd);
  return s.cluster().kernel().trace.hash_hex();
}

std::string scenario_path() {
  return std::string(KSIM_SOURCE_DIR) + "/scenarios/tweets.lua";
}

}  // namespace

TEST_CASE("determinism: frame-sized slices with a 500-event budget equal a straight run") {
  SourceFactory f = tweets_fixture_factory({});
  std::string expected = straight_hash(f, 20 * kSecond);
  Session s(f);
  REQUIRE(s.restart().is_ok());
  UiState ui{.playing = true, .speed_log10 = 1.0};  // 10x
  FrameLoopLimits limits{.events_per_frame = 500};
  bool crashed = false;
  for (int frame = 0; s.now() < kEnd && frame < 1'000'000; frame++) {
    run_frame(s, ui, 1.0 / 60.0 + (frame % 7) * 0.003, limits);  // uneven frames
    ui.playing = true;
    if (!crashed && s.now() >= 20 * kSecond) {
      s.seek(20 * kSecond);  // backward by a frame: exercises rewind in the middle
      REQUIRE(s.issue(kCrash).is_ok());
      crashed = true;
    }
    if (s.now() > kEnd) break;
  }
  s.seek(kEnd);
  CHECK(s.cluster().kernel().trace.hash_hex() == expected);
}

TEST_CASE("determinism: rewind (restart + re-run) then continue equals a straight run") {
  SourceFactory f = tweets_fixture_factory({});
  std::string expected = straight_hash(f, 20 * kSecond);
  Session s(f);
  REQUIRE(s.restart().is_ok());
  s.seek(20 * kSecond);
  REQUIRE(s.issue(kCrash).is_ok());
  s.seek(50 * kSecond);
  s.seek(10 * kSecond);     // before the command: it is replayed when time passes it again
  CHECK(s.restarts() == 2);
  for (int i = 0; i < 50; i++) s.step_event();
  s.step_back();            // one event back
  s.seek(kEnd);
  CHECK(s.cluster().kernel().trace.hash_hex() == expected);
  CHECK(s.schedule().size() == 1);
}

TEST_CASE("determinism: step back lands on exactly events_run - 1") {
  Session s(tweets_fixture_factory({}));
  REQUIRE(s.restart().is_ok());
  for (int i = 0; i < 300; i++) s.step_event();
  uint64_t n = s.events_run();
  std::string before = s.cluster().kernel().trace.hash_hex();
  s.step_back();
  CHECK(s.events_run() == n - 1);
  s.step_event();
  CHECK(s.cluster().kernel().trace.hash_hex() == before);
}

TEST_CASE("determinism: a saved session (a stalled poll and a dropped message) replays exactly "
          "through tweets.lua") {
  if (!std::filesystem::exists(scenario_path())) return;
  SourceFactory f = scenario_factory({.path = scenario_path()});
  Session s(f);
  REQUIRE(s.restart().is_ok());
  s.seek(12 * kSecond);
  REQUIRE(s.issue({.kind = CommandKind::ConsumerStallPoll, .target = "Consumer0",
                   .duration = 2 * kSecond}).is_ok());
  s.seek(20 * kSecond);
  // The inspector's Drop: one in-flight message, named by its send sequence number.
  uint64_t victim = 0;
  for (int i = 0; i < 5000 && victim == 0; i++) {
    s.step_event();
    for (const InFlightMessage& m : s.cluster().kernel().network.in_flight())
      if (victim == 0 && m.arrives_at > s.now() + 10) victim = m.id;
  }
  REQUIRE(victim != 0);
  REQUIRE(s.issue({.kind = CommandKind::NetworkDrop, .message_id = victim}).is_ok());
  CHECK(s.cluster().kernel().network.in_flight_message(victim) == nullptr);
  s.seek(40 * kSecond);
  std::string hash = s.cluster().kernel().trace.hash_hex();
  std::string saved =
      (std::filesystem::temp_directory_path() / "ksim-gui-session-test.lua").string();
  REQUIRE(write_session_file(s, saved));
  std::ifstream text(saved);
  std::string body((std::istreambuf_iterator<char>(text)), std::istreambuf_iterator<char>());
  CHECK(body.find("network.drop(" + std::to_string(victim) + ")") != std::string::npos);
  Session replay(scenario_factory({.path = saved}));
  REQUIRE(replay.restart().is_ok());
  replay.seek(40 * kSecond);
  CHECK(replay.source().error() == "");
  CHECK(replay.cluster().kernel().trace.hash_hex() == hash);
  std::filesystem::remove(saved);
}

TEST_CASE("fork: issuing before a recorded command discards it; undo_fork restores it and the "
          "run continues exactly as before the fork") {
  SourceFactory f = tweets_fixture_factory({});
  Session s(f);
  REQUIRE(s.restart().is_ok());
  s.seek(20 * kSecond);
  CHECK_FALSE(s.would_fork());
  REQUIRE(s.issue(kCrash).is_ok());
  CHECK_FALSE(s.can_undo_fork());  // acting at the end of the recorded future forks nothing
  s.seek(40 * kSecond);
  std::string before = s.cluster().kernel().trace.hash_hex();
  s.seek(10 * kSecond);
  CHECK(s.would_fork());
  CHECK(s.commands_after_now() == 1);
  // A refused command forks nothing.
  CHECK_FALSE(s.issue({.kind = CommandKind::NetworkDrop, .message_id = 1u << 30}).is_ok());
  CHECK(s.schedule().size() == 1);
  CHECK_FALSE(s.can_undo_fork());
  REQUIRE(s.issue({.kind = CommandKind::ConsumerCrash, .target = "c2"}).is_ok());
  REQUIRE(s.schedule().size() == 1);
  CHECK(s.schedule()[0].command.target == "c2");
  CHECK(s.can_undo_fork());
  Time forked_at = s.now();
  REQUIRE(s.undo_fork().is_ok());
  CHECK(s.now() == forked_at);
  CHECK_FALSE(s.can_undo_fork());
  REQUIRE(s.schedule().size() == 1);
  CHECK(s.schedule()[0].command.target == "c1");
  CHECK(s.cluster().consumer("c2")->is_up());
  s.seek(40 * kSecond);
  CHECK(s.cluster().kernel().trace.hash_hex() == before);
  CHECK_FALSE(s.cluster().consumer("c1")->is_up());
}
