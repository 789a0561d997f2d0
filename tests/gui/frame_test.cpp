// ksim-gui frame tests with no window (ImGui 1.86 example_null recipe): every view drawn over the
// tweets fixture for many frames; keys and clicks injected through io; the Commands they emit
// are asserted; views do not change the model (the trace hash is unchanged by drawing).
#include <doctest/doctest.h>

#include "gui/model/key_codes.h"
#include "gui/views/theme.h"
#include "gui/views/ui_driver.h"
#include "tests/gui/headless.h"

#include <imgui_internal.h>

using namespace ksim;
using namespace ksim::gui;
using ksim::gui::testing::Headless;


TEST_CASE("frames: every view draws for 600 frames while playing at 10x, in both modes") {
  Headless h;
  h.ui.playing = true;
  h.ui.speed_log10 = 1.0;
  for (int i = 0; i < 300; i++) h.frame();
  CHECK(h.session.now() > 40 * kSecond);
  h.ui.projector = true;  // classroom layout (fonts: the shell rebuilds them; CPU atlas here)
  apply_presentation({.projector = true});
  for (int i = 0; i < 300; i++) h.frame();
  CHECK(ImGui::GetDrawData()->CmdListsCount > 0);
  CHECK(ImGui::GetDrawData()->TotalVtxCount > 1000);
}

TEST_CASE("frames: drawing alone never changes the model (hash and events unchanged)") {
  Headless h;
  h.session.seek(15 * kSecond);
  std::string hash = h.session.cluster().kernel().trace.hash_hex();
  uint64_t events = h.session.events_run();
  for (int i = 0; i < 100; i++) h.frame(/*simulate=*/false);
  CHECK(h.session.cluster().kernel().trace.hash_hex() == hash);
  CHECK(h.session.events_run() == events);
}

TEST_CASE("frames: Space plays and pauses; Right steps one event; Left steps one back") {
  Headless h;
  h.frame();
  h.key(kKeySpace);
  CHECK(h.ui.playing);
  h.key(kKeySpace);
  CHECK_FALSE(h.ui.playing);
  uint64_t n = h.session.events_run();
  h.key(kKeyRight);
  CHECK(h.session.events_run() == n + 1);
  h.key(kKeyLeft);
  CHECK(h.session.events_run() == n);
  h.key('5');
  CHECK(h.ui.speed_log10 == doctest::Approx(2.0));
}

TEST_CASE("frames: K on the selected consumer emits ConsumerCrash (no LeaveGroup) for it") {
  Headless h;
  h.session.seek(20 * kSecond);
  h.ui.selected_node = "c2";
  h.frame();
  h.key('K');
  REQUIRE(h.session.schedule().size() == 1);
  CHECK(h.session.schedule()[0].command.kind == CommandKind::ConsumerCrash);
  CHECK(h.session.schedule()[0].command.target == "c2");
  CHECK_FALSE(h.session.cluster().consumer("c2")->is_up());
  h.key('R');  // the menu now offers restart
  REQUIRE(h.session.schedule().size() == 2);
  CHECK(h.session.schedule()[1].command.kind == CommandKind::ConsumerRestart);
}

TEST_CASE("frames: right-click on a consumer in the cluster view opens the fault menu; its "
          "'Close (LeaveGroup)' item emits ConsumerClose") {
  Headless h;
  h.settle_at(20 * kSecond);
  ImVec2 min, max;
  REQUIRE(h.views->cluster_view().node_rect("c3", min, max));
  ImVec2 at((min.x + max.x) / 2, (min.y + max.y) / 2);
  std::vector<UiAction> script{
      {.kind = UiAction::Kind::Click, .x = at.x, .y = at.y, .button = 1},
      {.kind = UiAction::Kind::Wait, .frames = 2}};
  UiScriptPlayer player(script);
  for (int i = 0; i < 6; i++) {
    player.before_frame(ImGui::GetIO());
    h.frame(false);
  }
  CHECK(h.ui.selected_node == "c3");
  // The popup lists the menu items top to bottom; find "Close (LeaveGroup)" by its window.
  ImGuiWindow* popup = nullptr;
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if (w->Active && (w->Flags & ImGuiWindowFlags_Popup)) popup = w;
  REQUIRE(popup != nullptr);
  float line = ImGui::GetTextLineHeightWithSpacing();
  // Rows: title, separator, Crash, Close, ... ; click the row of Close.
  ImVec2 item(popup->Pos.x + 30, popup->DC.CursorStartPos.y + line * 2.0f + 8 + line * 0.5f);
  UiScriptPlayer click({{.kind = UiAction::Kind::Click, .x = item.x, .y = item.y}});
  for (int i = 0; i < 5; i++) {
    click.before_frame(ImGui::GetIO());
    h.frame(false);
  }
  REQUIRE(h.session.schedule().size() == 1);
  CHECK(h.session.schedule()[0].command.kind == CommandKind::ConsumerClose);
  CHECK(h.session.schedule()[0].command.target == "c3");
}

