// --ui-script parser (pure; the app turns actions into ImGui input between frames).
#include "gui/model/ui_script.h"

#include <map>
#include <sstream>

#include "gui/model/key_codes.h"

namespace ksim::gui {

int key_code(const std::string& name, bool* shift) {
  const std::map<std::string, int> named = {
      {"space", kKeySpace}, {"right", kKeyRight}, {"left", kKeyLeft}, {"up", kKeyUp},
      {"down", kKeyDown}, {"pageup", kKeyPageUp}, {"pagedown", kKeyPageDown},
      {"home", kKeyHome}, {"end", kKeyEnd}, {"period", kKeyPeriod}, {"escape", kKeyEscape},
      {"enter", kKeyEnter}, {"tab", kKeyTab}, {"f1", kKeyF1}, {"f5", kKeyF5},
      {"f12", kKeyF12}, {"minus", kKeyMinus}, {"equal", kKeyEqual}};
  if (shift) *shift = false;
  if (auto it = named.find(name); it != named.end()) return it->second;
  if (name == "?") {
    if (shift) *shift = true;
    return kKeySlash;
  }
  if (name.size() == 1 && std::isalpha(static_cast<unsigned char>(name[0])))
    return std::toupper(static_cast<unsigned char>(name[0]));  // GLFW_KEY_A == 'A'
  if (name.size() == 1 && std::isdigit(static_cast<unsigned char>(name[0]))) return name[0];
  return -1;
}

namespace {

Status bad(int line, const std::string& what) {
  return Status(ErrorCode::INVALID_REQUEST,
                "ui-script line " + std::to_string(line) + ": " + what);
}

Result<UiAction> parse_line(std::istringstream& in, const std::string& verb, int line) {
  UiAction a{.line = line};
  if (verb == "wait") {
    a.kind = UiAction::Kind::Wait;
    if (!(in >> a.frames) || a.frames < 0) return bad(line, "wait needs a frame count");
  } else if (verb == "key") {
    std::string name;
    in >> name;
    if (name.rfind("ctrl+", 0) == 0) {
      a.ctrl = true;
      name = name.substr(5);
    }
    a.kind = UiAction::Kind::Key;
    a.key = key_code(name, &a.shift);
    if (a.key < 0) return bad(line, "unknown key '" + name + "'");
  } else if (verb == "click" || verb == "move") {
    a.kind = verb == "click" ? UiAction::Kind::Click : UiAction::Kind::Move;
    std::string button;
    if (!(in >> a.x >> a.y)) return bad(line, verb + " needs x and y");
    if (in >> button) a.button = button == "right" ? 1 : 0;
  } else if (verb == "screenshot") {
    a.kind = UiAction::Kind::Screenshot;
    if (!(in >> a.path)) return bad(line, "screenshot needs a path");
  } else if (verb == "quit") {
    a.kind = UiAction::Kind::Quit;
  } else {
    return bad(line, "unknown action '" + verb + "'");
  }
  return a;
}

}  // namespace

Result<std::vector<UiAction>> parse_ui_script(const std::string& text) {
  std::vector<UiAction> actions;
  std::istringstream lines(text);
  std::string raw;
  int line = 0;
  while (std::getline(lines, raw)) {
    line++;
    std::istringstream in(raw.substr(0, raw.find('#')));
    std::string verb;
    if (!(in >> verb)) continue;
    auto a = parse_line(in, verb, line);
    if (!a) return a.status();
    actions.push_back(*a);
  }
  return actions;
}

}  // namespace ksim::gui
