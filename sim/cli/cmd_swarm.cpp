// `ksim swarm`: many seeds of a scenario's swarm{}, reproduce lines, shrinking, a summary.
#include "sim/cli/cmd_swarm.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "ksim/script/scenario.h"
#include "sim/cli/swarm_shrink.h"
#include "sim/cli/swarm_workers.h"

namespace ksim::cli {
namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out.push_back(c);
  }
  return out;
}

void write_junit(const SwarmOptions& o, const std::vector<SeedResult>& results,
                 std::ostream& out) {
  int64_t failures = 0;
  for (const SeedResult& r : results) failures += r.passed ? 0 : 1;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites tests=\"{}\" failures=\"{}\">\n", results.size(), failures);
  out << fmt::format("  <testsuite name=\"ksim swarm {}\" tests=\"{}\" failures=\"{}\">\n",
                     xml_escape(o.path), results.size(), failures);
  for (const SeedResult& r : results) {
    out << fmt::format("    <testcase classname=\"{}\" name=\"seed {}\" time=\"0\">",
                       xml_escape(o.path), r.seed);
    if (!r.passed) {
      out << fmt::format("<failure message=\"{}: {}\">{}</failure>", xml_escape(r.where),
                         xml_escape(first_line(r.failure)),
                         xml_escape(reproduce_line({o.path, o.params}, r.seed)));
    }
    out << "</testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

// Checks the file starts and declares swarm{} before spending a swarm on it.
bool preflight(const SwarmOptions& o, std::ostream& err) {
  if (!std::filesystem::exists(o.path)) {
    err << "ksim swarm: no such file: " << o.path << "\n";
    return false;
  }
  auto started = script::ScenarioRun::start({.path = o.path, .params = o.params});
  if (auto* e = std::get_if<script::ScriptError>(&started)) {
    err << "ksim swarm: " << e->headline() << "\n";
    return false;
  }
  return true;
}

void report_shrink(const SwarmOptions& o, const SeedResult& failing, std::ostream& out) {
  SwarmTarget target{o.path, o.params};
  ShrinkResult s = shrink(target, failing, o.shrink_runs);
  std::string path = o.shrink_out.empty()
                         ? fmt::format("{}.seed{}.shrunk.lua",
                                       std::filesystem::path(o.path).stem().string(), failing.seed)
                         : o.shrink_out;
  std::ifstream in(o.path);
  std::stringstream original;
  original << in.rdbuf();
  s.scenario = shrunk_scenario(target, failing.seed, s.minimal, s.failure, original.str(), path);
  s.replayed = write_and_replay(target, s.scenario, path, s.failure);
  out << fmt::format("\n== shrinking seed {}: {} of {} fault(s) left after {} run(s) ==\n",
                     failing.seed, s.minimal.size(), s.original.size(), s.runs);
  for (const Fault& f : s.minimal) out << "  " << describe_fault(f) << "\n";
  out << fmt::format("still failing at {}: {}\n", s.failure.where, first_line(s.failure.failure));
  out << fmt::format("wrote {}; `ksim run {}` {}\n", path, path,
                     s.replayed ? "replays the failure" : "does NOT replay the failure");
}

}  // namespace

int run_swarm(const SwarmOptions& o, std::ostream& out, std::ostream& err) {
  if (o.seeds == 0) {
    err << "ksim swarm: --seeds must be at least 1\n";
    return 2;
  }
  if (o.workers < 1) {
    err << "ksim swarm: --workers must be at least 1\n";
    return 2;
  }
  if (!preflight(o, err)) return 2;
  out << fmt::format("# ksim swarm {} --seeds {} --from {}\n", o.path, o.seeds, o.from);
  std::vector<SeedResult> results = run_seeds({o.path, o.params}, o.from, o.seeds, o.workers);
  if (!results.empty() && !results.front().declared && results.front().passed) {
    err << "ksim swarm: " << o.path << " never calls swarm{ ... } (docs/swarm.md)\n";
    return 2;
  }
  std::map<std::string, int64_t> by_failure;  // "file:line first line" -> seeds failing it
  std::map<std::string, int64_t> by_anomaly;  // "file:line expect_delivery[..] x (..)" -> seeds
  int64_t failed = 0, faults = 0;
  const SeedResult* first = nullptr;
  for (const SeedResult& r : results) {
    faults += r.faults;
    for (const std::string& a : std::set<std::string>(r.found.begin(), r.found.end()))
      by_anomaly[a]++;
    if (r.passed) continue;
    failed++;
    if (first == nullptr) first = &r;
    for (const std::string& f : r.failed) by_failure[f]++;
    out << fmt::format("FAIL seed {} ({} faults): {} {}\n  reproduce: {}\n", r.seed, r.faults,
                       r.where, first_line(r.failure), reproduce_line({o.path, o.params}, r.seed));
  }
  out << fmt::format("\n== {} seed(s) from {}: {} passed, {} failed; {} faults in all ==\n",
                     results.size(), o.from, results.size() - failed, failed, faults);
  if (!by_failure.empty()) out << "failed expectations (every one, not only the first):\n";
  for (const auto& [what, n] : by_failure) out << fmt::format("  {} seed(s): {}\n", n, what);
  if (!by_anomaly.empty()) out << "anomalies found by expect_delivery (allowed or failed):\n";
  for (const auto& [what, n] : by_anomaly) out << fmt::format("  {} seed(s): {}\n", n, what);
  if (!o.junit_path.empty()) {
    std::ofstream junit(o.junit_path);
    write_junit(o, results, junit);
  }
  if (first != nullptr && o.shrink) report_shrink(o, *first, out);
  return failed == 0 ? 0 : 1;
}

int cmd_swarm(const SwarmOptions& options) { return run_swarm(options, std::cout, std::cerr); }

}  // namespace ksim::cli
