// Scenario cards from Lua text: a tiny reader for string fields and lists of strings.
#include "gui/model/scenario_catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ksim::gui {
namespace {

// Reads a Lua string literal ("...", '...' or [[...]]) at pos; advances pos past it.
bool read_string(const std::string& s, size_t& pos, std::string& out) {
  while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) pos++;
  if (pos >= s.size()) return false;
  if (s.compare(pos, 2, "[[") == 0) {
    size_t end = s.find("]]", pos + 2);
    if (end == std::string::npos) return false;
    out = s.substr(pos + 2, end - pos - 2);
    pos = end + 2;
    return true;
  }
  char q = s[pos];
  if (q != '"' && q != '\'') return false;
  out.clear();
  for (size_t i = pos + 1; i < s.size(); i++) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char e = s[++i];
      out += e == 'n' ? '\n' : e;
    } else if (s[i] == q) {
      pos = i + 1;
      return true;
    } else {
      out += s[i];
    }
  }
  return false;
}

// The position just after `key =` inside body, or npos.
size_t field(const std::string& body, const std::string& key) {
  size_t pos = 0;
  while ((pos = body.find(key, pos)) != std::string::npos) {
    bool word_start = pos == 0 || !(std::isalnum(static_cast<unsigned char>(body[pos - 1])) ||
                                    body[pos - 1] == '_');
    size_t after = pos + key.size();
    while (after < body.size() && body[after] == ' ') after++;
    if (word_start && after < body.size() && body[after] == '=') return after + 1;
    pos += key.size();
  }
  return std::string::npos;
}

std::vector<std::string> read_list(const std::string& body, size_t pos) {
  std::vector<std::string> out;
  while (pos < body.size() && std::isspace(static_cast<unsigned char>(body[pos]))) pos++;
  if (pos >= body.size() || body[pos] != '{') return out;
  pos++;
  std::string item;
  while (read_string(body, pos, item)) {
    out.push_back(item);
    while (pos < body.size() &&
           (body[pos] == ',' || std::isspace(static_cast<unsigned char>(body[pos]))))
      pos++;
  }
  return out;
}

}  // namespace

ScenarioCard parse_scenario_card(const std::string& source, const std::string& path) {
  ScenarioCard card{.path = path};
  size_t start = source.find("scenario");
  while (start != std::string::npos) {
    size_t brace = source.find_first_not_of(" \t(", start + 8);
    if (brace != std::string::npos && source[brace] == '{') break;
    start = source.find("scenario", start + 8);
  }
  if (start == std::string::npos) return card;
  std::string body = source.substr(start, 8000);
  std::string text;
  if (size_t p = field(body, "title"); p != std::string::npos && read_string(body, p, text))
    card.title = text;
  if (size_t p = field(body, "summary"); p != std::string::npos && read_string(body, p, text))
    card.summary = text;
  if (size_t p = field(body, "learn"); p != std::string::npos) card.learn = read_list(body, p);
  if (size_t p = field(body, "watch_for"); p != std::string::npos)
    card.watch_for = read_list(body, p);
  return card;
}

std::vector<ScenarioCard> scan_scenarios(const std::string& dir) {
  std::vector<ScenarioCard> cards;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".lua") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    cards.push_back(parse_scenario_card(text.str(), entry.path().string()));
  }
  std::sort(cards.begin(), cards.end(),
            [](const ScenarioCard& a, const ScenarioCard& b) { return a.path < b.path; });
  return cards;
}

}  // namespace ksim::gui
