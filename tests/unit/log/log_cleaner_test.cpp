// Compaction: latest record per key below the uncleanable point, tombstones and
// delete.retention.ms, offsets kept (holes stay holes), dirty ratio and lag gates. Ports
// LogCleanerTest (core/src/test/scala/unit/kafka/log/LogCleanerTest.scala): testCleanSegments,
// testCleaningWithDeletes, testDeleteHorizon / testAbortedTransactionsOnly-style empty batches,
// testCleanSegmentsWithConcurrentSegmentDeletion's "active segment is never cleaned",
// and LogCleanerManagerTest's cleanable-offset cases (min/max compaction lag, HW bound).
#include <doctest/doctest.h>

#include "log_test_util.h"

using namespace ksim;
using namespace ksim::test;

namespace {

// One keyed record per batch; segment.bytes 100 puts each batch in its own segment.
PartitionLog compacted(std::map<std::string, std::string> overrides = {}) {
  overrides.emplace("cleanup.policy", "compact");
  overrides.emplace("segment.bytes", "100");
  overrides.emplace("min.cleanable.dirty.ratio", "0.1");
  overrides.emplace("delete.retention.ms", "1000");
  return PartitionLog(tp0(), config_of(overrides), 0);
}

void put(PartitionLog& log, const char* key, std::optional<std::string> value, int64_t ts = 0) {
  auto r = log.append_as_leader(keyed_batch({{std::string(key), std::move(value)}}, ts), 0, ts);
  KSIM_ASSERT(r.is_ok());
  KSIM_ASSERT(log.update_high_watermark(log.log_end_offset()).is_ok());
}

// (offset, key, value-or-"<null>") for every record, in order.
std::vector<std::string> contents(const PartitionLog& log) {
  std::vector<std::string> out;
  log.for_each_batch([&](const RecordBatch& b) {
    for (const Record& r : b.records)
      out.push_back(std::to_string(b.base_offset + r.offset_delta) + ":" + r.key.value_or("-") +
                    "=" + r.value.value_or("<null>"));
  });
  return out;
}

}  // namespace

TEST_CASE("log_cleaner: keeps the latest value per key, offsets unchanged, active untouched") {
  // LogCleanerTest.testCleanSegments / testCleanSegmentsWithAbort's expectations
  PartitionLog log = compacted();
  put(log, "a", "1");
  put(log, "b", "1");
  put(log, "a", "2");
  put(log, "b", "2");
  put(log, "c", "1");
  put(log, "a", "3");  // active segment: never cleaned
  put(log, "a", "4");  // rolls; "a"=3 now sits in a cleanable segment
  CleanResult r = log.clean(0);
  REQUIRE(r.ran());
  CHECK(r.first_dirty_offset == 0);
  CHECK(r.first_uncleanable_offset == 6);
  CHECK(r.records_removed == 3);  // 0:a=1, 1:b=1, 2:a=2
  CHECK(contents(log) == std::vector<std::string>{"3:b=2", "4:c=1", "5:a=3", "6:a=4"});
  CHECK(log.first_dirty_offset() == 6);
  CHECK(log.log_end_offset() == 7);
  CHECK(log.log_start_offset() == 0);
}

TEST_CASE("log_cleaner: holes stay holes and reads skip to the next batch") {
  // LogCleanerTest.testCleanSegments: offsets are preserved; LogSegmentTest.testReadFromGap
  PartitionLog log = compacted();
  put(log, "a", "1");
  put(log, "a", "2");
  put(log, "b", "1");
  put(log, "b", "2");
  put(log, "c", "1");  // active
  REQUIRE(log.clean(0).ran());
  auto r = log.read(0, 1 << 20, log.high_watermark(), false);
  REQUIRE(r.is_ok());
  REQUIRE(!r->batches.empty());
  CHECK(r->batches[0].base_offset == 1);
  auto from_hole = log.read(2, 1 << 20, log.high_watermark(), false);
  REQUIRE(from_hole.is_ok());
  CHECK(from_hole->batches[0].base_offset == 3);
  // A follower copying the compacted leader appends with the same gaps. Each read answers
  // from one segment (LocalLog.read), so the follower fetches until it reaches the LEO.
  PartitionLog follower(tp0(), log.config(), 0);
  for (int fetches = 0; follower.log_end_offset() < log.log_end_offset(); fetches++) {
    REQUIRE(fetches < 10);
    auto data = log.read(follower.log_end_offset(), 1 << 20, log.log_end_offset(), true);
    REQUIRE(data.is_ok());
    for (const RecordBatch& b : data->batches) REQUIRE(follower.append_as_follower(b, 0).is_ok());
  }
  CHECK(follower.batch_count() == 3);
}

