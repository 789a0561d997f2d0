// Drawing a fault schedule from a policy and a seed (docs/swarm.md).
#include "ksim/cluster/fault_policy.h"

#include <algorithm>
#include <cmath>

#include "ksim/core/rng.h"

namespace ksim {
namespace {

Duration draw_ms(Rng& rng, Duration lo, Duration hi) {
  return rng.between(lo / kMillisecond, hi / kMillisecond) * kMillisecond;
}

// The start times of one kind's faults: gaps uniform in [every/2, 3*every/2].
std::vector<Duration> arrivals(Rng& rng, const FaultRate& rate, Duration safety) {
  std::vector<Duration> out;
  if (rate.every <= 0) return out;
  for (Duration t = draw_ms(rng, rate.every / 2, 3 * rate.every / 2); t < safety;
       t += draw_ms(rng, rate.every / 2, 3 * rate.every / 2)) {
    out.push_back(t);
  }
  return out;
}

bool down_at(const std::vector<Fault>& crashes, const std::string& node, Duration t) {
  for (const Fault& c : crashes)
    if (c.node == node && c.after <= t && t < c.after + c.lasts) return true;
  return false;
}

// Crashes of one kind of process (brokers or consumers): each picks one that is up, and is
// skipped when `max_down` of them are down already.
void draw_crashes(uint64_t seed, const FaultRate& rate, int32_t max_down, Duration safety,
                  FaultKind kind, const std::vector<std::string>& targets,
                  std::vector<Fault>& out) {
  Rng rng = Rng::derive(seed, "swarm:" + std::string(fault_kind_name(kind)));
  for (Duration t : arrivals(rng, rate, safety)) {
    Duration lasts = draw_ms(rng, rate.lasts.lo, rate.lasts.hi);
    std::vector<std::string> up;
    for (const std::string& b : targets)
      if (!down_at(out, b, t)) up.push_back(b);
    int64_t down = static_cast<int64_t>(targets.size() - up.size());
    if (up.empty() || down >= max_down) continue;
    out.push_back({.kind = kind, .after = t, .lasts = lasts, .node = up[rng.below(up.size())]});
  }
}

// Pauses (of any node) and consumer stalls (of a consumer): one that is not down at the time.
void draw_pauses(uint64_t seed, const FaultRate& rate, Duration safety, FaultKind kind,
                 const std::vector<std::string>& targets, const std::vector<Fault>& crashes,
                 std::vector<Fault>& out) {
  Rng rng = Rng::derive(seed, "swarm:" + std::string(fault_kind_name(kind)));
  for (Duration t : arrivals(rng, rate, safety)) {
    Duration lasts = draw_ms(rng, rate.lasts.lo, rate.lasts.hi);
    std::vector<std::string> up;
    for (const std::string& n : targets)
      if (!down_at(crashes, n, t)) up.push_back(n);
    if (up.empty()) continue;
    out.push_back({.kind = kind, .after = t, .lasts = lasts, .node = up[rng.below(up.size())]});
  }
}

void draw_partitions(uint64_t seed, const FaultPolicy& p, const FaultTargets& targets,
                     std::vector<Fault>& out) {
  Rng rng = Rng::derive(seed, "swarm:partition");
  if (targets.nodes.size() < 2) return;
  for (Duration t : arrivals(rng, p.partition, p.safety)) {
    Fault f{.kind = FaultKind::Partition, .after = t,
            .lasts = draw_ms(rng, p.partition.lasts.lo, p.partition.lasts.hi)};
    // Each node joins a side by a coin flip; both sides must be non-empty (Jepsen's halves
    // generalised to any split).
    while (f.side_a.empty() || f.side_b.empty()) {
      f.side_a.clear();
      f.side_b.clear();
      for (const std::string& n : targets.nodes)
        (rng.chance(0.5) ? f.side_a : f.side_b).push_back(n);
    }
    out.push_back(std::move(f));
  }
}

void draw_link_faults(uint64_t seed, const FaultPolicy& p, const FaultTargets& targets,
                      FaultKind kind, std::vector<Fault>& out) {
  bool delay = kind == FaultKind::Delay;
  Rng rng = Rng::derive(seed, delay ? "swarm:delay" : "swarm:loss");
  const FaultRate& rate = delay ? p.delay : p.loss;
  if (targets.nodes.size() < 2) return;
  for (Duration t : arrivals(rng, rate, p.safety)) {
    Fault f{.kind = kind, .after = t, .lasts = draw_ms(rng, rate.lasts.lo, rate.lasts.hi),
            .node = targets.nodes[rng.below(targets.nodes.size())]};
    if (delay) {
      f.delay = draw_ms(rng, p.by.lo, p.by.hi);
    } else {
      // Whole percents: the rate prints exactly in a Lua schedule and parses back the same.
      int64_t lo = std::llround(p.rate_lo * 100), hi = std::llround(p.rate_hi * 100);
      f.loss = static_cast<double>(rng.between(lo, hi)) / 100.0;
    }
    out.push_back(std::move(f));
  }
}

}  // namespace

std::vector<Fault> draw_faults(uint64_t seed, const FaultPolicy& policy,
                               const FaultTargets& targets) {
  const FaultPolicy& p = policy;
  std::vector<Fault> crashes, out;
  draw_crashes(seed, p.broker_crash, p.max_down, p.safety, FaultKind::BrokerCrash,
               targets.brokers, crashes);
  draw_crashes(seed, p.consumer_crash, p.consumer_max_down, p.safety, FaultKind::ConsumerCrash,
               targets.consumers, crashes);
  draw_pauses(seed, p.pause, p.safety, FaultKind::Pause, targets.nodes, crashes, out);
  draw_pauses(seed, p.consumer_stall, p.safety, FaultKind::ConsumerStall, targets.consumers,
              crashes, out);
  draw_partitions(seed, policy, targets, out);
  draw_link_faults(seed, policy, targets, FaultKind::Delay, out);
  draw_link_faults(seed, policy, targets, FaultKind::Loss, out);
  out.insert(out.end(), crashes.begin(), crashes.end());
  // One time line: by start time, then by kind, so the schedule reads in order.
  std::stable_sort(out.begin(), out.end(), [](const Fault& a, const Fault& b) {
    return a.after != b.after ? a.after < b.after : a.kind < b.kind;
  });
  return out;
}

}  // namespace ksim
