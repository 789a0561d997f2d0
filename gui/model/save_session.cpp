// Save session: inserts the GUI's commands into the scenario source after cluster{...}.
#include "gui/model/save_session.h"

#include "gui/model/params.h"

#include <fstream>
#include <regex>
#include <sstream>

namespace ksim::gui {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string strip_comment(const std::string& line) {
  size_t c = line.find("--");
  return c == std::string::npos ? line : line.substr(0, c);
}

}  // namespace

Result<size_t> cluster_statement_end(const std::string& source) {
  std::vector<std::string> lines = split_lines(source);
  const std::regex call(R"((^|[^A-Za-z0-9_.:])cluster\s*[{(])");
  for (size_t i = 0; i < lines.size(); i++) {
    std::string code = strip_comment(lines[i]);
    std::smatch m;
    if (!std::regex_search(code, m, call)) continue;
    int depth = 0;
    size_t start = static_cast<size_t>(m.position(0) + m.length(0) - 1);
    for (size_t j = i; j < lines.size(); j++) {
      std::string text = strip_comment(lines[j]);
      for (size_t k = j == i ? start : 0; k < text.size(); k++) {
        if (text[k] == '{' || text[k] == '(') depth++;
        if (text[k] == '}' || text[k] == ')') depth--;
      }
      if (depth <= 0) return j;
    }
    break;
  }
  return Status(ErrorCode::INVALID_REQUEST, "no cluster{...} statement found in the scenario");
}

std::string session_block(const std::vector<ScheduledCommand>& commands) {
  std::string out = "-- ksim-gui session: commands issued in the GUI, at their virtual times\n";
  out += "do\n";
  for (const ScheduledCommand& c : commands)
    out += "  at(\"" + std::to_string(c.at) + "us\", function() " + command_to_lua(c.command) +
           " end)\n";
  out += "end\n";
  return out;
}

Result<std::string> session_lua(const std::string& source,
                                const std::vector<ScheduledCommand>& commands,
                                const std::string& origin,
                                const std::vector<ParamItem>& params) {
  auto end = cluster_statement_end(source);
  if (!end) return end.status();
  std::vector<std::string> lines = split_lines(source);
  std::string out = "-- Saved by ksim-gui from " + origin + " with " +
                    std::to_string(commands.size()) + " command(s).\n";
  out += param_defaults_lua(params);  // before any param() call reads them
  for (size_t i = 0; i < lines.size(); i++) {
    out += lines[i] + "\n";
    if (i == *end) out += session_block(commands);
  }
  return out;
}

}  // namespace ksim::gui

namespace ksim::gui {

Result<std::string> write_session_file(const Session& session, const std::string& path) {
  std::string source = session.source().source_text();
  std::string origin = session.source().card().path;
  std::string text;
  if (source.empty()) {
    text = "-- ksim-gui session over " + origin + " (a C++ fixture: paste the block after its "
           "cluster{...})\n" + session_block(session.schedule());
  } else {
    auto lua = session_lua(source, session.schedule(), origin, session.source().params());
    if (!lua) return lua.status();
    text = *lua;
  }
  std::ofstream out(path);
  if (!out) return Status(ErrorCode::INVALID_REQUEST, "cannot write " + path);
  out << text;
  return path;
}

}  // namespace ksim::gui
