#pragma once
// The leader's replication rules, pure: follower fetch state (Replica.updateFetchStateOrThrow),
// caught-up test, high-watermark advance (Partition.maybeIncrementLeaderHW, with the strict
// min-ISR rule of current Kafka), out-of-sync followers for ISR shrink (getOutOfSyncReplicas) and
// the ISR-expand condition (Partition.isFollowerInSync). No clock: callers pass `now`.
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "ksim/types/ids.h"
#include "ksim/types/time.h"

namespace ksim::replica {

struct FollowerFetchState {
  Offset log_end_offset = 0;
  Time last_caught_up = 0;          // lastCaughtUpTimeMs
  Time last_fetch = 0;              // lastFetchTimeMs
  Offset leader_leo_at_last_fetch = 0;
};

// A follower fetched from `fetch_offset` at `now` while the leader's LEO was `leader_leo`.
void update_follower_fetch_state(FollowerFetchState& state, Offset fetch_offset, Offset leader_leo,
                                 Time now);

// Replica.isCaughtUp: at the leader's LEO, or caught up within `max_lag`.
bool is_caught_up(const FollowerFetchState& state, Offset leader_leo, Time now, Duration max_lag);

struct HighWatermarkInput {
  Offset leader_leo = 0;
  const std::map<BrokerId, FollowerFetchState>* followers = nullptr;  // remote replicas
  std::span<const BrokerId> maximal_isr;  // committed ISR plus in-flight additions (KIP-497)
  int32_t min_insync_replicas = 1;
  int32_t replication_factor = 1;
  Time now = 0;
  Duration max_lag = 30 * kSecond;
};

// The high watermark the leader may move to, or nullopt when it may not move (under min ISR).
// The caller keeps the HW monotonic (the log refuses to move it back).
std::optional<Offset> leader_high_watermark(const HighWatermarkInput& in);

// Partition.isUnderMinIsr: ISR smaller than min(min.insync.replicas, replication factor).
bool is_under_min_isr(size_t isr_size, int32_t min_insync_replicas, int32_t replication_factor);

// ISR members other than the leader that are not caught up (stuck or slow).
std::vector<BrokerId> out_of_sync_replicas(const std::vector<BrokerId>& isr, BrokerId leader,
                                           const std::map<BrokerId, FollowerFetchState>& followers,
                                           Offset leader_leo, Time now, Duration max_lag);

// A follower may join the ISR when its LEO reached the HW and the current leader epoch's start.
bool can_join_isr(const FollowerFetchState& follower, Offset high_watermark,
                  Offset leader_epoch_start_offset);

}  // namespace ksim::replica
