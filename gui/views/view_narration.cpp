// Narration bar: the current chapter and step, Continue / Replay, chapter menu (chapters, steps
// and checkpoints, including those ahead from the story preview), watch-for list, ask{} quizzes.
#include "gui/model/story_marks.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

const NarrationItem* last_of(const std::vector<NarrationItem>& n, NarrationItem::Kind kind) {
  for (auto it = n.rbegin(); it != n.rend(); ++it)
    if (it->kind == kind) return &*it;
  return nullptr;
}

// Every chapter, step and checkpoint of the story; those ahead of the playhead (known from the
// preview) are greyed, and a click seeks to any of them (forward: runs there).
void chapter_menu(ViewContext& ctx, const std::vector<NarrationItem>& narration) {
  const NarrationItem* chapter = last_of(narration, NarrationItem::Kind::Chapter);
  ImGui::SetNextItemWidth(260);
  if (!ImGui::BeginCombo("##chapters", chapter ? chapter->text.c_str() : "(no chapter yet)"))
    return;
  std::vector<StoryEntry> entries = story_entries(story_of(ctx.session), ctx.session.now());
  for (size_t i = 0; i < entries.size(); i++) {
    const StoryEntry& e = entries[i];
    std::string label = e.kind == StoryEntry::Kind::Chapter      ? e.label
                        : e.kind == StoryEntry::Kind::Checkpoint ? "    \xe2\x97\x86 " + e.label
                                                                 : "    " + e.label;
    if (e.ahead)
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (ImGui::Selectable((label + "##" + std::to_string(i)).c_str(), false))
      ctx.ui.requests.seek_to = e.t;
    if (e.ahead) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s%s", format_time(e.t).c_str(), e.ahead ? " (ahead: runs there)" : "");
  }
  ImGui::EndCombo();
}

}  // namespace

bool NarrationView::choice_rect(int n, ImVec2& min, ImVec2& max) const {
  if (n < 1 || n > static_cast<int>(choice_rects_.size())) return false;
  min = choice_rects_[static_cast<size_t>(n - 1)].first;
  max = choice_rects_[static_cast<size_t>(n - 1)].second;
  return true;
}

// ask{}: the question and its choices; a click on a choice reveals the answer (and why).
void NarrationView::draw_quiz(UiState& ui) {
  const QuizItem& q = ui.quiz->quiz;
  ImGui::TextColored(palette::to_vec4(palette::kBlue), "Quiz:");
  ImGui::SameLine();
  ImGui::TextWrapped("%s", q.question.c_str());
  for (size_t i = 0; i < q.choices.size(); i++) {
    int n = static_cast<int>(i) + 1;
    std::string label = std::to_string(n) + ". " + q.choices[i] + "##quiz" + std::to_string(n);
    bool right = n == q.answer;
    bool coloured = ui.quiz_choice != 0 && (right || n == ui.quiz_choice);  // once answered
    if (coloured)
      ImGui::PushStyleColor(ImGuiCol_Button,
                            palette::to_vec4(right ? palette::kOk : palette::kBad));
    if (ImGui::Button(label.c_str()) && ui.quiz_choice == 0) ui.quiz_choice = n;
    choice_rects_.emplace_back(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (coloured) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  if (ui.quiz_choice == 0 && ImGui::SmallButton("Reveal")) ui.quiz_choice = -1;
  if (ImGui::SmallButton("Close")) ui.quiz.reset();
  if (ui.quiz && ui.quiz_choice != 0) {
    bool revealed = ui.quiz_choice < 0, right = ui.quiz_choice == q.answer;
    const char* verdict = revealed ? "" : right ? "Right." : "Not quite.";
    ImU32 colour = revealed ? palette::kBlue : right ? palette::kOk : palette::kBad;
    ImGui::TextColored(palette::to_vec4(colour), "%s Answer: %d. %s", verdict, q.answer,
                       q.choices[static_cast<size_t>(q.answer - 1)].c_str());
    if (!q.explain.empty()) ImGui::TextWrapped("%s", q.explain.c_str());
  }
}

void NarrationView::draw_content(ViewContext& ctx) {
  choice_rects_.clear();
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
  if (ctx.ui.quiz) return draw_quiz(ctx.ui);  // ask{} takes the bar until answered or closed
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
