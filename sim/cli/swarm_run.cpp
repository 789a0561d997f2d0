// One seed of a swarm, and its wire form between worker processes.
#include "sim/cli/swarm_run.h"

#include <fmt/format.h>

#include <sstream>

#include "ksim/script/scenario.h"

namespace ksim::cli {

namespace {

SeedResult run_with(const script::ScenarioOptions& options, std::vector<Fault>* faults) {
  SeedResult out{.seed = options.seed.value_or(0)};
  auto started = script::ScenarioRun::start(options);
  if (auto* e = std::get_if<script::ScriptError>(&started)) {
    out.where = fmt::format("{}:{}", e->file, e->line);
    out.failure = e->headline();
    out.failed.push_back(out.where + " " + out.failure);
    return out;
  }
  script::ScenarioRun& run = *std::get<0>(started);
  run.run_to_end();
  out.seed = run.seed();
  out.declared = run.swarm().declared;
  out.faults = static_cast<int64_t>(run.swarm().faults.size());
  if (faults != nullptr) *faults = run.swarm().faults;
  if (run.error()) {
    out.where = fmt::format("{}:{}", run.error()->file, run.error()->line);
    out.failure = run.error()->headline();
    out.failed.push_back(out.where + " " + out.failure);
    return out;
  }
  for (const script::Expectation& e : run.expectations()) {
    for (const script::ExpectationPart& part : e.parts) {
      using V = script::ExpectationPart::Verdict;
      if (part.verdict == V::Failed || part.verdict == V::Allowed)
        out.found.push_back(fmt::format("{}:{} {} ({})", e.file, e.line, part.name,
                                        part.verdict == V::Failed ? "failed" : "allowed"));
    }
    if (e.passed) continue;
    out.failed.push_back(fmt::format("{}:{} {}", e.file, e.line,
                                     e.description.substr(0, e.description.find('\n'))));
    if (!out.where.empty()) continue;
    out.where = fmt::format("{}:{}", e.file, e.line);
    out.failure = e.description;
  }
  out.passed = out.where.empty();
  return out;
}

}  // namespace

SeedResult run_seed(const SwarmTarget& target, uint64_t seed,
                    const std::optional<std::vector<Fault>>& schedule,
                    std::vector<Fault>* faults) {
  return run_with({.path = target.path, .seed = seed, .params = target.params, .swarm = true,
                   .schedule = schedule},
                  faults);
}

SeedResult run_plain(const SwarmTarget& target) {
  return run_with({.path = target.path, .params = target.params}, nullptr);
}

std::string reproduce_line(const SwarmTarget& target, uint64_t seed) {
  std::string line = fmt::format("ksim run {} --seed {} --swarm", target.path, seed);
  for (const auto& [k, v] : target.params) line += fmt::format(" --set {}={}", k, v);
  return line;
}

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else out.push_back(c);
  }
  return out;
}

std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char c = s[++i];
    out.push_back(c == 'n' ? '\n' : c == 't' ? '\t' : c);
  }
  return out;
}

}  // namespace

std::string encode_result(const SeedResult& r) {
  auto list = [](const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& f : items) out += (out.empty() ? "" : "\x1f") + escape(f);
    return out;
  };
  return fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", r.seed, r.passed ? 1 : 0,
                     r.declared ? 1 : 0, r.faults, escape(r.where), escape(r.failure),
                     list(r.failed), list(r.found));
}

std::optional<SeedResult> decode_result(const std::string& line) {
  std::vector<std::string> f;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, '\t');) f.push_back(field);
  while (f.size() < 8) f.push_back("");  // getline drops empty trailing fields
  if (f.size() != 8) return std::nullopt;
  SeedResult r;
  r.seed = std::stoull(f[0]);
  r.passed = f[1] == "1";
  r.declared = f[2] == "1";
  r.faults = std::stoll(f[3]);
  r.where = unescape(f[4]);
  r.failure = unescape(f[5]);
  std::istringstream failed(f[6]);
  for (std::string one; std::getline(failed, one, '\x1f');) r.failed.push_back(unescape(one));
  std::istringstream found(f[7]);
  for (std::string one; std::getline(found, one, '\x1f');) r.found.push_back(unescape(one));
  return r;
}

}  // namespace ksim::cli
