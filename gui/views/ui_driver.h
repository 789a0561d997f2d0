#pragma once
// Plays a --ui-script: writes keys and mouse into ImGuiIO between frames. Call before_frame()
// after the platform backend's NewFrame (which overwrites the mouse) and before ImGui::NewFrame.
#include <string>
#include <vector>

#include <imgui.h>

#include "gui/model/ui_script.h"

namespace ksim::gui {

class UiScriptPlayer {
 public:
  explicit UiScriptPlayer(std::vector<UiAction> actions) : actions_(std::move(actions)) {}

  struct FrameOutput {
    std::vector<std::string> screenshots;  // to save after this frame renders
    bool quit = false;
  };
  FrameOutput before_frame(ImGuiIO& io);
  bool done() const { return next_ >= actions_.size() && phase_ == 0; }

 private:
  void apply_held(ImGuiIO& io) const;

  std::vector<UiAction> actions_;
  size_t next_ = 0;
  int waiting_ = 0;            // frames left in a wait
  int phase_ = 0;              // multi-frame actions: key press/release, click move/down/up
  UiAction current_;
  bool mouse_scripted_ = false;
  ImVec2 mouse_{0, 0};
  bool mouse_down_[2] = {false, false};
};

}  // namespace ksim::gui
