// The swarm's liveness condition: ISR full, groups Stable, lag drained, no send outstanding.
#include "ksim/check/convergence.h"

#include <fmt/format.h>

#include <set>

namespace ksim {
namespace {

std::string broker_list(const std::vector<BrokerId>& ids) {
  std::string out;
  for (BrokerId b : ids) out += (out.empty() ? "" : ",") + std::to_string(b);
  return "[" + out + "]";
}

// A dead broker may still be in every ISR until broker.session.timeout.ms fences it: the
// brokers themselves must be up and registered unfenced.
void check_brokers(const Cluster& c, std::vector<std::string>& out) {
  for (const auto& b : c.brokers())
    if (!b->is_up()) out.push_back(b->name() + ": down");
  for (const auto& [id, reg] : c.controller().brokers())
    if (reg.fenced) out.push_back(fmt::format("broker-{}: fenced by the controller", id));
}

void check_partitions(const Cluster& c, std::vector<std::string>& out) {
  for (const auto& [name, topic] : c.controller().topics()) {
    for (size_t p = 0; p < topic.partitions.size(); p++) {
      const PartitionRegistration& r = topic.partitions[p];
      std::string tp = fmt::format("{}-{}", name, p);
      if (r.leader == kNoBroker) out.push_back(tp + ": no leader");
      else if (r.isr.size() < r.replicas.size())
        out.push_back(fmt::format("{}: ISR {} of replicas {}", tp, broker_list(r.isr),
                                  broker_list(r.replicas)));
    }
  }
}

void check_group(const Cluster& c, const std::string& id, std::vector<std::string>& out) {
  bool running = false;
  std::set<std::string> topics;  // subscribed by the running members
  for (const auto& consumer : c.consumers()) {
    if (consumer->config().group_id != id || !consumer->is_up() || consumer->closed()) continue;
    running = true;
    topics.insert(consumer->options().topics.begin(), consumer->options().topics.end());
  }
  std::optional<GroupView> g = c.group(id);
  if (!g) return out.push_back("group " + id + ": no coordinator answers for it");
  if (running && g->state != "Stable") out.push_back("group " + id + ": " + g->state);
  std::set<TopicPartition> owned;
  for (const GroupView::Member& m : g->members) owned.insert(m.assignment.begin(),
                                                             m.assignment.end());
  // A Stable group must own every partition of what its members subscribe to: a leader that
  // assigned before it knew a topic leaves it unread (and its lag would never show).
  for (const std::string& t : topics) {
    const TopicRegistration* reg = c.controller().topic(t);
    if (reg == nullptr) continue;
    for (size_t p = 0; p < reg->partitions.size(); p++) {
      TopicPartition tp{t, static_cast<int32_t>(p)};
      if (!owned.count(tp))
        out.push_back(fmt::format("group {}: {}-{} is assigned to no member", id, t, p));
    }
  }
  for (const TopicPartition& tp : owned) {
    const Partition* p = c.leader_partition(tp);
    if (p == nullptr) continue;  // reported with the partitions
    Offset hw = p->log().high_watermark();
    auto it = g->committed.find(tp);
    Offset committed = it == g->committed.end() ? 0 : it->second;
    if (committed < hw)
      out.push_back(fmt::format("group {}: lag {} on {}-{} (committed {}, high watermark {})", id,
                                hw - committed, tp.topic, tp.partition, committed, hw));
  }
}

}  // namespace

std::vector<std::string> convergence_problems(const Cluster& c) {
  std::vector<std::string> out;
  check_brokers(c, out);
  check_partitions(c, out);
  for (const std::string& id : c.group_ids()) check_group(c, id, out);
  for (const auto& p : c.producers()) {
    int64_t open = 0;
    for (const SendRecord& r : p->records()) open += r.outcome == SendOutcome::Pending ? 1 : 0;
    if (open > 0 && p->is_up())
      out.push_back(fmt::format("producer {}: {} send(s) outstanding", p->name(), open));
  }
  return out;
}

}  // namespace ksim
