// Frame tests of the presentation features over the tweets fixture with staged narration,
// breakpoints and params (staged_source.h): focus rings and views, a breakpoint pausing play,
// the parameter panel's restart flow, the severity filter, heartbeat ticks.
#include <doctest/doctest.h>

#include <imgui_internal.h>

#include "gui/model/key_codes.h"
#include "gui/model/preview.h"
#include "tests/gui/headless.h"
#include "tests/gui/staged_source.h"

using namespace ksim;
using namespace ksim::gui;
using ksim::gui::testing::Headless;
using ksim::gui::testing::Stage;
using ksim::gui::testing::staged_factory;

namespace {

NarrationItem step_at(Time t, std::vector<std::string> focus, std::vector<std::string> views) {
  return {.t = t, .text = "step", .focus = std::move(focus), .views = std::move(views)};
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The first button of the open modal `title` (its left edge, first row of buttons).
ImVec2 modal_first_button(const char* title) {
  ImGuiWindow* modal = ImGui::FindWindowByName(title);
  REQUIRE(modal != nullptr);
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImVec2(modal->Pos.x + style.WindowPadding.x + 8,
                modal->Pos.y + modal->Size.y - style.WindowPadding.y - 8);
}

}  // namespace

TEST_CASE("focus: a step's focus rings its nodes and dims the rest; a group lights its members") {
  Stage stage{.narration = {step_at(10 * kSecond, {"c2"}, {}),
                            step_at(20 * kSecond, {"group1"}, {}),
                            step_at(30 * kSecond, {}, {})}};
  Headless h(staged_factory(stage));
  h.settle_at(5 * kSecond);
  CHECK(h.views->cluster_view().focus_rings().empty());
  h.settle_at(12 * kSecond);
  CHECK(h.views->cluster_view().focus_rings() == std::vector<std::string>{"c2"});
  h.settle_at(22 * kSecond);
  const auto& rings = h.views->cluster_view().focus_rings();
  CHECK(has(rings, "c1"));
  CHECK(has(rings, "c2"));
  CHECK(has(rings, "c3"));
  CHECK_FALSE(has(rings, "feed"));
  CHECK(rings.size() == 4);  // the three members and their coordinator
  h.settle_at(32 * kSecond);
  CHECK(h.views->cluster_view().focus_rings().empty());
}

TEST_CASE("views: a step brings its panels to the front once and selects log:<topic>-<p>") {
  Stage stage{.narration = {step_at(10 * kSecond, {}, {"groups", "log:tweets-0"}),
                            step_at(20 * kSecond, {}, {"checks", "events"})}};
  Headless h(staged_factory(stage));
  h.ui.selected_tp = TopicPartition{"other", 3};
  h.settle_at(5 * kSecond);
  CHECK(h.views->tables().current() == "Partitions");
  h.settle_at(12 * kSecond);
  CHECK(h.views->tables().current() == "Groups");
  CHECK(h.views->details().current() == "Log strip");
  CHECK(h.ui.selected_tp == TopicPartition{"tweets", 0});
  h.views->tables().select("Partitions");  // the trainer switches: the step does not fight it
  for (int i = 0; i < 3; i++) h.frame(false);
  CHECK(h.views->tables().current() == "Partitions");
  h.settle_at(22 * kSecond);
  CHECK(h.views->tables().current() == "Checks");
  CHECK(h.views->details().current() == "Event log");
}

TEST_CASE("breakpoints: playing pauses at a hit and the narration bar names it; Space resumes "
          "to the next; End stops at one too") {
  Stage stage{.breaks = {{.t = 8 * kSecond, .type = "member.removed", .where = "t.lua:9"},
                         {.t = 30 * kSecond, .type = "group.state", .where = "t.lua:10"}}};
  Headless h(staged_factory(stage));
  h.ui.playing = true;
  h.ui.speed_log10 = 1.0;  // 10x: a sixth of a virtual second per frame
  for (int i = 0; i < 200 && h.ui.playing; i++) h.frame();
  CHECK_FALSE(h.ui.playing);
  REQUIRE(h.ui.break_cause.has_value());
  CHECK(h.ui.break_cause->type == "member.removed");
  CHECK(h.session.now() >= 8 * kSecond);
  CHECK(h.session.now() < 9 * kSecond);
  h.key(kKeySpace);
  CHECK(h.ui.playing);
  CHECK_FALSE(h.ui.break_cause.has_value());
  h.key(kKeySpace);
  h.key(kKeyEnd);
  for (int i = 0; i < 50 && h.ui.mode != RunMode::Normal; i++) h.frame();
  REQUIRE(h.ui.break_cause.has_value());
  CHECK(h.ui.break_cause->type == "group.state");
  CHECK(h.session.now() < 31 * kSecond);
}

TEST_CASE("params: an edit asks to restart; Restart re-runs from 0 with the value; a bad Kafka "
          "value disables Restart") {
  Stage stage{.params = {{.name = "max.poll.interval.ms", .type = ParamItem::Type::Number,
                          .default_text = "300000", .value_text = "300000"}}};
  Headless h(staged_factory(stage));
  std::vector<std::map<std::string, std::string>> asked;
  h.session.set_param_factory([&asked, stage](const std::map<std::string, std::string>& p) {
    asked.push_back(p);
    return staged_factory(stage);
  });
  h.settle_at(15 * kSecond);
  h.views->tables().select("Parameters");
  h.frame(false);
  h.views->params().edits().insert_or_assign("max.poll.interval.ms", std::string(1, '0'));
  // (0 is below Kafka's minimum of 1)
  h.frame(false);
  ImVec2 min, max;
  REQUIRE(h.views->params().restart_rect(min, max));
  h.click(ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2));
  CHECK_FALSE(h.ui.params_pending.has_value());  // disabled while a value is bad
  h.views->params().edits()["max.poll.interval.ms"] = "60000";
  h.frame(false);
  REQUIRE(h.views->params().restart_rect(min, max));
  h.click(ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2));
  REQUIRE(h.ui.params_pending.has_value());
  h.key(kKeyEscape);  // cancel: nothing restarts
  CHECK_FALSE(h.ui.params_pending.has_value());
  CHECK(asked.empty());
  h.click(ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2));
  REQUIRE(h.ui.params_pending.has_value());
  h.frame(false);
  int64_t restarts = h.session.restarts();
  h.click(modal_first_button("Restart with new parameters?"));
  REQUIRE(asked.size() == 1);
  CHECK(asked.back() == std::map<std::string, std::string>{{"max.poll.interval.ms", "60000"}});
  CHECK(h.session.restarts() > restarts);
  CHECK(h.session.now() == 0);
  CHECK(h.session.params().at("max.poll.interval.ms") == "60000");
}

