#pragma once
// Shrinking a failing swarm seed (docs/swarm.md): remove faults one at a time, re-running the
// exact remaining schedule each time, while the same expectation (file:line) still fails; then
// write the minimal schedule as a runnable scenario: a swarm_schedule{} in front of a copy of
// the scenario, which `ksim run` replays.
#include <string>
#include <vector>

#include "sim/cli/swarm_run.h"

namespace ksim::cli {

struct ShrinkResult {
  std::vector<Fault> original, minimal;
  int64_t runs = 0;              // scenario runs the shrinking took
  SeedResult failure;            // the failure of the minimal schedule
  std::string scenario;          // the written scenario's text
  bool replayed = false;         // running the written file fails at the same expectation
};

// REQUIRES: `failing` failed under the swarm (run_seed). `max_runs` bounds the work.
ShrinkResult shrink(const SwarmTarget& target, const SeedResult& failing, int64_t max_runs);

// The scenario text: a header saying how to replay it, swarm_schedule{} and the original file.
std::string shrunk_scenario(const SwarmTarget& target, uint64_t seed,
                            const std::vector<Fault>& faults, const SeedResult& failure,
                            const std::string& original_text, const std::string& out_path);

// Writes `text` to `path` and runs it with `ksim run`'s defaults; true when it fails at
// `failure.where` shifted by the header's lines.
bool write_and_replay(const SwarmTarget& target, const std::string& text,
                      const std::string& path, const SeedResult& failure);

}  // namespace ksim::cli
