// Partitions table rows from the controller's registrations and each broker's replica.
#include "gui/model/topic_rows.h"

#include <algorithm>
#include <fmt/format.h>

namespace ksim::gui {
namespace {

std::string ids(const std::vector<BrokerId>& v) {
  std::string out;
  for (BrokerId id : v) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

int32_t min_isr_of(const Cluster& c, const TopicRegistration& t) {
  auto it = t.configs.find("min.insync.replicas");
  return it != t.configs.end() ? std::stoi(it->second) : c.broker_config().min_insync_replicas;
}

ReplicaCell replica_cell(const Cluster& c, const TopicPartition& tp,
                         const PartitionRegistration& p, BrokerId id) {
  ReplicaCell cell{.broker = id};
  cell.in_isr = std::find(p.isr.begin(), p.isr.end(), id) != p.isr.end();
  cell.leader = p.leader == id;
  const Broker* b = c.broker(id);
  const Partition* part = b ? b->partition(tp) : nullptr;
  cell.online = b != nullptr && b->is_up() && part != nullptr;
  if (part != nullptr) {
    cell.log_start = part->log().log_start_offset();
    cell.high_watermark = part->log().high_watermark();
    cell.log_end = part->log().log_end_offset();
    cell.leader_epoch = part->leader_epoch();
  }
  return cell;
}

PartitionRow partition_row(const Cluster& c, const TopicRegistration& t, int32_t index) {
  const PartitionRegistration& p = t.partitions[static_cast<size_t>(index)];
  TopicPartition tp{t.name, index};
  PartitionRow row{.topic = t.name, .partition = index,
                   .leader = p.leader == kNoBroker ? "none" : std::to_string(p.leader),
                   .replicas = ids(p.replicas), .isr = ids(p.isr)};
  const int32_t isr = static_cast<int32_t>(p.isr.size());
  const int32_t min_isr = min_isr_of(c, t);
  const Broker* leader = c.broker(p.leader);
  row.under_replicated = isr < static_cast<int32_t>(p.replicas.size());
  row.under_min_isr = p.leader == kNoBroker || isr < min_isr;
  row.at_min_isr = isr == min_isr;
  row.unavailable = !(leader != nullptr && leader->is_up());
  row.leader_epoch = p.leader_epoch;
  for (BrokerId id : p.replicas) row.cells.push_back(replica_cell(c, tp, p, id));
  return row;
}

}  // namespace

std::vector<TopicRows> topic_rows(const Cluster& c, const TopicFilter& f) {
  std::vector<TopicRows> out;
  for (const auto& [name, t] : c.controller().topics()) {
    if (!f.topic.empty() && name != f.topic) continue;
    if (f.topic.empty() && t.internal && !f.include_internal) continue;
    TopicRows rows{.name = name, .topic_id = t.topic_id, .internal = t.internal};
    rows.replication_factor =
        t.partitions.empty() ? 0 : static_cast<int32_t>(t.partitions.front().replicas.size());
    for (const auto& [k, v] : t.configs)
      rows.configs += (rows.configs.empty() ? "" : ",") + k + "=" + v;
    for (size_t i = 0; i < t.partitions.size(); i++)
      rows.partitions.push_back(partition_row(c, t, static_cast<int32_t>(i)));
    out.push_back(std::move(rows));
  }
  return out;
}

bool row_matches(const PartitionRow& row, const TopicFilter& f) {
  if (f.under_replicated && !row.under_replicated) return false;
  if (f.under_min_isr && !row.under_min_isr) return false;
  if (f.at_min_isr && !row.at_min_isr) return false;
  if (f.unavailable && !row.unavailable) return false;
  return true;
}

std::string format_topics(const std::vector<TopicRows>& topics, const TopicFilter& f) {
  std::string out;
  bool filtered = f.under_replicated || f.under_min_isr || f.at_min_isr || f.unavailable;
  for (const TopicRows& t : topics) {
    if (!filtered) {
      out += fmt::format("Topic: {}\tTopicId: {}\tPartitionCount: {}\tReplicationFactor: {}\t"
                         "Configs: {}\n",
                         t.name, t.topic_id, t.partitions.size(), t.replication_factor,
                         t.configs);
    }
    for (const PartitionRow& r : t.partitions) {
      if (!row_matches(r, f)) continue;
      out += fmt::format("\tTopic: {}\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}\t"
                         "Elr: {}\tLastKnownElr: {}\n",
                         r.topic, r.partition, r.leader, r.replicas, r.isr, r.elr,
                         r.last_known_elr);
    }
  }
  return out;
}

}  // namespace ksim::gui
