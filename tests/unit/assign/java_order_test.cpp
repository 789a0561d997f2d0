// Tests of Java String.hashCode / compareTo and HashMap iteration order emulation.
#include <doctest/doctest.h>

#include "ksim/assign/java_order.h"

using namespace ksim::assign;

TEST_CASE("java_string_hash: matches String.hashCode for known strings") {
  CHECK(java_string_hash("") == 0);
  CHECK(java_string_hash("a") == 97);
  CHECK(java_string_hash("hello") == 99162322);
  CHECK(java_string_hash("consumer1") == -421004549);
  CHECK(java_string_hash("consumer2") == -421004548);
  CHECK(java_string_hash("Aa") == java_string_hash("BB"));           // the classic collision
  CHECK(java_string_hash("polygenelubricants") == INT32_MIN);         // wraps to MIN_VALUE
}

TEST_CASE("java_string_hash: UTF-8 input hashes its UTF-16 code units") {
  CHECK(java_string_hash("\xC3\xA9") == 233);                 // U+00E9, one unit
  CHECK(java_string_hash("\xF0\x9F\x98\x80") == 1772899);     // U+1F600, surrogate pair
}

TEST_CASE("java_string_compare: UTF-16 order puts supplementary chars before U+E000") {
  CHECK(java_string_compare("a", "b") < 0);
  CHECK(java_string_compare("consumer10", "consumer2") < 0);
  CHECK(java_string_compare("x", "x") == 0);
  // U+1F600 (surrogates D83D...) sorts before U+FF21 in Java, after it in UTF-8 byte order.
  CHECK(java_string_compare("\xF0\x9F\x98\x80", "\xEF\xBC\xA1") < 0);
}

TEST_CASE("java_hash_map_order: consumer1/2/3 iterate as consumer3, consumer2, consumer1") {
  // kafka-semantics.md 2.3: buckets 12, 11, 10 at capacity 16.
  const std::vector<std::string> expected = {"consumer3", "consumer2", "consumer1"};
  CHECK(java_hash_map_order({"consumer1", "consumer2", "consumer3"}) == expected);
  CHECK(java_hash_map_order({"consumer3", "consumer1", "consumer2"}) == expected);
}

TEST_CASE("java_hash_map_order: colliding keys keep insertion order; duplicates keep first") {
  CHECK(java_hash_map_order({"BB", "Aa"}) == std::vector<std::string>{"BB", "Aa"});
  CHECK(java_hash_map_order({"Aa", "BB", "Aa"}) == std::vector<std::string>{"Aa", "BB"});
}

TEST_CASE("java_hash_order: the 13th key resizes the table to 32 buckets") {
  // Hashes 16 and 0 share bucket 0 at capacity 16 but not at 32.
  std::vector<int32_t> hashes = {16, 0};
  CHECK(java_hash_order(hashes) == std::vector<int32_t>{0, 1});
  for (int32_t h = 1; h <= 11; ++h) hashes.push_back(h);  // 13 keys > threshold 12
  const auto order = java_hash_order(hashes);
  CHECK(order.front() == 1);  // hash 0 (bucket 0) before hash 16 (bucket 16)
  CHECK(order.back() == 0);
}

TEST_CASE("java_hash_order: a 9th key in one bucket of a small table doubles it") {
  // All nine share bucket 0 at capacity 16; treeifyBin resizes to 32 instead of treeifying,
  // which splits them into buckets 0 and 16, each keeping insertion order.
  const std::vector<int32_t> hashes = {16, 0, 32, 48, 64, 80, 96, 112, 128};
  CHECK(java_hash_order(hashes) == std::vector<int32_t>{1, 2, 4, 6, 8, 0, 3, 5, 7});
}
