// Inspector: the clicked entity's fields as a two-column table (RaftScope's details modal);
// an in-flight message has a Drop button that issues network.drop(id) like every fault.
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {

bool InspectorView::action_rect(ImVec2& min, ImVec2& max) const {
  min = action_min_;
  max = action_max_;
  return has_action_;
}

void InspectorView::draw_content(ViewContext& ctx) {
  Inspection in = inspect(ctx.session.cluster(), ctx.session.events(), ctx.ui.inspect);
  if (!in.title.empty()) ImGui::TextUnformatted(in.title.c_str());
  has_action_ = in.action.has_value();
  if (in.action) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, palette::to_vec4(palette::with_alpha(palette::kBad,
                                                                                0.6f)));
    bool pressed = ImGui::Button(in.action_label.c_str());
    action_min_ = ImGui::GetItemRectMin();
    action_max_ = ImGui::GetItemRectMax();
    ImGui::PopStyleColor();
    if (pressed) ctx.issue(*in.action);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Issues %s: the message never arrives (recorded; saved sessions "
                        "replay it)", command_to_lua(*in.action).c_str());
  }
  if (!in.gone.empty()) return empty_state(in.gone.c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("inspector", 2, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 16);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (const FieldRow& r : in.rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.field.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.value.c_str());
  }
  ImGui::EndTable();
}

}  // namespace ksim::gui
