// Retention: whole segments, oldest first, never above the HW. Ports UnifiedLogTest's
// shouldDeleteSizeBasedSegments, shouldDeleteTimeBasedSegmentsReadyToBeDeleted,
// shouldNotDeleteTimeBasedSegmentsWhenNoneReadyToBeDeleted,
// shouldNotDeleteSegmentsWhenPolicyDoesNotIncludeDelete,
// shouldDeleteSegmentsReadyToBeDeletedWhenCleanupPolicyIsCompactAndDelete,
// shouldDeleteStartOffsetBreachedSegmentsWhenPolicyDoesNotIncludeDelete,
// testActiveSegmentDeletionDueToRetentionTimeBreach, testSegmentDeletionWithHighWatermark.
#include <doctest/doctest.h>

#include "log_test_util.h"

using namespace ksim;
using namespace ksim::test;

namespace {
// 15 batches of 100 bytes, segment.bytes 500: segments [0,5) [5,10) [10,15), the last active.
PartitionLog three_segments(std::map<std::string, std::string> overrides, int64_t ts_ms = 0) {
  overrides["segment.bytes"] = "500";
  PartitionLog log(tp0(), config_of(overrides), 0);
  for (int i = 0; i < 15; i++) {
    auto r = log.append_as_leader(batch_of(1, 100, ts_ms), 0, ts_ms);
    KSIM_ASSERT(r.is_ok());
  }
  KSIM_ASSERT(log.update_high_watermark(15).is_ok());
  return log;
}
}  // namespace

TEST_CASE("retention: size-based deletes oldest segments while the excess allows") {
  // shouldDeleteSizeBasedSegments: retention.bytes = 10 batches -> one segment goes.
  PartitionLog log = three_segments({{"retention.bytes", "1000"}});
  CHECK(log.delete_old_segments(0) == 1);
  CHECK(log.segments().size() == 2);
  CHECK(log.log_start_offset() == 5);
  CHECK(log.read(4, 1024, 15, true).code() == ErrorCode::OFFSET_OUT_OF_RANGE);
  // shouldNotDeleteSizeBasedSegmentsWhenUnderRetentionSize
  CHECK(log.delete_old_segments(0) == 0);
}

TEST_CASE("retention: time-based deletes expired segments including the active one") {
  // shouldDeleteTimeBasedSegmentsReadyToBeDeleted,
  // testActiveSegmentDeletionDueToRetentionTimeBreach
  PartitionLog log = three_segments({{"retention.ms", "1000"}}, 100);
  CHECK(log.delete_old_segments(1100) == 0);  // 1100 - 100 = 1000, not > 1000
  CHECK(log.delete_old_segments(1101) == 3);
  auto segs = log.segments();
  REQUIRE(segs.size() == 1);  // an empty segment rolled at the LEO first
  CHECK(segs[0].base_offset == 15);
  CHECK(segs[0].batch_count == 0);
  CHECK(log.log_start_offset() == 15);
  CHECK(log.log_end_offset() == 15);
  // The empty active segment is never deleted.
  CHECK(log.delete_old_segments(999999) == 0);
}

TEST_CASE("retention: nothing at or above the HW is deleted") {
  // testSegmentDeletionWithHighWatermark / UnifiedLog.deleteOldSegments upper-bound guard.
  PartitionLog log(tp0(), config_of({{"segment.bytes", "500"}, {"retention.ms", "10"}}), 0);
  for (int i = 0; i < 15; i++) REQUIRE(log.append_as_leader(batch_of(1, 100, 0), 0, 0).is_ok());
  REQUIRE(log.update_high_watermark(7).is_ok());
  CHECK(log.delete_old_segments(1000) == 1);  // [0,5) upper bound 5 <= 7; [5,10) bound 10 > 7
  CHECK(log.log_start_offset() == 5);
  REQUIRE(log.update_high_watermark(14).is_ok());
  CHECK(log.delete_old_segments(1000) == 1);  // the active [10,15) needs HW >= LEO
  REQUIRE(log.update_high_watermark(15).is_ok());
  CHECK(log.delete_old_segments(1000) == 1);
  CHECK(log.log_start_offset() == 15);
}

TEST_CASE("retention: a non-expired segment stops the pass even if later ones expired") {
  // Deletion stops at the first segment that fails the predicate (LocalLog.deletableSegments).
  PartitionLog log(tp0(), config_of({{"segment.bytes", "200"}, {"retention.ms", "100"}}), 0);
  REQUIRE(log.append_as_leader(batch_of(1, 100, 1000), 0, 0).is_ok());
  REQUIRE(log.append_as_leader(batch_of(1, 100, 1000), 0, 0).is_ok());
  REQUIRE(log.append_as_leader(batch_of(1, 100, 0), 0, 0).is_ok());  // [2..] older stamp
  REQUIRE(log.update_high_watermark(3).is_ok());
  CHECK(log.delete_old_segments(1050) == 0);  // shouldNotDeleteTimeBasedSegmentsWhenNoneReady
}

TEST_CASE("retention: compact-only topics keep old segments; compact,delete deletes them") {
  // shouldNotDeleteSegmentsWhenPolicyDoesNotIncludeDelete /
  // shouldDeleteSegmentsReadyToBeDeletedWhenCleanupPolicyIsCompactAndDelete
  PartitionLog compact = three_segments({{"retention.ms", "10"}, {"cleanup.policy", "compact"}});
  CHECK(compact.delete_old_segments(1000) == 0);
  PartitionLog both =
      three_segments({{"retention.ms", "10"}, {"cleanup.policy", "compact,delete"}});
  CHECK(both.delete_old_segments(1000) == 3);
}

TEST_CASE("retention: segments below the log start go whatever the policy") {
  // shouldDeleteStartOffsetBreachedSegmentsWhenPolicyDoesNotIncludeDelete
  PartitionLog log = three_segments({{"cleanup.policy", "compact"}});
  REQUIRE(log.increment_log_start_offset(11).is_ok());
  CHECK(log.delete_old_segments(0) == 2);  // [0,5) and [5,10): next base <= 11
  CHECK(log.log_start_offset() == 11);      // not moved back to the segment base 10
  CHECK(log.segments().front().base_offset == 10);
}

TEST_CASE("retention: deleting segments truncates the epoch cache from the start") {
  // UnifiedLog.maybeIncrementLogStartOffset -> leaderEpochCache.truncateFromStart.
  PartitionLog log(tp0(), config_of({{"segment.bytes", "200"}, {"retention.bytes", "0"}}), 0);
  REQUIRE(log.append_as_leader(batch_of(1, 100), 1, 0).is_ok());
  REQUIRE(log.append_as_leader(batch_of(1, 100), 2, 0).is_ok());
  REQUIRE(log.append_as_leader(batch_of(1, 100), 3, 0).is_ok());
  REQUIRE(log.append_as_leader(batch_of(1, 100), 3, 0).is_ok());
  REQUIRE(log.update_high_watermark(3).is_ok());
  CHECK(log.delete_old_segments(0) == 1);  // [0,2) only: [2,4) upper bound 4 > HW 3
  // Entries (1,0) (2,1) (3,2): all start <= 2, so only epoch 3 survives, moved to start 2.
  CHECK(log.epoch_cache().entries() == std::vector<EpochEntry>{{3, 2}});
}
