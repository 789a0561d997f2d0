// Tidy checks: layering (docs/style.md "Dependency direction"), banned tokens, line length.
// Follows TigerBeetle's src/tidy.zig: plain text scans, every violation named by file:line.
#include "tidy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace tidy {

std::string Violation::to_string() const {
  return file + ":" + std::to_string(line) + ": " + message;
}

namespace {

// ---- The architecture, as data ----

// Levels, bottom to top (docs/style.md). Units on one level are peers and may not include each
// other: arrows point down only. broker_config sits between the pure libraries and the kernel:
// CMake builds it as ksim_broker_config on ksim_types alone, for the broker and the controller.
const std::map<std::string, int, std::less<>>& unit_levels() {
  static const std::map<std::string, int, std::less<>> kLevels = {
      {"types", 0},       {"protocol", 10},   {"log", 20},    {"assign", 20},
      {"replica", 20},    {"group", 20},      {"broker_config", 25}, {"core", 30},
      {"broker", 40},     {"controller", 40}, {"client", 40}, {"cluster", 50},
      {"check", 60},      {"script", 70},     {"cli", 80},
  };
  return kLevels;
}

bool is_pure(std::string_view unit) {
  static constexpr std::array<std::string_view, 7> kPure = {
      "types", "protocol", "log", "assign", "replica", "group", "broker_config"};
  return std::find(kPure.begin(), kPure.end(), unit) != kPure.end();
}

// The C++20 standard library headers and the C headers it includes by both names.
bool is_std_header(std::string_view name) {
  static const std::set<std::string, std::less<>> kStd = {
      "algorithm", "any", "array", "atomic", "barrier", "bit", "bitset", "cassert", "cctype",
      "cerrno", "cfenv", "cfloat", "charconv", "chrono", "cinttypes", "climits", "clocale",
      "cmath", "codecvt", "compare", "complex", "concepts", "condition_variable", "coroutine",
      "csetjmp", "csignal", "cstdarg", "cstddef", "cstdint", "cstdio", "cstdlib", "cstring",
      "ctime", "cuchar", "cwchar", "cwctype", "deque", "exception", "execution", "filesystem",
      "format", "forward_list", "fstream", "functional", "future", "initializer_list",
      "iomanip", "ios", "iosfwd", "iostream", "istream", "iterator", "latch", "limits", "list",
      "locale", "map", "memory", "memory_resource", "mutex", "new", "numbers", "numeric",
      "optional", "ostream", "queue", "random", "ranges", "ratio", "regex", "scoped_allocator",
      "semaphore", "set", "shared_mutex", "source_location", "span", "sstream", "stack",
      "stdexcept", "stop_token", "streambuf", "string", "string_view", "syncstream",
      "system_error", "thread", "tuple", "type_traits", "typeindex", "typeinfo",
      "unordered_map", "unordered_set", "utility", "valarray", "variant", "vector", "version",
      "assert.h", "ctype.h", "errno.h", "float.h", "inttypes.h", "limits.h", "math.h",
      "stddef.h", "stdint.h", "stdio.h", "stdlib.h", "string.h", "time.h"};
  return kStd.count(name) > 0;
}

enum class Kind { Std, Unit, Fmt, Lua, ImGui, Glfw, External };

struct Target {
  Kind kind = Kind::External;
  std::string unit;  // for Kind::Unit
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<Kind> external_kind(std::string_view name) {
  static constexpr std::array<std::string_view, 5> kLua = {"lua.h", "lua.hpp", "lauxlib.h",
                                                           "lualib.h", "luaconf.h"};
  if (std::find(kLua.begin(), kLua.end(), name) != kLua.end()) return Kind::Lua;
  std::string l = lower(name);
  if (l.find("imgui") != std::string::npos) return Kind::ImGui;
  if (l.find("glfw") != std::string::npos) return Kind::Glfw;
  if (name.starts_with("fmt/")) return Kind::Fmt;
  return std::nullopt;
}

// "broker" + "broker_config.h" -> "broker_config"; otherwise the module folder itself.
std::string unit_of(std::string_view module, std::string_view rest) {
  if (module == "broker" && (rest == "broker_config.h" || rest == "broker_config.cpp"))
    return "broker_config";
  return std::string(module);
}

// Splits "ksim/log/x.h" after `prefix` into ("log", "x.h"); nullopt if it does not match.
std::optional<std::pair<std::string, std::string>> split_module(std::string_view path,
                                                                std::string_view prefix) {
  if (!path.starts_with(prefix)) return std::nullopt;
  path.remove_prefix(prefix.size());
  size_t slash = path.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  return std::make_pair(std::string(path.substr(0, slash)), std::string(path.substr(slash + 1)));
}

Target classify(std::string_view name, bool angled, const std::string& own_unit) {
  if (auto k = external_kind(name)) return {*k, ""};
  if (angled) return {is_std_header(name) ? Kind::Std : Kind::External, ""};
  for (std::string_view prefix : {"ksim/", "sim/"})
    if (auto m = split_module(name, prefix)) return {Kind::Unit, unit_of(m->first, m->second)};
  // Generated by the unit's own CMake (ksim_embed_lua), or a sibling file ("step.h").
  if (name.starts_with("ksim_embedded/") || name.find('/') == std::string_view::npos)
    return {Kind::Unit, own_unit};
  return {Kind::External, ""};
}

std::string quoted(std::string_view name, bool angled) {
  return angled ? "<" + std::string(name) + ">" : "\"" + std::string(name) + "\"";
}

// ---- #includes ----

struct Include {
  int line;
  std::string name;
  bool angled;
};

std::vector<Include> parse_includes(std::string_view text) {
  std::string code = strip_comments(text, /*keep_strings=*/true);
  std::vector<Include> out;
  std::istringstream lines(code);
  std::string l;
  for (int n = 1; std::getline(lines, l); n++) {
    size_t i = l.find_first_not_of(" \t");
    if (i == std::string::npos || l[i] != '#') continue;
    i = l.find_first_not_of(" \t", i + 1);
    if (i == std::string::npos || l.compare(i, 7, "include") != 0) continue;
    i = l.find_first_of("<\"", i + 7);
    if (i == std::string::npos) continue;
    char close = l[i] == '<' ? '>' : '"';
    size_t end = l.find(close, i + 1);
    if (end == std::string::npos) continue;
    out.push_back({n, l.substr(i + 1, end - i - 1), close == '>'});
  }
  return out;
}

std::string allowed_for_pure(const std::string& unit) {
  std::string s = "ksim/types";
  if (unit != "types") s += ", ksim/protocol";
  if (unit != "types" && unit != "protocol") s += ", ksim/" + unit;
  s += ", std";
  if (unit == "types" || unit == "protocol") s += ", fmt";
  return s;
}

// The pure-library rule: ksim/types, ksim/protocol below the unit, the unit itself, std, and
// fmt in types and protocol only (for to_string).
bool pure_allows(const std::string& unit, const Target& t) {
  switch (t.kind) {
    case Kind::Std: return true;
    case Kind::Fmt: return unit == "types" || unit == "protocol";
    case Kind::Unit:
      if (t.unit == unit) return true;
      if (t.unit == "types") return true;
      return t.unit == "protocol" && unit != "types";
    default: return false;
  }
}

// The layer rule for an include of another unit; "" if allowed.
std::string layer_violation(const std::string& unit, const std::string& target) {
  if (target == unit) return "";
  auto from = unit_levels().find(unit);
  auto to = unit_levels().find(target);
  if (to == unit_levels().end())
    return "includes unknown module '" + target + "' (add it to the layer table in tidy.cpp)";
  if (to->second > from->second)
    return "layer '" + unit + "' includes the layer above it, '" + target + "'";
  if (to->second == from->second)
    return "layer '" + unit + "' includes its peer '" + target + "' (arrows point down only)";
  return "";
}

std::string external_violation(const std::string& unit, Kind kind) {
  if (kind == Kind::ImGui || kind == Kind::Glfw)
    return "'" + unit + "' includes ImGui/GLFW: only gui/ may";
  if (kind == Kind::Lua && unit != "script" && unit != "cli")
    return "'" + unit + "' includes Lua: only sim/script and sim/cli may";
  return "";
}

}  // namespace

std::string unit_of_file(std::string_view rel_path) {
  for (std::string_view prefix : {"sim/", "include/ksim/"})
    if (auto m = split_module(rel_path, prefix)) return unit_of(m->first, m->second);
  return "";
}

std::vector<Violation> check_includes(std::string_view rel_path, std::string_view text) {
  std::vector<Violation> out;
  const std::string file(rel_path);
  const std::string unit = unit_of_file(rel_path);
  if (unit.empty()) return out;
  if (unit_levels().find(unit) == unit_levels().end()) {
    out.push_back({file, 1, "layer",
                   "unknown module '" + unit + "' (add it to the layer table in tidy.cpp)"});
    return out;
  }
  for (const Include& inc : parse_includes(text)) {
    Target t = classify(inc.name, inc.angled, unit);
    std::string shown = quoted(inc.name, inc.angled);
    if (is_pure(unit) && !pure_allows(unit, t)) {
      out.push_back({file, inc.line, "pure-include",
                     "pure library '" + unit + "' includes " + shown + " (allowed: " +
                         allowed_for_pure(unit) + ")"});
      continue;
    }
    std::string why = t.kind == Kind::Unit ? layer_violation(unit, t.unit)
                                           : external_violation(unit, t.kind);
    if (!why.empty())
      out.push_back({file, inc.line, t.kind == Kind::Unit ? "layer" : "external",
                     why + ": " + shown});
  }
  return out;
}

std::vector<Violation> check_line_length(std::string_view rel_path, std::string_view text,
                                         int max_columns) {
  std::vector<Violation> out;
  int line = 1;
  int columns = 0;
  auto end_line = [&] {
    if (columns > max_columns)
      out.push_back({std::string(rel_path), line, "line-length",
                     "line is " + std::to_string(columns) + " columns (limit " +
                         std::to_string(max_columns) + ")"});
    line++;
    columns = 0;
  };
  for (char c : text) {
    if (c == '\n') {
      end_line();
    } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      columns++;  // a UTF-8 continuation byte is not a column
    }
  }
  if (columns > 0) end_line();
  return out;
}

std::vector<std::string> cpp_files(const std::filesystem::path& root,
                                   const std::vector<std::string>& dirs) {
  namespace fs = std::filesystem;
  static constexpr std::array<std::string_view, 5> kExt = {".h", ".hpp", ".cpp", ".cc",
                                                           ".inl"};
  std::vector<std::string> out;
  for (const std::string& dir : dirs) {
    if (!fs::is_directory(root / dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      std::string ext = entry.path().extension().string();
      if (std::find(kExt.begin(), kExt.end(), ext) == kExt.end()) continue;
      out.push_back(fs::relative(entry.path(), root).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace tidy
