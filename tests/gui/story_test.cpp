// The story ahead and the presentation cues in the GUI's model, over the tweets fixture with
// staged narration, cues and breakpoints (staged_source.h): the story preview (totals known
// before the end, stale after a command), --at targets, the chapter menu's entries, timeline
// flags ahead, and the frame loop's pause / speed / fast-forward / ask handling.
#include <doctest/doctest.h>

#include "gui/app/frame_loop.h"
#include "gui/model/at_target.h"
#include "gui/model/narration_progress.h"
#include "gui/model/params.h"
#include "gui/model/preview.h"
#include "gui/model/story_marks.h"
#include "tests/gui/staged_source.h"

using namespace ksim;
using namespace ksim::gui;
using ksim::gui::testing::Stage;
using ksim::gui::testing::staged_factory;

namespace {

NarrationItem chapter_at(Time t, const std::string& title, int n) {
  return {.t = t, .kind = NarrationItem::Kind::Chapter, .text = title, .chapter = n};
}
NarrationItem step_at(Time t, const std::string& text, int chapter) {
  return {.t = t, .kind = NarrationItem::Kind::Step, .text = text, .chapter = chapter};
}
CueItem cue_at(Time t, CueItem::Kind kind, const std::string& name = "") {
  return {.t = t, .kind = kind, .name = name, .where = "s.lua:1"};
}

// Two chapters of two steps, a checkpoint in each, a breakpoint hit late in the run.
Stage story_stage() {
  return Stage{
      .narration = {chapter_at(1 * kSecond, "1. Join", 1), step_at(2 * kSecond, "joined", 1),
                    step_at(3 * kSecond, "stable", 1), chapter_at(60 * kSecond, "2. Crash", 2),
                    step_at(61 * kSecond, "crashed", 2), step_at(90 * kSecond, "removed", 2)},
      .breaks = {{.t = 80 * kSecond, .type = "member.removed", .where = "s.lua:9"}},
      .cues = {cue_at(3 * kSecond, CueItem::Kind::Checkpoint, "stable"),
               cue_at(61 * kSecond, CueItem::Kind::Checkpoint, "after-crash")}};
}

struct Loaded {
  Session session;
  explicit Loaded(Stage stage) : session(staged_factory(std::move(stage))) {
    REQUIRE(session.restart().is_ok());
    session.update_preview(StoryPreview::kMaxEvents);
  }
};

}  // namespace

TEST_CASE("preview: the header's totals are known at t = 0, before the run has been seen") {
  Loaded l(story_stage());
  const StoryPreview& p = l.session.preview();
  REQUIRE(p.state() == StoryPreview::State::Done);
  CHECK(p.ready_for(l.session));
  CHECK(p.narration().size() == 6);
  CHECK(p.cues().size() == 2);
  CHECK(p.breaks().size() == 1);
  CHECK(l.session.now() == 0);  // the session's own run did not move
  l.session.seek(2 * kSecond + 1);
  NarrationProgress progress =
      narration_progress(l.session.source().narration(), p.narration(), true);
  CHECK(progress_text(progress) == "Chapter 1/2 \xc2\xb7 Step 1/2");
}

