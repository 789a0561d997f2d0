// Segment rolling by size and by record timestamps. Ports LogSegmentTest.shouldRoll cases and
// UnifiedLogTest.testSizeBasedLogRoll / testTimeBasedLogRollDuringAppend / testTimeBasedLogRoll.
#include <doctest/doctest.h>

#include "log_test_util.h"

using namespace ksim;
using namespace ksim::test;

TEST_CASE("log_segment: rolls when size > segment.bytes - incoming batch size") {
  // UnifiedLogTest.testSizeBasedLogRoll: 100-byte batches, segment.bytes 500 -> 5 per segment.
  PartitionLog log(tp0(), config_of({{"segment.bytes", "500"}}), 0);
  for (int i = 0; i < 12; i++) REQUIRE(log.append_as_leader(batch_of(1, 100), 0, 0).is_ok());
  auto segs = log.segments();
  REQUIRE(segs.size() == 3);
  CHECK(segs[0].base_offset == 0);
  CHECK(segs[0].batch_count == 5);
  CHECK(segs[0].size_bytes == 500);
  CHECK(segs[1].base_offset == 5);
  CHECK(segs[2].base_offset == 10);
  CHECK(segs[2].next_offset == 12);
}

TEST_CASE("log_segment: a batch larger than segment.bytes goes alone into a segment") {
  // An empty active segment is never rolled for an empty one at the same offset (LocalLog.roll
  // replaces it); the oversized batch still goes in.
  PartitionLog log(tp0(), config_of({{"segment.bytes", "100"}}), 0);
  REQUIRE(log.append_as_leader(batch_of(1, 300), 0, 0).is_ok());
  REQUIRE(log.append_as_leader(batch_of(1, 300), 0, 0).is_ok());
  auto segs = log.segments();
  REQUIRE(segs.size() == 2);
  CHECK(segs[0].batch_count == 1);
  CHECK(segs[1].base_offset == 1);
}

TEST_CASE("log_segment: time roll uses record timestamps, not the append clock") {
  // UnifiedLogTest.testTimeBasedLogRollDuringAppend: the first batch's max timestamp is the
  // reference; an incoming batch more than segment.ms later rolls.
  PartitionLog log(tp0(), config_of({{"segment.ms", "100"}}), 0);
  REQUIRE(log.append_as_leader(batch_of(1, 100, 1000), 0, 5).is_ok());
  REQUIRE(log.append_as_leader(batch_of(1, 100, 1100), 0, 999999).is_ok());  // 100, not > 100
  CHECK(log.segments().size() == 1);
  REQUIRE(log.append_as_leader(batch_of(1, 100, 1101), 0, 6).is_ok());       // 101 > 100
  auto segs = log.segments();
  REQUIRE(segs.size() == 2);
  CHECK(segs[1].base_offset == 2);
  // The new segment's reference is its own first batch (1101).
  REQUIRE(log.append_as_leader(batch_of(1, 100, 1150), 0, 7).is_ok());
  CHECK(log.segments().size() == 2);
}

TEST_CASE("log_segment: without timestamps the time roll falls back to now - created") {
  // LogSegment.timeWaitedForRoll: rollingBasedTimestamp < 0 uses the segment's creation time.
  PartitionLog log(tp0(), config_of({{"segment.ms", "100"}}), 50);
  REQUIRE(log.append_as_leader(batch_of(1, 100, -1), 0, 60).is_ok());
  REQUIRE(log.append_as_leader(batch_of(1, 100, -1), 0, 150).is_ok());  // 150 - 50 = 100
  CHECK(log.segments().size() == 1);
  REQUIRE(log.append_as_leader(batch_of(1, 100, -1), 0, 151).is_ok());  // 101 > 100
  CHECK(log.segments().size() == 2);
}

TEST_CASE("log_segment: an empty segment never rolls on time") {
  // LogSegmentTest: (size > 0 && reachedRollMs).
  LogSegment seg(0, 0);
  RollParams p{.max_segment_bytes = 1000, .max_segment_ms = 10, .messages_size = 100,
               .max_timestamp_in_messages = 1000000, .now_ms = 1000000};
  CHECK_FALSE(seg.should_roll(p));
  seg.append(batch_of(1, 100, 0), 0);
  CHECK(seg.should_roll(p));
}

TEST_CASE("log_segment: follower batch after a gap rolls at the batch's base offset") {
  // LocalLog.roll(expectedNextOffset): new base = max(expected, LEO).
  PartitionLog log(tp0(), config_of({{"segment.bytes", "150"}}), 0);
  REQUIRE(log.append_as_follower(follower_batch(0, 1, 0, 100), 0).is_ok());
  REQUIRE(log.append_as_follower(follower_batch(10, 1, 0, 100), 0).is_ok());
  auto segs = log.segments();
  REQUIRE(segs.size() == 2);
  CHECK(segs[1].base_offset == 10);
}

TEST_CASE("log_segment: truncate_to removes whole batches from the holding one") {
  // LogSegmentTest.testTruncate
  LogSegment seg(0, 0);
  RecordBatch a = follower_batch(0, 3, 0);
  RecordBatch b = follower_batch(3, 3, 0);
  seg.append(a, 0);
  seg.append(b, 0);
  CHECK(seg.truncate_to(4) == 100);
  CHECK(seg.next_offset() == 3);
  CHECK(seg.truncate_to(0) == 100);
  CHECK(seg.empty());
  CHECK(seg.size_bytes() == 0);
}

TEST_CASE("log_segment: find_batch gives the first batch ending at or after the offset") {
  // The tail is looked at first, then a binary search: both must agree with a plain scan, for
  // offsets in the tail, deep in the segment, before it and past its end.
  PartitionLog log(tp0(), config_of({}), 0);
  for (int i = 0; i < 20; i++) REQUIRE(log.append_as_leader(batch_of(1 + i % 3), 0, 0).is_ok());
  const LogSegment& seg = log.log_segments().back();
  for (Offset o = -1; o <= log.log_end_offset() + 2; o++) {
    int32_t want = 0;
    while (want < seg.batch_count() && seg.batches()[want].last_offset() < o) want++;
    CHECK(seg.find_batch(o) == want);
  }
}
