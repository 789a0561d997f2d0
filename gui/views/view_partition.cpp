// Partition log strip: one row per replica, offsets left to right coloured by leader epoch,
// log start / HW / LEO markers, committed offsets per group, positions per consumer, and
// truncated records hatched.
#include <algorithm>

#include "gui/model/log_strip.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

struct Scale {
  float x0, width;
  Offset first, last;
  float x(Offset o) const {
    double span = static_cast<double>(std::max<Offset>(1, last - first));
    return x0 + width * static_cast<float>(static_cast<double>(o - first) / span);
  }
};

void hatch(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color) {
  dl->AddRect(a, b, color);
  for (float x = a.x - (b.y - a.y); x < b.x; x += 6)
    dl->AddLine(ImVec2(std::max(x, a.x), a.y + std::max(0.0f, a.x - x)),
                ImVec2(std::min(x + (b.y - a.y), b.x), b.y - std::max(0.0f, x + (b.y - a.y) - b.x)),
                color);
}

void marker(ImDrawList* dl, float x, float y0, float y1, ImU32 color, const char* label) {
  dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), color, 2.0f);
  dl->AddText(ImVec2(x + 2, y0), color, label);
}

void draw_row(ImDrawList* dl, const LogStripRow& r, const Scale& s, ImVec2 pen, float h,
              const Glyphs& g) {
  std::string name = std::string(r.leader ? g.leader : r.in_isr ? g.follower : g.out_of_isr) +
                     " broker-" + std::to_string(r.broker) + (r.online ? "" : " (down)");
  dl->AddText(pen, ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
  float y0 = pen.y + h * 0.9f, y1 = y0 + h;
  for (const LogSpan& span : r.spans) {
    if (span.last < s.first) continue;
    float a = s.x(std::max(span.first, s.first)), b = s.x(span.last + 1);
    dl->AddRectFilled(ImVec2(a, y0), ImVec2(b, y1),
                      r.online ? palette::epoch_color(span.epoch) : palette::kGrey);
  }
  for (const LogSpan& t : r.truncated)
    if (t.last >= s.first)
      hatch(dl, ImVec2(s.x(std::max(t.first, s.first)), y0), ImVec2(s.x(t.last + 1), y1),
            palette::kBad);
  if (r.log_start >= s.first) marker(dl, s.x(r.log_start), y0, y1, palette::kBlack, "");
  marker(dl, s.x(r.high_watermark), y0 - 2, y1 + 2, palette::kBlue, "HW");
  marker(dl, s.x(r.log_end), y0 - 2, y1 + 2, palette::kVermillion, "");
  dl->AddText(ImVec2(s.x(r.log_end) + 3, y1 - h), palette::kVermillion, "LEO");
}

}  // namespace

void PartitionLogView::draw_content(ViewContext& ctx) {
  UiState& ui = ctx.ui;
  ImGui::Text("%s", ui.selected_tp.to_string().c_str());
  ImGui::SameLine();
  int window = static_cast<int>(ui.log_window);
  ImGui::SetNextItemWidth(140);
  if (ImGui::SliderInt("offsets shown", &window, 20, 2000)) ui.log_window = window;
  help_marker("Cells are offsets, coloured by the leader epoch that wrote them. HW: high "
              "watermark (consumers read below it). LEO: log end offset. Up-triangles: each "
              "group's committed offset; down-triangles: each consumer's position. Hatched: "
              "records a replica truncated (replica.truncate).");
  LogStrip strip = build_log_strip(ctx.session.cluster(), ctx.session.events(), ui.selected_tp,
                                   ui.log_window);
  if (!strip.exists) return empty_state("Pick a partition in the Partitions table.");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float h = ImGui::GetTextLineHeight();
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = std::max(100.0f, ImGui::GetContentRegionAvail().x - 60);
  Scale s{origin.x + 8, width, strip.first, strip.last};
  ImVec2 pen = origin;
  for (const LogStripRow& r : strip.rows) {
    draw_row(dl, r, s, pen, h, ctx.glyphs);
    pen.y += h * 2.4f;
  }
  for (const LogMarker& m : strip.markers) {
    if (m.offset < s.first) continue;
    bool committed = m.kind == LogMarker::Kind::Committed;
    ImU32 color = committed ? palette::kGreen : palette::kPurple;
    std::string label = std::string(committed ? ctx.glyphs.committed : ctx.glyphs.position) +
                        " " + m.label + " " + std::to_string(m.offset);
    dl->AddLine(ImVec2(s.x(m.offset), origin.y), ImVec2(s.x(m.offset), pen.y), color, 1.5f);
    dl->AddText(ImVec2(s.x(m.offset) + 2, pen.y), color, label.c_str());
    pen.y += h;
  }
  ImGui::Dummy(ImVec2(width, pen.y - origin.y + h));
  ImGui::TextDisabled("offsets %lld .. %lld", static_cast<long long>(strip.first),
                      static_cast<long long>(strip.last - 1));
}

}  // namespace ksim::gui
