#pragma once
// Commands: the one way to act on a running cluster from a front end. The Lua API, the GUI's
// controls and a saved session all issue these, and the cluster records them with their time,
// so a GUI session can be saved as a scenario that replays it.
#include <cstdint>
#include <string>
#include <vector>

#include "ksim/types/time.h"

namespace ksim {

enum class CommandKind {
  BrokerCrash,        // target: "broker-<id>"
  BrokerRestart,
  BrokerIsolate,      // cut every link to and from the broker
  ConsumerCrash,      // no LeaveGroup: the coordinator waits for session.timeout.ms
  ConsumerClose,      // LeaveGroup: an immediate rebalance
  ConsumerStallPoll,  // the application stops calling poll() for `duration`
  ConsumerRestart,
  ProducerStart,      // produce one record every `duration` to `topic`
  ProducerStop,
  NodePause,          // a GC pause of `duration`
  NetworkPartition,   // side_a / side_b: node names
  NetworkHeal,
  // Replication faults (docs/replication.md). Keep this order in step with w_apply's names.
  BrokerShutdown,     // controlled shutdown: leaderships move away, then the broker stops
  NetworkCut,         // one-way: no message from any of side_a reaches any of side_b
  NetworkDelay,       // one-way: `duration` added to every message from side_a to side_b
  NetworkLoss,        // one-way: each message from side_a to side_b dropped with `loss`
  ProducerCrash,      // the producer process dies: queued records fail, in-flight ones unknown
  ProducerRestart,
  NetworkDrop,        // one in-flight message, named by its send sequence number (message_id)
};

struct Command {
  CommandKind kind = CommandKind::NetworkHeal;
  std::string target;              // node name
  Duration duration = 0;
  std::string topic;
  std::vector<std::string> side_a;
  std::vector<std::string> side_b;
  bool lose_unflushed = false;     // BrokerCrash: lose records above each log's last flush
  // BrokerCrash, ConsumerCrash, ProducerCrash: the whole host goes down, not just the process,
  // so no peer gets a connection reset (Node::crash).
  bool host_down = false;
  double loss = 0.0;               // NetworkLoss: probability in [0, 1]
  uint64_t message_id = 0;         // NetworkDrop: InFlightMessage::id (send sequence number)
};

struct RecordedCommand {
  Time at = 0;
  Command command;
};

std::string_view command_name(CommandKind kind);
// The Lua line that issues the command (for "save session as scenario").
std::string command_to_lua(const Command& command);

}  // namespace ksim
