#pragma once
// Runs a swarm's seeds in parallel worker processes (fork + pipes, never threads: the
// simulation stays single-threaded, and tests/tidy bans threads in sim/). Seeds are dealt
// round-robin; each seed's run is independent of every other, so the results do not depend on
// the number of workers.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/cli/swarm_run.h"

namespace ksim::cli {

// Runs seeds from..from+count-1 over `workers` processes (1: in this process). Returns one
// result per seed, sorted by seed; a worker that dies leaves its seeds failed with the reason.
std::vector<SeedResult> run_seeds(const SwarmTarget& target, uint64_t from, uint64_t count,
                                  int workers);

}  // namespace ksim::cli
