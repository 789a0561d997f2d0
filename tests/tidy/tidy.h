#pragma once
// Tidy checks (TigerBeetle's tidy.zig, in C++): the dependency direction of docs/style.md
// ("Dependency direction: rules and enforcement"), banned nondeterministic tokens, and the
// 100-column limit. Each checker takes a path relative to the source root and the file's text,
// so the self-tests can run it on in-memory snippets; it returns every violation it finds.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tidy {

struct Violation {
  std::string file;  // relative to the source root, '/'-separated
  int line = 0;      // 1-based
  std::string rule;  // short rule id: "pure-include", "layer", "banned-token", "line-length"...
  std::string message;
  // "sim/log/partition_log.cpp:12: pure library 'log' includes ..."
  std::string to_string() const;
};

// The text with comments (and, unless keep_strings, string and character literal bodies)
// replaced by spaces. Newlines are kept, so line numbers and columns still match the input.
std::string strip_comments(std::string_view text, bool keep_strings);

// The ksim unit a file under sim/ or include/ksim/ belongs to ("log", "core", ...), or "" for
// any other file. ksim/broker/broker_config.{h,cpp} is its own unit, "broker_config": CMake
// builds it as ksim_broker_config (types only), shared by the broker and the controller.
std::string unit_of_file(std::string_view rel_path);

// Pure-library and layering rules for the #includes of one file under sim/ or include/ksim/.
std::vector<Violation> check_includes(std::string_view rel_path, std::string_view text);
// Wall clock, threads, unseeded randomness, unordered containers, printf, FIXME.
std::vector<Violation> check_banned_tokens(std::string_view rel_path, std::string_view text);
// Lines over `max_columns` columns (UTF-8 code points, so "µs" counts as two).
std::vector<Violation> check_line_length(std::string_view rel_path, std::string_view text,
                                         int max_columns = 100);

// Every C++ file (.h .hpp .cpp .cc .inl) under root/<dir> for each dir that exists, as paths
// relative to root with '/' separators, sorted.
std::vector<std::string> cpp_files(const std::filesystem::path& root,
                                   const std::vector<std::string>& dirs);
std::string read_text(const std::filesystem::path& path);

}  // namespace tidy
