#pragma once
// A small datadriven test runner in the style of cockroachdb/datadriven (used by etcd raft):
// a file is a sequence of cases,
//
//   # comment
//   command key=value key=(a,b) "positional"
//   optional input lines
//   ----
//   expected output (ends at a blank line)
//
// or, when the output itself contains blank lines, "----" twice before and after it.
// Set KSIM_REWRITE=1 or pass --rewrite to the test binary to regenerate the expected blocks;
// review the diff and commit only what you can explain (raft's rule).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ksim::test {

struct CmdArg {
  std::string key;
  std::vector<std::string> vals;  // "a,b" and "(a,b)" split on commas; "..." is one value
};

struct TestData {
  std::string pos;       // "file.txt:12", for messages
  std::string cmd;
  std::vector<CmdArg> args;
  std::string input;     // lines between the command and "----", newline-terminated
  std::string expected;  // newline-terminated

  const CmdArg* arg(std::string_view key) const;
  bool has(std::string_view key) const { return arg(key) != nullptr; }
  // The first value of `key`, or `fallback` if the key is absent.
  std::string value(std::string_view key, std::string_view fallback = "") const;
  // All values of `key` (empty if absent).
  std::vector<std::string> values(std::string_view key) const;
  // The command line as written, for messages.
  std::string directive() const;
};

struct Mismatch {
  std::string pos;
  std::string directive;
  std::string expected;
  std::string actual;
};

// Returns the handler's output for one case (a trailing newline is added if missing).
using Handler = std::function<std::string(const TestData&)>;

// Runs every case of `path` in order. Without rewrite, returns the cases whose output differs
// (a malformed file yields one Mismatch naming the line). With rewrite, rewrites the file's
// expected blocks in place and returns no mismatches.
std::vector<Mismatch> run_file(const std::string& path, const Handler& handler);

// The "*.txt" files of `dir`, sorted by name, as full paths.
std::vector<std::string> list_files(const std::string& dir);

// True if KSIM_REWRITE=1 is set, --rewrite is on the command line, or set_rewrite(true).
bool rewrite_requested();
void set_rewrite(bool on);

// Splits a command line into command and args (exposed for tests of the runner itself).
bool parse_directive(std::string_view line, std::string& cmd, std::vector<CmdArg>& args,
                     std::string& error);

}  // namespace ksim::test
