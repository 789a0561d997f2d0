// UiScriptPlayer: one action step per frame; keys are down for one frame, clicks take three
// (move, press, release) so hover is established before the press, as with a real mouse.
#include "gui/views/ui_driver.h"

#include "gui/model/key_codes.h"

namespace ksim::gui {

void UiScriptPlayer::apply_held(ImGuiIO& io) const {
  if (!mouse_scripted_) return;
  io.MousePos = mouse_;
  io.MouseDown[0] = mouse_down_[0];
  io.MouseDown[1] = mouse_down_[1];
}

UiScriptPlayer::FrameOutput UiScriptPlayer::before_frame(ImGuiIO& io) {
  FrameOutput out;
  if (phase_ > 0) {  // continue a multi-frame action
    if (current_.kind == UiAction::Kind::Key) {
      io.KeysDown[current_.key] = false;
      io.KeyShift = io.KeyCtrl = false;
      phase_ = 0;
    } else if (phase_ == 1) {
      mouse_down_[current_.button] = true;
      phase_ = 2;
    } else {
      mouse_down_[current_.button] = false;
      phase_ = 0;
    }
    apply_held(io);
    return out;
  }
  if (waiting_ > 0) {
    waiting_--;
    apply_held(io);
    return out;
  }
  while (next_ < actions_.size()) {
    current_ = actions_[next_++];
    switch (current_.kind) {
      case UiAction::Kind::Wait:
        waiting_ = current_.frames > 0 ? current_.frames - 1 : 0;
        apply_held(io);
        if (current_.frames > 0) return out;
        continue;
      case UiAction::Kind::Screenshot:
        out.screenshots.push_back(current_.path);
        continue;
      case UiAction::Kind::Quit:
        out.quit = true;
        return out;
      case UiAction::Kind::Key:
        io.KeysDown[current_.key] = true;
        io.KeyShift = current_.shift;
        io.KeyCtrl = current_.ctrl;
        phase_ = 1;
        apply_held(io);
        return out;
      case UiAction::Kind::Move:
      case UiAction::Kind::Click:
        mouse_scripted_ = true;
        mouse_ = ImVec2(current_.x, current_.y);
        phase_ = current_.kind == UiAction::Kind::Click ? 1 : 0;
        apply_held(io);
        return out;
    }
  }
  apply_held(io);
  return out;
}

}  // namespace ksim::gui