TEST_CASE("preview: a command changes the story; the old preview is stale until it reruns") {
  Loaded l(story_stage());
  uint64_t version = l.session.story_version();
  l.session.seek(5 * kSecond);
  CHECK(l.session.story_version() == version);  // a rewind or a seek tells the same story
  REQUIRE(l.session.issue(Command{.kind = CommandKind::ConsumerCrash, .target = "c1"}).is_ok());
  CHECK(l.session.story_version() == version + 1);
  CHECK_FALSE(l.session.preview().ready_for(l.session));
  CHECK_FALSE(story_of(l.session).complete);  // the views fall back to what was seen ("+")
  for (int frame = 0; frame < 1000 && !l.session.preview().ready_for(l.session); frame++)
    l.session.update_preview(20'000);  // the frame loop's slices
  CHECK(l.session.preview().ready_for(l.session));
}

TEST_CASE("preview: runs in slices of events; its lists are empty until it is done") {
  StoryPreview p;
  Session s(staged_factory(story_stage()));
  REQUIRE(s.restart().is_ok());
  p.start(s);
  p.advance(1000);
  CHECK(p.state() == StoryPreview::State::Running);
  CHECK(p.events() == 1000);
  CHECK(p.narration().empty());
  CHECK_FALSE(p.ready_for(s));
}

TEST_CASE("--at: time, chapter:N and checkpoint:NAME parse; bad forms say what is expected") {
  auto t = parse_at("45.2s");
  REQUIRE(t);
  CHECK(t->kind == AtTarget::Kind::Time);
  CHECK(t->t == 45'200'000);
  auto chapter = parse_at("chapter:2");
  REQUIRE(chapter);
  CHECK(chapter->chapter == 2);
  auto checkpoint = parse_at("checkpoint:after-crash");
  REQUIRE(checkpoint);
  CHECK(checkpoint->name == "after-crash");
  CHECK_FALSE(parse_at("chapter:0"));
  CHECK_FALSE(parse_at("chapter:two"));
  CHECK_FALSE(parse_at("checkpoint:"));
  auto bad = parse_at("soon");
  REQUIRE_FALSE(bad);
  CHECK(bad.status().message().find("chapter:N or checkpoint:NAME") != std::string::npos);
}

TEST_CASE("--at: jumps to a chapter or a checkpoint ahead (from the preview); unknown names "
          "list the checkpoints there are") {
  Loaded l(story_stage());
  REQUIRE(jump_to(l.session, *parse_at("checkpoint:after-crash"), 1'000'000).is_ok());
  CHECK(l.session.now() == 61 * kSecond);
  REQUIRE(jump_to(l.session, *parse_at("chapter:1"), 1'000'000).is_ok());
  CHECK(l.session.now() == 1 * kSecond);
  REQUIRE(jump_to(l.session, *parse_at("45.2s"), 1'000'000).is_ok());
  CHECK(l.session.now() == 45'200'000);
  Status missing = jump_to(l.session, *parse_at("checkpoint:nope"), 1'000'000);
  CHECK(missing.message() == "no checkpoint 'nope' (checkpoints: stable, after-crash)");
  CHECK(jump_to(l.session, *parse_at("chapter:3"), 1'000'000).message() ==
        "no chapter 3 (the scenario has 2)");
}

TEST_CASE("--at without a preview runs forward until the checkpoint appears") {
  Session s(staged_factory(story_stage()));
  REQUIRE(s.restart().is_ok());
  REQUIRE_FALSE(s.preview().started());
  REQUIRE(jump_to(s, *parse_at("checkpoint:after-crash"), 10'000'000).is_ok());
  CHECK(s.now() == 61 * kSecond);
}

TEST_CASE("chapter menu: chapters, steps and checkpoints in time order; those ahead are marked") {
  Loaded l(story_stage());
  l.session.seek(10 * kSecond);
  std::vector<StoryEntry> e = story_entries(story_of(l.session), l.session.now());
  REQUIRE(e.size() == 8);
  CHECK(e[0].label == "1. Join");
  CHECK(e[2].label == "stable");            // the step first, then its checkpoint
  CHECK(e[3].kind == StoryEntry::Kind::Checkpoint);
  CHECK(e[3].label == "stable");
  CHECK_FALSE(e[3].ahead);
  CHECK(e[4].label == "2. Crash");
  CHECK(e[4].ahead);
  CHECK(e[6].kind == StoryEntry::Kind::Checkpoint);
  CHECK(e[6].ahead);
}

TEST_CASE("timeline: a checkpoints lane, and hollow flags ahead on the narration and "
          "breakpoints lanes") {
  Loaded l(story_stage());
  l.session.seek(10 * kSecond);
  StoryLists story = story_of(l.session);
  TimelineLane points = checkpoint_lane(story, l.session.now());
  REQUIRE(points.marks.size() == 2);
  CHECK(points.marks[0].style == MarkStyle::Checkpoint);
  CHECK(points.marks[1].style == MarkStyle::Ahead);
  CHECK(points.marks[1].label == "checkpoint after-crash (s.lua:1)");
  std::vector<TimelineLane> lanes = {TimelineLane{.name = "narration"}};
  add_ahead_marks(lanes, story, l.session.now());
  REQUIRE(lanes.size() == 2);
  CHECK(lanes[0].marks.size() == 3);  // the chapter and two steps after 10 s
  CHECK(lanes[1].name == "breakpoints");
  REQUIRE(lanes[1].marks.size() == 1);
  CHECK(lanes[1].marks[0].style == MarkStyle::Ahead);
}

TEST_CASE("frame loop: pause() stops playing at its time; speed() sets the speed") {
  Stage stage{.cues = {{.t = 2 * kSecond, .kind = CueItem::Kind::Speed, .speed = 0.01},
                       cue_at(5 * kSecond, CueItem::Kind::Pause)}};
  Session s(staged_factory(stage));
  REQUIRE(s.restart().is_ok());
  UiState ui{.playing = true, .speed_log10 = 1.0};
  FrameReport r;
  bool slowed = false;
  for (int frame = 0; frame < 2000 && ui.playing; frame++) {
    r = run_frame(s, ui, 1.0 / 60.0, FrameLoopLimits{});
    if (s.now() >= 2 * kSecond && !slowed) {
      CHECK(s.now() == 2 * kSecond);  // the frame stopped at the cue: the new speed applies
      CHECK(ui.speed_log10 == -2.0);
      CHECK(ui.playing);
      slowed = true;
      ui.speed_log10 = 1.0;  // the trainer speeds up again
    }
  }
  CHECK(slowed);
  CHECK(r.paused_by_cue);
  CHECK_FALSE(ui.playing);
  CHECK(s.now() == 5 * kSecond);  // stopped at the pause's own event
}

TEST_CASE("frame loop: fast_forward_until plays at top speed, and its end restores the speed") {
  Stage stage{.cues = {{.t = 1 * kSecond, .kind = CueItem::Kind::FastForward, .id = 7},
                       {.t = 40 * kSecond, .kind = CueItem::Kind::FastForwardEnd, .id = 7}}};
  Session s(staged_factory(stage));
  REQUIRE(s.restart().is_ok());
  UiState ui{.playing = true, .speed_log10 = 0.0};
  bool fast_seen = false;
  for (int frame = 0; frame < 2000 && s.now() < 41 * kSecond; frame++) {
    run_frame(s, ui, 1.0 / 60.0, FrameLoopLimits{});
    if (s.now() > 1 * kSecond && s.now() < 40 * kSecond) {
      CHECK(ui.speed_log10 == kMaxSpeedLog10);
      fast_seen = true;
    }
    if (s.now() == 40 * kSecond) CHECK(ui.speed_log10 == 0.0);  // stopped at the end's event
  }
  CHECK(fast_seen);
  CHECK(ui.speed_log10 == 0.0);
  CHECK_FALSE(ui.ff_restore_log10.has_value());
  // A jump into the span (a rewind, the chapter menu, --at) plays it fast again; out of it, not.
  ui.requests.seek_to = 10 * kSecond;
  run_frame(s, ui, 1.0 / 60.0, FrameLoopLimits{});
  CHECK(ui.speed_log10 == kMaxSpeedLog10);
  ui.requests.seek_to = 50 * kSecond;
  run_frame(s, ui, 1.0 / 60.0, FrameLoopLimits{});
  CHECK(ui.speed_log10 == 0.0);
}

TEST_CASE("frame loop: ask{} pauses and opens the quiz; a seek closes it") {
  CueItem ask = cue_at(3 * kSecond, CueItem::Kind::Ask);
  ask.quiz = {.question = "Why?", .choices = {"a", "b"}, .answer = 2};
  Session s(staged_factory(Stage{.cues = {ask}}));
  REQUIRE(s.restart().is_ok());
  UiState ui{.playing = true, .speed_log10 = 1.0};
  for (int frame = 0; frame < 2000 && ui.playing; frame++)
    run_frame(s, ui, 1.0 / 60.0, FrameLoopLimits{});
  CHECK(s.now() == 3 * kSecond);
  REQUIRE(ui.quiz.has_value());
  CHECK(ui.quiz->quiz.question == "Why?");
  ui.requests.seek_to = 1 * kSecond;
  run_frame(s, ui, 1.0 / 60.0, FrameLoopLimits{});
  CHECK_FALSE(ui.quiz.has_value());
}

TEST_CASE("frame loop: PageDown (to the next step) stops at a pause() too") {
  Stage stage{.narration = {step_at(20 * kSecond, "later", 0)},
              .cues = {cue_at(5 * kSecond, CueItem::Kind::Pause)}};
  Session s(staged_factory(stage));
  REQUIRE(s.restart().is_ok());
  UiState ui;
  ui.requests.next_step = true;
  for (int frame = 0; frame < 100; frame++) run_frame(s, ui, 1.0 / 60.0, FrameLoopLimits{});
  CHECK(s.now() == 5 * kSecond);
}

TEST_CASE("params: a param's own { min, max } range is checked in the panel, by name") {
  ParamItem p{.name = "session.timeout.ms", .type = ParamItem::Type::Number,
              .default_text = "10000", .value_text = "10000", .min = 6000, .max = 8000};
  CHECK(param_error(p, "7000") == "");
  CHECK(param_error(p, "9000") == "session.timeout.ms=9000: session.timeout.ms must be in "
                                  "[6000, 8000]");
}

TEST_CASE("views: groups:<tab> and partitions:<filter> name a tab and a filter") {
  auto members = parse_view_name("groups:members");
  REQUIRE(members);
  CHECK(members->panel == Panel::Groups);
  CHECK(members->groups_tab == GroupsTab::Members);
  auto urp = parse_view_name("partitions:under-replicated");
  REQUIRE(urp);
  CHECK(urp->panel == Panel::Topics);
  CHECK(urp->topics_filter == TopicsFilter::UnderReplicated);
  CHECK(parse_view_name("topics:unavailable")->topics_filter == TopicsFilter::Unavailable);
  CHECK_FALSE(parse_view_name("groups:memebers"));
  CHECK(view_names_help().find("groups:state") != std::string::npos);
}
