#pragma once
// Batch builders for the log tests (in the spirit of Kafka's LogTestUtils / TestUtils.records).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ksim/log/partition_log.h"

namespace ksim::test {

// A payload-less batch of `count` records, `size_bytes` on the wire, all stamped `ts_ms`.
inline RecordBatch batch_of(int32_t count, int32_t size_bytes = 100, int64_t ts_ms = 0) {
  RecordBatch b;
  b.record_count = count;
  b.last_offset_delta = count - 1;
  b.size_bytes = size_bytes;
  b.first_timestamp = ts_ms;
  b.max_timestamp = ts_ms;
  return b;
}

using KeyValue = std::pair<std::optional<std::string>, std::optional<std::string>>;

// A batch carrying payloads; value nullopt = tombstone. Size from record_size_bytes.
inline RecordBatch keyed_batch(const std::vector<KeyValue>& kvs, int64_t ts_ms = 0) {
  RecordBatch b = batch_of(static_cast<int32_t>(kvs.size()), kRecordBatchOverhead, ts_ms);
  for (size_t i = 0; i < kvs.size(); i++) {
    const auto& [k, v] = kvs[i];
    Record r;
    r.offset_delta = static_cast<int32_t>(i);
    r.key = k;
    r.value = v;
    b.records.push_back(r);
    b.size_bytes += record_size_bytes(k ? static_cast<int32_t>(k->size()) : -1,
                                      v ? static_cast<int32_t>(v->size()) : -1);
  }
  return b;
}

// A batch with base offset and epoch already assigned, for follower appends.
inline RecordBatch follower_batch(Offset base, int32_t count, LeaderEpoch epoch,
                                  int32_t size_bytes = 100, int64_t ts_ms = 0) {
  RecordBatch b = batch_of(count, size_bytes, ts_ms);
  b.base_offset = base;
  b.partition_leader_epoch = epoch;
  return b;
}

inline LogConfig config_of(const std::map<std::string, std::string>& overrides) {
  Result<LogConfig> c = LogConfig::from(overrides);
  KSIM_ASSERT_MSG(c.is_ok(), "test config must be valid");
  return c.value();
}

inline TopicPartition tp0() { return {"t", 0}; }

}  // namespace ksim::test
