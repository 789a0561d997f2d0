// Leader-epoch cache. Follows LeaderEpochFileCache (assign, endOffsetFor, truncateFromEnd,
// truncateFromStart, epochForOffset); a sorted vector replaces Kafka's TreeMap.
#include "ksim/log/leader_epoch_cache.h"

#include <algorithm>

#include "ksim/types/assert.h"

namespace ksim {

bool LeaderEpochCache::assign(LeaderEpoch epoch, Offset start_offset) {
  KSIM_ASSERT(epoch >= 0);
  KSIM_ASSERT(start_offset >= 0);
  if (!entries_.empty()) {
    const EpochEntry& last = entries_.back();
    // isUpdateNeeded: same epoch with a later (or equal) start is a no-op.
    if (last.epoch == epoch && start_offset >= last.start_offset) return false;
  }
  // maybeTruncateNonMonotonicEntries: drop from the end while it conflicts with the new entry.
  while (!entries_.empty() &&
         (entries_.back().epoch >= epoch || entries_.back().start_offset >= start_offset)) {
    entries_.pop_back();
  }
  entries_.push_back({epoch, start_offset});
  return true;
}

EpochEndOffset LeaderEpochCache::end_offset_for(LeaderEpoch requested,
                                                Offset log_end_offset) const {
  const EpochEndOffset undefined{kUndefinedEpoch, kUndefinedEpochOffset};
  if (requested == kUndefinedEpoch) return undefined;
  if (!entries_.empty() && entries_.back().epoch == requested) return {requested, log_end_offset};
  // higherEntry: first entry with epoch > requested.
  auto higher = std::upper_bound(entries_.begin(), entries_.end(), requested,
                                 [](LeaderEpoch e, const EpochEntry& x) { return e < x.epoch; });
  if (higher == entries_.end()) return undefined;
  if (higher == entries_.begin()) return {requested, higher->start_offset};
  auto floor = std::prev(higher);
  return {floor->epoch, higher->start_offset};
}

void LeaderEpochCache::truncate_from_end(Offset end_offset) {
  if (end_offset < 0 || entries_.empty() || entries_.back().start_offset < end_offset) return;
  while (!entries_.empty() && entries_.back().start_offset >= end_offset) entries_.pop_back();
}

void LeaderEpochCache::truncate_from_start(Offset start_offset) {
  auto first_kept = std::find_if(entries_.begin(), entries_.end(), [&](const EpochEntry& e) {
    return e.start_offset > start_offset;
  });
  if (first_kept == entries_.begin()) return;
  EpochEntry moved{std::prev(first_kept)->epoch, start_offset};
  entries_.erase(entries_.begin(), first_kept);
  entries_.insert(entries_.begin(), moved);
}

std::optional<LeaderEpoch> LeaderEpochCache::epoch_for_offset(Offset offset) const {
  std::optional<LeaderEpoch> previous;
  for (const EpochEntry& e : entries_) {
    if (e.start_offset == offset) return e.epoch;
    if (e.start_offset > offset) return previous;
    previous = e.epoch;
  }
  return previous;
}

LeaderEpoch LeaderEpochCache::latest_epoch() const {
  return entries_.empty() ? kUndefinedEpoch : entries_.back().epoch;
}

std::optional<EpochEntry> LeaderEpochCache::latest_entry() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.back();
}

std::optional<EpochEntry> LeaderEpochCache::earliest_entry() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.front();
}

std::optional<LeaderEpoch> LeaderEpochCache::previous_epoch(LeaderEpoch epoch) const {
  std::optional<LeaderEpoch> previous;
  for (const EpochEntry& e : entries_) {
    if (e.epoch >= epoch) break;
    previous = e.epoch;
  }
  return previous;
}

}  // namespace ksim
