#pragma once
// The run's history for the delivery checker (observes, never mutates): every send attempt and
// its outcome (from the producers), every record polled (from the consumers), and, recorded
// from the trace as they happen, every commit, assignment, rebalance and offset reset/seek.
// Defined in docs/delivery-checker.md.
#include <memory>
#include <string>
#include <vector>

#include "ksim/cluster/cluster.h"

namespace ksim {

struct CommitEntry {
  Time at = 0;
  std::string consumer, group;
  TopicPartition tp;
  Offset offset = kNoOffset;
  GenerationId generation = -1;
};

struct AssignmentEntry {
  Time at = 0;
  std::string consumer, group;
  GenerationId generation = -1;
  std::string partitions;  // "t-0,t-1" as traced
};

struct RebalanceEntry {
  Time at = 0;
  std::string group;
  GenerationId generation = -1;  // the generation it leaves (group.rebalance)
  std::string reason;
};

// A position change that is not the next record: auto.offset.reset or the committed offset
// taken after an assignment. Skips and rewinds across one are expected, not anomalies.
struct SeekEntry {
  Time at = 0;
  std::string consumer;
  TopicPartition tp;
  Offset offset = kNoOffset;
  std::string why;  // "reset (auto.offset.reset=earliest)", "committed offset"
};

class History {
 public:
  // Registers a trace listener; must not outlive the cluster.
  explicit History(Cluster& cluster);
  ~History();
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  const Cluster& cluster() const { return cluster_; }
  const std::vector<CommitEntry>& commits() const { return commits_; }
  const std::vector<AssignmentEntry>& assignments() const { return assignments_; }
  const std::vector<RebalanceEntry>& rebalances() const { return rebalances_; }
  const std::vector<SeekEntry>& seeks() const { return seeks_; }
  void on_event(Time t, const TraceEvent& e);

 private:
  Cluster& cluster_;
  int listener_ = 0;
  std::vector<CommitEntry> commits_;
  std::vector<AssignmentEntry> assignments_;
  std::vector<RebalanceEntry> rebalances_;
  std::vector<SeekEntry> seeks_;
};

// Creates a History kept alive by the cluster (Cluster::add_observer).
std::shared_ptr<History> install_history(Cluster& cluster);

}  // namespace ksim
