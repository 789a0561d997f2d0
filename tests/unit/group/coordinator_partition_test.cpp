// coordinator_partition_for = Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions.
// Cases follow GroupCoordinatorService.partitionFor; expected hashes computed by hand below.
#include <doctest/doctest.h>

#include "ksim/group/coordinator_partition.h"

namespace ksim::group {

TEST_CASE("coordinator_partition: \"group1\" hashes like Java and lands on partition 40 of 50") {
  // "group1" = g(103) r(114) o(111) u(117) p(112) 1(49):
  //   103; 103*31+114 = 3307; 3307*31+111 = 102628; 102628*31+117 = 3181585;
  //   3181585*31+112 = 98629247; 98629247*31+49 = 3057506706 -> int32 wrap: -1237460590.
  //   Utils.abs -> 1237460590; 1237460590 % 50 = 40.
  CHECK(java_string_hash("group1") == -1237460590);
  CHECK(coordinator_partition_for("group1") == 40);
  CHECK(coordinator_partition_for("group1", 50) == 40);
  CHECK(coordinator_partition_for("group1", 1) == 0);
}

TEST_CASE("coordinator_partition: Integer.MIN_VALUE hash maps to partition 0 (Utils.abs)") {
  // The well-known string whose String.hashCode() is Integer.MIN_VALUE.
  CHECK(java_string_hash("polygenelubricants") == INT32_MIN);
  CHECK(java_utils_abs(INT32_MIN) == 0);
  CHECK(coordinator_partition_for("polygenelubricants", 50) == 0);
  CHECK(coordinator_partition_for("polygenelubricants", 7) == 0);
}

TEST_CASE("coordinator_partition: empty and non-ASCII ids hash over UTF-16 code units") {
  CHECK(java_string_hash("") == 0);
  CHECK(java_string_hash("\xC3\xA9") == 233);  // "é" = U+00E9, one code unit
  // U+1F600 is the surrogate pair D83D DE00: 55357*31 + 56832 = 1772899.
  CHECK(java_string_hash("\xF0\x9F\x98\x80") == 1772899);
  CHECK(coordinator_partition_for("\xF0\x9F\x98\x80") == 49);
  CHECK(coordinator_partition_for("my-group") == 12);  // hash -1906497762
  CHECK(coordinator_partition_for("billing") == 9);    // hash -109829509
}

}  // namespace ksim::group
