#pragma once
// The kernel bundle every node shares: seed, scheduler, trace and network.
#include <string_view>

#include "ksim/core/network.h"
#include "ksim/core/rng.h"
#include "ksim/core/scheduler.h"
#include "ksim/core/trace.h"

namespace ksim {

struct Kernel {
  explicit Kernel(uint64_t run_seed, SchedulerLimits limits = {})
      : seed(run_seed), scheduler(limits), network(scheduler, trace, run_seed) {}
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  Time now() const { return scheduler.now(); }
  // The named random stream of this run (docs/architecture.md, determinism rule 3).
  Rng stream(std::string_view name) const { return Rng::derive(seed, name); }
  void emit(const TraceEvent& event) { trace.emit(scheduler.now(), event); }

  uint64_t seed;
  Scheduler scheduler;
  Trace trace;
  Network network;
};

}  // namespace ksim
