// Narration bar: the current chapter and step, Continue / Replay, chapter menu, watch-for list.
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

const NarrationItem* last_of(const std::vector<NarrationItem>& n, NarrationItem::Kind kind) {
  for (auto it = n.rbegin(); it != n.rend(); ++it)
    if (it->kind == kind) return &*it;
  return nullptr;
}

void chapter_menu(ViewContext& ctx, const std::vector<NarrationItem>& narration) {
  const NarrationItem* chapter = last_of(narration, NarrationItem::Kind::Chapter);
  ImGui::SetNextItemWidth(260);
  if (!ImGui::BeginCombo("##chapters", chapter ? chapter->text.c_str() : "(no chapter yet)"))
    return;
  for (size_t i = 0; i < narration.size(); i++) {
    const NarrationItem& n = narration[i];
    if (n.kind == NarrationItem::Kind::Note) continue;
    std::string indent = n.kind == NarrationItem::Kind::Chapter ? "" : "    ";
    std::string label = indent + n.text.substr(0, 60) + "##" + std::to_string(i);
    if (ImGui::Selectable(label.c_str(), false)) ctx.ui.requests.seek_to = n.t;
  }
  ImGui::EndCombo();
}

}  // namespace

void NarrationView::draw_content(ViewContext& ctx) {
  const auto& narration = ctx.session.source().narration();
  if (ImGui::Button("Continue (PgDn)")) ctx.ui.requests.next_step = true;
  ImGui::SameLine();
  if (ImGui::Button("Replay step (PgUp)")) ctx.ui.requests.prev_step = true;
  ImGui::SameLine();
  chapter_menu(ctx, narration);
  ScenarioCard card = ctx.session.source().card();
  if (!card.watch_for.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("Watch for:");
    for (const std::string& w : card.watch_for) {
      ImGui::SameLine();
      ImGui::TextDisabled("\xe2\x80\xa2 %s", w.c_str());
    }
  }
  if (ctx.ui.break_cause) {  // break_on paused playback: say which event and which line
    const BreakItem& b = *ctx.ui.break_cause;
    ImGui::TextColored(palette::to_vec4(palette::kVermillion), "Breakpoint (%s) at %s: %s",
                       b.where.c_str(), format_time(b.t).c_str(), b.type.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", b.event.c_str());
  }
  const NarrationItem* step = nullptr;
  for (auto it = narration.rbegin(); it != narration.rend() && !step; ++it)
    if (it->kind != NarrationItem::Kind::Chapter) step = &*it;
  if (narration.empty()) {
    ImGui::TextWrapped("%s", card.summary.empty() ? "No narration yet: press Space to play."
                                                  : card.summary.c_str());
    return;
  }
  if (step == nullptr) step = &narration.back();
  ImGui::TextColored(palette::to_vec4(palette::kBlue), "[%s]", format_time(step->t).c_str());
  ImGui::SameLine();
  ImGui::TextWrapped("%s", step->text.c_str());
  if (!step->focus.empty()) {
    std::string names;
    for (const std::string& f : step->focus) names += (names.empty() ? "" : ", ") + f;
    ImGui::TextDisabled("Focus: %s", names.c_str());
  }
  if (step->pause && !ctx.ui.playing)
    ImGui::TextDisabled("Paused here by the scenario. Space or PgDn continues.");
}

}  // namespace ksim::gui
