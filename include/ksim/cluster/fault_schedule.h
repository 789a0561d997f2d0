#pragma once
// A fault schedule: the faults of a swarm run's safety phase as data (docs/swarm.md), and the
// Commands that carry them out. Drawn from a FaultPolicy (fault_policy.h), or written out as a
// Lua swarm_schedule{} by the shrinker so that a failing run replays with `ksim run`.
#include <string>
#include <string_view>
#include <vector>

#include "ksim/cluster/command.h"

namespace ksim {

// The kinds, named as the policy's keys (swarm{ faults = { broker_crash = ... } }).
enum class FaultKind { BrokerCrash, Partition, Pause, Delay, Loss, ConsumerCrash, ConsumerStall };
inline constexpr std::string_view kFaultKindNames[] = {
    "broker_crash", "partition", "pause", "delay", "loss", "consumer_crash", "consumer_stall"};
std::string_view fault_kind_name(FaultKind kind);
// false when `name` is not one of kFaultKindNames.
bool parse_fault_kind(std::string_view name, FaultKind& out);

struct Fault {
  FaultKind kind = FaultKind::BrokerCrash;
  Duration after = 0;              // since the safety phase began
  Duration lasts = 0;              // down time, pause, or until the link fault is healed
  std::string node;                // crashes, pause, stall: the node; delay, loss: the sender
  std::vector<std::string> side_a, side_b;  // partition: both ways between the two sides
  Duration delay = 0;              // delay: added to every message the node sends
  double loss = 0;                 // loss: drop probability of every message the node sends
  bool operator==(const Fault&) const = default;
};

struct TimedCommand {
  Duration after = 0;              // since the safety phase began
  Command command;
};

// The commands that carry the faults out, in time order (ties: in fault order). A crash is
// BrokerCrash then BrokerRestart (ConsumerCrash then ConsumerRestart); a pause is one
// NodePause; a consumer stall is one ConsumerStallPoll; a link fault is its command, and
// at its end NetworkHeal followed by the commands of the link faults still active, because
// Kafka-world networks have no "undo one cut" and NetworkHeal resets every link.
// A delay or loss fault hits the links from its node to every other node of `all_nodes`.
std::vector<TimedCommand> fault_commands(const std::vector<Fault>& faults,
                                         const std::vector<std::string>& all_nodes);

// "12.345s": exact to the millisecond, parsed back by parse_duration.
std::string format_ms(Duration d);
// One entry of a Lua swarm_schedule{}: { fault = "broker_crash", after = "12.345s", ... }.
std::string fault_to_lua(const Fault& fault);
// A one-line description for narration and the swarm report.
std::string describe_fault(const Fault& fault);

}  // namespace ksim
