// Replication rules; cases follow kafka.cluster.PartitionTest / ReplicaTest behaviour.
#include <doctest/doctest.h>

#include "ksim/replica/replication_rules.h"

using namespace ksim;
using namespace ksim::replica;

TEST_CASE("replica: a fetch at the leader's LEO makes the follower caught up now") {
  // Kafka: ReplicaTest.testUpdateFetchStateWithFetchOffsetAtLeaderLogEndOffset (behaviour)
  FollowerFetchState f;
  update_follower_fetch_state(f, 10, 10, 5 * kSecond);
  CHECK(f.last_caught_up == 5 * kSecond);
  CHECK(f.log_end_offset == 10);
}

TEST_CASE("replica: a fetch reaching the previous leader LEO counts as caught up at that fetch") {
  FollowerFetchState f;
  update_follower_fetch_state(f, 5, 10, 1 * kSecond);   // behind
  CHECK(f.last_caught_up == 0);
  update_follower_fetch_state(f, 10, 15, 2 * kSecond);  // reached the LEO seen at the last fetch
  CHECK(f.last_caught_up == 1 * kSecond);
  update_follower_fetch_state(f, 12, 20, 3 * kSecond);  // not at 15: unchanged
  CHECK(f.last_caught_up == 1 * kSecond);
}

TEST_CASE("replica: a stuck follower stops being caught up after replica.lag.time.max.ms") {
  FollowerFetchState f;
  update_follower_fetch_state(f, 10, 10, 0);
  CHECK(is_caught_up(f, 20, 30 * kSecond, 30 * kSecond));
  CHECK_FALSE(is_caught_up(f, 20, 30 * kSecond + 1, 30 * kSecond));
  CHECK(is_caught_up(f, 10, kHour, 30 * kSecond));  // at the LEO: always caught up
  auto out = out_of_sync_replicas({0, 1}, 0, {{1, f}}, 20, 31 * kSecond, 30 * kSecond);
  CHECK(out == std::vector<BrokerId>{1});
}

TEST_CASE("replica: the HW is the smallest LEO among the ISR and caught-up followers") {
  std::map<BrokerId, FollowerFetchState> followers;
  followers[1] = {.log_end_offset = 7, .last_caught_up = 0};
  followers[2] = {.log_end_offset = 3, .last_caught_up = 0};  // out of ISR and lagging long
  const std::vector<BrokerId> isr{0, 1};
  HighWatermarkInput in{.leader_leo = 10, .followers = &followers, .maximal_isr = isr,
                        .min_insync_replicas = 1, .replication_factor = 3, .now = kHour};
  CHECK(leader_high_watermark(in) == 7);
  followers[2].last_caught_up = kHour;  // recently caught up: the HW waits for it
  CHECK(leader_high_watermark(in) == 3);
}

TEST_CASE("replica: under min ISR the HW does not move") {
  std::map<BrokerId, FollowerFetchState> followers;
  const std::vector<BrokerId> isr{0};
  HighWatermarkInput in{.leader_leo = 10, .followers = &followers, .maximal_isr = isr,
                        .min_insync_replicas = 2, .replication_factor = 3};
  CHECK_FALSE(leader_high_watermark(in).has_value());
  in.replication_factor = 1;  // effective min ISR is min(2, 1) = 1
  CHECK(leader_high_watermark(in) == 10);
  CHECK(is_under_min_isr(1, 2, 3));
  CHECK_FALSE(is_under_min_isr(2, 2, 3));
}

TEST_CASE("replica: a follower joins the ISR only at the HW and in the current leader epoch") {
  FollowerFetchState f{.log_end_offset = 8};
  CHECK(can_join_isr(f, 8, 5));
  CHECK_FALSE(can_join_isr(f, 9, 5));
  CHECK_FALSE(can_join_isr(f, 8, 9));
}
