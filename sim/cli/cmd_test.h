#pragma once
// `ksim test [DIR|FILES…] [--junit FILE] [--golden DIR [--update-golden]]`: the CI mode. Runs
// every scenario twice (the trace hashes must match), collects expectations, optionally compares
// each hash with a golden file and shows the first divergent trace line, and writes JUnit XML.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ksim::cli {

struct TestOptions {
  std::vector<std::string> inputs;  // files, or folders whose *.lua files run (sorted)
  std::string junit_path;           // "" = no JUnit file
  std::string golden_dir;           // "" = no golden comparison
  bool update_golden = false;
  std::optional<uint64_t> seed;
};

struct AssertionResult {
  std::string name;                 // "file:line description"
  bool passed = false;
  std::string message;              // why it failed (the JUnit failure's message)
  std::string output;               // more text: the failure's body, or <system-out> if passed
  bool skipped = false;             // not checked (a JUnit <skipped/>): counts as passed
};

struct ScenarioResult {
  std::string path;
  std::string hash;
  int64_t trace_lines = 0;
  double virtual_seconds = 0;
  std::string failure;              // "" when the scenario passed
  std::vector<AssertionResult> assertions;
};

// Runs the scenarios, prints one line per scenario to `out`, returns the results.
std::vector<ScenarioResult> run_tests(const TestOptions& options, std::ostream& out);
// JUnit XML: one testsuite, one testcase per scenario and per assertion; an expect_delivery is
// one assertion per anomaly it checks (docs/ci.md).
void write_junit(const std::vector<ScenarioResult>& results, std::ostream& out);
// Returns the exit code: 0 when every scenario passed, 1 otherwise, 2 on bad input.
int cmd_test(const TestOptions& options);

}  // namespace ksim::cli
