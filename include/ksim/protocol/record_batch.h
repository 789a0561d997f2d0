#pragma once
// Record batch v2 as it matters to behaviour (org.apache.kafka.common.record.DefaultRecordBatch).
// Capacity runs carry counts and sizes only (records empty); teaching runs carry keys and values.
// Timestamps are Kafka's: int64 milliseconds. See docs/log-format.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ksim/types/ids.h"

namespace ksim {

constexpr int32_t kRecordBatchOverhead = 61;  // DefaultRecordBatch.RECORD_BATCH_OVERHEAD
constexpr ProducerId kNoProducerId = -1;

struct Record {
  int32_t offset_delta = 0;
  int64_t timestamp_delta = 0;                // ms, relative to the batch's first timestamp
  std::optional<std::string> key;             // nullopt = null key
  std::optional<std::string> value;           // nullopt = tombstone
  bool operator==(const Record&) const = default;
};

struct RecordBatch {
  Offset base_offset = 0;
  int32_t last_offset_delta = 0;              // also the last sequence delta
  int32_t record_count = 0;
  int32_t size_bytes = kRecordBatchOverhead;  // bytes on the wire, header included
  int64_t first_timestamp = 0;                // ms (BaseTimestamp)
  int64_t max_timestamp = 0;                  // ms
  ProducerId producer_id = kNoProducerId;
  int16_t producer_epoch = -1;
  int32_t base_sequence = -1;
  LeaderEpoch partition_leader_epoch = -1;
  bool is_transactional = false;
  bool is_control = false;
  std::vector<Record> records;                // empty when the run carries no payloads

  Offset last_offset() const { return base_offset + last_offset_delta; }
  Offset next_offset() const { return last_offset() + 1; }
  bool has_payloads() const { return !records.empty(); }
  bool operator==(const RecordBatch&) const = default;
};

// DefaultRecordBatch.incrementSequence: producer sequences wrap to 0 after Integer.MAX_VALUE.
inline int32_t increment_sequence(int32_t sequence, int64_t increment) {
  constexpr int64_t kMax = 2147483647;
  int64_t next = int64_t{sequence} + increment;
  return static_cast<int32_t>(next > kMax ? next - kMax - 1 : next);
}

// Approximate v2 size of one record with the given key and value sizes (varints included).
int32_t record_size_bytes(int32_t key_bytes, int32_t value_bytes);

}  // namespace ksim
