#pragma once
// Leader-epoch cache: epoch -> first offset written in that epoch (KIP-101, KIP-279).
// Follows org.apache.kafka.storage.internals.epoch.LeaderEpochFileCache, without the checkpoint
// file: entries live only in memory.
#include <optional>
#include <vector>

#include "ksim/protocol/fetch.h"
#include "ksim/types/ids.h"

namespace ksim {

struct EpochEntry {
  LeaderEpoch epoch = -1;
  Offset start_offset = kNoOffset;
  bool operator==(const EpochEntry&) const = default;
};

class LeaderEpochCache {
 public:
  // OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH / UNDEFINED_EPOCH_OFFSET.
  static constexpr LeaderEpoch kUndefinedEpoch = -1;
  static constexpr Offset kUndefinedEpochOffset = -1;

  // Records that `epoch` starts at `start_offset`. No-op when the latest entry has the same
  // epoch and a start offset <= start_offset. Otherwise first removes every entry whose epoch
  // >= epoch or whose start offset >= start_offset (maybeTruncateNonMonotonicEntries), so the
  // entries stay strictly increasing in both epoch and offset. Returns true if it changed.
  // REQUIRES: epoch >= 0 and start_offset >= 0 (Kafka throws IllegalArgumentException).
  bool assign(LeaderEpoch epoch, Offset start_offset);

  // Largest epoch <= requested and the end offset of that epoch (the start offset of the next
  // larger epoch, or log_end_offset when `requested` is the latest epoch). Returns
  // {kUndefinedEpoch, kUndefinedEpochOffset} when requested is undefined or above every epoch.
  // When requested is below every epoch: {requested, first entry's start offset}.
  EpochEndOffset end_offset_for(LeaderEpoch requested, Offset log_end_offset) const;

  // Removes entries whose start offset >= end_offset (follower truncation). No-op if end_offset
  // is negative or above the latest entry's start offset.
  void truncate_from_end(Offset end_offset);
  // Removes entries whose start offset <= start_offset, then re-adds the last removed one with
  // its start moved to start_offset (exclusive: truncate_from_start(6) keeps an entry at 6).
  void truncate_from_start(Offset start_offset);

  // The epoch of the batch holding `offset`: the last entry with start <= offset, if any.
  std::optional<LeaderEpoch> epoch_for_offset(Offset offset) const;

  LeaderEpoch latest_epoch() const;  // kUndefinedEpoch when empty
  std::optional<EpochEntry> latest_entry() const;
  std::optional<EpochEntry> earliest_entry() const;
  std::optional<LeaderEpoch> previous_epoch(LeaderEpoch epoch) const;  // largest < epoch
  const std::vector<EpochEntry>& entries() const { return entries_; }
  void clear() { entries_.clear(); }

 private:
  std::vector<EpochEntry> entries_;  // strictly increasing epoch and start offset
};

}  // namespace ksim
