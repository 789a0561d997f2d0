#pragma once
// ksim-gui's command line: the scenario (or --fixture), and the flags of the Xvfb smoke test
// (teaching-features §10.1 item 33).
#include <optional>
#include <string>

#include "ksim/types/result.h"

namespace ksim::gui {

struct AppOptions {
  std::string scenario;            // positional: scenarios/tweets.lua
  std::string fixture;             // --fixture tweets (C++ cluster, no Lua)
  std::optional<uint64_t> seed;    // --seed N
  int frames = -1;                 // --frames N (-1: until the window closes)
  std::string ui_script;           // --ui-script FILE
  std::string screenshot;          // --screenshot out.png (after the last frame)
  bool exit_when_done = false;     // --exit-when-done: quit when frames and the script end
  int width = 1280, height = 800;  // --window WxH
  float font_size = 15.0f;         // --font-size PX
  bool projector = false;          // --projector
  bool play = false;               // --play: start playing
  double speed = 1.0;              // --speed X (virtual seconds per wall second)
  std::string scenarios_dir = "scenarios";
  std::string at;                  // --at 45.2s | chapter:N | checkpoint:NAME (at_target.h)
};

Result<AppOptions> parse_app_options(int argc, char** argv);
std::string app_usage();

}  // namespace ksim::gui
