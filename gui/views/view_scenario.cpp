// Scenario picker: scenarios/*.lua with each one's title and what it teaches.
#include "gui/model/scenario_catalog.h"
#include "gui/views/views.h"

namespace ksim::gui {

void ScenarioPickerView::draw_content(ViewContext& ctx) {
  if (!scanned_ || ImGui::Button("Rescan")) {
    cards_ = scan_scenarios(dir_);
    scanned_ = true;
  }
  if (cards_.empty()) return empty_state(("No scenarios in " + dir_ + "/").c_str());
  for (const ScenarioCard& card : cards_) {
    ImGui::PushID(card.path.c_str());
    if (ImGui::Button("Open")) {
      ctx.ui.open_request = card.path;
      ctx.ui.show_picker = false;
    }
    ImGui::SameLine();
    ImGui::Text("%s", card.title.empty() ? card.path.c_str() : card.title.c_str());
    ImGui::TextDisabled("%s", card.path.c_str());
    if (!card.summary.empty()) ImGui::TextWrapped("%s", card.summary.c_str());
    for (const std::string& l : card.learn) ImGui::BulletText("You'll learn: %s", l.c_str());
    ImGui::Separator();
    ImGui::PopID();
  }
  if (ImGui::Button("Close")) ctx.ui.show_picker = false;
}

}  // namespace ksim::gui