TEST_CASE("log_cleaner: a tombstone survives delete.retention.ms after its first clean") {
  // LogCleanerTest.testCleaningWithDeletes / testDeleteHorizonIsSetOnFirstClean (KIP-534)
  PartitionLog log = compacted();
  put(log, "a", "1");
  put(log, "a", std::nullopt);
  put(log, "b", "1");
  put(log, "c", "1");  // active
  REQUIRE(log.clean(100).ran());
  CHECK(contents(log) == std::vector<std::string>{"1:a=<null>", "2:b=1", "3:c=1"});
  // Horizon = 100 + 1000. More dirty data so that the next passes run.
  put(log, "d", "1");
  put(log, "e", "1");
  REQUIRE(log.clean(1099).ran());
  CHECK(contents(log).front() == "1:a=<null>");  // 1099 < 1100: kept
  put(log, "f", "1");
  put(log, "g", "1");
  CleanResult r = log.clean(1100);
  REQUIRE(r.ran());
  CHECK(r.tombstones_removed == 1);
  CHECK(contents(log).front() == "2:b=1");
  CHECK(log.read(1, 1024, log.high_watermark(), true)->batches[0].base_offset == 2);
}

TEST_CASE("log_cleaner: a superseded tombstone goes on the first pass") {
  // Cleaner.shouldRetainRecord: not the latest offset for its key -> removed at once.
  PartitionLog log = compacted();
  put(log, "a", std::nullopt);
  put(log, "a", "2");
  put(log, "z", "1");
  CleanResult r = log.clean(0);
  REQUIRE(r.ran());
  CHECK(r.tombstones_removed == 1);
  CHECK(contents(log) == std::vector<std::string>{"1:a=2", "2:z=1"});
}

TEST_CASE("log_cleaner: below min.cleanable.dirty.ratio nothing runs") {
  // LogCleanerManagerTest.testCleanableOffsetsForNone / grabFilthiestCompactedLog ratio gate
  PartitionLog log = compacted({{"min.cleanable.dirty.ratio", "0.9"}});
  for (const char* k : {"a", "b", "c", "d"}) put(log, k, "1");
  REQUIRE(log.clean(0).ran());  // ratio 1.0 > 0.9
  put(log, "a", "2");
  put(log, "e", "1");  // one dirty segment [4] against four clean ones: ratio ~0.2
  CleanResult r = log.clean(0);
  CHECK(r.outcome == CleanOutcome::BelowMinRatio);
  CHECK(r.dirty_ratio < 0.9);
  CHECK(contents(log).front() == "0:a=1");
}

TEST_CASE("log_cleaner: max.compaction.lag.ms forces a pass below the ratio") {
  // LogCleanerManagerTest.testLogsWithMaxCompactionLagMs / maxCompactionDelay
  PartitionLog log = compacted({{"min.cleanable.dirty.ratio", "0.9"},
                                {"max.compaction.lag.ms", "500"}});
  for (const char* k : {"a", "b", "c", "d"}) put(log, k, "1", 10);
  put(log, "e", "1", 20);  // active during the first pass
  REQUIRE(log.clean(10).ran());
  put(log, "a", "2", 20);
  put(log, "f", "1", 20);  // dirty now: [4] e@20 and [5] a@20, ratio 2/6
  CHECK(log.clean(520).outcome == CleanOutcome::BelowMinRatio);  // 20 is not < 520 - 500
  CleanResult r = log.clean(521);
  REQUIRE(r.ran());
  CHECK(contents(log).front() == "1:b=1");
}

TEST_CASE("log_cleaner: min.compaction.lag.ms keeps recent segments dirty") {
  // LogCleanerManagerTest.testCleanableOffsetsForTime
  PartitionLog log = compacted({{"min.compaction.lag.ms", "100"}});
  put(log, "a", "1", 0);
  put(log, "a", "2", 0);
  put(log, "a", "3", 90);   // segment [2] too recent at now = 150 (90 > 50)
  put(log, "a", "4", 200);  // active
  CleanResult r = log.clean(150);
  REQUIRE(r.ran());
  CHECK(r.first_uncleanable_offset == 2);
  CHECK(contents(log) == std::vector<std::string>{"1:a=2", "2:a=3", "3:a=4"});
}

