#pragma once
// Log compaction for cleanup.policy=compact (or compact,delete). Follows
// org.apache.kafka.storage.internals.log.Cleaner (doClean, buildOffsetMap, cleanSegments,
// groupSegmentsBySize, shouldRetainRecord) and LogCleanerManager (cleanableOffsets,
// LogToClean's dirty ratio, maxCompactionDelay). One pass per call; the caller decides when
// (Kafka's cleaner thread backs off log.cleaner.backoff.ms = 15000 between passes).
#include <cstdint>

#include "ksim/types/ids.h"

namespace ksim {

class PartitionLog;

// Why a pass did or did not run.
enum class CleanOutcome : int8_t {
  Cleaned = 0,
  NotCompacted,     // cleanup.policy has no "compact"
  NothingCleanable, // no dirty bytes below the first uncleanable offset
  BelowMinRatio,    // dirty ratio <= min.cleanable.dirty.ratio and max.compaction.lag not hit
};

struct CleanResult {
  CleanOutcome outcome = CleanOutcome::NotCompacted;
  Offset first_dirty_offset = kNoOffset;       // cleaner checkpoint before the pass
  Offset first_uncleanable_offset = kNoOffset; // base of the first segment left dirty
  double dirty_ratio = 0;                      // cleanable / (clean + cleanable) bytes
  int64_t bytes_before = 0;                    // of the segments rewritten
  int64_t bytes_after = 0;
  int32_t records_removed = 0;                 // superseded values and expired tombstones
  int32_t tombstones_removed = 0;              // of records_removed
  int32_t batches_removed = 0;                 // batches left empty and dropped
  int32_t segments_before = 0;                 // segments rewritten
  int32_t segments_after = 0;                  // after grouping (groupSegmentsBySize)
  bool ran() const { return outcome == CleanOutcome::Cleaned; }
};

// Stateless; the cleaner checkpoint lives in the PartitionLog.
class LogCleaner {
 public:
  // REQUIRES: log.config().compact(). Runs a pass if the log is due:
  //   cleanable range = [first dirty offset, first uncleanable segment base), where the
  //   uncleanable point is the minimum of the active segment's base, the HW (Kafka: the last
  //   stable offset) and the first segment with a record newer than now - min.compaction.lag.ms;
  //   due when cleanable bytes > 0 and (dirty ratio > min.cleanable.dirty.ratio, or the oldest
  //   dirty batch is older than now - max.compaction.lag.ms).
  // The pass keeps, below the uncleanable point, only the latest record per key; a tombstone
  // (null value) that is the latest for its key survives until now >= its delete horizon,
  // set to now + delete.retention.ms by the first pass that sees it. Offsets never change.
  // Batches without payloads, and control batches, are kept as they are.
  static CleanResult clean(PartitionLog& log, int64_t now_ms);
};

}  // namespace ksim
