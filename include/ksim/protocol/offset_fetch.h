#pragma once
// OffsetFetch API: -1 when nothing is committed for a partition.
#include <string>
#include <vector>

#include "ksim/types/error_code.h"
#include "ksim/types/ids.h"

namespace ksim {

struct OffsetFetchRequest {
  std::string group_id;
  std::vector<TopicPartition> partitions;           // empty = all committed partitions
  bool require_stable = false;
};

struct OffsetFetchPartitionResponse {
  TopicPartition tp;
  Offset committed_offset = kNoOffset;
  LeaderEpoch committed_leader_epoch = -1;
  std::string metadata;
  ErrorCode error = ErrorCode::NONE;
};

struct OffsetFetchResponse {
  ErrorCode error = ErrorCode::NONE;
  std::vector<OffsetFetchPartitionResponse> partitions;
};

}  // namespace ksim
