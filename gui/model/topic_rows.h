#pragma once
// Partitions table rows in kafka-topics.sh --describe's layout (TopicCommand), with the four
// filters as flags and per-replica LEO/HW/log start/epoch. format_topics() reprints the CLI text.
#include <string>
#include <vector>

#include "ksim/cluster/describe.h"

namespace ksim::gui {

struct ReplicaCell {
  BrokerId broker = kNoBroker;
  bool online = false;             // broker up and holding the replica
  bool in_isr = false;
  bool leader = false;
  Offset log_start = kNoOffset;
  Offset high_watermark = kNoOffset;
  Offset log_end = kNoOffset;
  LeaderEpoch leader_epoch = -1;
};

struct PartitionRow {
  std::string topic;
  int32_t partition = 0;
  std::string leader;              // "none" when leaderless, as the CLI prints it
  std::string replicas;            // "0,1,2"
  std::string isr;
  std::string elr;                 // "" (ELR is not modelled; the CLI prints it empty)
  std::string last_known_elr;
  bool under_replicated = false;
  bool under_min_isr = false;
  bool at_min_isr = false;
  bool unavailable = false;
  LeaderEpoch leader_epoch = 0;
  std::vector<ReplicaCell> cells;  // in assignment order
};

struct TopicRows {
  std::string name;
  std::string topic_id;
  int32_t replication_factor = 0;
  std::string configs;             // "k=v,k=v"
  bool internal = false;
  std::vector<PartitionRow> partitions;
};

// Every topic the filter selects (topic name, internal), each with all its partitions.
std::vector<TopicRows> topic_rows(const Cluster& cluster, const TopicFilter& filter);
// Whether the row passes the four --*-partitions filters of `filter`.
bool row_matches(const PartitionRow& row, const TopicFilter& filter);
// The kafka-topics.sh --describe text of the rows; equals describe_topics(cluster, filter).
std::string format_topics(const std::vector<TopicRows>& topics, const TopicFilter& filter);

}  // namespace ksim::gui
