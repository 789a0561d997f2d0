// The CI mode: every scenario twice, golden hashes with the first divergent line, JUnit XML.
#include "sim/cli/cmd_test.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "ksim/core/trace.h"
#include "ksim/script/scenario.h"

namespace ksim::cli {
namespace {

namespace fs = std::filesystem;

struct Run {
  std::string hash, error, trace;
  int64_t lines = 0;
  double seconds = 0;
  std::vector<script::Expectation> expectations;
};

Run run_once(const std::string& path, std::optional<uint64_t> seed, bool keep_trace) {
  Run r;
  std::ostringstream trace;
  auto started = script::ScenarioRun::start(
      {.path = path, .seed = seed, .trace_sink = keep_trace ? &trace : nullptr});
  if (auto* e = std::get_if<script::ScriptError>(&started)) {
    r.error = e->to_string();
    return r;
  }
  auto& run = *std::get<0>(started);
  run.run_to_end();
  if (run.error()) r.error = run.error()->to_string();
  r.hash = run.cluster().kernel().trace.hash_hex();
  r.lines = run.cluster().kernel().trace.lines();
  r.seconds = static_cast<double>(run.cluster().now()) / kSecond;
  r.expectations = run.expectations();
  if (keep_trace) r.trace = trace.str();
  return r;
}

std::vector<std::string> scenario_paths(const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    if (!fs::is_directory(in)) {
      out.push_back(in);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(in))
      if (e.is_regular_file() && e.path().extension() == ".lua") found.push_back(e.path().string());
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

// One short hash per trace line: enough to find the first divergent line without keeping the
// whole golden trace in the repository.
std::string line_hashes(const std::string& trace) {
  std::string out;
  std::istringstream in(trace);
  for (std::string line; std::getline(in, line);)
    out += fmt::format("{:016x}\n", hash_bytes(0, line));
  return out;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Explains where the run left the golden trace: the first line whose hash differs.
std::string first_divergence(const std::string& golden_lines, const std::string& trace) {
  std::istringstream g(golden_lines), t(trace);
  std::string expected, line, previous;
  for (int64_t n = 1;; n++) {
    bool has_expected = static_cast<bool>(std::getline(g, expected));
    bool has_line = static_cast<bool>(std::getline(t, line));
    if (!has_expected && !has_line) return "traces differ but every line hash matches";
    if (!has_line) return fmt::format("the trace ends at line {}; the golden one goes on", n);
    if (!has_expected || expected != fmt::format("{:016x}", hash_bytes(0, line))) {
      return fmt::format("first divergent trace line {}:\n    after: {}\n    now:   {}", n,
                         previous.empty() ? "(start)" : previous, line);
    }
    previous = line;
  }
}

std::string check_golden(const TestOptions& o, const std::string& path, const Run& r) {
  if (o.golden_dir.empty()) return "";
  fs::path base = fs::path(o.golden_dir) / fs::path(path).stem();
  fs::path hash_file = base.string() + ".hash", lines_file = base.string() + ".lines";
  if (o.update_golden) {
    fs::create_directories(o.golden_dir);
    std::ofstream(hash_file) << r.hash << "\n";
    std::ofstream(lines_file) << line_hashes(r.trace);
    return "";
  }
  if (!fs::exists(hash_file)) return "no golden hash " + hash_file.string() + " (--update-golden)";
  std::string golden = read_file(hash_file);
  golden.erase(golden.find_last_not_of(" \n") + 1);
  if (golden == r.hash) return "";
  std::string why = "trace hash " + r.hash + " differs from the golden " + golden;
  if (fs::exists(lines_file)) why += "; " + first_divergence(read_file(lines_file), r.trace);
  return why;
}

// One anomaly of an expect_delivery: failed (a failure with the findings), allowed or not
// found (passed, the count and why as output), not checked (skipped).
AssertionResult part_result(std::string name, const script::ExpectationPart& part, Time at) {
  using V = script::ExpectationPart::Verdict;
  AssertionResult a{.name = std::move(name), .passed = part.verdict != V::Failed,
                    .output = part.text, .skipped = part.verdict == V::NotChecked};
  if (part.verdict == V::Failed)
    a.message = part.text.substr(0, part.text.find('\n')) + " (at " + format_time(at) + ")";
  if (a.skipped) a.message = part.text;
  return a;
}

ScenarioResult test_one(const TestOptions& o, const std::string& path) {
  ScenarioResult result{.path = path};
  Run first = run_once(path, o.seed, !o.golden_dir.empty());
  Run second = run_once(path, o.seed, false);
  result.hash = first.hash;
  result.trace_lines = first.lines;
  result.virtual_seconds = first.seconds;
  for (const script::Expectation& e : first.expectations) {
    if (e.parts.empty()) {
      result.assertions.push_back({.name = fmt::format("{}:{} {}", e.file, e.line, e.description),
                                   .passed = e.passed,
                                   .message = e.passed ? "" : "failed at " + format_time(e.t)});
    }
    for (const script::ExpectationPart& part : e.parts) result.assertions.push_back(
        part_result(fmt::format("{}:{} {}", e.file, e.line, part.name), part, e.t));
  }
  int failed = static_cast<int>(std::count_if(result.assertions.begin(), result.assertions.end(),
                                              [](const AssertionResult& a) { return !a.passed; }));
  if (!first.error.empty()) result.failure = first.error;
  else if (first.hash != second.hash)
    result.failure = "not deterministic: two runs gave " + first.hash + " and " + second.hash;
  else if (failed > 0) result.failure = fmt::format("{} expectation(s) failed", failed);
  else if (result.assertions.empty()) result.failure = "the scenario checks nothing (no expect)";
  else result.failure = check_golden(o, path, first);
  return result;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::vector<ScenarioResult> run_tests(const TestOptions& options, std::ostream& out) {
  std::vector<ScenarioResult> results;
  for (const std::string& path : scenario_paths(options.inputs)) {
    results.push_back(test_one(options, path));
    const ScenarioResult& r = results.back();
    out << fmt::format("{} {} ({} assertions, {:.1f}s virtual, trace {} lines, hash {})\n",
                       r.failure.empty() ? "PASS" : "FAIL", r.path, r.assertions.size(),
                       r.virtual_seconds, r.trace_lines, r.hash);
    if (!r.failure.empty()) out << "  " << r.failure << "\n";
  }
  return results;
}

void write_junit(const std::vector<ScenarioResult>& results, std::ostream& out) {
  int tests = 0, failures = 0, skipped = 0;
  for (const ScenarioResult& r : results) {
    tests += 1 + static_cast<int>(r.assertions.size());
    failures += r.failure.empty() ? 0 : 1;
    for (const AssertionResult& a : r.assertions) {
      failures += a.passed ? 0 : 1;
      skipped += a.skipped ? 1 : 0;
    }
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n", tests,
                     failures, skipped);
  out << fmt::format("  <testsuite name=\"ksim\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
                     tests, failures, skipped);
  for (const ScenarioResult& r : results) {
    std::string cls = xml_escape(r.path);
    out << fmt::format("    <testcase classname=\"{}\" name=\"scenario\" time=\"0\">", cls);
    if (!r.failure.empty())
      out << fmt::format("<failure message=\"{}\"/>", xml_escape(r.failure));
    out << fmt::format("<system-out>trace-hash {}</system-out></testcase>\n", r.hash);
    for (const AssertionResult& a : r.assertions) {
      out << fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">", cls,
                         xml_escape(a.name));
      if (a.skipped) {
        out << fmt::format("<skipped message=\"{}\"/>", xml_escape(a.message));
      } else if (!a.passed) {
        out << fmt::format("<failure message=\"{}\">{}</failure>", xml_escape(a.message),
                           xml_escape(a.output));
      } else if (!a.output.empty()) {
        out << fmt::format("<system-out>{}</system-out>", xml_escape(a.output));
      }
      out << "</testcase>\n";
    }
  }
  out << "  </testsuite>\n</testsuites>\n";
}

int cmd_test(const TestOptions& options) {
  if (options.inputs.empty()) {
    std::cerr << "ksim test: give scenario files or folders\n";
    return 2;
  }
  for (const std::string& in : options.inputs) {
    if (!fs::exists(in)) {
      std::cerr << "ksim test: no such file or folder: " << in << "\n";
      return 2;
    }
  }
  std::vector<ScenarioResult> results = run_tests(options, std::cout);
  if (!options.junit_path.empty()) {
    std::ofstream junit(options.junit_path);
    write_junit(results, junit);
  }
  int failed = static_cast<int>(std::count_if(results.begin(), results.end(),
                                              [](const ScenarioResult& r) {
                                                return !r.failure.empty();
                                              }));
  std::cout << fmt::format("{} passed, {} failed\n", results.size() - failed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace ksim::cli