TEST_CASE("frames: '?' opens the help overlay; Escape closes it") {
  Headless h;
  ImGui::GetIO().KeyShift = true;
  h.key(kKeySlash);
  ImGui::GetIO().KeyShift = false;
  CHECK(h.ui.show_help);
  h.frame();
  h.key(kKeyEscape);
  CHECK_FALSE(h.ui.show_help);
}

TEST_CASE("frames: a click on a message dot inspects it; the inspector's Drop button emits "
          "network.drop for that message, which leaves the wire") {
  Headless h;
  h.ui.show_heartbeats = h.ui.show_fetches = true;  // every API's dots are drawn
  h.session.seek(20 * kSecond);
  std::optional<InFlightMessage> target;
  for (int i = 0; i < 5000 && !target; i++) {
    h.session.step_event();
    for (const InFlightMessage& m : h.session.cluster().kernel().network.in_flight())
      if (m.arrives_at > h.session.now() + 50) target = m;
  }
  REQUIRE(target);
  for (int i = 0; i < 3; i++) h.frame(false);
  ImVec2 at;
  REQUIRE(h.views->cluster_view().dot_position(target->id, at));
  h.click(at);
  h.frame(false);
  REQUIRE(h.ui.inspect.kind == InspectKind::Message);
  uint64_t id = h.ui.inspect.message_id;  // the topmost dot under the cursor
  REQUIRE(h.session.cluster().kernel().network.in_flight_message(id) != nullptr);
  CHECK(h.session.schedule().empty());  // inspecting is not acting
  ImVec2 min, max;
  for (int i = 0; i < 2; i++) h.frame(false);  // the Inspector tab comes to the front
  REQUIRE(h.views->inspector().action_rect(min, max));
  h.click(ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2));
  REQUIRE(h.session.schedule().size() == 1);
  CHECK(h.session.schedule()[0].command.kind == CommandKind::NetworkDrop);
  CHECK(h.session.schedule()[0].command.message_id == id);
  CHECK(h.session.cluster().kernel().network.in_flight_message(id) == nullptr);
}

TEST_CASE("frames: a click on a broker's replica line inspects that replica; on a consumer, "
          "the member") {
  Headless h;
  h.settle_at(20 * kSecond);
  ImVec2 min, max;
  REQUIRE(h.views->cluster_view().node_rect("broker-1", min, max));
  float line = ImGui::GetTextLineHeightWithSpacing();
  h.click(ImVec2(min.x + 30, min.y + 2 + line * 1.5f));  // the first replica line
  CHECK(h.ui.inspect.kind == InspectKind::Replica);
  CHECK(h.ui.inspect.node == "broker-1");
  CHECK(h.ui.inspect.tp == TopicPartition{"tweets", 0});
  REQUIRE(h.views->cluster_view().node_rect("c2", min, max));
  h.click(ImVec2((min.x + max.x) / 2, max.y - 3));
  CHECK(h.ui.inspect.kind == InspectKind::Consumer);
  CHECK(h.ui.inspect.node == "c2");
  CHECK(h.session.schedule().empty());
}

TEST_CASE("frames: timeline W/S zoom, A/D pan; RMB drag pans; MMB drag zooms to the range; LMB "
          "drag measures without seeking; a LMB click seeks") {
  Headless h;
  h.settle_at(60 * kSecond);
  const TimelineView& tl = h.views->timeline();
  CHECK(tl.window().follow);
  CHECK(tl.window().span == 0);  // the whole run
  h.key('W');                    // (key() simulates; paused, so time stands still)
  TimeRange r = resolve(tl.window(), h.session.now());
  CHECK(r.span() == 30 * kSecond);
  CHECK(r.start == 15 * kSecond);  // zoomed around the centre: not at the end, so fixed
  h.key('A');
  TimeRange left = resolve(tl.window(), h.session.now());
  CHECK(left.start == 12 * kSecond);
  CHECK(left.span() == 30 * kSecond);
  h.key('D');
  h.key('D');
  CHECK(resolve(tl.window(), h.session.now()).start == 18 * kSecond);
  h.key('S');
  CHECK(tl.window().follow);     // doubled back to the whole run
  ImVec2 min, max;
  tl.plot_rect(min, max);
  float y = (min.y + max.y) / 2, w = max.x - min.x;
  ImVec2 a(min.x + w * 0.25f, y), b(min.x + w * 0.75f, y);
  h.drag(2, a, b);               // MMB: zoom to [15 s, 45 s]
  TimeRange zoomed = resolve(tl.window(), h.session.now());
  CHECK(std::llabs(zoomed.start - 15 * kSecond) < kSecond / 2);
  CHECK(std::llabs(zoomed.end - 45 * kSecond) < kSecond / 2);
  h.drag(1, b, a);               // RMB: drag the run left by half the plot = 15 s later
  TimeRange panned = resolve(tl.window(), h.session.now());
  CHECK(std::llabs(panned.start - 30 * kSecond) < kSecond / 2);
  CHECK(panned.span() == zoomed.span());
  h.drag(0, a, b);               // LMB drag: measure half the span, no seek
  CHECK(tl.measurement().rfind("dt = ", 0) == 0);
  CHECK_FALSE(h.ui.requests.seek_to.has_value());
  h.click(a);                    // a click: seek to the time under the mouse
  REQUIRE(h.ui.requests.seek_to.has_value());
  CHECK(std::llabs(*h.ui.requests.seek_to - 37 * kSecond - kSecond / 2) < kSecond / 2);
}

