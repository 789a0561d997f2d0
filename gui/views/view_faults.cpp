// Faults: the selected node's actions as buttons (each a recorded Command), the commands issued
// so far, and "Save session as scenario".
#include "gui/model/fault_menu.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

void node_picker(ViewContext& ctx) {
  const Cluster& c = ctx.session.cluster();
  std::vector<std::string> names;
  for (const auto& b : c.brokers()) names.push_back(b->name());
  for (const auto& p : c.producers()) names.push_back(p->name());
  for (const auto& m : c.consumers()) names.push_back(m->name());
  ImGui::SetNextItemWidth(200);
  const char* current =
      ctx.ui.selected_node.empty() ? "(select a node)" : ctx.ui.selected_node.c_str();
  if (!ImGui::BeginCombo("node", current)) return;
  for (const std::string& n : names)
    if (ImGui::Selectable(n.c_str(), n == ctx.ui.selected_node)) ctx.ui.selected_node = n;
  ImGui::EndCombo();
}

}  // namespace

void FaultsView::draw_content(ViewContext& ctx) {
  node_picker(ctx);
  help_marker("Every action is a Command, the same a Lua script issues; it is recorded and "
              "replayed on rewind, and saved by Ctrl+S. Right-click a node in the cluster view "
              "for the same menu; the letter is its one-key shortcut on the selected node.");
  for (const FaultAction& a : faults_for(ctx.session.cluster(), ctx.ui.selected_node)) {
    std::string label = a.label + (a.key ? std::string(" [") + a.key + "]" : "");
    if (ImGui::Button(label.c_str())) ctx.issue(a.command);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", a.help.c_str());
  }
  ImGui::Separator();
  if (ImGui::Button("Save session as scenario (Ctrl+S)")) ctx.ui.save_requested = true;
  if (!ctx.ui.status.empty()) ImGui::TextWrapped("%s", ctx.ui.status.c_str());
  const auto& schedule = ctx.session.schedule();
  if (schedule.empty()) return empty_state("No commands issued yet.");
  for (const ScheduledCommand& c : schedule)
    ImGui::Text("at %s  %s", format_time(c.at).c_str(), command_to_lua(c.command).c_str());
}

}  // namespace ksim::gui
