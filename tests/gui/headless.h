#pragma once
// Headless ImGui (1.86 example_null recipe) over a Session: frames, keys, mouse, clicks and
// drags injected through io, for the frame tests.
#include <doctest/doctest.h>

#include "gui/app/frame_loop.h"
#include "gui/model/fixture.h"
#include "gui/views/theme.h"
#include "gui/views/ui.h"

namespace ksim::gui::testing {

struct Headless {
  Session session;
  UiState ui;
  std::unique_ptr<Ui> views;

  explicit Headless(SourceFactory factory = tweets_fixture_factory({}))
      : session(std::move(factory)) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    bool unicode = apply_presentation({});
    views = std::make_unique<Ui>(UiOptions{.scenarios_dir = KSIM_SOURCE_DIR "/scenarios",
                                           .unicode_glyphs = unicode});
    REQUIRE(session.restart().is_ok());
  }
  ~Headless() { ImGui::DestroyContext(); }

  void frame(bool simulate = true) {
    if (simulate) run_frame(session, ui, 1.0 / 60.0, FrameLoopLimits{});
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    views->draw(session, ui);
    ImGui::Render();
  }
  void key(int k) {
    ImGui::GetIO().KeysDown[k] = true;
    frame();
    ImGui::GetIO().KeysDown[k] = false;
    frame();
  }
  // A command through the one command path (what a fault key does).
  void issue_command(const Command& c) { issue_now(session, ui, c); }
  // Seeks to t and draws a few frames without simulating (node and dot positions settle).
  void settle_at(Time t) {
    session.seek(t);
    for (int i = 0; i < 3; i++) frame(false);
  }
  // One frame with the mouse at p and only `held` down (-1: none), without simulating.
  void mouse(ImVec2 p, int held = -1) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p;
    for (int b = 0; b < 3; b++) io.MouseDown[b] = b == held;
    frame(false);
  }
  // A click: hover, press, release (three frames, as UiScriptPlayer does).
  void click(ImVec2 p, int button = 0) {
    mouse(p);
    mouse(p, button);
    mouse(p);
  }
  // Press `button` at a, move to b over a few frames, release there.
  void drag(int button, ImVec2 a, ImVec2 b) {
    mouse(a);
    mouse(a, button);
    for (int i = 1; i <= 4; i++)
      mouse(ImVec2(a.x + (b.x - a.x) * static_cast<float>(i) / 4, a.y), button);
    mouse(b);
  }
};


}  // namespace ksim::gui::testing
