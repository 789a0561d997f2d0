#pragma once
// One partition replica on a broker: its log plus its role (leader or follower) with the
// leader's view of follower progress, the HW rule and ISR changes. Follows kafka.cluster.Partition.
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "ksim/log/partition_log.h"
#include "ksim/protocol/controller_apis.h"
#include "ksim/replica/replication_rules.h"

namespace ksim {

enum class ReplicaRole { None, Leader, Follower };

struct PartitionSettings {
  int32_t min_insync_replicas = 1;
  Duration replica_lag_time_max = 30 * kSecond;
};

class Partition {
 public:
  Partition(TopicPartition tp, LogConfig config, int64_t now_ms);

  const TopicPartition& tp() const { return tp_; }
  ReplicaRole role() const { return role_; }
  BrokerId leader() const { return leader_; }
  LeaderEpoch leader_epoch() const { return leader_epoch_; }
  int32_t partition_epoch() const { return partition_epoch_; }
  const std::vector<BrokerId>& replicas() const { return replicas_; }
  const std::vector<BrokerId>& isr() const { return isr_; }
  const PartitionLog& log() const { return log_; }
  PartitionLog& mutable_log() { return log_; }
  const std::map<BrokerId, replica::FollowerFetchState>& followers() const { return followers_; }
  const PartitionSettings& settings() const { return settings_; }
  void set_settings(const PartitionSettings& s) { settings_ = s; }

  // Applies a LeaderAndIsr entry for this broker. Returns true when the role or epoch changed.
  bool apply_leader_and_isr(const LeaderAndIsrPartition& p, BrokerId self, Time now);
  // Forgets the role (broker crash): the log stays, as on disk.
  void reset_role() { role_ = ReplicaRole::None; pending_isr_.reset(); followers_.clear(); }

  // Leader: a follower fetched from fetch_offset. Returns true if the HW moved.
  bool on_follower_fetch(BrokerId follower, Offset fetch_offset, Time now);
  // Leader: recomputes the HW (after an append or an ISR change). Returns true if it moved.
  bool maybe_increment_high_watermark(Time now);
  bool under_min_isr() const;

  // Leader: the ISR change to propose now, if any (expand on catch-up, shrink on lag); at most
  // one in flight (KIP-497). The caller sends it in an AlterPartition request.
  std::optional<std::vector<BrokerId>> propose_isr_expand(BrokerId follower);
  std::optional<std::vector<BrokerId>> propose_isr_shrink(Time now);
  void on_alter_partition_response(const AlterPartitionResponse& r, Time now);
  bool alter_in_flight() const { return pending_isr_.has_value(); }
  // The in-flight AlterPartition was lost (timed out): allow a new proposal.
  void abandon_alter_partition() { pending_isr_.reset(); }

 private:
  // The ISR plus in-flight additions; a view of isr_, or of `scratch` when it had to add.
  std::span<const BrokerId> maximal_isr(std::vector<BrokerId>& scratch) const;

  TopicPartition tp_;
  PartitionLog log_;
  PartitionSettings settings_;
  ReplicaRole role_ = ReplicaRole::None;
  BrokerId leader_ = kNoBroker;
  LeaderEpoch leader_epoch_ = -1;
  int32_t partition_epoch_ = -1;
  Offset leader_epoch_start_offset_ = 0;
  std::vector<BrokerId> replicas_;
  std::vector<BrokerId> isr_;
  std::optional<std::vector<BrokerId>> pending_isr_;
  std::map<BrokerId, replica::FollowerFetchState> followers_;
};

}  // namespace ksim
