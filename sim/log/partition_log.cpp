// Partition log: append (leader and follower), read, high watermark, truncation, epochs.
// Follows kafka.log.UnifiedLog (append, read, maybeIncrementHighWatermark, truncateTo,
// truncateFullyAndStartAt, endOffsetForEpoch) and LocalLog (roll, read). Retention is in
// partition_log_retention.cpp, compaction in log_cleaner.cpp.
#include "ksim/log/partition_log.h"

#include <algorithm>
#include <string>

#include "ksim/types/assert.h"

namespace ksim {
namespace {

Status invalid_record(const std::string& why) { return Status(ErrorCode::INVALID_RECORD, why); }

// Payloads, when present, must agree with the header (LogValidator's per-record checks).
Status validate_payloads(const RecordBatch& batch, bool as_leader) {
  if (!batch.has_payloads()) return Status::ok();
  if (static_cast<int32_t>(batch.records.size()) != batch.record_count)
    return invalid_record("Record count " + std::to_string(batch.records.size()) +
                          " differs from the batch header's " + std::to_string(batch.record_count));
  int32_t previous = -1;
  for (size_t i = 0; i < batch.records.size(); i++) {
    int32_t delta = batch.records[i].offset_delta;
    bool ok = as_leader ? delta == static_cast<int32_t>(i)
                        : delta > previous && delta <= batch.last_offset_delta;
    if (!ok) return invalid_record("Out of order offsets found in batch: offset delta " +
                                   std::to_string(delta) + " at record " + std::to_string(i));
    previous = delta;
  }
  return Status::ok();
}

}  // namespace

PartitionLog::PartitionLog(TopicPartition tp, LogConfig config, int64_t now_ms)
    : tp_(std::move(tp)), config_(std::move(config)) {
  segments_.emplace_back(0, now_ms);
  check_invariants();
}

Status PartitionLog::validate_batch(const RecordBatch& batch, bool as_leader) const {
  if (batch.size_bytes < kRecordBatchOverhead)
    return Status(ErrorCode::CORRUPT_MESSAGE, "Record batch size " +
                                                  std::to_string(batch.size_bytes) +
                                                  " is smaller than the v2 header (61 bytes)");
  if (as_leader) {
    // LogValidator.validateBatch (v2).
    if (batch.record_count < 1)
      return invalid_record("Invalid reported count for record batch: " +
                            std::to_string(batch.record_count));
    if (batch.last_offset_delta != batch.record_count - 1)
      return invalid_record("Inconsistent batch offset range and record count: last offset "
                            "delta " + std::to_string(batch.last_offset_delta) + ", count " +
                            std::to_string(batch.record_count));
  } else if (batch.last_offset_delta < 0 || batch.record_count < 0 ||
             batch.record_count > batch.last_offset_delta + 1) {
    // A compacted batch may hold fewer records than its offset range, never more.
    return invalid_record("Invalid batch offset range: last offset delta " +
                          std::to_string(batch.last_offset_delta) + ", count " +
                          std::to_string(batch.record_count));
  }
  Status s = validate_payloads(batch, as_leader);
  if (!s.is_ok()) return s;
  if (as_leader && config_.compact() && !batch.is_control) {
    // LogValidator.validateKey. Only checkable when the run carries payloads.
    for (const Record& r : batch.records)
      if (!r.key.has_value())
        return invalid_record("Compacted topic cannot accept message without key in topic "
                              "partition " + tp_.to_string() + ".");
  }
  return Status::ok();
}

Result<LogAppendInfo> PartitionLog::append_as_leader(RecordBatch batch, LeaderEpoch leader_epoch,
                                                     int64_t now_ms) {
  KSIM_ASSERT(leader_epoch >= 0);
  Status s = validate_batch(batch, /*as_leader=*/true);
  if (!s.is_ok()) return s;
  if (batch.size_bytes > config_.max_message_bytes) {
    // UnifiedLog.analyzeAndValidateRecords: RecordTooLargeException.
    return Status(ErrorCode::MESSAGE_TOO_LARGE,
                  "The record batch size in the append to " + tp_.to_string() + " is " +
                      std::to_string(batch.size_bytes) + " bytes which exceeds the maximum " +
                      "configured value of " + std::to_string(config_.max_message_bytes) +
                      " (max.message.bytes).");
  }
  if (leader_epoch < latest_epoch())
    return Status(ErrorCode::FENCED_LEADER_EPOCH,
                  "Leader epoch " + std::to_string(leader_epoch) + " is older than the log's " +
                      std::to_string(latest_epoch()) + " for " + tp_.to_string());
  // UnifiedLog.analyzeAndValidateProducerState: a retry of a recent batch is answered with
  // its first append's offsets; otherwise the epoch and sequence must follow on.
  if (auto dup = producer_state_.find_duplicate(batch)) {
    return LogAppendInfo{.first_offset = dup->first_offset, .last_offset = dup->last_offset,
                         .max_timestamp = dup->timestamp_ms, .record_count = batch.record_count,
                         .size_bytes = batch.size_bytes, .duplicate = true};
  }
  s = producer_state_.validate(batch);
  if (!s.is_ok()) return Status(s.code(), s.message() + " in partition " + tp_.to_string());
  batch.base_offset = log_end_offset_;
  batch.partition_leader_epoch = leader_epoch;
  if (config_.message_timestamp_type == TimestampType::LogAppendTime) {
    batch.first_timestamp = now_ms;
    batch.max_timestamp = now_ms;
  }
  LogAppendInfo info{batch.base_offset, batch.last_offset(), batch.max_timestamp,
                     batch.record_count, batch.size_bytes};
  epoch_cache_.assign(leader_epoch, batch.base_offset);
  append_batch(std::move(batch), now_ms);
  return info;
}

Result<LogAppendInfo> PartitionLog::append_as_follower(RecordBatch batch, int64_t now_ms) {
  Status s = validate_batch(batch, /*as_leader=*/false);
  if (!s.is_ok()) return s;
  if (batch.base_offset < log_end_offset_) {
    return Status(ErrorCode::OFFSET_OUT_OF_RANGE,
                  "Unexpected offset in append to " + tp_.to_string() + ". First offset " +
                      std::to_string(batch.base_offset) + " is less than the next offset " +
                      std::to_string(log_end_offset_) + ".");
  }
  LogAppendInfo info{batch.base_offset, batch.last_offset(), batch.max_timestamp,
                     batch.record_count, batch.size_bytes};
  // Batches from a leader that stamped no epoch (-1) leave the cache alone.
  if (batch.partition_leader_epoch >= 0)
    epoch_cache_.assign(batch.partition_leader_epoch, batch.base_offset);
  append_batch(std::move(batch), now_ms);
  return info;
}

void PartitionLog::append_batch(RecordBatch batch, int64_t now_ms) {
  KSIM_ASSERT(batch.base_offset >= log_end_offset_);
  producer_state_.update(batch);
  maybe_roll(batch, now_ms);
  log_end_offset_ = batch.next_offset();
  active_segment().append(std::move(batch), now_ms);
  check_invariants();
}

void PartitionLog::maybe_roll(const RecordBatch& batch, int64_t now_ms) {
  RollParams params{.max_segment_bytes = config_.segment_bytes,
                    .max_segment_ms = config_.segment_ms,
                    .messages_size = batch.size_bytes,
                    .max_timestamp_in_messages = batch.max_timestamp,
                    .now_ms = now_ms};
  if (!active_segment().should_roll(params)) return;
  // LocalLog.roll(expectedNextOffset): the new segment starts at max(batch base, LEO).
  Offset base = std::max(batch.base_offset, log_end_offset_);
  if (active_segment().empty() && active_segment().base_offset() == base) return;
  segments_.emplace_back(base, now_ms);
  recovery_point_ = std::max(recovery_point_, log_end_offset_);  // the rolled segments
  last_flush_ms_ = now_ms;
}

void PartitionLog::roll(int64_t now_ms) {
  if (active_segment().empty() && active_segment().base_offset() == log_end_offset_) return;
  segments_.emplace_back(log_end_offset_, now_ms);
  recovery_point_ = log_end_offset_;
  last_flush_ms_ = now_ms;
  check_invariants();
}

bool PartitionLog::maybe_flush(int64_t now_ms) {
  if (unflushed_messages() == 0) return false;
  bool by_count = unflushed_messages() >= config_.flush_messages;
  bool by_time = now_ms - last_flush_ms_ >= config_.flush_ms;
  if (!by_count && !by_time) return false;
  flush(now_ms);
  return true;
}

void PartitionLog::flush(int64_t now_ms) {
  recovery_point_ = log_end_offset_;
  last_flush_ms_ = now_ms;
}

int64_t PartitionLog::truncate_unflushed() {
  const Offset before = log_end_offset_;
  if (recovery_point_ >= log_end_offset_) return 0;
  if (recovery_point_ < log_start_offset_) {
    truncate_fully_and_start_at(log_start_offset_);
  } else {
    Status s = truncate_to(recovery_point_);
    KSIM_ASSERT(s.is_ok());
  }
  return before - log_end_offset_;
}

template <typename Take>
Status PartitionLog::visit_read(Offset fetch_offset, int32_t max_bytes, Offset max_offset,
                                bool min_one_message, Take&& take) const {
  KSIM_ASSERT(max_bytes >= 0);
  if (fetch_offset < log_start_offset_ || fetch_offset > log_end_offset_) {
    return Status(ErrorCode::OFFSET_OUT_OF_RANGE,
                  "Received request for offset " + std::to_string(fetch_offset) +
                      " for partition " + tp_.to_string() + ", but we only have log segments " +
                      "in the range " + std::to_string(log_start_offset_) + " to " +
                      std::to_string(log_end_offset_) + ".");
  }
  max_offset = std::min(max_offset, log_end_offset_);
  if (fetch_offset >= max_offset) return Status::ok();
  // Floor segment of fetch_offset; like LocalLog.read, the answer comes from one segment: the
  // first one from there that has a batch at or after fetch_offset.
  auto seg = std::upper_bound(segments_.begin(), segments_.end(), fetch_offset,
                              [](Offset o, const LogSegment& s) { return o < s.base_offset(); });
  KSIM_ASSERT(seg != segments_.begin());
  for (--seg; seg != segments_.end(); ++seg) {
    int32_t i = seg->find_batch(fetch_offset);
    if (i == seg->batch_count()) continue;
    int64_t bytes = 0;
    for (bool first = true; i < seg->batch_count(); i++, first = false) {
      const RecordBatch& b = seg->batches()[i];
      if (b.last_offset() >= max_offset) break;
      if (bytes + b.size_bytes > max_bytes && !(first && min_one_message)) break;
      KSIM_ASSERT(b.last_offset() >= fetch_offset);  // paired with the append-side checks
      bytes += b.size_bytes;
      take(b);
    }
    break;
  }
  return Status::ok();
}

Result<FetchDataInfo> PartitionLog::read(Offset fetch_offset, int32_t max_bytes,
                                         Offset max_offset, bool min_one_message) const {
  FetchDataInfo out{{}, fetch_offset};
  Status s = visit_read(fetch_offset, max_bytes, max_offset, min_one_message,
                        [&](const RecordBatch& b) { out.batches.push_back(b); });
  if (!s.is_ok()) return s;
  return out;
}

Result<std::vector<const RecordBatch*>> PartitionLog::read_refs(Offset fetch_offset,
                                                                int32_t max_bytes,
                                                                Offset max_offset,
                                                                bool min_one_message) const {
  std::vector<const RecordBatch*> out;
  Status s = visit_read(fetch_offset, max_bytes, max_offset, min_one_message,
                        [&](const RecordBatch& b) { out.push_back(&b); });
  if (!s.is_ok()) return s;
  return out;
}

Status PartitionLog::update_high_watermark(Offset hw) {
  if (hw > log_end_offset_) {
    return Status(ErrorCode::OFFSET_OUT_OF_RANGE,
                  "High watermark " + std::to_string(hw) + " update exceeds current log end " +
                      "offset " + std::to_string(log_end_offset_) + " of " + tp_.to_string());
  }
  if (hw > high_watermark_) high_watermark_ = hw;
  check_invariants();
  return Status::ok();
}

Offset PartitionLog::update_follower_high_watermark(Offset leader_hw) {
  Offset hw = std::min(leader_hw, log_end_offset_);
  if (hw > high_watermark_) high_watermark_ = hw;
  check_invariants();
  return high_watermark_;
}

Status PartitionLog::increment_log_start_offset(Offset offset) {
  if (offset > high_watermark_) {
    return Status(ErrorCode::OFFSET_OUT_OF_RANGE,
                  "Cannot increment the log start offset to " + std::to_string(offset) + " of " +
                      tp_.to_string() + " since it is larger than the high watermark " +
                      std::to_string(high_watermark_));
  }
  maybe_advance_log_start(offset);
  return Status::ok();
}

void PartitionLog::maybe_advance_log_start(Offset offset) {
  if (offset <= log_start_offset_) return;
  log_start_offset_ = offset;
  epoch_cache_.truncate_from_start(offset);
  check_invariants();
}

Status PartitionLog::truncate_to(Offset offset) {
  if (offset < log_start_offset_) {
    return Status(ErrorCode::OFFSET_OUT_OF_RANGE,
                  "Cannot truncate " + tp_.to_string() + " to " + std::to_string(offset) +
                      " below the log start offset " + std::to_string(log_start_offset_));
  }
  if (offset >= log_end_offset_) {
    // UnifiedLog.truncateTo: the epoch cache is truncated even then, since a former leader may
    // hold an entry for an epoch in which it appended nothing; keeping it makes the follower
    // send that epoch again and truncate to the same offset forever (found by ksim swarm).
    epoch_cache_.truncate_from_end(log_end_offset_);
    return Status::ok();
  }
  // LocalLog.truncateTo: drop segments whose base > offset, then cut the new active one.
  while (segments_.size() > 1 && segments_.back().base_offset() > offset) segments_.pop_back();
  active_segment().truncate_to(offset);
  log_end_offset_ = offset;
  epoch_cache_.truncate_from_end(offset);
  high_watermark_ = std::min(high_watermark_, log_end_offset_);
  cleaner_checkpoint_ = std::min(cleaner_checkpoint_, offset);
  recovery_point_ = std::min(recovery_point_, offset);
  rebuild_producer_state(offset);
  check_invariants();
  return Status::ok();
}

void PartitionLog::rebuild_producer_state(Offset truncated_at) {
  // Kafka reloads the latest snapshot at or below the new end and replays the log after it;
  // the log here is all in memory, so the remaining batches are replayed from the start.
  ProducerStateManager rebuilt;
  for_each_batch([&](const RecordBatch& b) { rebuilt.update(b); });
  for (const auto& [id, entry] : producer_state_.producers())
    if (rebuilt.entry(id) == nullptr && entry.last_data_offset() < truncated_at)
      rebuilt.restore(id, entry);
  producer_state_ = std::move(rebuilt);
}

void PartitionLog::truncate_fully_and_start_at(Offset offset) {
  KSIM_ASSERT(offset >= 0);
  // No now_ms in Kafka's signature: the new segment inherits the latest time the log has seen.
  int64_t created_ms = active_segment().last_modified_ms();
  segments_.clear();
  segments_.emplace_back(offset, created_ms);
  epoch_cache_.clear();
  producer_state_.clear();  // ProducerStateManager.truncateFullyAndStartAt
  log_start_offset_ = offset;
  log_end_offset_ = offset;
  high_watermark_ = offset;
  cleaner_checkpoint_ = offset;
  recovery_point_ = offset;
  check_invariants();
}

void PartitionLog::assign_epoch_start_offset(LeaderEpoch epoch, Offset start_offset) {
  epoch_cache_.assign(epoch, start_offset);
}

std::optional<EpochEndOffset> PartitionLog::end_offset_for_epoch(LeaderEpoch epoch) const {
  EpochEndOffset found = epoch_cache_.end_offset_for(epoch, log_end_offset_);
  if (found.end_offset == LeaderEpochCache::kUndefinedEpochOffset) return std::nullopt;
  return found;
}

CleanResult PartitionLog::clean(int64_t now_ms) {
  if (!config_.compact()) return CleanResult{};
  CleanResult result = LogCleaner::clean(*this, now_ms);
  check_invariants();
  return result;
}

Offset PartitionLog::first_dirty_offset() const {
  // LogCleanerManager.cleanableOffsets: a checkpoint outside [log start, active base] resets
  // to the log start.
  Offset active_base = segments_.back().base_offset();
  if (cleaner_checkpoint_ < log_start_offset_ || cleaner_checkpoint_ > active_base)
    return log_start_offset_;
  return cleaner_checkpoint_;
}

std::vector<LogSegmentView> PartitionLog::segments() const {
  std::vector<LogSegmentView> out;
  out.reserve(segments_.size());
  for (const LogSegment& s : segments_)
    out.push_back({s.base_offset(), s.next_offset(), s.size_bytes(), s.max_timestamp_ms(),
                   s.batch_count()});
  return out;
}

int64_t PartitionLog::size_bytes() const {
  int64_t total = 0;
  for (const LogSegment& s : segments_) total += s.size_bytes();
  return total;
}

int32_t PartitionLog::batch_count() const {
  int32_t total = 0;
  for (const LogSegment& s : segments_) total += s.batch_count();
  return total;
}

Status PartitionLog::set_config(LogConfig config) {
  if (config.min_compaction_lag_ms > config.max_compaction_lag_ms)
    return Status(ErrorCode::INVALID_CONFIG,
                  "conflict topic config setting min.compaction.lag.ms > max.compaction.lag.ms");
  config_ = std::move(config);
  return Status::ok();
}

void PartitionLog::check_invariants() const {
  KSIM_ASSERT(!segments_.empty());
  KSIM_ASSERT(segments_.front().base_offset() <= log_start_offset_);
  KSIM_ASSERT(log_start_offset_ <= high_watermark_);
  KSIM_ASSERT(high_watermark_ <= log_end_offset_);
  KSIM_ASSERT(segments_.back().next_offset() <= log_end_offset_);
}

}  // namespace ksim
