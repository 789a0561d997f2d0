#pragma once
// A swarm's fault policy: how often each kind of fault strikes during the safety phase and how
// long it lasts, as documented data (docs/swarm.md), after VOPR's options structs. Declared by
// a scenario's swarm{}; draw_faults turns it and a seed into a fault schedule.
#include <cstdint>
#include <string>
#include <vector>

#include "ksim/cluster/fault_schedule.h"

namespace ksim {

struct DurationRange {             // "5s..20s" or "5s"; drawn uniformly, to the millisecond
  Duration lo = 0, hi = 0;
};

struct FaultRate {
  Duration every = 0;              // mean gap between two faults of the kind; 0 = never
  DurationRange lasts;
};

struct FaultPolicy {
  Duration safety = 2 * kMinute;   // the phase with faults
  Duration liveness = kMinute;     // bound on convergence once every fault is healed
  FaultRate broker_crash;          // a broker process dies (no flush lost), restarts after lasts
  int32_t max_down = 1;            // broker_crash: at most this many brokers down at once
  FaultRate partition;             // the nodes split in two random sides, cut both ways
  FaultRate pause;                 // a stop-the-world (GC) pause of one node
  FaultRate delay;                 // every message one node sends is late by `by`
  DurationRange by;
  FaultRate loss;                  // every message one node sends is dropped with `rate`
  double rate_lo = 0, rate_hi = 0;
  FaultRate consumer_crash;        // a consumer process dies (no LeaveGroup), restarts after lasts
  int32_t consumer_max_down = 1;   // consumer_crash: at most this many consumers down at once
  FaultRate consumer_stall;        // a consumer's application stops calling poll() for lasts
};

// The nodes faults may hit, by name: brokers ("broker-0", ...), consumers, and every node
// (brokers, the controller and the clients), each sorted.
struct FaultTargets {
  std::vector<std::string> brokers;
  std::vector<std::string> nodes;
  std::vector<std::string> consumers;
};

// The schedule of a run: a pure function of (seed, policy, targets). Each kind draws from its
// own stream ("swarm:broker_crash", ...), so enabling one kind never moves another's faults.
// Gaps are uniform in [every/2, 3*every/2]; a crash picks a broker (a consumer) that is up and
// is skipped when max_down of them are already down; a pause picks a node that is not down, a
// consumer stall a consumer that is not down. Faults start within the safety phase; whatever
// still lasts at its end is healed then.
std::vector<Fault> draw_faults(uint64_t seed, const FaultPolicy& policy,
                               const FaultTargets& targets);

}  // namespace ksim
