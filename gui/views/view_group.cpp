// Consumer groups: --describe, --state and --members --verbose tabs in the CLI's columns, with
// lag per partition, a lag sparkline, and the coordinator's session deadline per member.
#include <algorithm>

#include "gui/model/group_rows.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

constexpr size_t kLagSamples = 120;

void offsets_table(const GroupTables& t, const std::vector<float>& history) {
  if (!history.empty()) {
    float top = std::max(1.0f, *std::max_element(history.begin(), history.end()));
    ImGui::PlotLines("##lag", history.data(), static_cast<int>(history.size()), 0,
                     "total lag (1 sample/s)", 0.0f, top, ImVec2(0, 40));
    help_marker("LAG = LOG-END-OFFSET - CURRENT-OFFSET: LOG-END-OFFSET is the partition's high "
                "watermark, CURRENT-OFFSET the group's last committed offset.");
  }
  if (!ImGui::BeginTable("offsets", 8, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) return;
  for (const char* h : {"TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG",
                        "CONSUMER-ID", "HOST", "CLIENT-ID"})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const OffsetRow& r : t.offsets) {
    ImGui::TableNextRow();
    for (const std::string* cell : {&r.topic, &r.partition, &r.current_offset, &r.log_end_offset,
                                    &r.lag, &r.consumer_id, &r.host, &r.client_id}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(cell->c_str());
    }
  }
  ImGui::EndTable();
}

void members_table(ViewContext& ctx, const GroupTables& t) {
  if (!ImGui::BeginTable("members", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) return;
  for (const char* h : {"CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT",
                        "session deadline"})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const MemberRow& m : t.members) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(m.consumer_id.c_str(), false)) {  // the inspector shows the member
      ctx.ui.inspect = member_target(ctx.session.cluster(), m.client_id);
      ctx.ui.inspect_focus = true;
    }
    for (const std::string* cell : {&m.host, &m.client_id}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(cell->c_str());
    }
    ImGui::TableNextColumn();
    ImGui::Text("%d", m.partitions);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(m.assignment.c_str());
    ImGui::TableNextColumn();
    if (m.heartbeat_deadline == kTimeNever || m.session_timeout <= 0) {
      ImGui::TextDisabled("-");
      continue;
    }
    Duration left = std::max<Duration>(0, m.heartbeat_deadline - ctx.session.now());
    float f = static_cast<float>(left) / static_cast<float>(m.session_timeout);
    std::string label = format_duration(left) + " left";
    ImGui::ProgressBar(std::clamp(f, 0.0f, 1.0f), ImVec2(-1, 0), label.c_str());
  }
  ImGui::EndTable();
}

void state_table(const GroupTables& t) {
  if (!ImGui::BeginTable("state", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) return;
  for (const char* h : {"COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS",
                        "generation"})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(t.state.coordinator.c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(t.state.assignment_strategy.c_str());
  ImGui::TableNextColumn();
  ImGui::TextColored(palette::to_vec4(palette::segment_color(group_state_style(t.state.state))),
                     "%s", t.state.state.c_str());
  ImGui::TableNextColumn();
  ImGui::Text("%d", t.state.members);
  ImGui::TableNextColumn();
  ImGui::Text("%d", t.state.generation);
  ImGui::EndTable();
}

}  // namespace

void GroupsView::sample_lag(ViewContext& ctx) {
  if (restarts_seen_ != ctx.session.restarts() || ctx.session.now() < last_sample_) {
    lag_history_.clear();  // a rewind: the history starts again with the run
    restarts_seen_ = ctx.session.restarts();
    last_sample_ = -1;
  }
  if (last_sample_ >= 0 && ctx.session.now() - last_sample_ < kSecond) return;
  last_sample_ = ctx.session.now();
  for (const std::string& g : ctx.session.cluster().group_ids()) {
    std::vector<float>& h = lag_history_[g];
    h.push_back(static_cast<float>(total_lag(group_tables(ctx.session.cluster(), g)).value_or(0)));
    if (h.size() > kLagSamples) h.erase(h.begin());
  }
}

void GroupsView::draw_content(ViewContext& ctx) {
  sample_lag(ctx);
  std::vector<std::string> ids = ctx.session.cluster().group_ids();
  if (ids.empty()) return empty_state("No consumer groups yet.");
  if (ctx.ui.selected_group.empty() ||
      std::find(ids.begin(), ids.end(), ctx.ui.selected_group) == ids.end())
    ctx.ui.selected_group = ids.front();
  ImGui::SetNextItemWidth(220);
  if (ImGui::BeginCombo("group", ctx.ui.selected_group.c_str())) {
    for (const std::string& id : ids)
      if (ImGui::Selectable(id.c_str(), id == ctx.ui.selected_group)) ctx.ui.selected_group = id;
    ImGui::EndCombo();
  }
  GroupTables t = group_tables(ctx.session.cluster(), ctx.ui.selected_group);
  ImGui::SameLine();
  if (ImGui::Button("Copy as text"))
    ImGui::SetClipboardText(format_group(t, GroupDescribe::Offsets).c_str());
  if (!t.exists) return empty_state(format_group(t, GroupDescribe::Offsets).c_str());
  if (!t.state_message.empty()) ImGui::TextColored(palette::to_vec4(palette::kWarn), "%s",
                                                   t.state_message.substr(1).c_str());
  if (!ImGui::BeginTabBar("group_tabs")) return;
  // A step's views = "groups:members" selects a tab once (then the trainer may switch).
  auto flags = [&](GroupsTab tab) {
    return ctx.ui.groups_tab == tab ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
  };
  if (ImGui::BeginTabItem("--describe", nullptr, flags(GroupsTab::Describe))) {
    offsets_table(t, lag_history_[t.group_id]);
    shown_tab_ = GroupsTab::Describe;
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("--members --verbose", nullptr, flags(GroupsTab::Members))) {
    members_table(ctx, t);
    shown_tab_ = GroupsTab::Members;
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("--state", nullptr, flags(GroupsTab::State))) {
    state_table(t);
    shown_tab_ = GroupsTab::State;
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
  ctx.ui.groups_tab.reset();
}

}  // namespace ksim::gui