TEST_CASE("event log: the severity filter keeps faults only; every row shows when 'all'") {
  Headless h;
  h.settle_at(20 * kSecond);
  h.ui.selected_node = "c2";
  h.key('K');  // a command: a fault-severity event
  h.views->details().select("Event log");
  for (int i = 0; i < 2; i++) h.frame(false);
  size_t all = h.views->event_log().rows_shown();
  CHECK(all == h.session.events().events().size());
  h.ui.min_severity = 2;
  h.frame(false);
  size_t faults = h.views->event_log().rows_shown();
  CHECK(faults > 0);
  CHECK(faults < all / 10);
  h.ui.min_severity = 1;
  h.frame(false);
  CHECK(h.views->event_log().rows_shown() > faults);
  CHECK(h.views->event_log().rows_shown() < all);
}

TEST_CASE("timeline: member lanes carry heartbeat ticks, a density bar when zoomed out") {
  Headless h;
  h.settle_at(590 * kSecond);  // the whole run: ~200 heartbeats per member in ~500 px
  CHECK(h.views->timeline().heartbeats_dense());
  CHECK(h.views->timeline().heartbeat_marks() > 0);
  for (int i = 0; i < 5; i++) h.key('W');  // ~18 s: a handful of ticks, drawn one by one
  CHECK_FALSE(h.views->timeline().heartbeats_dense());
  CHECK(h.views->timeline().heartbeat_marks() > 0);
}

TEST_CASE("header: the chapter/step totals come from the story preview at t = 0, without '+'") {
  Stage stage{.narration = {{.t = 1 * kSecond, .kind = NarrationItem::Kind::Chapter,
                             .text = "1. one", .chapter = 1},
                            step_at(2 * kSecond, {}, {}),
                            {.t = 30 * kSecond, .kind = NarrationItem::Kind::Chapter,
                             .text = "2. two", .chapter = 2}}};
  Headless h(staged_factory(stage));
  for (int i = 0; i < 60 && !h.session.preview().ready_for(h.session); i++) h.frame(false);
  h.session.update_preview(StoryPreview::kMaxEvents);
  h.frame(false);
  CHECK(h.views->transport().progress_shown() == "Chapter 0/2 \xc2\xb7 Step 0/0");
  h.settle_at(3 * kSecond);
  CHECK(h.views->transport().progress_shown() == "Chapter 1/2 \xc2\xb7 Step 1/1");
  // A command forks the story: until the preview reruns, the totals are a guess again.
  h.issue_command(Command{.kind = CommandKind::ConsumerCrash, .target = "c1"});
  h.frame(false);
  CHECK(h.views->transport().progress_shown().find('+') != std::string::npos);
}

TEST_CASE("ask{}: playing stops at the quiz; a click on a choice reveals the answer") {
  CueItem ask{.t = 4 * kSecond, .kind = CueItem::Kind::Ask, .where = "s.lua:3",
              .quiz = {.question = "Which offset?", .choices = {"0", "the last commit"},
                       .answer = 2, .explain = "auto-commit"}};
  Headless h(staged_factory(Stage{.cues = {ask}}));
  h.ui.playing = true;
  h.ui.speed_log10 = 1.0;
  for (int i = 0; i < 600 && h.ui.playing; i++) h.frame();
  CHECK(h.session.now() == 4 * kSecond);
  REQUIRE(h.ui.quiz.has_value());
  h.frame(false);
  ImVec2 min, max;
  REQUIRE(h.views->narration().choice_rect(1, min, max));
  h.click(ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2));
  CHECK(h.ui.quiz_choice == 1);  // the wrong one: the bar now shows the right answer too
  REQUIRE(h.views->narration().choice_rect(2, min, max));
  h.click(ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2));
  CHECK(h.ui.quiz_choice == 1);  // answered once
}

TEST_CASE("views: groups:<tab> selects that tab of the Groups panel once; partitions:<filter> "
          "sets that filter alone") {
  Stage stage{.narration = {step_at(20 * kSecond, {}, {"groups:members"}),
                            step_at(30 * kSecond, {}, {"groups:state"}),
                            step_at(40 * kSecond, {}, {"partitions:under-replicated"})}};
  Headless h(staged_factory(stage));
  h.settle_at(21 * kSecond);
  CHECK(h.views->tables().current() == "Groups");
  CHECK(h.views->groups().shown_tab() == GroupsTab::Members);
  h.settle_at(31 * kSecond);
  CHECK(h.views->groups().shown_tab() == GroupsTab::State);
  h.ui.topic_filter.unavailable = true;
  h.settle_at(41 * kSecond);
  CHECK(h.views->tables().current() == "Partitions");
  CHECK(h.ui.topic_filter.under_replicated);
  CHECK_FALSE(h.ui.topic_filter.unavailable);
}
