// Command-line parsing for ksim-gui.
#include "gui/app/app_options.h"

#include <cstdio>

namespace ksim::gui {

std::string app_usage() {
  return "usage: ksim-gui [scenario.lua | --fixture tweets] [--seed N] [--frames N]\n"
         "                [--ui-script FILE] [--screenshot out.png] [--exit-when-done]\n"
         "                [--window WxH] [--font-size PX] [--projector] [--play] [--speed X]\n"
         "                [--scenarios DIR] [--at 45.2s | chapter:N | checkpoint:NAME]\n";
}

Result<AppOptions> parse_app_options(int argc, char** argv) {
  AppOptions o;
  auto bad = [](const std::string& m) { return Status(ErrorCode::INVALID_REQUEST, m); };
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      (void)name;
      return std::string(argv[++i]);
    };
    std::optional<std::string> v;
    if (a == "--exit-when-done") { o.exit_when_done = true; continue; }
    if (a == "--projector") { o.projector = true; continue; }
    if (a == "--play") { o.play = true; continue; }
    if (a.rfind("--", 0) != 0) { o.scenario = a; continue; }
    if (!(v = value(a.c_str()))) return bad(a + " needs a value");
    if (a == "--fixture") o.fixture = *v;
    else if (a == "--seed") o.seed = std::stoull(*v);
    else if (a == "--frames") o.frames = std::stoi(*v);
    else if (a == "--ui-script") o.ui_script = *v;
    else if (a == "--screenshot") o.screenshot = *v;
    else if (a == "--font-size") o.font_size = std::stof(*v);
    else if (a == "--speed") o.speed = std::stod(*v);
    else if (a == "--scenarios") o.scenarios_dir = *v;
    else if (a == "--at") o.at = *v;
    else if (a == "--window") {
      if (std::sscanf(v->c_str(), "%dx%d", &o.width, &o.height) != 2)
        return bad("--window needs WxH, e.g. 1280x800");
    } else {
      return bad("unknown option " + a);
    }
  }
  if (o.scenario.empty() && o.fixture.empty()) o.fixture = "tweets";
  return o;
}

}  // namespace ksim::gui
