#pragma once
// Partition log: append-only record batches in segments, with log start offset, high watermark
// and log end offset, a leader-epoch cache, retention and compaction. Follows kafka.log.
// UnifiedLog and org.apache.kafka.storage.internals.log.LocalLog. Pure: no clock, no I/O; the
// caller passes now_ms (Kafka milliseconds) where time matters. See docs/log-format.md.
#include <cstdint>
#include <optional>
#include <vector>

#include "ksim/log/leader_epoch_cache.h"
#include "ksim/log/log_cleaner.h"
#include "ksim/log/log_config.h"
#include "ksim/log/log_segment.h"
#include "ksim/log/producer_state.h"
#include "ksim/protocol/fetch.h"
#include "ksim/protocol/record_batch.h"
#include "ksim/types/result.h"

namespace ksim {

// What one append did (LogAppendInfo). Offsets are those assigned (leader) or given (follower).
struct LogAppendInfo {
  Offset first_offset = kNoOffset;
  Offset last_offset = kNoOffset;
  int64_t max_timestamp = -1;  // ms; now_ms under LogAppendTime
  int32_t record_count = 0;
  int32_t size_bytes = 0;
  // A retried batch of an idempotent producer found among its last 5: nothing was appended and
  // the offsets are the original batch's (UnifiedLog.append returns them the same way).
  bool duplicate = false;
};

// Result of a read (FetchDataInfo): whole batches, in offset order. The first batch may start
// before fetch_offset (it is the batch that holds fetch_offset).
struct FetchDataInfo {
  std::vector<RecordBatch> batches;
  Offset fetch_offset = kNoOffset;
};

// A segment as the GUI and `describe` show it.
struct LogSegmentView {
  Offset base_offset = 0;
  Offset next_offset = 0;  // one past the last batch, base_offset when empty
  int64_t size_bytes = 0;
  int64_t max_timestamp_ms = -1;
  int32_t batch_count = 0;
};

class PartitionLog {
 public:
  // An empty log: one empty segment at offset 0; log start = HW = LEO = 0.
  PartitionLog(TopicPartition tp, LogConfig config, int64_t now_ms);

  // Leader append (UnifiedLog.appendAsLeader): the batch gets base_offset = LEO and is stamped
  // with leader_epoch; under LogAppendTime its timestamps become now_ms. Rolls first if the
  // active segment should roll. Errors (nothing appended):
  //   INVALID_RECORD       record_count < 1, last_offset_delta != record_count - 1, payloads
  //                        inconsistent with the header, or a null key on a compacted topic;
  //   CORRUPT_MESSAGE      size_bytes < the 61-byte v2 header;
  //   MESSAGE_TOO_LARGE    size_bytes > max.message.bytes;
  //   FENCED_LEADER_EPOCH  leader_epoch < latest_epoch() (a stale leader);
  //   INVALID_PRODUCER_EPOCH, OUT_OF_ORDER_SEQUENCE_NUMBER
  //                        from the producer state (batches with a producer id).
  // A batch with a producer id that repeats one of that producer's last 5 batches is not
  // appended: the result has duplicate = true and the original offsets.
  // REQUIRES: leader_epoch >= 0.
  Result<LogAppendInfo> append_as_leader(RecordBatch batch, LeaderEpoch leader_epoch,
                                         int64_t now_ms);

  // Follower append (UnifiedLog.appendAsFollower): offsets and epoch come with the batch.
  // base_offset must be >= LEO (a gap is allowed: the leader's log may be compacted). No size
  // check (Kafka's ignoreRecordSize: the leader accepted it). A batch with a leader epoch >= 0
  // is recorded in the epoch cache; its producer state is taken as is (no sequence checks).
  // Errors: OFFSET_OUT_OF_RANGE when base_offset < LEO (Kafka's
  // UnexpectedAppendOffsetException), INVALID_RECORD / CORRUPT_MESSAGE as above.
  Result<LogAppendInfo> append_as_follower(RecordBatch batch, int64_t now_ms);

