// Java String.hashCode / compareTo and HashMap iteration order. See ksim/assign/java_order.h.
#include "ksim/assign/java_order.h"

#include <algorithm>
#include <numeric>
#include <set>

namespace ksim::assign {
namespace {

// Decodes one UTF-8 sequence starting at s[i]; advances i. Malformed input yields U+FFFD and
// consumes one byte, which is close to (not byte-for-byte) Java's replacement behaviour.
uint32_t decode_utf8(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int extra = 0;
  uint32_t cp = 0;
  if (b0 < 0x80) { i += 1; return b0; }
  if ((b0 & 0xE0) == 0xC0) { extra = 1; cp = b0 & 0x1F; }
  else if ((b0 & 0xF0) == 0xE0) { extra = 2; cp = b0 & 0x0F; }
  else if ((b0 & 0xF8) == 0xF0) { extra = 3; cp = b0 & 0x07; }
  else { i += 1; return 0xFFFD; }
  if (i + extra >= s.size()) { i += 1; return 0xFFFD; }
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) { i += 1; return 0xFFFD; }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += static_cast<size_t>(extra) + 1;
  return cp;
}

std::vector<uint16_t> to_utf16(std::string_view s) {
  std::vector<uint16_t> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const uint32_t cp = decode_utf8(s, i);
    if (cp >= 0x10000 && cp <= 0x10FFFF) {
      const uint32_t v = cp - 0x10000;
      out.push_back(static_cast<uint16_t>(0xD800 + (v >> 10)));
      out.push_back(static_cast<uint16_t>(0xDC00 + (v & 0x3FF)));
    } else {
      out.push_back(static_cast<uint16_t>(cp > 0x10FFFF ? 0xFFFD : cp));
    }
  }
  return out;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

// HashMap.hash(): h ^ (h >>> 16).
uint32_t spread(int32_t h) {
  const auto u = static_cast<uint32_t>(h);
  return u ^ (u >> 16);
}

}  // namespace

int32_t java_string_hash(std::string_view s) {
  uint32_t h = 0;
  if (is_ascii(s)) {
    for (char c : s) h = 31 * h + static_cast<unsigned char>(c);
  } else {
    for (uint16_t unit : to_utf16(s)) h = 31 * h + unit;
  }
  return static_cast<int32_t>(h);
}

int java_string_compare(std::string_view a, std::string_view b) {
  if (is_ascii(a) && is_ascii(b)) {
    const int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  const auto ua = to_utf16(a);
  const auto ub = to_utf16(b);
  if (std::lexicographical_compare(ua.begin(), ua.end(), ub.begin(), ub.end())) return -1;
  if (std::lexicographical_compare(ub.begin(), ub.end(), ua.begin(), ua.end())) return 1;
  return 0;
}

std::vector<int32_t> java_hash_order(const std::vector<int32_t>& hashes) {
  // Only the final capacity matters: within a bucket, entries keep insertion order across
  // resizes, so iteration is by (bucket at the final capacity, insertion index).
  uint32_t capacity = 16;
  size_t threshold = 12;
  for (size_t n = 0; n < hashes.size(); ++n) {
    const uint32_t bucket = spread(hashes[n]) & (capacity - 1);
    size_t bin_size = 0;
    for (size_t k = 0; k < n; ++k) {
      if ((spread(hashes[k]) & (capacity - 1)) == bucket) ++bin_size;
    }
    if (bin_size >= 8 && capacity < 64) {  // treeifyBin on a small table resizes instead
      capacity *= 2;
      threshold *= 2;
    }
    if (n + 1 > threshold) {
      capacity *= 2;
      threshold *= 2;
    }
  }
  std::vector<int32_t> order(hashes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t x, int32_t y) {
    return (spread(hashes[x]) & (capacity - 1)) < (spread(hashes[y]) & (capacity - 1));
  });
  return order;
}

std::vector<std::string> java_hash_map_order(std::vector<std::string> keys) {
  std::vector<std::string> distinct;
  std::set<std::string> seen;
  for (auto& key : keys) {
    if (seen.insert(key).second) distinct.push_back(std::move(key));
  }
  std::vector<int32_t> hashes;
  hashes.reserve(distinct.size());
  for (const auto& key : distinct) hashes.push_back(java_string_hash(key));
  std::vector<std::string> out;
  out.reserve(distinct.size());
  for (int32_t index : java_hash_order(hashes)) out.push_back(distinct[index]);
  return out;
}

}  // namespace ksim::assign
