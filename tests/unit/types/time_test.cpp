// Time strings are parsed in one place; every edge named here could break a scenario.
#include <doctest/doctest.h>

#include "ksim/types/time.h"

using namespace ksim;

TEST_CASE("parse_duration: units us, ms, s, m, h") {
  CHECK(parse_duration("250us").value() == 250);
  CHECK(parse_duration("250ms").value() == 250 * kMillisecond);
  CHECK(parse_duration("5s").value() == 5 * kSecond);
  CHECK(parse_duration("2m").value() == 2 * kMinute);
  CHECK(parse_duration("1h").value() == kHour);
  CHECK(parse_duration("1.5s").value() == 1500 * kMillisecond);
  CHECK(parse_duration("0ms").value() == 0);
}

TEST_CASE("parse_duration: bad input names the text and the units") {
  for (const char* bad : {"", "5", "ms", "5 s", "5sec", "1.2.3s", "-5s", "0.5us"}) {
    auto r = parse_duration(bad);
    CAPTURE(bad);
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().code() == ErrorCode::INVALID_CONFIG);
    CHECK(r.status().message().find("expected a number and a unit") != std::string::npos);
  }
}

TEST_CASE("format_time: hours, minutes, seconds and microseconds") {
  CHECK(format_time(0) == "00:00:00.000000");
  CHECK(format_time(83 * kSecond + 456789) == "00:01:23.456789");
  CHECK(format_time(-kSecond) == "-00:00:01.000000");
}

TEST_CASE("format_duration: short human forms") {
  CHECK(format_duration(45 * kSecond) == "45s");
  CHECK(format_duration(250 * kMillisecond) == "250ms");
  CHECK(format_duration(90 * kSecond) == "1m30s");
  CHECK(format_duration(12) == "12us");
}

TEST_CASE("error codes carry Kafka's numbers and names") {
  CHECK(static_cast<int>(ErrorCode::NOT_ENOUGH_REPLICAS) == 19);
  CHECK(static_cast<int>(ErrorCode::MEMBER_ID_REQUIRED) == 79);
  CHECK(error_name(ErrorCode::REBALANCE_IN_PROGRESS) == "REBALANCE_IN_PROGRESS");
  CHECK(is_retriable(ErrorCode::NOT_LEADER_OR_FOLLOWER));
  CHECK_FALSE(is_retriable(ErrorCode::ILLEGAL_GENERATION));
}
