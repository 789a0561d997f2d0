// kafka-topics.sh and kafka-consumer-groups.sh layouts (TopicCommand.PartitionDescription,
// ConsumerGroupCommand.printOffsets/printMembers/printState), from the cluster's state.
#include "ksim/cluster/describe.h"

#include <algorithm>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "ksim/log/log_config.h"

namespace ksim {
namespace {

std::string ids(const std::vector<BrokerId>& v) {
  std::string out;
  for (BrokerId id : v) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

int32_t topic_min_isr(const Cluster& c, const TopicRegistration& t) {
  auto it = t.configs.find("min.insync.replicas");
  return it != t.configs.end() ? std::stoi(it->second) : c.broker_config().min_insync_replicas;
}

bool partition_matches(const Cluster& c, const TopicRegistration& t,
                       const PartitionRegistration& p, const TopicFilter& f) {
  const int32_t min_isr = topic_min_isr(c, t);
  const int32_t isr = static_cast<int32_t>(p.isr.size());
  const Broker* leader = c.broker(p.leader);
  bool leader_live = leader != nullptr && leader->is_up();
  if (f.under_replicated && !(isr < static_cast<int32_t>(p.replicas.size()))) return false;
  if (f.under_min_isr && !(p.leader == kNoBroker || isr < min_isr)) return false;
  if (f.at_min_isr && isr != min_isr) return false;
  if (f.unavailable && leader_live) return false;
  return true;
}

// ServerTopicConfigSynonyms.TOPIC_CONFIG_SYNONYMS for the keys ksim's brokers merge into a
// topic's LogConfig (Broker::topic_log_config): topic key -> the broker key giving its default.
constexpr std::pair<std::string_view, std::string_view> kBrokerSynonyms[] = {
    {"cleanup.policy", "log.cleanup.policy"},
    {"max.message.bytes", "message.max.bytes"},
    {"min.insync.replicas", "min.insync.replicas"},
    {"retention.bytes", "log.retention.bytes"},
    {"retention.ms", "log.retention.ms"},
    {"segment.bytes", "log.segment.bytes"},
    {"unclean.leader.election.enable", "unclean.leader.election.enable"},
};

// The `Configs:` column. TopicCommand prints every entry of DescribeConfigs whose source is not
// DEFAULT_CONFIG: the topic's own overrides (TOPIC_CONFIG), and the configs whose broker synonym
// is set explicitly in the broker config (STATIC_BROKER_CONFIG, as server.properties does;
// ConfigHelper.createTopicConfigEntry). Values are the effective ones. Sorted by name: Kafka's
// order is that of a Scala hash map, which ksim does not reproduce.
std::string topic_configs_column(const Cluster& c, const TopicRegistration& t) {
  std::map<std::string, std::string> props;
  std::set<std::string> shown;
  for (const auto& [key, broker_key] : kBrokerSynonyms) {
    props[std::string(key)] = config_string(c.broker_config().effective, broker_key);
    if (c.spec().broker_config.count(std::string(broker_key))) shown.insert(std::string(key));
  }
  for (const auto& [key, value] : t.configs) {
    props[key] = value;
    shown.insert(key);
  }
  auto config = LogConfig::from(props, t.name);
  std::string out;
  for (const auto& [key, value] : config.is_ok() ? config->all_values() : props)
    if (shown.count(key)) out += (out.empty() ? "" : ",") + key + "=" + value;
  return out;
}

std::string missing(Offset o) { return o < 0 ? "-" : std::to_string(o); }

}  // namespace

std::string describe_topics(const Cluster& c, const TopicFilter& f) {
  if (!f.topic.empty() && c.controller().topic(f.topic) == nullptr) {
    // TopicCommand.ensureTopicExists, printed by TopicCommand.main.
    return "Error while executing topic command : Topic '" + f.topic +
           "' does not exist as expected\n";
  }
  std::string out;
  bool filtered = f.under_replicated || f.under_min_isr || f.at_min_isr || f.unavailable;
  for (const auto& [name, t] : c.controller().topics()) {
    if (!f.topic.empty() && name != f.topic) continue;
    if (f.topic.empty() && t.internal && !f.include_internal) continue;
    if (!filtered) {
      out += fmt::format("Topic: {}\tTopicId: {}\tPartitionCount: {}\tReplicationFactor: {}\t"
                         "Configs: {}\n",
                         name, t.topic_id, t.partitions.size(),
                         t.partitions.empty() ? 0 : t.partitions.front().replicas.size(),
                         topic_configs_column(c, t));
    }
    for (size_t i = 0; i < t.partitions.size(); i++) {
      const PartitionRegistration& p = t.partitions[i];
      if (!partition_matches(c, t, p, f)) continue;
      // Elr/LastKnownElr: a 4.0 broker answers DescribeTopicPartitions with empty lists when
      // eligible leader replicas are off, which TopicCommand prints as an empty field.
      out += fmt::format("\tTopic: {}\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}\t"
                         "Elr: \tLastKnownElr: \n",
                         name, i, p.leader == kNoBroker ? "none" : std::to_string(p.leader),
                         ids(p.replicas), ids(p.isr));
    }
  }
  return out;
}

std::vector<GroupOffsetRow> group_offset_rows(const Cluster& c, const GroupView& g) {
  auto row_for = [&](const TopicPartition& tp, const GroupView::Member* m) {
    const Partition* p = c.leader_partition(tp);
    Offset end = p ? p->log().high_watermark() : kNoOffset;  // LOG-END-OFFSET is the HW
    auto it = g.committed.find(tp);
    Offset current = it == g.committed.end() ? kNoOffset : it->second;
    GroupOffsetRow row{tp.topic, std::to_string(tp.partition), missing(current), missing(end),
                       "-", m ? m->member_id : "-", m ? m->host : "-", m ? m->client_id : "-"};
    if (current >= 0 && end >= 0) {
      row.lag_value = end - current;
      row.lag = std::to_string(end - current);
    }
    row.tp = tp;
    return row;
  };
  std::vector<const GroupView::Member*> with, without;
  for (const auto& m : g.members) (m.assignment.empty() ? without : with).push_back(&m);
  std::stable_sort(with.begin(), with.end(), [](auto* a, auto* b) {
    return a->assignment.size() > b->assignment.size();
  });
  std::vector<GroupOffsetRow> rows;
  std::vector<TopicPartition> owned;
  for (const auto* m : with) {
    std::vector<TopicPartition> parts = m->assignment;
    std::sort(parts.begin(), parts.end());
    for (const TopicPartition& tp : parts) {
      rows.push_back(row_for(tp, m));
      owned.push_back(tp);
    }
  }
  for (const auto* m : without)
    rows.push_back({"-", "-", "-", "-", "-", m->member_id, m->host, m->client_id});
  for (const auto& [tp, offset] : g.committed)
    if (std::find(owned.begin(), owned.end(), tp) == owned.end())
      rows.push_back(row_for(tp, nullptr));
  return rows;
}

std::string assignment_text(const std::vector<TopicPartition>& parts) {
  // The Java tool prints partitions grouped per topic without the topic name: "(0,1), (2)".
  std::map<std::string, std::vector<int32_t>> by_topic;
  for (const TopicPartition& tp : parts) by_topic[tp.topic].push_back(tp.partition);
  std::string out;
  for (auto& [topic, ps] : by_topic) {
    std::sort(ps.begin(), ps.end());
    std::string inner;
    for (int32_t p : ps) inner += (inner.empty() ? "" : ",") + std::to_string(p);
    out += (out.empty() ? "" : ", ") + ("(" + inner + ")");
  }
  return out.empty() ? "-" : out;
}

namespace {

std::string state_message(const GroupView& g) {
  if (g.state == "Empty") return "\nConsumer group '" + g.group_id + "' has no active members.\n";
  if (g.state == "PreparingRebalance" || g.state == "CompletingRebalance")
    return "\nWarning: Consumer group '" + g.group_id + "' is rebalancing.\n";
  return "";
}

size_t width(size_t floor, const std::vector<std::string>& values) {
  size_t w = floor;
  for (const std::string& v : values) w = std::max(w, v.size());
  return w;
}

std::string describe_offsets(const Cluster& c, const GroupView& g) {
  std::vector<GroupOffsetRow> rows = group_offset_rows(c, g);
  std::vector<std::string> topics{"TOPIC"}, consumers{"CONSUMER-ID"}, hosts{"HOST"};
  for (const GroupOffsetRow& r : rows) {
    topics.push_back(r.topic);
    consumers.push_back(r.consumer_id);
    hosts.push_back(r.host);
  }
  size_t gw = width(15, {g.group_id}), tw = width(15, topics), cw = width(15, consumers),
         hw = width(15, hosts);
  auto line = [&](const std::string& a, const std::string& b, const std::string& p,
                  const std::string& cur, const std::string& end, const std::string& lag,
                  const std::string& cid, const std::string& host, const std::string& client) {
    return fmt::format("{:<{}} {:<{}} {:<10} {:<15} {:<15} {:<15} {:<{}} {:<{}} {}\n", a, gw, b,
                       tw, p, cur, end, lag, cid, cw, host, hw, client);
  };
  std::string out = state_message(g) + "\n";
  out += line("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG",
              "CONSUMER-ID", "HOST", "CLIENT-ID");
  for (const GroupOffsetRow& r : rows)
    out += line(g.group_id, r.topic, r.partition, r.current_offset, r.log_end_offset, r.lag,
                r.consumer_id, r.host, r.client_id);
  return out;
}

std::string describe_members(const GroupView& g, bool verbose) {
  std::vector<std::string> consumers{"CONSUMER-ID"}, hosts{"HOST"}, clients{"CLIENT-ID"},
      instances{"GROUP-INSTANCE-ID"};
  bool any_static = false;
  for (const auto& m : g.members) {
    consumers.push_back(m.member_id);
    hosts.push_back(m.host);
    clients.push_back(m.client_id);
    instances.push_back(m.group_instance_id.empty() ? "-" : m.group_instance_id);
    any_static = any_static || !m.group_instance_id.empty();
  }
  size_t gw = width(15, {g.group_id}), cw = width(15, consumers), iw = width(15, instances),
         hw = width(15, hosts), lw = width(15, clients);
  auto line = [&](const std::string& grp, const std::string& cid, const std::string& inst,
                  const std::string& host, const std::string& client, const std::string& n,
                  const std::string& assignment) {
    std::string s = fmt::format("{:<{}} {:<{}} ", grp, gw, cid, cw);
    if (any_static) s += fmt::format("{:<{}} ", inst, iw);
    s += fmt::format("{:<{}} {:<{}} {:<12}", host, hw, client, lw, n);
    if (verbose) s += " " + assignment;
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + "\n";
  };
  std::string out = state_message(g) + "\n";
  out += line("GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS",
              "ASSIGNMENT");
  for (const auto& m : g.members)
    out += line(g.group_id, m.member_id, m.group_instance_id.empty() ? "-" : m.group_instance_id,
                m.host, m.client_id, std::to_string(m.assignment.size()),
                assignment_text(m.assignment));
  return out;
}

std::string describe_state(const GroupView& g) {
  std::string coordinator = g.coordinator == kNoBroker
                                ? "-"
                                : fmt::format("broker-{}:9092  ({})", g.coordinator, g.coordinator);
  size_t cw = std::max<size_t>(25, coordinator.size());
  size_t gw = std::max<size_t>(15, g.group_id.size());
  std::string fmt_line = "\n{:<{}} {:<{}} {:<20} {:<15} {}\n";
  std::string out = fmt::format(fmt::runtime(fmt_line), "GROUP", gw, "COORDINATOR (ID)", cw,
                                "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS");
  out.erase(0, 1);
  out = "\n" + out;
  out += fmt::format("{:<{}} {:<{}} {:<20} {:<15} {}\n", g.group_id, gw, coordinator, cw,
                     g.protocol.empty() ? "" : g.protocol, g.state, g.members.size());
  return out;
}

}  // namespace

std::string describe_group(const Cluster& c, const std::string& group_id, GroupDescribe what) {
  std::optional<GroupView> g = c.group(group_id);
  if (!g || g->state == "Dead") return "Consumer group '" + group_id + "' does not exist.\n";
  switch (what) {
    case GroupDescribe::Offsets: return describe_offsets(c, *g);
    case GroupDescribe::Members: return describe_members(*g, false);
    case GroupDescribe::MembersVerbose: return describe_members(*g, true);
    case GroupDescribe::State: return describe_state(*g);
  }
  return "";
}

}  // namespace ksim
