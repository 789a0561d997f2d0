// Leader-epoch cache edge cases, ported from Kafka's LeaderEpochFileCacheTest
// (storage/src/test/java/org/apache/kafka/storage/internals/epoch/LeaderEpochFileCacheTest).
#include <doctest/doctest.h>

#include "ksim/log/leader_epoch_cache.h"

using namespace ksim;

namespace {
EpochEndOffset eo(LeaderEpoch e, Offset o) { return {e, o}; }
}  // namespace

TEST_CASE("epoch_cache: assign then end offset of the latest epoch is the LEO") {
  // LeaderEpochFileCacheTest.shouldAddEpochAndMessageOffsetToCache
  LeaderEpochCache cache;
  cache.assign(2, 10);
  CHECK(cache.latest_epoch() == 2);
  CHECK(cache.end_offset_for(2, 11) == eo(2, 11));
}

TEST_CASE("epoch_cache: same epoch with a later offset is not re-assigned") {
  // shouldNotOverwriteOffsetForALeaderEpochOnceItHasBeenAssigned
  LeaderEpochCache cache;
  CHECK(cache.assign(2, 6));
  CHECK_FALSE(cache.assign(2, 10));
  CHECK(cache.entries() == std::vector<EpochEntry>{{2, 6}});
}

TEST_CASE("epoch_cache: a lower epoch truncates the entries it conflicts with") {
  // shouldNotUpdateEpochAndStartOffsetIfItDidNotChange / shouldRetainLatestEpochOnClearAllEarliest
  // maybeTruncateNonMonotonicEntries: new (3, 8) removes (4, 9) and (5, 10) by epoch.
  LeaderEpochCache cache;
  cache.assign(2, 6);
  cache.assign(4, 9);
  cache.assign(5, 10);
  cache.assign(3, 8);
  CHECK(cache.entries() == std::vector<EpochEntry>{{2, 6}, {3, 8}});
  // A higher epoch at a lower offset removes entries with start offset >= it.
  cache.assign(7, 7);
  CHECK(cache.entries() == std::vector<EpochEntry>{{2, 6}, {7, 7}});
}

TEST_CASE("epoch_cache: end offset of an earlier epoch is the next epoch's start") {
  // shouldReturnNextAvailableEpochIfThereIsNoExactEpochForTheOneRequested
  LeaderEpochCache cache;
  cache.assign(0, 10);
  cache.assign(2, 13);
  cache.assign(4, 17);
  CHECK(cache.end_offset_for(0, 20) == eo(0, 13));
  CHECK(cache.end_offset_for(1, 20) == eo(0, 13));  // largest epoch <= 1 is 0
  CHECK(cache.end_offset_for(3, 20) == eo(2, 17));
  CHECK(cache.end_offset_for(4, 20) == eo(4, 20));
}

TEST_CASE("epoch_cache: requested epoch below every entry gives the first start offset") {
  // shouldReturnFirstEpochIfRequestedEpochLessThanFirstEpoch
  LeaderEpochCache cache;
  cache.assign(5, 11);
  cache.assign(6, 12);
  CHECK(cache.end_offset_for(4, 20) == eo(4, 11));
}

TEST_CASE("epoch_cache: undefined epoch and epochs above the latest are undefined") {
  // shouldReturnUnsupportedIfNoEpochRecorded / shouldReturnUnsupportedIfRequestedEpochIsUndefined
  LeaderEpochCache cache;
  CHECK(cache.end_offset_for(0, 0) == eo(-1, -1));
  cache.assign(2, 10);
  CHECK(cache.end_offset_for(-1, 11) == eo(-1, -1));
  CHECK(cache.end_offset_for(3, 11) == eo(-1, -1));
}

TEST_CASE("epoch_cache: truncate_from_end removes entries starting at or after the offset") {
  // shouldDropEntriesOnEpochBoundaryWhenRemovingLatestEntries,
  // shouldNotResetEpochHistoryTailIfUndefinedPassed
  LeaderEpochCache cache;
  cache.assign(2, 6);
  cache.assign(3, 8);
  cache.assign(4, 11);
  cache.truncate_from_end(8);
  CHECK(cache.entries() == std::vector<EpochEntry>{{2, 6}});
  cache.truncate_from_end(100);  // above the latest start: nothing
  CHECK(cache.entries() == std::vector<EpochEntry>{{2, 6}});
  cache.truncate_from_end(-1);   // UNDEFINED: nothing
  CHECK(cache.entries().size() == 1);
}

TEST_CASE("epoch_cache: truncate_from_start moves the surviving epoch's start (exclusive)") {
  // shouldUpdateSavedOffsetWhenOffsetToClearToIsBetweenEpochs,
  // shouldRetainLatestEpochOnClearAllEarliestAndUpdateItsOffset
  LeaderEpochCache cache;
  cache.assign(2, 6);
  cache.assign(3, 8);
  cache.assign(4, 11);
  cache.truncate_from_start(9);
  CHECK(cache.entries() == std::vector<EpochEntry>{{3, 9}, {4, 11}});
  cache.truncate_from_start(11);
  CHECK(cache.entries() == std::vector<EpochEntry>{{4, 11}});
  cache.truncate_from_start(5);  // before the first entry: nothing
  CHECK(cache.entries() == std::vector<EpochEntry>{{4, 11}});
  cache.truncate_from_start(20);
  CHECK(cache.entries() == std::vector<EpochEntry>{{4, 20}});
}

TEST_CASE("epoch_cache: epoch_for_offset picks the entry at or before the offset") {
  // testEpochForOffset
  LeaderEpochCache cache;
  cache.assign(1, 0);
  cache.assign(3, 5);
  CHECK(cache.epoch_for_offset(0) == 1);
  CHECK(cache.epoch_for_offset(4) == 1);
  CHECK(cache.epoch_for_offset(5) == 3);
  CHECK(cache.epoch_for_offset(100) == 3);
  LeaderEpochCache later;
  later.assign(2, 10);
  CHECK_FALSE(later.epoch_for_offset(3).has_value());
  CHECK(cache.previous_epoch(3) == 1);
  CHECK_FALSE(cache.previous_epoch(1).has_value());
}
