// Sizes of v2 records (DefaultRecord.sizeInBytes, with varint lengths).
#include "ksim/protocol/record_batch.h"

namespace ksim {
namespace {

int32_t varint_size(int64_t value) {
  uint64_t v = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);  // zigzag
  int32_t bytes = 1;
  while (v >= 0x80) {
    v >>= 7;
    bytes++;
  }
  return bytes;
}

}  // namespace

int32_t record_size_bytes(int32_t key_bytes, int32_t value_bytes) {
  // attributes(1) + timestampDelta(1) + offsetDelta(1) + key + value + headerCount(1);
  // deltas are small in practice, so one byte each, as DefaultRecord.sizeInBytes would give.
  int32_t body = 1 + 1 + 1;
  body += key_bytes < 0 ? varint_size(-1) : varint_size(key_bytes) + key_bytes;
  body += value_bytes < 0 ? varint_size(-1) : varint_size(value_bytes) + value_bytes;
  body += 1;
  return varint_size(body) + body;
}

}  // namespace ksim