  // Reads whole batches from the one holding fetch_offset, stopping before the first batch
  // that reaches max_offset (pass high_watermark() for consumers, log_end_offset() for
  // followers) or that would take the total past max_bytes. With min_one_message the first
  // batch is returned even when it alone exceeds max_bytes. fetch_offset == LEO, or a
  // fetch_offset at/after max_offset, gives no batches. Error: OFFSET_OUT_OF_RANGE when
  // fetch_offset is outside [log_start_offset, log_end_offset].
  // REQUIRES: max_bytes >= 0.
  Result<FetchDataInfo> read(Offset fetch_offset, int32_t max_bytes, Offset max_offset,
                             bool min_one_message) const;
  // read() without copies (checkers): the same batches, as pointers valid until the log changes.
  Result<std::vector<const RecordBatch*>> read_refs(Offset fetch_offset, int32_t max_bytes,
                                                    Offset max_offset,
                                                    bool min_one_message) const;

  Offset log_start_offset() const { return log_start_offset_; }
  Offset log_end_offset() const { return log_end_offset_; }
  Offset high_watermark() const { return high_watermark_; }

  // Leader HW (UnifiedLog.maybeIncrementHighWatermark): moves the HW forward to hw. A value
  // below the current HW leaves it unchanged and returns ok (Kafka returns None). Error:
  // OFFSET_OUT_OF_RANGE when hw > LEO (Kafka throws IllegalArgumentException); the HW is then
  // unchanged. Only truncation (truncate_to, truncate_fully_and_start_at) lowers the HW.
  Status update_high_watermark(Offset hw);
  // Follower HW (UnifiedLog.maybeUpdateHighWatermark): min(leader_hw, LEO), forward only.
  // Returns the HW after the call.
  Offset update_follower_high_watermark(Offset leader_hw);

  // DeleteRecords (UnifiedLog.maybeIncrementLogStartOffset): moves the log start forward; data
  // below it becomes unreadable and whole segments below it go at the next retention pass.
  // Error: OFFSET_OUT_OF_RANGE when offset > HW. A lower value is a no-op.
  Status increment_log_start_offset(Offset offset);

  // Follower truncation (UnifiedLog.truncateTo): removes every batch whose last offset >=
  // offset and sets LEO = offset; truncates the epoch cache from the end; lowers the HW to the
  // new LEO if above. offset >= LEO is a no-op. Error: OFFSET_OUT_OF_RANGE when offset <
  // log start (Kafka would truncate fully; ksim makes the caller say so with
  // truncate_fully_and_start_at).
  Status truncate_to(Offset offset);
  // Drops everything (UnifiedLog.truncateFullyAndStartAt): one empty segment at offset, and
  // log start = HW = LEO = offset; the epoch cache is cleared. REQUIRES: offset >= 0.
  void truncate_fully_and_start_at(Offset offset);

  // Flushing (UnifiedLog.flush and its recoveryPoint): offsets below recovery_point() are on
  // disk and survive a crash that loses the page cache; a roll flushes the rolled segments
  // (UnifiedLog.roll schedules flushUptoOffsetExclusive). maybe_flush flushes up to the LEO
  // when flush.messages records are unflushed or flush.ms has passed since the last flush
  // (Kafka checks flush.ms in its periodic log flusher; ksim on each append). Returns whether
  // it flushed. With Kafka's defaults (both Long.MAX_VALUE) only rolls flush.
  bool maybe_flush(int64_t now_ms);
  void flush(int64_t now_ms);
  Offset recovery_point() const { return recovery_point_; }
  int64_t unflushed_messages() const { return log_end_offset_ - recovery_point_; }
  // A crash that loses the page cache: truncates to the recovery point (HW and epoch cache
  // follow, as in truncate_to; below the log start the log is emptied at the log start).
  // Returns the number of offsets lost.
  int64_t truncate_unflushed();

