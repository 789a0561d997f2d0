// In-memory log segment. Follows LogSegment.java: append, shouldRoll/timeWaitedForRoll,
// translateOffset, truncateTo, largestTimestamp.
#include "ksim/log/log_segment.h"

#include <algorithm>

#include "ksim/types/assert.h"

namespace ksim {

// docs/log-format.md promises under 100 bytes of log memory per payload-less batch: the header
// struct plus its share of a 512-byte deque block (ksim_log_bench measures ~90).
static_assert(sizeof(RecordBatch) <= 96, "update docs/log-format.md's memory figures");

LogSegment::LogSegment(Offset base_offset, int64_t created_ms)
    : base_offset_(base_offset), created_ms_(created_ms), last_modified_ms_(created_ms) {
  KSIM_ASSERT(base_offset >= 0);
}

void LogSegment::append(RecordBatch batch, int64_t now_ms) {
  KSIM_ASSERT(batch.base_offset >= next_offset());
  KSIM_ASSERT(batch.size_bytes > 0);
  size_bytes_ += batch.size_bytes;
  max_timestamp_ms_ = std::max(max_timestamp_ms_, batch.max_timestamp);
  last_modified_ms_ = std::max(last_modified_ms_, now_ms);
  batches_.push_back(std::move(batch));
}

bool LogSegment::should_roll(const RollParams& params) const {
  int64_t first_ts = first_batch_timestamp_ms();
  int64_t waited = first_ts >= 0 ? params.max_timestamp_in_messages - first_ts
                                 : params.now_ms - created_ms_;
  bool reached_roll_ms = waited > params.max_segment_ms;  // rollJitterMs = 0
  int64_t limit = int64_t{params.max_segment_bytes} - params.messages_size;
  return size_bytes_ > limit || (size_bytes_ > 0 && reached_roll_ms);
}

int32_t LogSegment::find_batch(Offset offset) const {
  // Reads are mostly at the tail (followers, consumers, the checker): look at the last few
  // batches before a binary search, whose probes miss the cache all over the deque.
  constexpr int kTail = 4;
  size_t i = batches_.size();
  for (int step = 0; i > 0 && step < kTail; step++, i--)
    if (batches_[i - 1].last_offset() < offset) return static_cast<int32_t>(i);
  auto it = std::lower_bound(batches_.begin(), batches_.begin() + static_cast<ptrdiff_t>(i),
                             offset,
                             [](const RecordBatch& b, Offset o) { return b.last_offset() < o; });
  return static_cast<int32_t>(it - batches_.begin());
}

int64_t LogSegment::truncate_to(Offset offset) {
  int32_t first_removed = find_batch(offset);
  int64_t before = size_bytes_;
  batches_.erase(batches_.begin() + first_removed, batches_.end());
  delete_horizons_.erase(delete_horizons_.lower_bound(offset), delete_horizons_.end());
  recompute_stats();
  return before - size_bytes_;
}

void LogSegment::replace_batches(BatchList batches) {
  for (size_t i = 0; i < batches.size(); i++) {
    KSIM_ASSERT(batches[i].base_offset >= base_offset_);
    KSIM_ASSERT(i == 0 || batches[i].base_offset > batches[i - 1].last_offset());
  }
  batches_ = std::move(batches);
  recompute_stats();
}

Offset LogSegment::next_offset() const {
  return batches_.empty() ? base_offset_ : batches_.back().next_offset();
}

int64_t LogSegment::largest_timestamp_ms() const {
  return max_timestamp_ms_ > 0 ? max_timestamp_ms_ : last_modified_ms_;
}

int64_t LogSegment::first_batch_timestamp_ms() const {
  return batches_.empty() ? -1 : batches_.front().max_timestamp;
}

void LogSegment::recompute_stats() {
  size_bytes_ = 0;
  max_timestamp_ms_ = -1;
  for (const RecordBatch& b : batches_) {
    size_bytes_ += b.size_bytes;
    max_timestamp_ms_ = std::max(max_timestamp_ms_, b.max_timestamp);
  }
}

}  // namespace ksim
