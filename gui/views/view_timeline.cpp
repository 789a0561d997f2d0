// Timeline: lanes per broker, group (state swimlane with generations) and member, faults and
// narration flags; wheel zooms, click seeks.
#include <algorithm>

#include "gui/model/timeline.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {

void TimelineView::draw_content(ViewContext& ctx) {
  const Session& s = ctx.session;
  std::vector<TimelineLane> lanes =
      timeline_lanes(s.cluster(), s.events(), s.source().narration(), s.now());
  ImGui::TextDisabled("wheel: zoom (%.0fx)  click: seek", static_cast<double>(zoom_));
  float label_w = ImGui::GetFontSize() * 9;
  float lane_h = ImGui::GetTextLineHeightWithSpacing() * 1.3f;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = std::max(100.0f, ImGui::GetContentRegionAvail().x - label_w);
  float height = lane_h * static_cast<float>(lanes.size());
  ImGui::InvisibleButton("timeline", ImVec2(label_w + width, std::max(height, lane_h)));
  bool hovered = ImGui::IsItemHovered();
  if (hovered && ImGui::GetIO().MouseWheel != 0)
    zoom_ = std::clamp(zoom_ * (ImGui::GetIO().MouseWheel > 0 ? 1.25f : 0.8f), 1.0f, 1000.0f);
  Time end = std::max<Time>(s.now(), kSecond);
  Time start = end - static_cast<Time>(static_cast<double>(end) / zoom_);
  auto x_of = [&](Time t) {
    double f = static_cast<double>(t - start) / static_cast<double>(std::max<Time>(1, end - start));
    return origin.x + label_w + width * static_cast<float>(std::clamp(f, 0.0, 1.0));
  };
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  float y = origin.y;
  for (const TimelineLane& lane : lanes) {
    dl->AddText(ImVec2(origin.x, y), text, lane.name.c_str());
    for (const TimelineSegment& seg : lane.segments) {
      if (seg.end < start) continue;
      ImVec2 a(x_of(seg.start), y + 2);
      ImVec2 b(std::max(x_of(seg.end), x_of(seg.start) + 1), y + lane_h - 4);
      dl->AddRectFilled(a, b, palette::with_alpha(palette::segment_color(seg.style), 0.55f));
      dl->PushClipRect(a, b, true);
      dl->AddText(ImVec2(a.x + 2, a.y), text, seg.label.c_str());
      dl->PopClipRect();
    }
    for (const TimelineMark& m : lane.marks) {
      if (m.t < start) continue;
      float x = x_of(m.t);
      ImU32 c = lane.kind == LaneKind::Narration ? palette::kPurple : palette::kBlack;
      dl->AddTriangleFilled(ImVec2(x - 4, y + 2), ImVec2(x + 4, y + 2), ImVec2(x, y + 9), c);
      ImVec2 mouse = ImGui::GetIO().MousePos;
      if (hovered && std::abs(mouse.x - x) < 4 && mouse.y >= y && mouse.y < y + lane_h)
        ImGui::SetTooltip("%s  %s", format_time(m.t).c_str(), m.label.c_str());
    }
    y += lane_h;
  }
  float now_x = x_of(s.now());
  dl->AddLine(ImVec2(now_x, origin.y), ImVec2(now_x, y), palette::kBlue, 2.0f);
  if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
    float mx = ImGui::GetIO().MousePos.x;
    if (mx > origin.x + label_w) {
      double f = (mx - origin.x - label_w) / width;
      ctx.ui.requests.seek_to = start + static_cast<Time>(f * static_cast<double>(end - start));
    }
  }
}

}  // namespace ksim::gui
