// A fault schedule as commands, and as Lua (docs/swarm.md).
#include "ksim/cluster/fault_schedule.h"

#include <fmt/format.h>

#include <algorithm>

namespace ksim {

std::string_view fault_kind_name(FaultKind kind) {
  return kFaultKindNames[static_cast<size_t>(kind)];
}

bool parse_fault_kind(std::string_view name, FaultKind& out) {
  for (size_t i = 0; i < std::size(kFaultKindNames); i++) {
    if (kFaultKindNames[i] != name) continue;
    out = static_cast<FaultKind>(i);
    return true;
  }
  return false;
}

namespace {

bool is_link_fault(const Fault& f) {
  return f.kind == FaultKind::Partition || f.kind == FaultKind::Delay ||
         f.kind == FaultKind::Loss;
}

std::vector<std::string> others(const std::vector<std::string>& all, const std::string& node) {
  std::vector<std::string> out;
  for (const std::string& n : all)
    if (n != node) out.push_back(n);
  return out;
}

// The command that starts a fault.
Command start_command(const Fault& f, const std::vector<std::string>& all) {
  switch (f.kind) {
    case FaultKind::BrokerCrash: return {.kind = CommandKind::BrokerCrash, .target = f.node};
    case FaultKind::ConsumerCrash:
      return {.kind = CommandKind::ConsumerCrash, .target = f.node};
    case FaultKind::ConsumerStall:
      return {.kind = CommandKind::ConsumerStallPoll, .target = f.node, .duration = f.lasts};
    case FaultKind::Pause:
      return {.kind = CommandKind::NodePause, .target = f.node, .duration = f.lasts};
    case FaultKind::Partition:
      return {.kind = CommandKind::NetworkPartition, .side_a = f.side_a, .side_b = f.side_b};
    case FaultKind::Delay:
      return {.kind = CommandKind::NetworkDelay, .duration = f.delay, .side_a = {f.node},
              .side_b = others(all, f.node)};
    case FaultKind::Loss:
      return {.kind = CommandKind::NetworkLoss, .side_a = {f.node},
              .side_b = others(all, f.node), .loss = f.loss};
  }
  return {};
}

}  // namespace

std::vector<TimedCommand> fault_commands(const std::vector<Fault>& faults,
                                         const std::vector<std::string>& all_nodes) {
  struct Entry {
    Duration after;
    size_t order;  // ties keep fault order, starts before ends of the same fault
    std::vector<Command> commands;
  };
  std::vector<Entry> entries;
  for (size_t i = 0; i < faults.size(); i++) {
    const Fault& f = faults[i];
    entries.push_back({f.after, 2 * i, {start_command(f, all_nodes)}});
    if (f.kind == FaultKind::BrokerCrash || f.kind == FaultKind::ConsumerCrash) {
      CommandKind restart = f.kind == FaultKind::BrokerCrash ? CommandKind::BrokerRestart
                                                             : CommandKind::ConsumerRestart;
      entries.push_back({f.after + f.lasts, 2 * i + 1, {{.kind = restart, .target = f.node}}});
    } else if (is_link_fault(f)) {
      Duration end = f.after + f.lasts;
      std::vector<Command> heal{{.kind = CommandKind::NetworkHeal}};
      for (size_t j = 0; j < faults.size(); j++) {
        const Fault& g = faults[j];
        // Started before this heal (a start at the same time sorts first when j < i).
        bool started = g.after < end || (g.after == end && j < i);
        bool active = j != i && is_link_fault(g) && started && end < g.after + g.lasts;
        if (active) heal.push_back(start_command(g, all_nodes));
      }
      entries.push_back({end, 2 * i + 1, std::move(heal)});
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.after != b.after ? a.after < b.after : a.order < b.order;
  });
  std::vector<TimedCommand> out;
  for (Entry& e : entries)
    for (Command& c : e.commands) out.push_back({e.after, std::move(c)});
  return out;
}

std::string format_ms(Duration d) {
  Duration ms = d / kMillisecond;
  if (ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
  return fmt::format("{}.{:03}s", ms / 1000, ms % 1000);
}

namespace {

std::string lua_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
  return "{ " + out + " }";
}

}  // namespace

std::string fault_to_lua(const Fault& f) {
  std::string out = fmt::format("{{ fault = \"{}\", after = \"{}\", lasts = \"{}\"",
                                fault_kind_name(f.kind), format_ms(f.after), format_ms(f.lasts));
  if (f.kind == FaultKind::Partition) {
    out += ", sides = { " + lua_names(f.side_a) + ", " + lua_names(f.side_b) + " }";
  } else {
    out += ", node = \"" + f.node + "\"";
  }
  if (f.kind == FaultKind::Delay) out += ", by = \"" + format_ms(f.delay) + "\"";
  if (f.kind == FaultKind::Loss) out += fmt::format(", rate = {}", f.loss);
  return out + " }";
}

std::string describe_fault(const Fault& f) {
  std::string when = "+" + format_ms(f.after) + " for " + format_ms(f.lasts);
  switch (f.kind) {
    case FaultKind::BrokerCrash: return when + ": " + f.node + " crashes";
    case FaultKind::ConsumerCrash: return when + ": consumer " + f.node + " crashes";
    case FaultKind::ConsumerStall: return when + ": consumer " + f.node + " stops polling";
    case FaultKind::Pause: return when + ": " + f.node + " pauses";
    case FaultKind::Partition:
      return when + ": partition " + lua_names(f.side_a) + " | " + lua_names(f.side_b);
    case FaultKind::Delay: return when + ": " + f.node + " sends late by " + format_ms(f.delay);
    case FaultKind::Loss: return when + fmt::format(": {} loses {} of what it sends", f.node,
                                                    f.loss);
  }
  return when;
}

}  // namespace ksim
