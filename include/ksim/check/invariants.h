#pragma once
// Replication invariants, asserted during every scenario run (TigerBeetle's *_checker.zig, in
// the spirit of Kafka's own assertions in Partition/UnifiedLog and of Jepsen's checks): the HW
// never moves back and never passes the LEO, one leader per leader epoch, an ISR member's log
// agrees with its leader's below the HW, and (acks=all, min.insync.replicas >= 2, unclean
// election off) committed records are never lost. Observes the cluster, never mutates it.
//
// Mechanism: a trace listener. Every `partition.hw`, `replica.role`, `replica.truncate`,
// `log.append` and `node.restart` event triggers the checks for the partition (or broker) it
// names, synchronously, at the virtual time of the event. The first violation is kept and
// handed to the `on_violation` callback once; later events are ignored. The scenario runner
// turns it into the run's error (ScriptError: seed, time, invariant, partition); tests read
// first_violation(). See docs/replication.md, "Invariants".
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ksim/cluster/cluster.h"

namespace ksim {

struct InvariantViolation {
  std::string invariant;   // "hw-monotonic", "hw-le-leo", "one-leader-per-epoch",
                           // "isr-log-agreement", "committed-not-lost"
  TopicPartition tp;
  BrokerId broker = kNoBroker;
  Time at = 0;             // virtual time of the event that broke it
  uint64_t seed = 0;
  std::string detail;
  // "invariant <name> violated on <tp> (broker N) at <time>, seed S: <detail>"
  std::string to_string() const;
};

// ---- Pure checks (unit-tested on hand-built logs) --------------------------------------------

// The first offset in [from, to) where the two logs' batches differ, or nullopt when they agree
// there. Offsets below either log's start are skipped (retention runs independently).
// REQUIRES: to <= both logs' LEO.
std::optional<Offset> first_disagreement(const PartitionLog& leader, const PartitionLog& follower,
                                         Offset from, Offset to);

// A committed batch as the checker remembers it (identity, not a copy of the payload).
struct CommittedBatch {
  Offset last_offset = kNoOffset;
  LeaderEpoch epoch = -1;
  uint64_t fingerprint = 0;  // batch_fingerprint() when it became committed
};
using CommittedLog = std::map<Offset, CommittedBatch>;  // by base offset

// A hash of a batch's header fields and payloads (equal batches, equal fingerprints).
uint64_t batch_fingerprint(const RecordBatch& batch);

// The first committed base offset the log no longer holds unchanged, or nullopt.
std::optional<Offset> first_lost_committed(const CommittedLog& committed, const PartitionLog& log);

// ---- The trace-driven checker ------------------------------------------------------------------

class InvariantChecker {
 public:
  using OnViolation = std::function<void(const InvariantViolation&)>;

  // Registers a trace listener on the cluster's kernel (the only use of the non-const
  // reference). `on_violation` may be empty. The checker must not outlive the cluster.
  InvariantChecker(Cluster& cluster, OnViolation on_violation);
  ~InvariantChecker();
  InvariantChecker(const InvariantChecker&) = delete;
  InvariantChecker& operator=(const InvariantChecker&) = delete;

  const std::optional<InvariantViolation>& first_violation() const { return violation_; }
  // How many events triggered checks (for tests: the checker really ran).
  int64_t checks() const { return checks_; }
  // Feeds one event (what the listener does); public so tests can inject forged events.
  void on_event(Time t, const TraceEvent& e);

 private:
  struct ReplicaKey {
    BrokerId broker;
    TopicPartition tp;
    auto operator<=>(const ReplicaKey&) const = default;
  };

  void check_hw(Time t, BrokerId broker, const TopicPartition& tp, Offset hw);
  void check_leader_epoch(Time t, BrokerId broker, const TopicPartition& tp, LeaderEpoch epoch);
  void check_isr_agreement(Time t, const TopicPartition& tp);
  void record_committed(const TopicPartition& tp, const PartitionLog& log);
  void check_committed(Time t, BrokerId broker, const TopicPartition& tp);
  bool durability_applies(const TopicPartition& tp) const;
  bool checked_topic(const std::string& topic) const;
  void forget_broker(BrokerId broker);
  void fail(Time t, std::string invariant, const TopicPartition& tp, BrokerId broker,
            std::string detail);

  Cluster& cluster_;
  OnViolation on_violation_;
  const std::string default_cleanup_policy_;  // the broker's log.cleanup.policy
  const std::string default_min_isr_;         // the broker's min.insync.replicas
  const std::string default_unclean_;         // the broker's unclean.leader.election.enable
  int listener_ = 0;
  std::optional<InvariantViolation> violation_;
  int64_t checks_ = 0;
  std::map<ReplicaKey, Offset> last_hw_;                 // per replica, reset by truncation
  std::map<std::pair<TopicPartition, LeaderEpoch>, BrokerId> epoch_leader_;
  // (tp, leader, follower) -> the follower's log was verified equal to the leader's below it.
  std::map<std::tuple<TopicPartition, BrokerId, BrokerId>, Offset> agreed_to_;
  std::map<TopicPartition, CommittedLog> committed_;
  std::map<TopicPartition, Offset> committed_to_;        // committed_ covers offsets below this
  std::map<TopicPartition, std::set<BrokerId>> lost_unflushed_;  // replicas that lost data
};

// Builds a checker, hands it to the cluster to keep (Cluster::add_observer) and returns it.
// The scenario runner calls this from cluster{}; a test may build an InvariantChecker itself.
std::shared_ptr<InvariantChecker> install_invariant_checker(Cluster& cluster,
                                                            InvariantChecker::OnViolation f);

}  // namespace ksim
