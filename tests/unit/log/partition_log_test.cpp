// Partition log core: offsets, reads at the boundaries, high watermark, truncation, epochs.
// Ports cases from Kafka's UnifiedLogTest and LogSegmentTest (core/src/test/scala/unit/kafka/
// log/UnifiedLogTest.scala, storage/src/test/java/.../log/LogSegmentTest.java).
#include <doctest/doctest.h>

#include "log_test_util.h"

using namespace ksim;
using namespace ksim::test;

namespace {
PartitionLog fresh(const std::map<std::string, std::string>& overrides = {}) {
  return PartitionLog(tp0(), config_of(overrides), 0);
}
}  // namespace

TEST_CASE("partition_log: leader append assigns base_offset = LEO and stamps the epoch") {
  // UnifiedLogTest.testAppendAsLeaderWithRaftLeader / testLogEndOffsetMetadata
  PartitionLog log = fresh();
  auto a = log.append_as_leader(batch_of(3), 5, 10);
  REQUIRE(a.is_ok());
  CHECK(a->first_offset == 0);
  CHECK(a->last_offset == 2);
  auto b = log.append_as_leader(batch_of(2), 5, 11);
  CHECK(b->first_offset == 3);
  CHECK(log.log_end_offset() == 5);
  CHECK(log.high_watermark() == 0);
  CHECK(log.log_start_offset() == 0);
  auto read = log.read(0, 1 << 20, log.log_end_offset(), false);
  REQUIRE(read.is_ok());
  REQUIRE(read->batches.size() == 2);
  CHECK(read->batches[1].base_offset == 3);
  CHECK(read->batches[1].partition_leader_epoch == 5);
  CHECK(log.latest_epoch() == 5);
}

TEST_CASE("partition_log: consumers read only below the HW, followers up to the LEO") {
  // UnifiedLogTest.testReadWithMinMessage / testHighWatermarkMaintenance
  PartitionLog log = fresh();
  for (int i = 0; i < 3; i++) REQUIRE(log.append_as_leader(batch_of(2), 0, 0).is_ok());
  REQUIRE(log.update_high_watermark(4).is_ok());
  auto consumer = log.read(0, 1 << 20, log.high_watermark(), false);
  CHECK(consumer->batches.size() == 2);
  auto follower = log.read(0, 1 << 20, log.log_end_offset(), false);
  CHECK(follower->batches.size() == 3);
  // Reading at the HW: empty, not an error.
  auto at_hw = log.read(4, 1 << 20, log.high_watermark(), false);
  REQUIRE(at_hw.is_ok());
  CHECK(at_hw->batches.empty());
}

TEST_CASE("partition_log: read_refs points at exactly the batches read copies") {
  PartitionLog log = fresh();
  for (int i = 0; i < 4; i++) REQUIRE(log.append_as_leader(batch_of(2), 0, 0).is_ok());
  for (auto [from, max_bytes, max_offset, min_one] :
       {std::tuple{Offset{1}, 1 << 20, Offset{7}, false}, {Offset{0}, 1, Offset{8}, true},
        {Offset{0}, 1, Offset{8}, false}, {Offset{8}, 1024, Offset{8}, true}}) {
    auto copies = log.read(from, max_bytes, max_offset, min_one);
    auto refs = log.read_refs(from, max_bytes, max_offset, min_one);
    REQUIRE(copies.is_ok());
    REQUIRE(refs.is_ok());
    REQUIRE(refs->size() == copies->batches.size());
    for (size_t i = 0; i < refs->size(); i++) CHECK(*(*refs)[i] == copies->batches[i]);
  }
  CHECK(log.read_refs(9, 1024, 9, true).code() == ErrorCode::OFFSET_OUT_OF_RANGE);
}

TEST_CASE("partition_log: read at the LEO is empty, past the LEO is OFFSET_OUT_OF_RANGE") {
  // UnifiedLogTest.testReadOutOfRange
  PartitionLog log = fresh();
  REQUIRE(log.append_as_leader(batch_of(2), 0, 0).is_ok());
  auto at_leo = log.read(2, 1024, 2, true);
  REQUIRE(at_leo.is_ok());
  CHECK(at_leo->batches.empty());
  auto past = log.read(3, 1024, 3, true);
  REQUIRE_FALSE(past.is_ok());
  CHECK(past.code() == ErrorCode::OFFSET_OUT_OF_RANGE);
}

