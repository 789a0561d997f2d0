#pragma once
// Text views in the layouts of Kafka's own tools, shared by the CLI summary, Lua's describe()
// and the GUI's "copy as text": kafka-topics.sh --describe (TopicCommand) and
// kafka-consumer-groups.sh --describe / --members / --state (ConsumerGroupCommand).
#include <string>

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
std::string describe_group(const Cluster& cluster, const std::string& group_id,
                           GroupDescribe what);

}  // namespace ksim
