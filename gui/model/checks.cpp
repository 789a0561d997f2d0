// Checks: live invariants over the cluster, and the scenario's expectations as rows.
#include "gui/model/checks.h"

#include <algorithm>
#include <map>

namespace ksim::gui {
namespace {

CheckRow offsets_ordered(const Cluster& c) {
  CheckRow row{.name = "log start <= HW <= LEO on every replica",
               .detail = "every replica of every broker"};
  for (const auto& b : c.brokers()) {
    for (const auto& [tp, p] : b->partitions()) {
      const PartitionLog& log = p.log();
      if (log.log_start_offset() <= log.high_watermark() &&
          log.high_watermark() <= log.log_end_offset())
        continue;
      row.passed = false;
      row.detail = b->name() + " " + tp.to_string() + ": log start " +
                   std::to_string(log.log_start_offset()) + ", HW " +
                   std::to_string(log.high_watermark()) + ", LEO " +
                   std::to_string(log.log_end_offset());
      return row;
    }
  }
  return row;
}

CheckRow one_leader(const Cluster& c) {
  CheckRow row{.name = "one leader per partition and epoch",
               .detail = "live replicas acting as leader, by epoch"};
  std::map<std::pair<TopicPartition, LeaderEpoch>, std::string> leaders;
  for (const auto& b : c.brokers()) {
    if (!b->is_up()) continue;
    for (const auto& [tp, p] : b->partitions()) {
      if (p.role() != ReplicaRole::Leader) continue;
      auto [it, fresh] = leaders.try_emplace({tp, p.leader_epoch()}, b->name());
      if (fresh) continue;
      row.passed = false;
      row.detail = tp.to_string() + " epoch " + std::to_string(p.leader_epoch()) + ": " +
                   it->second + " and " + b->name();
      return row;
    }
  }
  return row;
}

CheckRow leader_in_isr(const Cluster& c) {
  CheckRow row{.name = "registered leader is in the ISR", .detail = "controller registrations"};
  for (const auto& [name, t] : c.controller().topics()) {
    for (size_t i = 0; i < t.partitions.size(); i++) {
      const PartitionRegistration& p = t.partitions[i];
      if (p.leader == kNoBroker) continue;
      if (std::find(p.isr.begin(), p.isr.end(), p.leader) != p.isr.end()) continue;
      row.passed = false;
      row.detail = name + "-" + std::to_string(i) + ": leader " + std::to_string(p.leader) +
                   " not in ISR";
      return row;
    }
  }
  return row;
}

CheckRow assigned_once(const Cluster& c) {
  CheckRow row{.name = "a Stable group assigns each partition once",
               .detail = "coordinator's member assignments"};
  for (const std::string& g : c.group_ids()) {
    std::optional<GroupView> view = c.group(g);
    if (!view || view->state != "Stable") continue;
    std::map<TopicPartition, std::string> owner;
    for (const auto& m : view->members) {
      for (const TopicPartition& tp : m.assignment) {
        auto [it, fresh] = owner.try_emplace(tp, m.client_id);
        if (fresh) continue;
        row.passed = false;
        row.detail = g + ": " + tp.to_string() + " owned by " + it->second + " and " + m.client_id;
        return row;
      }
    }
  }
  return row;
}

}  // namespace

std::vector<CheckRow> invariant_checks(const Cluster& c) {
  return {offsets_ordered(c), one_leader(c), leader_in_isr(c), assigned_once(c)};
}

std::vector<CheckRow> expectation_checks(const std::vector<ExpectationItem>& expectations) {
  std::vector<CheckRow> rows;
  for (const ExpectationItem& e : expectations) {
    rows.push_back({.name = e.description, .passed = e.passed,
                    .detail = e.passed ? "passed" : "FAILED",
                    .where = e.file + ":" + std::to_string(e.line), .t = e.t});
  }
  return rows;
}

}  // namespace ksim::gui
