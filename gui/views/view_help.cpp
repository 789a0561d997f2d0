// Keyboard help overlay ('?'): every shortcut, from one table shared with docs/gui.md.
#include "gui/views/views.h"

namespace ksim::gui {

std::vector<ShortcutHelp> shortcut_list() {
  return {
      {"Space or .", "play / pause"},
      {"Right", "step to the next event"},
      {"Left", "step back one event (restart + re-simulate)"},
      {"PageDown", "run to the next narration step (Continue)"},
      {"PageUp", "back to the previous narration step"},
      {"Home / End", "jump to the start / run to the end"},
      {"1 2 3 4 5", "speed 1/100x, 1/10x, 1x, 10x, 100x"},
      {"- / =", "slower / faster (x0.1 / x10 in steps of 10^0.25)"},
      {"Tab", "select the next node"},
      {"K", "crash the selected broker or consumer (no LeaveGroup)"},
      {"L", "close the selected consumer (LeaveGroup)"},
      {"T", "stall the selected consumer's poll loop past max.poll.interval.ms"},
      {"R", "restart the selected node"},
      {"I", "isolate the selected broker"},
      {"P", "start / stop the selected producer"},
      {"G", "GC pause (10 s) of the selected node"},
      {"N / H", "partition the selected node from everyone / heal the network"},
      {"Y / U", "delay the selected node's messages by 200 ms / lose 10% of them (one way)"},
      {"Ctrl+Z", "undo fork (bring back the commands a fork discarded)"},
      {"Ctrl+S", "save session as scenario"},
      {"Ctrl+O", "open a scenario (picker)"},
      {"F5", "projector mode (large fonts, light theme)"},
      {"F12", "screenshot (PNG)"},
      {"? or F1", "this help"},
      {"right-click a node", "fault menu"},
      {"click a node, replica or dot", "inspector (a message dot: Drop)"},
      {"W / S (timeline)", "zoom in / out"},
      {"A / D (timeline)", "pan back / forward"},
      {"timeline mouse", "wheel zoom, RMB drag pan, MMB drag zoom to range, LMB drag measure, "
                         "click seek"},
  };
}

void HelpView::draw_content(ViewContext& ctx) {
  if (!ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_RowBg)) return;
  for (const ShortcutHelp& s : shortcut_list()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(s.keys);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(s.action);
  }
  ImGui::EndTable();
  if (ImGui::Button("Close")) ctx.ui.show_help = false;
}

}  // namespace ksim::gui
