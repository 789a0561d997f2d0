// Log compaction pass. Follows Cleaner.java (doClean, buildOffsetMap, groupSegmentsBySize,
// cleanInto, shouldRetainRecord, the KIP-534 delete horizon) and LogCleanerManager
// (cleanableOffsets, calculateCleanableBytes, maxCompactionDelay). The offset map is a
// std::map from key to latest offset, bounded by the records below the uncleanable point
// (Kafka's is a fixed 128 MiB dedupe buffer).
#include "ksim/log/log_cleaner.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "ksim/log/partition_log.h"
#include "ksim/types/assert.h"

namespace ksim {
namespace {

using Segments = std::vector<LogSegment>;
using OffsetMap = std::map<std::string, Offset>;

// Index of the segment holding `offset` (floor by base offset); 0 if offset is below all.
size_t floor_index(const Segments& segs, Offset offset) {
  size_t i = 0;
  while (i + 1 < segs.size() && segs[i + 1].base_offset() <= offset) i++;
  return i;
}

// LogCleanerManager.cleanableOffsets + calculateCleanableBytes: the base of the first segment
// that must stay dirty.
Offset first_uncleanable_base(const PartitionLog& log, Offset first_dirty, int64_t now_ms) {
  const Segments& segs = log.log_segments();
  const Offset active_base = segs.back().base_offset();
  Offset uncleanable = std::min(active_base, log.high_watermark());
  if (log.config().min_compaction_lag_ms > 0) {
    for (size_t i = floor_index(segs, first_dirty); i + 1 < segs.size(); i++) {
      if (segs[i].largest_timestamp_ms() > now_ms - log.config().min_compaction_lag_ms) {
        uncleanable = std::min(uncleanable, segs[i].base_offset());
        break;
      }
    }
  }
  if (uncleanable >= active_base) return active_base;
  return segs[floor_index(segs, uncleanable)].base_offset();
}

// LogCleanerManager.maxCompactionDelay > 0: a dirty non-active segment's first batch is older
// than max.compaction.lag.ms.
bool needs_compaction_now(const PartitionLog& log, Offset first_dirty, int64_t now_ms) {
  const Segments& segs = log.log_segments();
  int64_t clean_until = now_ms - log.config().max_compaction_lag_ms;
  for (size_t i = floor_index(segs, first_dirty); i + 1 < segs.size(); i++) {
    int64_t ts = segs[i].first_batch_timestamp_ms();
    if (ts > 0 && ts < clean_until) return true;
  }
  return false;
}

OffsetMap build_offset_map(const Segments& segs, Offset first_dirty, Offset end) {
  OffsetMap map;
  for (size_t i = floor_index(segs, first_dirty); i < segs.size(); i++) {
    if (segs[i].base_offset() >= end) break;
    for (const RecordBatch& b : segs[i].batches()) {
      if (b.is_control) continue;
      for (const Record& r : b.records)
        if (r.key.has_value()) map[*r.key] = b.base_offset + r.offset_delta;
    }
  }
  return map;
}

// Cleaner.groupSegmentsBySize, with the size rule only (no index files).
std::vector<std::vector<size_t>> group_by_size(const Segments& segs, size_t count,
                                               int32_t max_size) {
  std::vector<std::vector<size_t>> groups;
  size_t i = 0;
  while (i < count) {
    std::vector<size_t> group{i};
    int64_t size = segs[i].size_bytes();
    for (i++; i < count && size + segs[i].size_bytes() <= max_size; i++) {
      group.push_back(i);
      size += segs[i].size_bytes();
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

// producer id -> last offset of its last batch (Kafka: the producer state's last entries).
std::map<ProducerId, Offset> last_batch_of_producers(const Segments& segs) {
  std::map<ProducerId, Offset> last;
  for (const LogSegment& s : segs)
    for (const RecordBatch& b : s.batches())
      if (b.producer_id != kNoProducerId) last[b.producer_id] = b.last_offset();
  return last;
}

struct PassContext {
  const OffsetMap& map;
  const std::map<ProducerId, Offset>& producer_last;
  int64_t now_ms;
  int64_t delete_retention_ms;
  CleanResult& result;
};

// Cleaner.shouldRetainRecord for a v2 batch.
bool should_retain(const PassContext& ctx, Offset offset, const Record& r,
                   std::optional<int64_t> horizon) {
  if (!r.key.has_value()) return false;  // Kafka counts it as an invalid message and drops it
  // A key absent from the map was last written in the clean section: OffsetMap.get gives -1.
  auto it = ctx.map.find(*r.key);
  if (it != ctx.map.end() && offset < it->second) return false;
  bool retain_deletes = !horizon.has_value() || ctx.now_ms < *horizon;
  return r.value.has_value() || retain_deletes;
}

// Filters one batch. Appends the kept batch (possibly unchanged, possibly empty) to `out` and
// its delete horizon to `horizons`, or drops it.
void clean_batch(const PassContext& ctx, const RecordBatch& b, std::optional<int64_t> horizon,
                 BatchList& out, std::map<Offset, int64_t>& horizons) {
  if (b.is_control || !b.has_payloads()) {  // nothing we can judge: keep as is
    out.push_back(b);
    if (horizon) horizons[b.base_offset] = *horizon;
    return;
  }
  RecordBatch kept = b;
  kept.records.clear();
  bool tombstones = false;
  int32_t body_bytes = 0;
  int64_t max_delta = 0;
  for (const Record& r : b.records) {
    if (!should_retain(ctx, b.base_offset + r.offset_delta, r, horizon)) {
      ctx.result.records_removed++;
      if (!r.value.has_value()) ctx.result.tombstones_removed++;
      continue;
    }
    tombstones = tombstones || !r.value.has_value();
    body_bytes += record_size_bytes(r.key ? static_cast<int32_t>(r.key->size()) : -1,
                                    r.value ? static_cast<int32_t>(r.value->size()) : -1);
    max_delta = std::max(max_delta, r.timestamp_delta);
    kept.records.push_back(r);
  }
  kept.record_count = static_cast<int32_t>(kept.records.size());
  bool changed = kept.record_count != b.record_count;
  if (changed) {
    kept.size_bytes = std::min(b.size_bytes, kRecordBatchOverhead + body_bytes);
    kept.max_timestamp = kept.records.empty() ? b.max_timestamp : b.first_timestamp + max_delta;
  }
  // KIP-534: the first pass that keeps a tombstone stamps the batch's delete horizon.
  if (tombstones && !horizon) horizon = ctx.now_ms + ctx.delete_retention_ms;
  if (kept.record_count == 0) {
    auto last = ctx.producer_last.find(b.producer_id);
    bool producer_last = last != ctx.producer_last.end() && last->second == b.last_offset();
    if (!producer_last) {  // RETAIN_EMPTY only for a producer's last batch (idempotence)
      ctx.result.batches_removed++;
      return;
    }
    horizon.reset();
  }
  if (horizon && tombstones) horizons[kept.base_offset] = *horizon;
  out.push_back(std::move(kept));
}

LogSegment clean_group(const PassContext& ctx, const Segments& segs,
                       const std::vector<size_t>& group) {
  const LogSegment& first = segs[group.front()];
  LogSegment cleaned(first.base_offset(), first.created_ms());
  BatchList batches;
  std::map<Offset, int64_t> horizons;
  for (size_t i : group) {
    const LogSegment& s = segs[i];
    for (const RecordBatch& b : s.batches()) {
      auto h = s.delete_horizons().find(b.base_offset);
      std::optional<int64_t> horizon;
      if (h != s.delete_horizons().end()) horizon = h->second;
      clean_batch(ctx, b, horizon, batches, horizons);
    }
  }
  cleaned.replace_batches(std::move(batches));
  cleaned.set_delete_horizons(std::move(horizons));
  // Cleaner.cleanSegments: the cleaned segment takes the last source segment's mtime.
  cleaned.set_last_modified_ms(segs[group.back()].last_modified_ms());
  return cleaned;
}

}  // namespace

CleanResult LogCleaner::clean(PartitionLog& log, int64_t now_ms) {
  KSIM_ASSERT(log.config().compact());
  CleanResult r;
  const Segments& segs = log.segments_;
  r.first_dirty_offset = log.first_dirty_offset();
  r.first_uncleanable_offset = first_uncleanable_base(log, r.first_dirty_offset, now_ms);
  int64_t clean_bytes = 0;
  int64_t cleanable_bytes = 0;
  size_t dirty_floor = floor_index(segs, r.first_dirty_offset);
  for (size_t i = 0; i < segs.size(); i++) {
    if (segs[i].base_offset() < r.first_dirty_offset) clean_bytes += segs[i].size_bytes();
    if (i >= dirty_floor && segs[i].base_offset() < r.first_uncleanable_offset)
      cleanable_bytes += segs[i].size_bytes();
  }
  int64_t total = clean_bytes + cleanable_bytes;
  r.dirty_ratio = total > 0 ? static_cast<double>(cleanable_bytes) / static_cast<double>(total) : 0;
  if (cleanable_bytes == 0) {
    r.outcome = CleanOutcome::NothingCleanable;
    return r;
  }
  bool forced = needs_compaction_now(log, r.first_dirty_offset, now_ms);
  if (!forced && !(r.dirty_ratio > log.config().min_cleanable_dirty_ratio)) {
    r.outcome = CleanOutcome::BelowMinRatio;
    return r;
  }
  const Offset end = r.first_uncleanable_offset;
  OffsetMap map = build_offset_map(segs, r.first_dirty_offset, end);
  std::map<ProducerId, Offset> producer_last = last_batch_of_producers(segs);
  PassContext ctx{map, producer_last, now_ms, log.config().delete_retention_ms, r};
  size_t count = floor_index(segs, end);  // segments [0, count) lie below `end`
  if (segs[count].base_offset() < end) count++;
  Segments next;
  for (const std::vector<size_t>& group : group_by_size(segs, count, log.config().segment_bytes)) {
    for (size_t i : group) r.bytes_before += segs[i].size_bytes();
    next.push_back(clean_group(ctx, segs, group));
    r.bytes_after += next.back().size_bytes();
  }
  r.segments_before = static_cast<int32_t>(count);
  r.segments_after = static_cast<int32_t>(next.size());
  for (size_t i = count; i < segs.size(); i++) next.push_back(segs[i]);
  log.segments_ = std::move(next);
  log.cleaner_checkpoint_ = end;
  r.outcome = CleanOutcome::Cleaned;
  return r;
}

}  // namespace ksim