TEST_CASE("partition_log: read below the log start is OFFSET_OUT_OF_RANGE") {
  // UnifiedLogTest.testReadOutOfRange (below logStartOffset after deleteRecords)
  PartitionLog log = fresh();
  for (int i = 0; i < 4; i++) REQUIRE(log.append_as_leader(batch_of(1), 0, 0).is_ok());
  REQUIRE(log.update_high_watermark(4).is_ok());
  REQUIRE(log.increment_log_start_offset(2).is_ok());
  CHECK(log.read(1, 1024, 4, true).code() == ErrorCode::OFFSET_OUT_OF_RANGE);
  auto at_start = log.read(2, 1024, 4, true);
  REQUIRE(at_start.is_ok());
  CHECK(at_start->batches.front().base_offset == 2);
  // DeleteRecords cannot pass the HW.
  CHECK(log.increment_log_start_offset(5).code() == ErrorCode::OFFSET_OUT_OF_RANGE);
}

TEST_CASE("partition_log: max_bytes smaller than the first batch returns it only with "
          "min_one_message") {
  // LogSegmentTest.testReadBeforeFirstOffset / UnifiedLogTest.testReadWithMinMessage
  PartitionLog log = fresh();
  REQUIRE(log.append_as_leader(batch_of(1, 500), 0, 0).is_ok());
  REQUIRE(log.append_as_leader(batch_of(1, 100), 0, 0).is_ok());
  auto with = log.read(0, 10, 2, true);
  REQUIRE(with->batches.size() == 1);
  CHECK(with->batches[0].size_bytes == 500);
  auto without = log.read(0, 10, 2, false);
  REQUIRE(without.is_ok());
  CHECK(without->batches.empty());
  // max_bytes = 0 with min_one_message still returns the first batch (adjustedMaxSize).
  CHECK(log.read(0, 0, 2, true)->batches.size() == 1);
  // Whole batches only: 550 fits the first but not the second.
  CHECK(log.read(0, 550, 2, false)->batches.size() == 1);
  CHECK(log.read(0, 600, 2, false)->batches.size() == 2);
}

TEST_CASE("partition_log: a fetch inside a batch returns the whole batch holding it") {
  // LogSegmentTest.testReadFromGap / translateOffset semantics
  PartitionLog log = fresh();
  REQUIRE(log.append_as_leader(batch_of(10), 0, 0).is_ok());
  auto r = log.read(7, 1024, 10, false);
  REQUIRE(r->batches.size() == 1);
  CHECK(r->batches[0].base_offset == 0);
  CHECK(r->fetch_offset == 7);
}

TEST_CASE("partition_log: HW never past the LEO and never backwards") {
  // UnifiedLogTest.testHighWatermarkMaintenance / maybeIncrementHighWatermark
  PartitionLog log = fresh();
  REQUIRE(log.append_as_leader(batch_of(5), 0, 0).is_ok());
  CHECK(log.update_high_watermark(6).code() == ErrorCode::OFFSET_OUT_OF_RANGE);
  CHECK(log.high_watermark() == 0);
  REQUIRE(log.update_high_watermark(3).is_ok());
  REQUIRE(log.update_high_watermark(1).is_ok());  // ignored, as Kafka returns None
  CHECK(log.high_watermark() == 3);
  REQUIRE(log.update_high_watermark(5).is_ok());
  CHECK(log.high_watermark() == 5);
  // Follower: min(leader HW, own LEO), forward only.
  PartitionLog follower = fresh();
  REQUIRE(follower.append_as_follower(follower_batch(0, 3, 0), 0).is_ok());
  CHECK(follower.update_follower_high_watermark(5) == 3);
  CHECK(follower.update_follower_high_watermark(2) == 3);
}

