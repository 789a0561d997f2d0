// Retention for a partition log: whole segments, oldest first. Follows UnifiedLog's
// deleteOldSegments, deleteLogStartOffsetBreachedSegments, deleteRetentionSizeBreachedSegments,
// deleteRetentionMsBreachedSegments, deleteSegments, and LocalLog.deletableSegments.
#include <functional>

#include "ksim/log/partition_log.h"
#include "ksim/types/assert.h"

namespace ksim {
namespace {

// Predicate on (segment, next segment or nullptr), as in UnifiedLog.deleteOldSegments.
using DeletePredicate = std::function<bool(const LogSegment&, const LogSegment*)>;

// LocalLog.deletableSegments: the longest prefix whose segments pass `should_delete`, never
// counting the last segment when it is empty.
int32_t count_deletable(const std::vector<LogSegment>& segments, const DeletePredicate& pred) {
  int32_t n = 0;
  for (size_t i = 0; i < segments.size(); i++) {
    const LogSegment* next = i + 1 < segments.size() ? &segments[i + 1] : nullptr;
    bool last_and_empty = next == nullptr && segments[i].size_bytes() == 0;
    if (last_and_empty || !pred(segments[i], next)) break;
    n++;
  }
  return n;
}

}  // namespace

int32_t PartitionLog::delete_old_segments(int64_t now_ms) {
  const Offset leo = log_end_offset_;
  const Offset hw = high_watermark_;
  // deleteOldSegments(predicate): never past the HW, so the log start never exceeds it.
  auto run = [&](const DeletePredicate& pred) -> int32_t {
    DeletePredicate guarded = [&](const LogSegment& s, const LogSegment* next) {
      Offset upper_bound = next != nullptr ? next->base_offset() : leo;
      return hw >= upper_bound && pred(s, next);
    };
    int32_t n = count_deletable(segments_, guarded);
    if (n == 0) return 0;
    // deleteSegments: "we must always have at least one segment".
    if (n == static_cast<int32_t>(segments_.size())) roll(now_ms);
    segments_.erase(segments_.begin(), segments_.begin() + n);
    maybe_advance_log_start(segments_.front().base_offset());
    return n;
  };
  int32_t deleted = run([&](const LogSegment&, const LogSegment* next) {
    return next != nullptr && next->base_offset() <= log_start_offset_;
  });
  if (!config_.delete_enabled()) return deleted;
  if (config_.retention_bytes >= 0 && size_bytes() >= config_.retention_bytes) {
    int64_t excess = size_bytes() - config_.retention_bytes;
    deleted += run([&](const LogSegment& s, const LogSegment*) {
      if (excess - s.size_bytes() < 0) return false;
      excess -= s.size_bytes();
      return true;
    });
  }
  if (config_.retention_ms >= 0) {
    deleted += run([&](const LogSegment& s, const LogSegment*) {
      return now_ms - s.largest_timestamp_ms() > config_.retention_ms;
    });
  }
  check_invariants();
  return deleted;
}

}  // namespace ksim
