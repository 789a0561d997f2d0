// Shrinking a failing swarm seed to a minimal fault schedule, written as a Lua scenario.
#include "sim/cli/swarm_shrink.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ksim::cli {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int64_t count_lines(const std::string& text) {
  return static_cast<int64_t>(std::count(text.begin(), text.end(), '\n'));
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// "file:line" -> line, or -1.
int64_t line_of(const std::string& where) {
  size_t colon = where.rfind(':');
  if (colon == std::string::npos) return -1;
  return std::atoll(where.c_str() + colon + 1);
}

}  // namespace

ShrinkResult shrink(const SwarmTarget& target, const SeedResult& failing, int64_t max_runs) {
  ShrinkResult out;
  out.failure = run_seed(target, failing.seed, std::nullopt, &out.original);
  out.runs = 1;
  out.minimal = out.original;
  bool removed = true;
  while (removed && out.runs < max_runs) {
    removed = false;
    for (size_t i = 0; i < out.minimal.size() && out.runs < max_runs;) {
      std::vector<Fault> candidate = out.minimal;
      candidate.erase(candidate.begin() + static_cast<std::ptrdiff_t>(i));
      SeedResult r = run_seed(target, failing.seed, candidate);
      out.runs++;
      if (!r.passed && r.where == out.failure.where) {
        out.minimal = std::move(candidate);
        out.failure = r;
        removed = true;
      } else {
        i++;
      }
    }
  }
  return out;
}

std::string shrunk_scenario(const SwarmTarget& target, uint64_t seed,
                            const std::vector<Fault>& faults, const SeedResult& failure,
                            const std::string& original_text, const std::string& out_path) {
  std::string sets;
  for (const auto& [k, v] : target.params) sets += fmt::format(" --set {}={}", k, v);
  std::string text = fmt::format(
      "-- Shrunk by ksim swarm: {} under seed {} fails with these {} fault(s) at\n"
      "--   {} {}\n"
      "-- Replay: ksim run {}{}   (the lines below the schedule are the original file)\n"
      "swarm_schedule {{ seed = {},\n",
      target.path, seed, faults.size(), failure.where, first_line(failure.failure), out_path,
      sets, seed);
  for (const Fault& f : faults) text += "  " + fault_to_lua(f) + ",\n";
  text += "}\n";
  return text + original_text;
}

bool write_and_replay(const SwarmTarget& target, const std::string& text,
                      const std::string& path, const SeedResult& failure) {
  {
    std::ofstream out(path);
    if (!out) return false;
    out << text;
  }
  std::string original = read_text(target.path);
  int64_t shift = count_lines(text) - count_lines(original);
  // A plain run (no --swarm, no --seed): the file's swarm_schedule{} must do everything.
  SeedResult r = run_plain({.path = path, .params = target.params});
  return !r.passed && r.where == fmt::format("{}:{}", path, line_of(failure.where) + shift) &&
         first_line(r.failure) == first_line(failure.failure);
}

}  // namespace ksim::cli
