// Timeline (Tracy-style): lanes per broker, group (state swimlane with generations) and member,
// faults, narration and expectation flags. Wheel or W/S zoom, RMB drag or A/D pan, MMB drag
// zooms to a range, LMB drag measures (dt), a click seeks; hovering an event in the event log
// marks its time here.
#include <algorithm>
#include <cmath>

#include "gui/model/heartbeat_ticks.h"
#include "gui/model/story_marks.h"
#include "gui/views/keys.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

constexpr float kDragThreshold = 3.0f;  // pixels: less is a click
constexpr double kKeyZoom = 0.5;        // W halves the span, S doubles it
constexpr double kKeyPan = 0.1;         // A/D move by a tenth of the span

ImU32 mark_color(MarkStyle s) {
  switch (s) {
    case MarkStyle::Narration: return palette::kPurple;
    case MarkStyle::Pass: return palette::kOk;
    case MarkStyle::Fail: return palette::kBad;
    case MarkStyle::Break: return palette::kVermillion;
    case MarkStyle::Checkpoint: return palette::kOrange;
    case MarkStyle::Ahead: return palette::kGrey;
    case MarkStyle::Plain: break;
  }
  return palette::kBlack;
}

}  // namespace

float TimelineView::x_of(Time t, const TimeRange& r) const {
  double f = static_cast<double>(t - r.start) / static_cast<double>(std::max<Time>(1, r.span()));
  return plot_min_.x + (plot_max_.x - plot_min_.x) * static_cast<float>(std::clamp(f, 0.0, 1.0));
}

Time TimelineView::time_at(float x, const TimeRange& r) const {
  double f = std::clamp((x - plot_min_.x) / std::max(1.0f, plot_max_.x - plot_min_.x), 0.0f, 1.0f);
  return r.start + static_cast<Time>(std::llround(f * static_cast<double>(r.span())));
}

void TimelineView::draw_content(ViewContext& ctx) {
  const Session& s = ctx.session;
  std::vector<TimelineLane> lanes = timeline_lanes(s.cluster(), s.events(), s.source().narration(),
                                                   s.source().expectations(), s.now());
  if (!s.source().breaks().empty())  // under the narration flags
    lanes.insert(lanes.begin() + 1, break_lane(s.source().breaks()));
  StoryLists story = story_of(s);
  TimelineLane checkpoints = checkpoint_lane(story, s.now());
  if (!checkpoints.marks.empty()) lanes.insert(lanes.begin() + 1, std::move(checkpoints));
  add_ahead_marks(lanes, story, s.now());
  // The whole-run view shows the whole story when the preview knows it (flags ahead, hollow).
  TimeRange range = resolve(window_, s.now());
  if (window_.follow && window_.span == 0 && story.complete)
    range.end = std::max(range.end, story.end);
  ImGui::TextDisabled("wheel/W S: zoom  RMB drag/A D: pan  MMB drag: zoom to range  LMB drag: "
                      "measure  click: seek  %s", window_.follow ? "(following)" : "");
  if (!window_.follow) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Follow")) window_ = {};
  }
  if (!measurement_.empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(measurement_.c_str());
  }
  label_w_ = ImGui::GetFontSize() * 9;
  float lane_h = ImGui::GetTextLineHeightWithSpacing() * 1.3f;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = std::max(100.0f, ImGui::GetContentRegionAvail().x - label_w_);
  float height = std::max(lane_h * static_cast<float>(lanes.size()), lane_h);
  ImGui::InvisibleButton("timeline", ImVec2(label_w_ + width, height),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  plot_min_ = ImVec2(origin.x + label_w_, origin.y);
  plot_max_ = ImVec2(origin.x + label_w_ + width, origin.y + height);
  handle_input(ctx, range);
  handle_keys(ctx);
  draw_lanes(ctx, lanes, range, lane_h);
  draw_overlays(ctx, range);
}

void TimelineView::handle_input(ViewContext& ctx, const TimeRange& range) {
  const ImGuiIO& io = ImGui::GetIO();
  Time now = ctx.session.now();
  if (ImGui::IsItemHovered() && io.MouseWheel != 0)
    window_ = zoom(window_, now, time_at(io.MousePos.x, range), io.MouseWheel > 0 ? 0.8 : 1.25);
  for (int b = 0; b < 3; b++) {
    if (!ImGui::IsItemClicked(b)) continue;
    drag_button_ = b;
    drag_from_x_ = io.MousePos.x;
    dragged_ = false;
  }
  if (drag_button_ < 0) return;
  dragged_ = dragged_ || std::abs(io.MousePos.x - drag_from_x_) > kDragThreshold;
  float per_px = static_cast<float>(range.span()) / std::max(1.0f, plot_max_.x - plot_min_.x);
  if (drag_button_ == 1 && dragged_ && io.MouseDelta.x != 0)  // drag the run under the mouse
    window_ = pan(window_, now, static_cast<Duration>(-io.MouseDelta.x * per_px));
  if (drag_button_ == 0 && dragged_)
    measurement_ = measure_text(time_at(drag_from_x_, range), time_at(io.MousePos.x, range));
  if (io.MouseDown[drag_button_]) return;
  // Released.
  if (drag_button_ == 0 && !dragged_ && drag_from_x_ >= plot_min_.x)
    ctx.ui.requests.seek_to = time_at(drag_from_x_, range);
  if (drag_button_ == 2 && dragged_)
    window_ = show_range(now, time_at(drag_from_x_, range), time_at(io.MousePos.x, range));
  drag_button_ = -1;
}

