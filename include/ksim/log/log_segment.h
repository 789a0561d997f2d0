#pragma once
// One segment of a partition log: a contiguous run of batches from base_offset, kept in memory.
// Follows org.apache.kafka.storage.internals.log.LogSegment (append, read position, shouldRoll,
// truncateTo, largestTimestamp). No files: no .index/.timeindex/.txnindex. See
// docs/log-format.md.
#include <cstdint>
#include <deque>
#include <map>
#include <vector>

#include "ksim/protocol/record_batch.h"

namespace ksim {

// Batches of a segment. A deque, not a vector: memory grows in fixed 512-byte blocks, so the
// cost per batch stays near sizeof(RecordBatch) with no doubling slack (docs/log-format.md).
using BatchList = std::deque<RecordBatch>;

// RollParams: what LogSegment.shouldRoll needs to know about the incoming batch.
struct RollParams {
  int32_t max_segment_bytes = 0;       // segment.bytes
  int64_t max_segment_ms = 0;          // segment.ms
  int32_t messages_size = 0;           // bytes of the incoming batch
  int64_t max_timestamp_in_messages = -1;  // ms, the incoming batch's max timestamp
  int64_t now_ms = 0;
};

class LogSegment {
 public:
  // A new empty segment. created_ms is the time used by the time-based roll when no batch in
  // the segment carries a timestamp (LogSegment.created).
  LogSegment(Offset base_offset, int64_t created_ms);

  // REQUIRES: batch.base_offset >= next_offset(), batch.size_bytes > 0.
  void append(RecordBatch batch, int64_t now_ms);

  // LogSegment.shouldRoll minus the index-full and relative-offset conditions (no indexes):
  // size > max_segment_bytes - messages_size, or the segment is non-empty and the time waited
  // (incoming max timestamp - first batch's max timestamp, or now - created when the first
  // batch has no timestamp) exceeds segment.ms.
  bool should_roll(const RollParams& params) const;

  // Index of the first batch whose last offset >= offset (LogSegment.translateOffset), or
  // batch_count() when none.
  int32_t find_batch(Offset offset) const;

  // Removes every batch whose last offset >= offset (the batch holding `offset` goes entirely,
  // as LogSegment.truncateTo cuts at that batch's position). Returns the bytes removed.
  int64_t truncate_to(Offset offset);

  // Replaces the batches (the cleaner's swap). REQUIRES: sorted, within [base_offset, ...).
  void replace_batches(BatchList batches);

  Offset base_offset() const { return base_offset_; }
  // One past the last batch's last offset, or base_offset when empty.
  Offset next_offset() const;
  int64_t size_bytes() const { return size_bytes_; }
  bool empty() const { return batches_.empty(); }
  int32_t batch_count() const { return static_cast<int32_t>(batches_.size()); }
  int64_t max_timestamp_ms() const { return max_timestamp_ms_; }  // -1 = none
  int64_t created_ms() const { return created_ms_; }
  int64_t last_modified_ms() const { return last_modified_ms_; }
  void set_last_modified_ms(int64_t ms) { last_modified_ms_ = ms; }
  // LogSegment.largestTimestamp: max timestamp if positive, else the last-modified time.
  int64_t largest_timestamp_ms() const;
  // Max timestamp of the first batch (rollingBasedTimestamp), -1 when empty.
  int64_t first_batch_timestamp_ms() const;
  const BatchList& batches() const { return batches_; }

  // Delete horizon of a batch that held tombstones when the cleaner first saw it (KIP-534
  // stores it in BaseTimestamp with attribute bit 6; our RecordBatch has no such field, so the
  // segment keeps it beside the batch, keyed by base offset).
  const std::map<Offset, int64_t>& delete_horizons() const { return delete_horizons_; }
  void set_delete_horizons(std::map<Offset, int64_t> horizons) {
    delete_horizons_ = std::move(horizons);
  }

 private:
  void recompute_stats();

  Offset base_offset_;
  int64_t created_ms_;
  int64_t last_modified_ms_;
  int64_t size_bytes_ = 0;
  int64_t max_timestamp_ms_ = -1;
  BatchList batches_;
  std::map<Offset, int64_t> delete_horizons_;
};

}  // namespace ksim
