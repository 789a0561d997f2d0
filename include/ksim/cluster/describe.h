#pragma once
// Text views in the layouts of Kafka's own tools, shared by the CLI summary, Lua's describe()
// and the GUI's "copy as text": kafka-topics.sh --describe (TopicCommand) and
// kafka-consumer-groups.sh --describe / --members / --state (ConsumerGroupCommand).
#include <optional>
#include <string>
#include <vector>

#include "ksim/cluster/cluster.h"

namespace ksim {

struct TopicFilter {
  std::string topic;                  // "" = every non-internal topic
  bool include_internal = false;
  bool under_replicated = false;      // --under-replicated-partitions
  bool under_min_isr = false;         // --under-min-isr-partitions
  bool at_min_isr = false;            // --at-min-isr-partitions
  bool unavailable = false;           // --unavailable-partitions
};

std::string describe_topics(const Cluster& cluster, const TopicFilter& filter);

enum class GroupDescribe { Offsets, Members, MembersVerbose, State };

// One row of `kafka-consumer-groups.sh --describe`, "-" where the tool prints
// MISSING_COLUMN_VALUE. Rows: members with partitions (most first), members without, then
// committed partitions no member owns (ConsumerGroupCommand.collectGroupOffsets).
struct GroupOffsetRow {
  std::string topic, partition, current_offset, log_end_offset, lag, consumer_id, host,
      client_id;
  std::optional<int64_t> lag_value;
  std::optional<TopicPartition> tp;  // absent on the row of a member without partitions
};
std::vector<GroupOffsetRow> group_offset_rows(const Cluster& cluster, const GroupView& group);
// The --members --verbose ASSIGNMENT column: partitions per topic, "(0,1), (2)", or "-".
std::string assignment_text(const std::vector<TopicPartition>& partitions);
std::string describe_group(const Cluster& cluster, const std::string& group_id,
                           GroupDescribe what);

}  // namespace ksim
