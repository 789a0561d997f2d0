// The kafka-consumer-groups.sh text of GroupTables (ConsumerGroupCommand's column rules).
#include <fmt/format.h>

#include "gui/model/group_rows.h"

namespace ksim::gui {
namespace {

size_t width(size_t floor, const std::vector<std::string>& values) {
  size_t w = floor;
  for (const std::string& v : values) w = std::max(w, v.size());
  return w;
}

std::string format_offsets(const GroupTables& g) {
  std::vector<std::string> topics{"TOPIC"}, consumers{"CONSUMER-ID"}, hosts{"HOST"};
  for (const OffsetRow& r : g.offsets) {
    topics.push_back(r.topic);
    consumers.push_back(r.consumer_id);
    hosts.push_back(r.host);
  }
  size_t gw = width(15, {g.group_id}), tw = width(15, topics), cw = width(15, consumers),
         hw = width(15, hosts);
  auto line = [&](const OffsetRow& r, const std::string& group) {
    return fmt::format("{:<{}} {:<{}} {:<10} {:<15} {:<15} {:<15} {:<{}} {:<{}} {}\n", group, gw,
                       r.topic, tw, r.partition, r.current_offset, r.log_end_offset, r.lag,
                       r.consumer_id, cw, r.host, hw, r.client_id);
  };
  std::string out = g.state_message + "\n";
  out += line({"TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID",
               "HOST", "CLIENT-ID"},
              "GROUP");
  for (const OffsetRow& r : g.offsets) out += line(r, g.group_id);
  return out;
}

std::string format_members(const GroupTables& g, bool verbose) {
  std::vector<std::string> consumers{"CONSUMER-ID"}, hosts{"HOST"}, clients{"CLIENT-ID"},
      instances{"GROUP-INSTANCE-ID"};
  bool any_static = false;
  for (const MemberRow& m : g.members) {
    consumers.push_back(m.consumer_id);
    hosts.push_back(m.host);
    clients.push_back(m.client_id);
    instances.push_back(m.group_instance_id);
    any_static = any_static || m.group_instance_id != "-";
  }
  size_t gw = width(15, {g.group_id}), cw = width(15, consumers), iw = width(15, instances),
         hw = width(15, hosts), lw = width(15, clients);
  auto line = [&](const std::string& grp, const MemberRow& m, const std::string& n) {
    std::string s = fmt::format("{:<{}} {:<{}} ", grp, gw, m.consumer_id, cw);
    if (any_static) s += fmt::format("{:<{}} ", m.group_instance_id, iw);
    s += fmt::format("{:<{}} {:<{}} {:<12}", m.host, hw, m.client_id, lw, n);
    if (verbose) s += " " + m.assignment;
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + "\n";
  };
  std::string out = g.state_message + "\n";
  MemberRow header{.consumer_id = "CONSUMER-ID", .group_instance_id = "GROUP-INSTANCE-ID",
                   .host = "HOST", .client_id = "CLIENT-ID", .assignment = "ASSIGNMENT"};
  out += line("GROUP", header, "#PARTITIONS");
  for (const MemberRow& m : g.members) out += line(g.group_id, m, std::to_string(m.partitions));
  return out;
}

std::string format_state(const GroupTables& g) {
  const StateRow& s = g.state;
  size_t cw = std::max<size_t>(25, s.coordinator.size());
  size_t gw = std::max<size_t>(15, g.group_id.size());
  std::string out = "\n" + fmt::format("{:<{}} {:<{}} {:<20} {:<15} {}\n", "GROUP", gw,
                                       "COORDINATOR (ID)", cw, "ASSIGNMENT-STRATEGY", "STATE",
                                       "#MEMBERS");
  out += fmt::format("{:<{}} {:<{}} {:<20} {:<15} {}\n", g.group_id, gw, s.coordinator, cw,
                     s.assignment_strategy, s.state, s.members);
  return out;
}

}  // namespace

std::string format_group(const GroupTables& g, GroupDescribe what) {
  if (!g.exists) return "Consumer group '" + g.group_id + "' does not exist.\n";
  switch (what) {
    case GroupDescribe::Offsets: return format_offsets(g);
    case GroupDescribe::Members: return format_members(g, false);
    case GroupDescribe::MembersVerbose: return format_members(g, true);
    case GroupDescribe::State: return format_state(g);
  }
  return "";
}

}  // namespace ksim::gui
