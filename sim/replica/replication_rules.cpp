// Replication rules of kafka.cluster.Partition and Replica (see the header).
#include "ksim/replica/replication_rules.h"

#include <algorithm>

namespace ksim::replica {

void update_follower_fetch_state(FollowerFetchState& state, Offset fetch_offset, Offset leader_leo,
                                 Time now) {
  if (fetch_offset >= leader_leo) {
    state.last_caught_up = std::max(state.last_caught_up, now);
  } else if (fetch_offset >= state.leader_leo_at_last_fetch) {
    state.last_caught_up = std::max(state.last_caught_up, state.last_fetch);
  }
  state.log_end_offset = fetch_offset;
  state.last_fetch = now;
  state.leader_leo_at_last_fetch = leader_leo;
}

bool is_caught_up(const FollowerFetchState& state, Offset leader_leo, Time now, Duration max_lag) {
  return state.log_end_offset == leader_leo || now - state.last_caught_up <= max_lag;
}

bool is_under_min_isr(size_t isr_size, int32_t min_insync_replicas, int32_t replication_factor) {
  return static_cast<int32_t>(isr_size) < std::min(min_insync_replicas, replication_factor);
}

std::optional<Offset> leader_high_watermark(const HighWatermarkInput& in) {
  if (is_under_min_isr(in.maximal_isr.size(), in.min_insync_replicas, in.replication_factor))
    return std::nullopt;
  Offset hw = in.leader_leo;
  for (const auto& [id, f] : *in.followers) {
    bool in_isr = std::find(in.maximal_isr.begin(), in.maximal_isr.end(), id) !=
                  in.maximal_isr.end();
    bool recently_caught_up = in.now - f.last_caught_up <= in.max_lag;
    if (f.log_end_offset < hw && (in_isr || recently_caught_up)) hw = f.log_end_offset;
  }
  return hw;
}

std::vector<BrokerId> out_of_sync_replicas(const std::vector<BrokerId>& isr, BrokerId leader,
                                           const std::map<BrokerId, FollowerFetchState>& followers,
                                           Offset leader_leo, Time now, Duration max_lag) {
  std::vector<BrokerId> out;
  for (BrokerId id : isr) {
    if (id == leader) continue;
    auto it = followers.find(id);
    if (it == followers.end() || !is_caught_up(it->second, leader_leo, now, max_lag))
      out.push_back(id);
  }
  return out;
}

bool can_join_isr(const FollowerFetchState& follower, Offset high_watermark,
                  Offset leader_epoch_start_offset) {
  return follower.log_end_offset >= high_watermark &&
         follower.log_end_offset >= leader_epoch_start_offset;
}

}  // namespace ksim::replica
