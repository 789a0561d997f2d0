// View base: Begin/End ownership, tab panels, help markers and empty states.
#include "gui/views/view.h"

namespace ksim::gui {

Glyphs glyphs_for(bool unicode) {
  if (!unicode) return Glyphs{};
  return Glyphs{.leader = "\xe2\x98\x85",       // ★
                .follower = "\xe2\x97\x8f",     // ●
                .out_of_isr = "\xe2\x9c\x95",   // ✕
                .offline = "\xe2\x8a\x98",      // ⊘
                .pass = "\xe2\x9c\x93",         // ✓
                .fail = "\xe2\x9c\x97",         // ✗
                .committed = "\xe2\x96\xb2",    // ▲
                .position = "\xe2\x96\xbc"};    // ▼
}

void View::draw(ViewContext& ctx) {
  if (!open_) return;
  if (placed_) {
    ImGui::SetNextWindowPos(pos_, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size_, ImGuiCond_Always);
  }
  ImGuiWindowFlags flags = flags_ | (placed_ ? ImGuiWindowFlags_NoMove |
                                                   ImGuiWindowFlags_NoResize |
                                                   ImGuiWindowFlags_NoCollapse
                                             : 0);
  bool visible = ImGui::Begin(title_.c_str(), placed_ ? nullptr : &open_, flags);
  if (visible) draw_content(ctx);
  ImGui::End();  // always, whatever Begin returned
}

void TabbedView::draw_content(ViewContext& ctx) {
  if (!ImGui::BeginTabBar("tabs")) return;
  for (View* tab : tabs_) {
    ImGuiTabItemFlags flags = select_ == tab->title() ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(tab->title().c_str(), nullptr, flags)) {
      current_ = tab->title();
      tab->draw_embedded(ctx);
      ImGui::EndTabItem();
    }
  }
  select_.clear();
  ImGui::EndTabBar();
}

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void empty_state(const char* text) {
  ImGui::Spacing();
  ImGui::TextDisabled("%s", text);
}

}  // namespace ksim::gui