void TimelineView::handle_keys(ViewContext& ctx) {
  Time now = ctx.session.now();
  TimeRange r = resolve(window_, now);
  Time centre = r.start + r.span() / 2;
  auto shift = static_cast<Duration>(kKeyPan * static_cast<double>(r.span()));
  if (shortcut_pressed({'W'})) window_ = zoom(window_, now, centre, kKeyZoom);
  if (shortcut_pressed({'S'})) window_ = zoom(window_, now, centre, 1 / kKeyZoom);
  if (shortcut_pressed({'A'})) window_ = pan(window_, now, -shift);
  if (shortcut_pressed({'D'})) window_ = pan(window_, now, shift);
}

void TimelineView::draw_lanes(ViewContext& ctx, const std::vector<TimelineLane>& lanes,
                              const TimeRange& range, float lane_h) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  ImVec2 mouse = ImGui::GetIO().MousePos;
  bool hovered = ImGui::IsItemHovered();
  float y = plot_min_.y;
  dl->PushClipRect(ImVec2(plot_min_.x - label_w_, plot_min_.y), plot_max_, true);
  for (const TimelineLane& lane : lanes) {
    dl->AddText(ImVec2(plot_min_.x - label_w_, y), text, lane.name.c_str());
    for (const TimelineSegment& seg : lane.segments) {
      if (seg.end < range.start || seg.start > range.end) continue;
      ImVec2 a(x_of(seg.start, range), y + 2);
      ImVec2 b(std::max(x_of(seg.end, range), a.x + 1), y + lane_h - 4);
      dl->AddRectFilled(a, b, palette::with_alpha(palette::segment_color(seg.style), 0.55f));
      dl->PushClipRect(a, b, true);
      dl->AddText(ImVec2(a.x + 2, a.y), text, seg.label.c_str());
      dl->PopClipRect();
    }
    if (lane.kind == LaneKind::Member)
      draw_heartbeats(ctx.session.events().heartbeats(lane.name), range, y, lane_h);
    for (const TimelineMark& m : lane.marks) {
      if (m.t < range.start || m.t > range.end) continue;
      float x = x_of(m.t, range);
      if (m.style == MarkStyle::Ahead)  // hollow: ahead of the playhead (the story preview)
        dl->AddTriangle(ImVec2(x - 4, y + 2), ImVec2(x + 4, y + 2), ImVec2(x, y + 9),
                        mark_color(m.style));
      else
        dl->AddTriangleFilled(ImVec2(x - 4, y + 2), ImVec2(x + 4, y + 2), ImVec2(x, y + 9),
                              mark_color(m.style));
      if (hovered && drag_button_ < 0 && std::abs(mouse.x - x) < 4 && mouse.y >= y &&
          mouse.y < y + lane_h)
        ImGui::SetTooltip("%s  %s", format_time(m.t).c_str(), m.label.c_str());
    }
    y += lane_h;
  }
  dl->PopClipRect();
  float now_x = x_of(ctx.session.now(), range);
  dl->AddLine(ImVec2(now_x, plot_min_.y), ImVec2(now_x, y), palette::kBlue, 2.0f);
}

// Heartbeat requests along the bottom of a member lane: a zig-zag of ticks, or a density bar
// when they are too dense to tell apart (heartbeat_ticks.h).
void TimelineView::draw_heartbeats(const std::vector<Time>& sent, const TimeRange& range,
                                   float y, float lane_h) {
  float w = plot_max_.x - plot_min_.x;
  TickLayout layout = layout_ticks(sent, range, std::max(1, static_cast<int>(w)));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float base = y + lane_h - 3, top = y + lane_h - 9;
  ImU32 c = palette::api_color(ApiKey::Heartbeat);
  heartbeat_marks_ = layout.dense ? layout.density.size() : layout.xs.size();
  heartbeats_dense_ = layout.dense;
  if (!layout.dense) {
    for (size_t i = 0; i < layout.xs.size(); i++) {
      float x = plot_min_.x + layout.xs[i] * w;
      dl->AddLine(ImVec2(x - 2, i % 2 ? top : base), ImVec2(x + 2, i % 2 ? base : top), c, 1.5f);
    }
    return;
  }
  float bw = w / static_cast<float>(layout.density.size());
  for (size_t i = 0; i < layout.density.size(); i++) {
    if (layout.density[i] <= 0) continue;
    float x = plot_min_.x + bw * static_cast<float>(i);
    dl->AddRectFilled(ImVec2(x, top), ImVec2(x + bw, base),
                      palette::with_alpha(c, 0.2f + 0.8f * layout.density[i]));
  }
}

void TimelineView::draw_overlays(ViewContext& ctx, const TimeRange& range) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (ctx.ui.hover_time && *ctx.ui.hover_time >= range.start && *ctx.ui.hover_time <= range.end) {
    float x = x_of(*ctx.ui.hover_time, range);  // the event hovered in the event log
    dl->AddLine(ImVec2(x, plot_min_.y), ImVec2(x, plot_max_.y), palette::kOrange, 2.0f);
  }
  if (drag_button_ != 0 && drag_button_ != 2) return;
  if (!dragged_) return;
  float mx = ImGui::GetIO().MousePos.x;
  ImVec2 a(std::min(drag_from_x_, mx), plot_min_.y), b(std::max(drag_from_x_, mx), plot_max_.y);
  ImU32 c = drag_button_ == 0 ? palette::kBlue : palette::kOrange;
  dl->AddRectFilled(a, b, palette::with_alpha(c, 0.2f));
  if (drag_button_ == 0) ImGui::SetTooltip("%s", measurement_.c_str());
}

}  // namespace ksim::gui
