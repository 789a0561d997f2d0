// Fork confirmation (teaching-features item 7): acting with the playhead before recorded
// commands discards them; the modal says which, and "Undo fork" (transport, Ctrl+Z) restores.
#include "gui/model/key_codes.h"
#include "gui/views/views.h"

namespace ksim::gui {

namespace {
constexpr const char* kForkPopup = "Fork the future?";
}  // namespace

void draw_fork_dialog(ViewContext& ctx) {
  UiState& ui = ctx.ui;
  if (ui.fork_pending && !ImGui::IsPopupOpen(kForkPopup)) ImGui::OpenPopup(kForkPopup);
  if (!ImGui::BeginPopupModal(kForkPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const Session& s = ctx.session;
  if (!ui.fork_pending) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  ImGui::Text("t = %s is before %zu recorded command(s):", format_time(s.now()).c_str(),
              s.commands_after_now());
  const auto& schedule = s.schedule();
  for (size_t i = schedule.size() - s.commands_after_now(); i < schedule.size(); i++)
    ImGui::BulletText("at %s  %s", format_time(schedule[i].at).c_str(),
                      command_to_lua(schedule[i].command).c_str());
  ImGui::Text("Issuing %s forks the run: those commands are discarded.",
              command_to_lua(*ui.fork_pending).c_str());
  ImGui::TextDisabled("\"Undo fork\" (Ctrl+Z) brings them back.");
  if (ImGui::Button("Fork")) {
    Command c = *ui.fork_pending;
    ui.fork_pending.reset();
    issue_now(ctx.session, ui, c);
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(kKeyEscape)) {
    ui.fork_pending.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace ksim::gui
