#pragma once
// Committed offsets of one group (the group's share of __consumer_offsets).
// Follows OffsetMetadataManager's offsetsByGroup and OffsetAndMetadata.
#include <map>
#include <string>

#include "ksim/types/ids.h"
#include "ksim/types/time.h"

namespace ksim::group {

struct OffsetAndMetadata {
  Offset committed_offset = kNoOffset;  // the next offset to read (last processed + 1)
  LeaderEpoch leader_epoch = -1;        // -1 = not given by the client
  std::string metadata;
  Time commit_time = 0;                 // virtual time of the commit (µs)
  bool operator==(const OffsetAndMetadata&) const = default;
};

// Sorted by topic, then partition: iteration order is part of OffsetFetch's answer.
using OffsetStore = std::map<TopicPartition, OffsetAndMetadata>;

}  // namespace ksim::group
