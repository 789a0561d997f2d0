#pragma once
// Java's String.hashCode, String.compareTo and java.util.HashMap iteration order, so that the
// assignors can break ties exactly as the Java leader and coordinator do.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ksim::assign {

// String.hashCode over the UTF-16 code units of the UTF-8 input (s[0]*31^(n-1) + ...), with
// Java's int32 wrap-around. Malformed UTF-8 bytes count as U+FFFD, as new String(bytes, UTF_8).
int32_t java_string_hash(std::string_view s);

// String.compareTo: lexicographic over UTF-16 code units. Negative, zero or positive.
int java_string_compare(std::string_view a, std::string_view b);
inline bool java_string_less(std::string_view a, std::string_view b) {
  return java_string_compare(a, b) < 0;
}

// Indices of keys, given by their hashCode()s in insertion order, in the iteration order of a
// java.util.HashMap/HashSet (default capacity 16, load factor 0.75) filled in that order.
// Buckets are (h ^ h >>> 16) & (capacity - 1); keys keep insertion order within a bucket
// (Java 8's resize split preserves it). A bucket growing past 8 entries while the table is
// smaller than 64 doubles the table, as HashMap.treeifyBin does.
// Not modelled: tree bins (9+ colliding keys in a table of 64 or more). REQUIRES: distinct keys.
std::vector<int32_t> java_hash_order(const std::vector<int32_t>& hashes);

// `keys` in the iteration order of a HashMap<String, ...> built by inserting them in the given
// order. A repeated key keeps its first position, as HashMap.put does.
std::vector<std::string> java_hash_map_order(std::vector<std::string> keys);

}  // namespace ksim::assign