TEST_CASE("log_cleaner: nothing at or above the HW is cleaned") {
  // LogCleanerManagerTest.testCleanableOffsetsForShortTime / lastStableOffset bound.
  PartitionLog log = compacted();
  for (const char* v : {"1", "2", "3", "4"}) {
    REQUIRE(log.append_as_leader(keyed_batch({{"a", v}}), 0, 0).is_ok());
  }
  REQUIRE(log.update_high_watermark(1).is_ok());
  CleanResult r = log.clean(0);
  CHECK(r.first_uncleanable_offset == 1);
  REQUIRE(r.ran());
  CHECK(contents(log).size() == 4);  // only [0] was cleanable and "a"@0 was its latest there
}

TEST_CASE("log_cleaner: batches without payloads are left as they are") {
  // ksim-specific: capacity runs carry no keys, so there is nothing to deduplicate.
  PartitionLog log = compacted({{"segment.bytes", "150"}});
  for (int i = 0; i < 4; i++) REQUIRE(log.append_as_leader(batch_of(3, 100), 0, 0).is_ok());
  REQUIRE(log.update_high_watermark(12).is_ok());
  CleanResult r = log.clean(0);
  REQUIRE(r.ran());
  CHECK(r.records_removed == 0);
  CHECK(log.batch_count() == 4);
}

TEST_CASE("log_cleaner: null keys are rejected on compacted topics with INVALID_RECORD") {
  // LogValidatorTest.testCompactedTopicWithoutKey / UnifiedLogTest
  PartitionLog log = compacted();
  auto r = log.append_as_leader(keyed_batch({{std::nullopt, "v"}}), 0, 0);
  CHECK(r.code() == ErrorCode::INVALID_RECORD);
  CHECK(log.log_end_offset() == 0);
  PartitionLog plain(tp0(), config_of({}), 0);
  CHECK(plain.append_as_leader(keyed_batch({{std::nullopt, "v"}}), 0, 0).is_ok());
}

TEST_CASE("log_cleaner: small cleaned segments are merged up to segment.bytes") {
  // LogCleanerTest.testSegmentGrouping (size rule only)
  // Time rolls (segment.ms 10, stamps 20 ms apart) make one small segment per batch.
  PartitionLog log = compacted({{"segment.bytes", "1000"}, {"segment.ms", "10"}});
  int64_t ts = 0;
  for (const char* k : {"a", "b", "c", "d", "e", "f"}) put(log, k, "1", ts += 20);
  size_t before = log.segments().size();
  CleanResult r = log.clean(0);
  REQUIRE(r.ran());
  CHECK(r.segments_after < r.segments_before);
  CHECK(log.segments().size() < before);
  CHECK(contents(log).size() == 6);
}

TEST_CASE("log_cleaner: an emptied batch of a producer's last write is kept, empty") {
  // LogCleanerTest.testEmptyBatchRemovalWithSequences: RETAIN_EMPTY for the last batch of a
  // producer, so its sequence state survives.
  PartitionLog log = compacted();
  RecordBatch mine = keyed_batch({{"a", "1"}});
  mine.producer_id = 7;
  REQUIRE(log.append_as_leader(mine, 0, 0).is_ok());
  put(log, "a", "2");
  put(log, "z", "1");
  REQUIRE(log.clean(0).ran());
  REQUIRE(log.batch_count() == 3);
  const RecordBatch& kept = log.log_segments().front().batches().front();
  CHECK(kept.producer_id == 7);
  CHECK(kept.record_count == 0);
  CHECK(kept.size_bytes <= mine.size_bytes);
}

TEST_CASE("log_cleaner: delete-only topics are never compacted") {
  PartitionLog log(tp0(), config_of({{"segment.bytes", "100"}}), 0);
  REQUIRE(log.append_as_leader(keyed_batch({{"a", "1"}}), 0, 0).is_ok());
  CHECK(log.clean(0).outcome == CleanOutcome::NotCompacted);
}
