#pragma once
// One seed of a swarm (docs/swarm.md): the scenario run with the faults drawn from the seed, or
// with an explicit schedule (the shrinker), reduced to what the swarm reports.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ksim/cluster/fault_schedule.h"

namespace ksim::cli {

struct SeedResult {
  uint64_t seed = 0;
  bool passed = false;
  bool declared = false;    // the scenario called swarm{}
  int64_t faults = 0;
  std::string where;        // the first failure's "file:line" ("" when it passed)
  std::string failure;      // its text: the expectation, or the script error
  std::vector<std::string> failed;  // every failure, "file:line first line of its text"
  // Every anomaly an expect_delivery found, failing or allowed:
  // "file:line expect_delivery[t/g] duplicate (allowed)". The summary counts seeds per line.
  std::vector<std::string> found;
};

struct SwarmTarget {
  std::string path;
  std::map<std::string, std::string> params;  // --set name=value
};

// Runs the scenario under `seed` with faults from the seed, or exactly `schedule`. `faults`
// receives the run's schedule when given.
SeedResult run_seed(const SwarmTarget& target, uint64_t seed,
                    const std::optional<std::vector<Fault>>& schedule = std::nullopt,
                    std::vector<Fault>* faults = nullptr);

// As `ksim run FILE` does it: the scenario's own seed, no drawn faults (a swarm_schedule{} in
// the file still applies).
SeedResult run_plain(const SwarmTarget& target);

// The line that reproduces a failing seed: "ksim run FILE --seed S --swarm [--set k=v ...]".
std::string reproduce_line(const SwarmTarget& target, uint64_t seed);

// One result per line for the worker pipes, and back; text fields are escaped.
std::string encode_result(const SeedResult& r);
std::optional<SeedResult> decode_result(const std::string& line);

}  // namespace ksim::cli