  // Partition.makeLeader's maybeAssignEpochStartOffset: records that `epoch` starts at LEO.
  void assign_epoch_start_offset(LeaderEpoch epoch, Offset start_offset);
  // OffsetsForLeaderEpoch / diverging-epoch lookup (UnifiedLog.endOffsetForEpoch): largest
  // epoch <= epoch and its end offset; nullopt when undefined.
  std::optional<EpochEndOffset> end_offset_for_epoch(LeaderEpoch epoch) const;
  LeaderEpoch latest_epoch() const { return epoch_cache_.latest_epoch(); }  // -1 if none
  const LeaderEpochCache& epoch_cache() const { return epoch_cache_; }
  // Idempotent producers' state (ProducerStateManager). Truncation rebuilds it from the
  // remaining batches, keeping producers whose batches all lie below the log start.
  const ProducerStateManager& producer_state() const { return producer_state_; }
  // producer.id.expiration.ms: forgets producers idle that long. Returns how many.
  int32_t remove_expired_producers(int64_t now_ms, int64_t expiration_ms) {
    return producer_state_.remove_expired(now_ms, expiration_ms);
  }

  // Retention (UnifiedLog.deleteOldSegments): segments below the log start; with
  // cleanup.policy containing delete, also by retention.bytes then retention.ms. Whole
  // segments, oldest first, stopping at the first that does not qualify; never a segment whose
  // upper bound (next base, or LEO) is above the HW; never the empty active segment. If every
  // segment goes, an empty segment is rolled at the LEO first. Returns segments deleted.
  int32_t delete_old_segments(int64_t now_ms);

  // One compaction pass if due (see log_cleaner.h). No-op unless cleanup.policy has compact.
  CleanResult clean(int64_t now_ms);
  // The cleaner checkpoint: offsets below it have been cleaned at least once.
  Offset first_dirty_offset() const;

  // Rolls a new empty active segment at the LEO (UnifiedLog.roll); no-op if the active segment
  // is empty.
  void roll(int64_t now_ms);

  std::vector<LogSegmentView> segments() const;
  const std::vector<LogSegment>& log_segments() const { return segments_; }
  int64_t size_bytes() const;   // all segments
  int32_t batch_count() const;  // all segments
  // Calls f(const RecordBatch&) for every batch in offset order (GUI, checkers).
  template <typename F>
  void for_each_batch(F&& f) const {
    for (const LogSegment& s : segments_)
      for (const RecordBatch& b : s.batches()) f(b);
  }

  const TopicPartition& topic_partition() const { return tp_; }
  const LogConfig& config() const { return config_; }
  // Applies a new (already validated) config to later rolls, reads and passes. Error:
  // INVALID_CONFIG if min.compaction.lag.ms > max.compaction.lag.ms.
  Status set_config(LogConfig config);

 private:
  Status validate_batch(const RecordBatch& batch, bool as_leader) const;
  // read()'s selection: calls take(const RecordBatch&) for each batch read, in offset order.
  template <typename Take>
  Status visit_read(Offset fetch_offset, int32_t max_bytes, Offset max_offset,
                    bool min_one_message, Take&& take) const;
  void append_batch(RecordBatch batch, int64_t now_ms);
  void maybe_roll(const RecordBatch& batch, int64_t now_ms);
  LogSegment& active_segment() { return segments_.back(); }
  void maybe_advance_log_start(Offset offset);
  void rebuild_producer_state(Offset truncated_at);
  void check_invariants() const;
  friend class LogCleaner;

  TopicPartition tp_;
  LogConfig config_;
  std::vector<LogSegment> segments_;  // sorted by base offset; never empty
  LeaderEpochCache epoch_cache_;
  ProducerStateManager producer_state_;
  Offset log_start_offset_ = 0;
  Offset log_end_offset_ = 0;
  Offset high_watermark_ = 0;
  Offset cleaner_checkpoint_ = 0;  // LogCleanerManager's cleaner-offset-checkpoint
  Offset recovery_point_ = 0;      // flushed below this (UnifiedLog.recoveryPoint)
  int64_t last_flush_ms_ = 0;
};

}  // namespace ksim
