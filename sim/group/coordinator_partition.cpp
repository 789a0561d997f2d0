// Coordinator placement: Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions.
// Follows GroupCoordinatorService.partitionFor and java.lang.String.hashCode.
#include "ksim/group/coordinator_partition.h"

#include <cstdint>

#include "ksim/types/assert.h"

namespace ksim::group {
namespace {

// Decodes one UTF-8 sequence at s[i]; advances i. Malformed input yields U+FFFD for one byte.
uint32_t next_code_point(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t b0 = byte(i);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    i += 1;
    return 0xFFFD;
  }
  uint32_t cp = len == 1 ? b0 : (b0 & (0x7F >> len));
  for (int k = 1; k < len; k++) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      i += 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += len;
  return cp;
}

}  // namespace

int32_t java_string_hash(std::string_view utf8) {
  uint32_t h = 0;  // unsigned arithmetic wraps exactly like Java's int
  size_t i = 0;
  while (i < utf8.size()) {
    uint32_t cp = next_code_point(utf8, i);
    if (cp >= 0x10000) {  // a surrogate pair: two UTF-16 code units
      uint32_t v = cp - 0x10000;
      h = 31 * h + (0xD800 + (v >> 10));
      h = 31 * h + (0xDC00 + (v & 0x3FF));
    } else {
      h = 31 * h + cp;
    }
  }
  return static_cast<int32_t>(h);
}

int32_t java_utils_abs(int32_t n) {
  return n == INT32_MIN ? 0 : (n < 0 ? -n : n);
}

int32_t coordinator_partition_for(std::string_view group_id, int32_t num_partitions) {
  KSIM_ASSERT(num_partitions >= 1);
  return java_utils_abs(java_string_hash(group_id)) % num_partitions;
}

}  // namespace ksim::group
