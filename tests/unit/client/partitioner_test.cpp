// murmur2 test vectors from Kafka's UtilsTest.testMurmur2, and keyed partition choice.
#include <doctest/doctest.h>

#include "ksim/client/partitioner.h"

using namespace ksim;

TEST_CASE("murmur2: Kafka's UtilsTest.testMurmur2 vectors") {
  CHECK(murmur2("21") == -973932308);
  CHECK(murmur2("foobar") == -790332482);
  CHECK(murmur2("a-little-bit-long-string") == -985981536);
  CHECK(murmur2("a-little-bit-longer-string") == -1486304829);
  CHECK(murmur2("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") == -58897971);
  CHECK(murmur2(std::string_view("abc", 3)) == 479470107);
}

TEST_CASE("partition_for_key: toPositive mask, not abs") {
  CHECK(to_positive(-1) == 0x7fffffff);
  CHECK(to_positive(INT32_MIN) == 0);
  CHECK(partition_for_key("key0", 3) == 1);
  CHECK(partition_for_key("key1", 3) == 2);
  CHECK(partition_for_key("hello", 3) == 0);
  CHECK(partition_for_key("foobar", 3) == 0);
}
