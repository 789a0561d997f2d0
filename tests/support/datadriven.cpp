// The datadriven runner: parse cases, run a handler, compare or rewrite expected output.
// Follows cockroachdb/datadriven's file format (single and double "----" separators).
#include "tests/support/datadriven.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ksim::test {
namespace {

bool g_rewrite = false;

std::vector<std::string> split_values(const std::string& raw) {
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"')
    return {raw.substr(1, raw.size() - 2)};
  std::string body = raw;
  if (body.size() >= 2 && body.front() == '(' && body.back() == ')')
    body = body.substr(1, body.size() - 2);
  std::vector<std::string> out;
  if (body.empty()) return {""};
  std::string cur;
  for (char c : body) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// Splits on spaces outside double quotes.
bool tokenize(std::string_view line, std::vector<std::string>& tokens, std::string& error) {
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ' ' && !quoted) {
      if (!cur.empty()) tokens.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (quoted) {
    error = "unterminated quote";
    return false;
  }
  if (!cur.empty()) tokens.push_back(cur);
  return true;
}

std::string with_newline(std::string s) {
  if (!s.empty() && s.back() != '\n') s += '\n';
  return s;
}

bool has_blank_line(const std::string& s) {
  return s.find("\n\n") != std::string::npos || (!s.empty() && s.front() == '\n');
}

// Reads the expected block starting at lines[i] (just after the first "----"); advances i.
std::string read_expected(const std::vector<std::string>& lines, size_t& i) {
  std::string out;
  if (i < lines.size() && lines[i] == "----") {  // double separator: ends at "----\n----"
    i++;
    while (i < lines.size() && !(lines[i] == "----" && i + 1 < lines.size() &&
                                 lines[i + 1] == "----")) {
      out += lines[i++] + "\n";
    }
    i = std::min(lines.size(), i + 2);
    return out;
  }
  while (i < lines.size() && !lines[i].empty()) out += lines[i++] + "\n";
  return out;
}

void write_expected(std::ostringstream& out, const std::string& actual) {
  if (has_blank_line(actual)) out << "----\n" << actual << "----\n----\n";
  else out << actual;
}

}  // namespace

const CmdArg* TestData::arg(std::string_view key) const {
  for (const CmdArg& a : args)
    if (a.key == key) return &a;
  return nullptr;
}

std::string TestData::value(std::string_view key, std::string_view fallback) const {
  const CmdArg* a = arg(key);
  return a == nullptr || a->vals.empty() ? std::string(fallback) : a->vals.front();
}

std::vector<std::string> TestData::values(std::string_view key) const {
  const CmdArg* a = arg(key);
  return a == nullptr ? std::vector<std::string>{} : a->vals;
}

std::string TestData::directive() const {
  std::string out = cmd;
  for (const CmdArg& a : args) {
    out += " " + a.key;
    if (a.vals.empty()) continue;
    out += "=";
    for (size_t i = 0; i < a.vals.size(); i++) out += (i ? "," : "") + a.vals[i];
  }
  return out;
}

bool parse_directive(std::string_view line, std::string& cmd, std::vector<CmdArg>& args,
                     std::string& error) {
  std::vector<std::string> tokens;
  if (!tokenize(line, tokens, error)) return false;
  if (tokens.empty()) {
    error = "empty command";
    return false;
  }
  cmd = tokens.front();
  for (size_t i = 1; i < tokens.size(); i++) {
    const std::string& t = tokens[i];
    size_t eq = t.find('=');
    if (eq == std::string::npos) args.push_back({t, {}});
    else args.push_back({t.substr(0, eq), split_values(t.substr(eq + 1))});
  }
  return true;
}

std::vector<Mismatch> run_file(const std::string& path, const Handler& handler) {
  std::ifstream in(path);
  if (!in) return {{path, "", "", "cannot open file"}};
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::string name = std::filesystem::path(path).filename().string();

  std::vector<Mismatch> mismatches;
  std::ostringstream out;
  size_t i = 0;
  while (i < lines.size()) {
    const std::string& line = lines[i];
    if (line.empty() || line[0] == '#') {
      out << lines[i++] << "\n";
      continue;
    }
    TestData d;
    d.pos = name + ":" + std::to_string(i + 1);
    std::string error;
    if (!parse_directive(line, d.cmd, d.args, error))
      return {{d.pos, line, "", "malformed command: " + error}};
    out << lines[i++] << "\n";
    while (i < lines.size() && lines[i] != "----") {
      d.input += lines[i] + "\n";
      out << lines[i++] << "\n";
    }
    if (i == lines.size()) return {{d.pos, line, "", "missing \"----\" after the command"}};
    out << lines[i++] << "\n";
    d.expected = read_expected(lines, i);
    std::string actual = with_newline(handler(d));
    write_expected(out, actual);
    if (actual != d.expected) mismatches.push_back({d.pos, d.directive(), d.expected, actual});
  }
  if (rewrite_requested()) {
    std::ofstream(path, std::ios::trunc) << out.str();
    return {};
  }
  return mismatches;
}

std::vector<std::string> list_files(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// The shared doctest main does not forward flags, so "--rewrite" is read from the process's
// command line (Linux /proc); doctest ignores options it does not know.
bool rewrite_flag_on_command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  for (std::string arg; std::getline(in, arg, '\0');)
    if (arg == "--rewrite") return true;
  return false;
}

bool rewrite_requested() {
  static const bool flag = rewrite_flag_on_command_line();
  const char* env = std::getenv("KSIM_REWRITE");
  return g_rewrite || flag || (env != nullptr && std::string_view(env) == "1");
}

void set_rewrite(bool on) { g_rewrite = on; }

}  // namespace ksim::test