TEST_CASE("partition_log: follower append keeps offsets, allows gaps, refuses going back") {
  // UnifiedLogTest.testAppendAsFollowerWithNonSequentialOffsets /
  // testAppendBelowExpectedOffsetThrowsException
  PartitionLog log = fresh();
  REQUIRE(log.append_as_follower(follower_batch(0, 2, 1), 0).is_ok());
  REQUIRE(log.append_as_follower(follower_batch(5, 2, 1), 0).is_ok());  // hole 2..4 (compacted)
  CHECK(log.log_end_offset() == 7);
  auto back = log.append_as_follower(follower_batch(6, 1, 1), 0);
  CHECK(back.code() == ErrorCode::OFFSET_OUT_OF_RANGE);
  auto r = log.read(3, 1024, 7, false);
  REQUIRE(r->batches.size() == 1);
  CHECK(r->batches[0].base_offset == 5);
}

TEST_CASE("partition_log: follower append records epochs in the cache") {
  // UnifiedLogTest.testLeaderEpochCacheUpdatedOnFollowerAppend (appendAsFollower assigns)
  PartitionLog log = fresh();
  REQUIRE(log.append_as_follower(follower_batch(0, 2, 1), 0).is_ok());
  REQUIRE(log.append_as_follower(follower_batch(2, 3, 3), 0).is_ok());
  REQUIRE(log.append_as_follower(follower_batch(5, 1, 3), 0).is_ok());
  CHECK(log.epoch_cache().entries() == std::vector<EpochEntry>{{1, 0}, {3, 2}});
  CHECK(log.end_offset_for_epoch(1) == EpochEndOffset{1, 2});
  CHECK(log.end_offset_for_epoch(2) == EpochEndOffset{1, 2});
  CHECK(log.end_offset_for_epoch(3) == EpochEndOffset{3, 6});
  CHECK_FALSE(log.end_offset_for_epoch(4).has_value());
  CHECK_FALSE(log.end_offset_for_epoch(-1).has_value());
}

TEST_CASE("partition_log: max.message.bytes rejects the batch with MESSAGE_TOO_LARGE") {
  // UnifiedLogTest.testMessageSizeCheck
  PartitionLog log = fresh({{"max.message.bytes", "200"}});
  auto r = log.append_as_leader(batch_of(1, 201), 0, 0);
  CHECK(r.code() == ErrorCode::MESSAGE_TOO_LARGE);
  CHECK(r.status().message().find("max.message.bytes") != std::string::npos);
  CHECK(log.log_end_offset() == 0);
  CHECK(log.append_as_leader(batch_of(1, 200), 0, 0).is_ok());
  // Followers skip the check (ignoreRecordSize): the leader already accepted it.
  CHECK(log.append_as_follower(follower_batch(1, 1, 0, 5000), 0).is_ok());
}

TEST_CASE("partition_log: leader append validates counts, header size and stale epochs") {
  // LogValidatorTest.testInvalidOffsetRangeAndRecordCount / UnifiedLogTest fenced epoch
  PartitionLog log = fresh();
  RecordBatch bad = batch_of(3);
  bad.last_offset_delta = 5;
  CHECK(log.append_as_leader(bad, 0, 0).code() == ErrorCode::INVALID_RECORD);
  CHECK(log.append_as_leader(batch_of(0), 0, 0).code() == ErrorCode::INVALID_RECORD);
  CHECK(log.append_as_leader(batch_of(1, 60), 0, 0).code() == ErrorCode::CORRUPT_MESSAGE);
  REQUIRE(log.append_as_leader(batch_of(1), 4, 0).is_ok());
  CHECK(log.append_as_leader(batch_of(1), 3, 0).code() == ErrorCode::FENCED_LEADER_EPOCH);
  CHECK(log.log_end_offset() == 1);
}

TEST_CASE("partition_log: LogAppendTime overwrites the batch timestamps with now") {
  // LogValidatorTest.testLogAppendTimeNonCompressedV2
  PartitionLog log = fresh({{"message.timestamp.type", "LogAppendTime"}});
  auto a = log.append_as_leader(batch_of(1, 100, 5), 0, 777);
  CHECK(a->max_timestamp == 777);
  CHECK(log.read(0, 1024, 1, true)->batches[0].first_timestamp == 777);
}

