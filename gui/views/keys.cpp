// The one key helper: legacy io.KeysDown (ImGui 1.86). Swap for IsKeyPressed(ImGuiKey) on 1.87+.
#include "gui/views/keys.h"

#include <imgui.h>

namespace ksim::gui {

bool shortcut_pressed(const KeyChord& chord) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return false;
  if (io.KeyShift != chord.shift || io.KeyCtrl != chord.ctrl) return false;
  return ImGui::IsKeyPressed(chord.key, /*repeat=*/chord.key == kKeyRight ||
                                            chord.key == kKeyLeft);
}

}  // namespace ksim::gui
