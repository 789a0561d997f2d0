// Partition: role changes, follower progress, HW and ISR proposals (kafka.cluster.Partition).
#include "ksim/broker/partition.h"

#include <algorithm>

#include "ksim/types/assert.h"

namespace ksim {
namespace {

bool contains(const std::vector<BrokerId>& v, BrokerId id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

}  // namespace

Partition::Partition(TopicPartition tp, LogConfig config, int64_t now_ms)
    : tp_(tp), log_(std::move(tp), std::move(config), now_ms) {}

bool Partition::apply_leader_and_isr(const LeaderAndIsrPartition& p, BrokerId self, Time now) {
  if (p.leader_epoch < leader_epoch_) return false;  // stale request
  bool changed = p.leader_epoch != leader_epoch_ || role_ == ReplicaRole::None;
  replicas_ = p.replicas;
  isr_ = p.isr;
  partition_epoch_ = p.partition_epoch;
  pending_isr_.reset();
  if (!changed && !(role_ == ReplicaRole::Leader && p.leader != self)) return false;
  leader_ = p.leader;
  leader_epoch_ = p.leader_epoch;
  if (p.leader == self) {
    role_ = ReplicaRole::Leader;
    // Partition.makeLeader: the new epoch starts at the LEO; followers start unknown.
    leader_epoch_start_offset_ = log_.log_end_offset();
    log_.assign_epoch_start_offset(leader_epoch_, leader_epoch_start_offset_);
    followers_.clear();
    for (BrokerId r : replicas_) {
      if (r == self) continue;
      followers_[r] = replica::FollowerFetchState{.log_end_offset = 0, .last_caught_up = now,
                                                  .last_fetch = now};
    }
  } else {
    role_ = ReplicaRole::Follower;
    followers_.clear();
  }
  return true;
}

std::span<const BrokerId> Partition::maximal_isr(std::vector<BrokerId>& scratch) const {
  if (!pending_isr_) return isr_;  // the hot case (every follower fetch): no copy
  scratch = isr_;
  for (BrokerId id : *pending_isr_)
    if (!contains(scratch, id)) scratch.push_back(id);  // in-flight additions count (KIP-497)
  return scratch;
}

bool Partition::under_min_isr() const {
  return replica::is_under_min_isr(isr_.size(), settings_.min_insync_replicas,
                                   static_cast<int32_t>(replicas_.size()));
}

bool Partition::maybe_increment_high_watermark(Time now) {
  KSIM_ASSERT(role_ == ReplicaRole::Leader);
  // The rule never proposes more than the leader's LEO: at the LEO already, nothing can move
  // (most partitions, most of the time, on every follower fetch).
  if (log_.high_watermark() >= log_.log_end_offset()) return false;
  std::vector<BrokerId> scratch;
  replica::HighWatermarkInput in{.leader_leo = log_.log_end_offset(), .followers = &followers_,
                                 .maximal_isr = maximal_isr(scratch),
                                 .min_insync_replicas = settings_.min_insync_replicas,
                                 .replication_factor = static_cast<int32_t>(replicas_.size()),
                                 .now = now, .max_lag = settings_.replica_lag_time_max};
  std::optional<Offset> hw = replica::leader_high_watermark(in);
  if (!hw || *hw <= log_.high_watermark()) return false;
  Status s = log_.update_high_watermark(*hw);
  KSIM_ASSERT_MSG(s.is_ok(), "leader HW computed above its LEO");
  return true;
}

bool Partition::on_follower_fetch(BrokerId follower, Offset fetch_offset, Time now) {
  auto it = followers_.find(follower);
  if (it == followers_.end()) return false;
  replica::update_follower_fetch_state(it->second, fetch_offset, log_.log_end_offset(), now);
  return maybe_increment_high_watermark(now);
}

std::optional<std::vector<BrokerId>> Partition::propose_isr_expand(BrokerId follower) {
  if (role_ != ReplicaRole::Leader || pending_isr_ || contains(isr_, follower)) return {};
  auto it = followers_.find(follower);
  if (it == followers_.end()) return {};
  if (!replica::can_join_isr(it->second, log_.high_watermark(), leader_epoch_start_offset_))
    return {};
  std::vector<BrokerId> proposal = isr_;
  proposal.push_back(follower);
  pending_isr_ = proposal;
  return proposal;
}

std::optional<std::vector<BrokerId>> Partition::propose_isr_shrink(Time now) {
  if (role_ != ReplicaRole::Leader || pending_isr_) return {};
  auto out = replica::out_of_sync_replicas(isr_, leader_, followers_, log_.log_end_offset(), now,
                                           settings_.replica_lag_time_max);
  if (out.empty()) return {};
  std::vector<BrokerId> proposal;
  for (BrokerId id : isr_)
    if (!contains(out, id)) proposal.push_back(id);
  pending_isr_ = proposal;
  return proposal;
}

void Partition::on_alter_partition_response(const AlterPartitionResponse& r, Time now) {
  pending_isr_.reset();
  if (r.leader_epoch != leader_epoch_) return;
  // An error still carries the committed state: a stale partition epoch (our earlier change
  // was applied but its answer lost) teaches us the ISR the controller holds.
  if (r.error != ErrorCode::NONE && r.partition_epoch <= partition_epoch_) return;
  isr_ = r.isr;
  partition_epoch_ = r.partition_epoch;
  if (role_ == ReplicaRole::Leader) maybe_increment_high_watermark(now);
}

}  // namespace ksim
