// Idempotent-producer state, ported from Kafka's ProducerStateManagerTest (basic id mapping,
// sequence wrap-around, epoch rules) and UnifiedLogTest (duplicate appends return the original
// offsets; the state follows truncation and replication).
#include <doctest/doctest.h>

#include "log_test_util.h"

namespace ksim {
namespace {

using test::batch_of;
using test::config_of;
using test::tp0;

constexpr ProducerId kPid = 1;

RecordBatch idempotent(int32_t count, int16_t epoch, int32_t base_seq, int64_t ts_ms = 0) {
  RecordBatch b = batch_of(count, 100, ts_ms);
  b.producer_id = kPid;
  b.producer_epoch = epoch;
  b.base_sequence = base_seq;
  return b;
}

RecordBatch at(RecordBatch b, Offset base) {
  b.base_offset = base;
  return b;
}

TEST_CASE("ProducerStateManagerTest.testBasicIdMapping") {
  ProducerStateManager state;
  CHECK(state.validate(idempotent(1, 0, 0)).is_ok());  // a new producer, first append
  state.update(at(idempotent(1, 0, 0), 0));
  CHECK(state.validate(idempotent(1, 0, 1)).is_ok());  // the next sequence
  state.update(at(idempotent(1, 0, 1), 1));
  CHECK(state.validate(idempotent(1, 0, 3)).code() == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  CHECK(state.validate(idempotent(1, 0, 1)).code() == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  // A bumped epoch must start at 0.
  CHECK(state.validate(idempotent(1, 1, 2)).code() == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  CHECK(state.validate(idempotent(1, 1, 0)).is_ok());
  // An older epoch is fenced.
  state.update(at(idempotent(1, 1, 0), 2));
  CHECK(state.validate(idempotent(1, 0, 2)).code() == ErrorCode::INVALID_PRODUCER_EPOCH);
}

TEST_CASE("ProducerStateManagerTest.testProducerSequenceWrapAround") {
  ProducerStateManager state;
  const int32_t max = 2147483647;
  state.update(at(idempotent(2, 15, max - 1), 9));  // sequences max-1, max
  REQUIRE(state.entry(kPid) != nullptr);
  CHECK(state.entry(kPid)->last_seq() == max);
  CHECK(state.validate(idempotent(1, 15, 0)).is_ok());  // wraps to 0
  CHECK(state.validate(idempotent(1, 15, 1)).code() == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
}

TEST_CASE("ProducerStateManagerTest: only the last 5 batches are kept for duplicates") {
  ProducerStateManager state;
  for (int32_t i = 0; i < 6; i++) state.update(at(idempotent(1, 0, i), i));
  CHECK(state.entry(kPid)->batches.size() == ProducerStateEntry::kNumBatchesToRetain);
  CHECK_FALSE(state.find_duplicate(idempotent(1, 0, 0)).has_value());  // evicted
  auto dup = state.find_duplicate(idempotent(1, 0, 1));
  REQUIRE(dup.has_value());
  CHECK(dup->first_offset == 1);
  // Same sequence, other epoch: not a duplicate.
  CHECK_FALSE(state.find_duplicate(idempotent(1, 1, 1)).has_value());
  // Same first sequence, other range: not a duplicate.
  CHECK_FALSE(state.find_duplicate(idempotent(2, 0, 1)).has_value());
}

TEST_CASE("ProducerStateManagerTest.testProducerIdExpiration") {
  ProducerStateManager state;
  state.update(at(idempotent(1, 0, 0, /*ts_ms=*/1000), 0));
  CHECK(state.remove_expired(1000 + 86399999, 86400000) == 0);
  CHECK(state.remove_expired(1000 + 86400000, 86400000) == 1);
  CHECK(state.entry(kPid) == nullptr);
  // Forgotten: any sequence is accepted again.
  CHECK(state.validate(idempotent(1, 0, 42)).is_ok());
}

TEST_CASE("UnifiedLogTest.testDuplicateAppends: a retried batch returns its first offsets") {
  PartitionLog log(tp0(), config_of({}), 0);
  REQUIRE(log.append_as_leader(idempotent(3, 0, 0), 0, 0).is_ok());  // offsets 0..2
  REQUIRE(log.append_as_leader(idempotent(2, 0, 3), 0, 0).is_ok());  // offsets 3..4
  auto retry = log.append_as_leader(idempotent(3, 0, 0), 0, 0);
  REQUIRE(retry.is_ok());
  CHECK(retry->duplicate);
  CHECK(retry->first_offset == 0);
  CHECK(retry->last_offset == 2);
  CHECK(log.log_end_offset() == 5);  // nothing appended
  // A gap is refused and nothing is appended.
  auto gap = log.append_as_leader(idempotent(1, 0, 7), 0, 0);
  CHECK(gap.code() == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER);
  CHECK(log.log_end_offset() == 5);
  // Batches without a producer id are never duplicates.
  CHECK_FALSE(log.append_as_leader(batch_of(1), 0, 0)->duplicate);
  CHECK_FALSE(log.append_as_leader(batch_of(1), 0, 0)->duplicate);
  CHECK(log.log_end_offset() == 7);
}

TEST_CASE("Producer state follows replication and truncation") {
  PartitionLog follower(tp0(), config_of({}), 0);
  RecordBatch b0 = at(idempotent(2, 0, 0), 0);
  b0.partition_leader_epoch = 0;
  RecordBatch b1 = at(idempotent(2, 0, 2), 2);
  b1.partition_leader_epoch = 0;
  REQUIRE(follower.append_as_follower(b0, 0).is_ok());
  REQUIRE(follower.append_as_follower(b1, 0).is_ok());
  CHECK(follower.producer_state().entry(kPid)->last_seq() == 3);

  // The follower becomes leader: a retry of the last batch is recognised.
  auto retry = follower.append_as_leader(idempotent(2, 0, 2), 1, 0);
  REQUIRE(retry.is_ok());
  CHECK(retry->duplicate);
  CHECK(retry->first_offset == 2);

  // Truncation below the second batch: its sequences may be written again.
  REQUIRE(follower.truncate_to(2).is_ok());
  CHECK(follower.producer_state().entry(kPid)->last_seq() == 1);
  auto again = follower.append_as_leader(idempotent(2, 0, 2), 1, 0);
  REQUIRE(again.is_ok());
  CHECK_FALSE(again->duplicate);
  CHECK(again->first_offset == 2);

  follower.truncate_fully_and_start_at(10);
  CHECK(follower.producer_state().producers().empty());
}

TEST_CASE("Truncation keeps producers whose batches all lie below the log start") {
  PartitionLog log(tp0(), config_of({}), 0);
  REQUIRE(log.append_as_leader(idempotent(1, 0, 0), 0, 0).is_ok());
  RecordBatch other = batch_of(1);
  REQUIRE(log.append_as_leader(other, 0, 0).is_ok());
  REQUIRE(log.append_as_leader(other, 0, 0).is_ok());
  log.flush(0);
  REQUIRE(log.update_high_watermark(3).is_ok());
  REQUIRE(log.increment_log_start_offset(1).is_ok());
  log.roll(0);
  log.delete_old_segments(0);  // the producer's only batch is gone
  REQUIRE(log.truncate_to(2).is_ok());
  REQUIRE(log.producer_state().entry(kPid) != nullptr);
  CHECK(log.producer_state().entry(kPid)->last_seq() == 0);
}

}  // namespace
}  // namespace ksim