TEST_CASE("partition_log: truncate_to cuts whole batches, the epoch cache and the HW") {
  // UnifiedLogTest.testTruncateTo / testLeaderEpochCacheClearedAfterTruncation (truncateFromEnd)
  PartitionLog log = fresh();
  REQUIRE(log.append_as_leader(batch_of(2), 1, 0).is_ok());  // 0-1, epoch 1
  REQUIRE(log.append_as_leader(batch_of(3), 2, 0).is_ok());  // 2-4, epoch 2
  REQUIRE(log.append_as_leader(batch_of(1), 3, 0).is_ok());  // 5, epoch 3
  REQUIRE(log.update_high_watermark(6).is_ok());
  REQUIRE(log.truncate_to(5).is_ok());
  CHECK(log.log_end_offset() == 5);
  CHECK(log.high_watermark() == 5);
  CHECK(log.latest_epoch() == 2);
  CHECK(log.end_offset_for_epoch(2) == EpochEndOffset{2, 5});
  // Truncating to the LEO or beyond is a no-op.
  REQUIRE(log.truncate_to(9).is_ok());
  CHECK(log.log_end_offset() == 5);
  // Mid-batch: the batch holding the offset goes, and the LEO is the target.
  REQUIRE(log.truncate_to(3).is_ok());
  CHECK(log.log_end_offset() == 3);
  CHECK(log.batch_count() == 1);
  // Epoch 2 started at 2 < 3, so truncateFromEnd(3) keeps it even though its batch is gone.
  CHECK(log.latest_epoch() == 2);
  auto next = log.append_as_leader(batch_of(1), 4, 0);
  CHECK(next->first_offset == 3);
}

TEST_CASE("partition_log: truncate_to below the log start is refused") {
  // Kafka truncates fully here (UnifiedLogTest.testTruncateFullyAndStartBelowFirstSegmentOffset);
  // ksim makes the caller ask for truncate_fully_and_start_at explicitly.
  PartitionLog log = fresh();
  for (int i = 0; i < 4; i++) REQUIRE(log.append_as_leader(batch_of(1), 0, 0).is_ok());
  REQUIRE(log.update_high_watermark(4).is_ok());
  REQUIRE(log.increment_log_start_offset(2).is_ok());
  CHECK(log.truncate_to(1).code() == ErrorCode::OFFSET_OUT_OF_RANGE);
  CHECK(log.log_end_offset() == 4);
  REQUIRE(log.truncate_to(2).is_ok());
  CHECK(log.log_end_offset() == 2);
  CHECK(log.high_watermark() == 2);
}

TEST_CASE("partition_log: truncate_fully_and_start_at resets every offset and the epochs") {
  // UnifiedLogTest.testTruncateFullyAndStartAt
  PartitionLog log = fresh({{"segment.bytes", "250"}});
  for (int i = 0; i < 6; i++) REQUIRE(log.append_as_leader(batch_of(1), 2, 0).is_ok());
  log.truncate_fully_and_start_at(42);
  CHECK(log.log_start_offset() == 42);
  CHECK(log.high_watermark() == 42);
  CHECK(log.log_end_offset() == 42);
  CHECK(log.latest_epoch() == -1);
  CHECK(log.segments().size() == 1);
  CHECK(log.read(41, 1024, 42, true).code() == ErrorCode::OFFSET_OUT_OF_RANGE);
  REQUIRE(log.append_as_follower(follower_batch(42, 1, 3), 0).is_ok());
  CHECK(log.log_end_offset() == 43);
}

TEST_CASE("partition_log: for_each_batch visits batches in offset order") {
  PartitionLog log = fresh({{"segment.bytes", "250"}});
  for (int i = 0; i < 5; i++) REQUIRE(log.append_as_leader(batch_of(2), 0, 0).is_ok());
  Offset expected = 0;
  log.for_each_batch([&](const RecordBatch& b) {
    CHECK(b.base_offset == expected);
    expected = b.next_offset();
  });
  CHECK(expected == 10);
  CHECK(log.segments().size() > 1);
}
