// The tidy test (TigerBeetle's tidy.zig): scans the source tree and fails naming file:line on a
// forbidden include (docs/style.md "Dependency direction: rules and enforcement"), a banned
// nondeterministic token, or a line over 100 columns. The self-tests below run each checker on
// small snippets, so a checker that silently stopped flagging would fail here first.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tidy.h"

#ifndef KSIM_SOURCE_DIR
#error "KSIM_SOURCE_DIR must name the source root (set by tests/tidy/CMakeLists.txt)"
#endif

namespace {

const std::filesystem::path kRoot = KSIM_SOURCE_DIR;

using Checker = std::vector<tidy::Violation> (*)(std::string_view, std::string_view);

// Runs `check` over every C++ file under `dirs` and reports each violation as a doctest
// failure naming file:line; returns the number of violations.
size_t scan(const std::vector<std::string>& dirs, Checker check) {
  size_t count = 0;
  for (const std::string& file : tidy::cpp_files(kRoot, dirs)) {
    for (const tidy::Violation& v : check(file, tidy::read_text(kRoot / file))) {
      ADD_FAIL_CHECK_AT(v.file.c_str(), v.line, v.to_string());
      count++;
    }
  }
  return count;
}

std::vector<tidy::Violation> lines_100(std::string_view file, std::string_view text) {
  return tidy::check_line_length(file, text, 100);
}

}  // namespace

TEST_CASE("tidy: the scan sees the source tree (so an empty scan cannot pass)") {
  std::vector<std::string> files = tidy::cpp_files(kRoot, {"sim", "include/ksim"});
  CHECK(files.size() > 50);
  CHECK(std::find(files.begin(), files.end(), "sim/core/scheduler.cpp") != files.end());
  CHECK(std::find(files.begin(), files.end(), "include/ksim/log/partition_log.h") !=
        files.end());
  CHECK(std::is_sorted(files.begin(), files.end()));
}

TEST_CASE("tidy: pure libraries and layers include only what lies below them") {
  CHECK(scan({"sim", "include/ksim"}, tidy::check_includes) == 0);
}

TEST_CASE("tidy: sim/ and include/ksim/ use no wall clock, threads, unseeded randomness, "
          "unordered containers, printf or FIXME") {
  CHECK(scan({"sim", "include/ksim"}, tidy::check_banned_tokens) == 0);
}

// A separate case so the layering checks above pass or fail on their own.
TEST_CASE("tidy: lines in sim/, include/, gui/, tests/ are at most 100 columns") {
  CHECK(scan({"sim", "include", "gui", "tests"}, lines_100) == 0);
}
