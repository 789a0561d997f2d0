#pragma once
// --ui-script files: scripted input for the Xvfb smoke test and for "export frames". One action
// per line, '#' comments; frame counts are relative to the previous line:
//   wait 30               run 30 frames with no input
//   key space             press and release a key (names: docs/gui.md)
//   click 640 400 [right] mouse click at window coordinates
//   move 640 400          move the mouse
//   screenshot out.png    save a PNG of this frame
//   quit                  stop (like --exit-when-done at the end of the script)
#include <string>
#include <vector>

#include "ksim/types/result.h"

namespace ksim::gui {

struct UiAction {
  enum class Kind { Wait, Key, Click, Move, Screenshot, Quit } kind = Kind::Wait;
  int frames = 0;         // Wait
  int key = -1;           // Key: GLFW key code
  bool shift = false;     // Key: with Shift (e.g. '?')
  bool ctrl = false;
  float x = 0, y = 0;     // Click, Move
  int button = 0;         // Click: 0 left, 1 right
  std::string path;       // Screenshot
  int line = 0;
};

// Error: INVALID_REQUEST naming the line and the unknown word.
Result<std::vector<UiAction>> parse_ui_script(const std::string& text);
// GLFW key code of a name ("space", "right", "pagedown", "f12", "a", "1", "?"), or -1.
int key_code(const std::string& name, bool* shift);

}  // namespace ksim::gui
