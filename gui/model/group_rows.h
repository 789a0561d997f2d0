#pragma once
// Consumer-group tables in kafka-consumer-groups.sh's layouts (ConsumerGroupCommand):
// --describe (offsets), --members [--verbose] and --state, plus the GUI's extra columns
// (numeric lag, session deadline). format_group() reprints the CLI text exactly.
#include <optional>
#include <string>
#include <vector>

#include "ksim/cluster/describe.h"

namespace ksim::gui {

// The --describe rows come from the CLI's own code, so the GUI cannot drift from it.
using OffsetRow = ksim::GroupOffsetRow;

struct MemberRow {
  std::string consumer_id, group_instance_id, host, client_id;
  int32_t partitions = 0;
  std::string assignment;          // "(0,1), (2)" as --verbose prints it
  Time last_heartbeat = 0;         // the coordinator's view (ClassicGroupMember)
  Time heartbeat_deadline = kTimeNever;
  Duration session_timeout = 0;
};

struct StateRow {
  std::string coordinator;         // "broker-1:9092  (1)" or "-"
  std::string assignment_strategy;
  std::string state;
  int32_t members = 0;
  GenerationId generation = 0;
};

struct GroupTables {
  std::string group_id;
  bool exists = false;             // false: "Consumer group 'x' does not exist."
  std::string state_message;       // "has no active members" / "is rebalancing" or ""
  std::vector<OffsetRow> offsets;
  std::vector<MemberRow> members;
  StateRow state;
};

GroupTables group_tables(const Cluster& cluster, const std::string& group_id);
// Equals describe_group(cluster, group_id, what).
std::string format_group(const GroupTables& tables, GroupDescribe what);
// Total lag of the group (sum of numeric LAG cells), or nullopt with no committed offsets.
std::optional<int64_t> total_lag(const GroupTables& tables);

}  // namespace ksim::gui
