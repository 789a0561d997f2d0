// Event log (Tracy's messages window): time | node | event, filterable ("join,-heartbeat"),
// a Kafka-log rendering of the kafka_log fields, clipped when unfiltered, click seeks, hover
// marks the time on the timeline, and it follows new events unless scrolled up (Tracy).
#include <algorithm>

#include "gui/model/severity.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

void event_row(ViewContext& ctx, const StoredEvent& e, size_t index) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  std::string t = format_time(e.t) + "##" + std::to_string(index);
  if (ImGui::Selectable(t.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
    ctx.ui.requests.seek_to = e.t;
  if (ImGui::IsItemHovered()) ctx.ui.hover_time_next = e.t;  // the timeline marks it
  ImGui::TableNextColumn();
  Severity sev = event_severity(e.type());
  if (sev == Severity::Fault)  // the shape (!) as well as the colour
    ImGui::TextColored(palette::to_vec4(palette::kBad), "! %s", e.subject().c_str());
  else
    ImGui::TextUnformatted(e.subject().c_str());
  ImGui::TableNextColumn();
  if (ctx.ui.kafka_log_style) {
    ImGui::TextUnformatted(e.kafka_log().c_str());
  } else {
    ImGui::TextColored(palette::to_vec4(palette::kBlue), "%s", e.type().c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(e.summary().c_str());
  }
}

}  // namespace

void EventLogView::draw_content(ViewContext& ctx) {
  ImGui::Checkbox("Kafka log style", &ctx.ui.kafka_log_style);
  ImGui::SameLine();
  ImGui::Checkbox("Follow", &ctx.ui.follow_log);
  ImGui::SameLine();
  filter_.Draw("filter (a,b,-c)", 220);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  ImGui::Combo("severity", &ctx.ui.min_severity, "all events\0state changes + faults\0"
                                                 "faults and errors\0");
  help_marker("fault: crashes, fencing, truncation, evictions, client errors; state: leaders, "
              "ISR, group states, assignments; chatter: appends, HW, commits, polls, acks");
  rows_shown_ = 0;
  const auto& events = ctx.session.events().events();
  if (events.empty()) return empty_state("No events yet: press Space to play.");
  if (!ImGui::BeginTable("events", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                          ImGuiTableFlags_Resizable))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 8);
  ImGui::TableSetupColumn("node", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 10);
  ImGui::TableSetupColumn("event", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  Severity min = static_cast<Severity>(std::clamp(ctx.ui.min_severity, 0, 2));
  if (filter_.IsActive() || min != Severity::Chatter) {  // no clipper while filtering
    for (size_t i = 0; i < events.size(); i++) {
      const StoredEvent& e = events[i];
      if (!severity_shown(event_severity(e.type()), min)) continue;
      std::string line = e.type() + " " + e.subject() + " " + e.kafka_log();
      if (!filter_.PassFilter(line.c_str())) continue;
      event_row(ctx, e, i);
      rows_shown_++;
    }
  } else {
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(events.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++)
        event_row(ctx, events[static_cast<size_t>(i)], static_cast<size_t>(i));
    rows_shown_ = events.size();
  }
  // Tracy's messages window: scroll to the newest only while the view sits at the bottom, so
  // a reader who scrolled up keeps their place.
  if (ctx.ui.follow_log && at_bottom_) ImGui::SetScrollHereY(1.0f);
  at_bottom_ = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f;
  ImGui::EndTable();
}

}  // namespace ksim::gui