TEST_CASE("frames: hovering an event-log row marks its time for the timeline; leaving clears") {
  Headless h;
  h.session.seek(20 * kSecond);
  h.views->details().select("Event log");
  for (int i = 0; i < 4; i++) h.frame(false);
  ImGuiWindow* details = ImGui::FindWindowByName("Details");
  REQUIRE(details != nullptr);
  // The last visible row sits just above the bottom of the panel (the log follows the end).
  ImVec2 row(details->Pos.x + 40, details->Pos.y + details->Size.y - 12);
  h.mouse(row);
  h.mouse(row);
  REQUIRE(h.ui.hover_time.has_value());
  bool is_event_time = false;
  for (const StoredEvent& e : h.session.events().events())
    is_event_time = is_event_time || e.t == *h.ui.hover_time;
  CHECK(is_event_time);
  CHECK(*h.ui.hover_time <= h.session.now());
  h.mouse(ImVec2(5, 5));
  h.mouse(ImVec2(5, 5));
  CHECK_FALSE(h.ui.hover_time.has_value());
}

TEST_CASE("frames: the event log follows new events at the bottom, and stops following when "
          "the reader scrolls up") {
  Headless h;
  h.views->details().select("Event log");
  h.ui.playing = true;
  for (int i = 0; i < 60; i++) h.frame();
  CHECK(h.views->event_log().at_bottom());
  ImGuiWindow* details = ImGui::FindWindowByName("Details");
  REQUIRE(details != nullptr);
  ImVec2 inside(details->Pos.x + 60, details->Pos.y + details->Size.y - 30);
  h.mouse(inside);
  ImGui::GetIO().MouseWheel = 5.0f;  // scroll up
  h.frame();
  ImGui::GetIO().MouseWheel = 0.0f;
  for (int i = 0; i < 30; i++) h.frame();
  CHECK_FALSE(h.views->event_log().at_bottom());  // new events did not pull the view down
}

TEST_CASE("frames: K before a recorded command asks 'Fork?'; Escape cancels; Fork issues and "
          "discards; Undo fork brings the old command back") {
  Headless h;
  h.session.seek(20 * kSecond);
  h.ui.selected_node = "c1";
  h.frame(false);
  h.key('K');
  REQUIRE(h.session.schedule().size() == 1);  // at the end: no question
  h.session.seek(10 * kSecond);  // rewind before the crash: the recorded future exists
  h.ui.selected_node = "c2";
  h.frame(false);
  h.key('K');
  CHECK(h.ui.fork_pending.has_value());
  CHECK(h.session.schedule()[0].command.target == "c1");  // nothing issued yet
  ImGuiWindow* modal = ImGui::FindWindowByName("Fork the future?");
  REQUIRE(modal != nullptr);
  CHECK(modal->Active);
  h.key(kKeyEscape);
  CHECK_FALSE(h.ui.fork_pending.has_value());
  CHECK(h.session.schedule()[0].command.target == "c1");
  h.key('K');
  REQUIRE(h.ui.fork_pending.has_value());
  h.frame(false);
  const ImGuiStyle& style = ImGui::GetStyle();
  ImVec2 fork(modal->Pos.x + style.WindowPadding.x + 8,
              modal->Pos.y + modal->Size.y - style.WindowPadding.y - ImGui::GetFrameHeight() / 2);
  h.click(fork);
  REQUIRE(h.session.schedule().size() == 1);
  CHECK(h.session.schedule()[0].command.target == "c2");
  CHECK(h.session.can_undo_fork());
  ImGui::GetIO().KeyCtrl = true;
  h.key('Z');
  ImGui::GetIO().KeyCtrl = false;
  h.frame(false);
  REQUIRE(h.session.schedule().size() == 1);
  CHECK(h.session.schedule()[0].command.target == "c1");
  CHECK_FALSE(h.session.can_undo_fork());
}
