#pragma once
// The one helper every shortcut goes through. Dear ImGui 1.86 uses legacy key IO (the GLFW
// backend writes io.KeysDown[glfw_key]); 1.87's io.AddKeyEvent would change only keys.cpp.
#include "gui/model/key_codes.h"

namespace ksim::gui {

struct KeyChord {
  int key = 0;
  bool shift = false;
  bool ctrl = false;
};

// True when the chord was pressed this frame and no text field has focus (io.WantTextInput).
// Modifiers must match exactly, so 'S' and Ctrl+S are different shortcuts.
bool shortcut_pressed(const KeyChord& chord);

}  // namespace ksim::gui
