// Log flushing: the recovery point (UnifiedLog.recoveryPoint), flush.messages / flush.ms and a
// crash that loses the page cache. Kafka: UnifiedLogTest's flush and recovery-point cases.
#include <doctest/doctest.h>

#include "tests/unit/log/log_test_util.h"

using namespace ksim;
using namespace ksim::test;

TEST_CASE("log flush: with Kafka's defaults nothing is flushed until a roll") {
  PartitionLog log(tp0(), config_of({}), 0);
  REQUIRE(log.append_as_leader(batch_of(5), 0, 0).is_ok());
  CHECK_FALSE(log.maybe_flush(1'000'000));
  CHECK(log.recovery_point() == 0);
  CHECK(log.unflushed_messages() == 5);
  log.roll(10);
  CHECK(log.recovery_point() == 5);
}

TEST_CASE("log flush: flush.messages flushes once that many records are unflushed") {
  PartitionLog log(tp0(), config_of({{"flush.messages", "3"}}), 0);
  REQUIRE(log.append_as_leader(batch_of(2), 0, 0).is_ok());
  CHECK_FALSE(log.maybe_flush(0));
  REQUIRE(log.append_as_leader(batch_of(1), 0, 0).is_ok());
  CHECK(log.maybe_flush(0));
  CHECK(log.recovery_point() == 3);
}

TEST_CASE("log flush: flush.ms flushes when that long has passed since the last flush") {
  PartitionLog log(tp0(), config_of({{"flush.ms", "1000"}}), 0);
  REQUIRE(log.append_as_leader(batch_of(2), 0, 500).is_ok());
  CHECK_FALSE(log.maybe_flush(999));
  CHECK(log.maybe_flush(1000));
  CHECK(log.recovery_point() == 2);
}

TEST_CASE("log flush: a crash losing unflushed data truncates to the recovery point") {
  PartitionLog log(tp0(), config_of({{"flush.messages", "4"}}), 0);
  REQUIRE(log.append_as_leader(batch_of(4), 0, 0).is_ok());
  REQUIRE(log.maybe_flush(0));
  REQUIRE(log.append_as_leader(batch_of(3), 1, 0).is_ok());
  REQUIRE(log.update_high_watermark(7).is_ok());
  CHECK(log.truncate_unflushed() == 3);
  CHECK(log.log_end_offset() == 4);
  CHECK(log.high_watermark() == 4);  // the HW follows the truncation
  CHECK(log.latest_epoch() == 0);    // epoch 1 started at 4: gone from the cache
  CHECK(log.truncate_unflushed() == 0);
}

TEST_CASE("log flush: truncation lowers the recovery point with the LEO") {
  PartitionLog log(tp0(), config_of({{"flush.messages", "1"}}), 0);
  REQUIRE(log.append_as_leader(batch_of(5), 0, 0).is_ok());
  REQUIRE(log.maybe_flush(0));
  REQUIRE(log.truncate_to(2).is_ok());
  CHECK(log.recovery_point() == 2);
}
