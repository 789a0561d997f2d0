#pragma once
// `ksim swarm FILE --seeds N [--from S] [--workers W] [--shrink|--no-shrink] [--junit F]`: runs
// a scenario's swarm{} under many seeds, each with faults drawn from its seed, prints one
// reproduce line per failing seed, shrinks the first failure to a minimal schedule written as a
// scenario, and summarizes. See docs/swarm.md.
#include <cstdint>
#include <map>
#include <ostream>
#include <string>

namespace ksim::cli {

struct SwarmOptions {
  std::string path;
  uint64_t seeds = 100;
  uint64_t from = 1;
  int workers = 1;
  bool shrink = true;                          // the first failing seed
  std::string shrink_out;                      // "" = <stem>.seed<S>.shrunk.lua here
  int64_t shrink_runs = 200;                   // at most this many re-runs while shrinking
  std::string junit_path;                      // "" = no JUnit file
  std::map<std::string, std::string> params;   // --set name=value
};

// Prints to `out` (identical for any worker count); returns the exit code: 0 when every seed
// passed, 1 when one failed, 2 on bad input (a scenario that does not start or has no swarm{}).
int run_swarm(const SwarmOptions& options, std::ostream& out, std::ostream& err);
int cmd_swarm(const SwarmOptions& options);

}  // namespace ksim::cli
