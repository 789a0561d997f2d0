#pragma once
// OffsetCommit API: a committed offset is the next offset to read (last processed + 1).
#include <optional>
#include <string>
#include <vector>

#include "ksim/types/error_code.h"
#include "ksim/types/ids.h"

namespace ksim {

struct OffsetCommitPartition {
  TopicPartition tp;
  Offset committed_offset = 0;
  LeaderEpoch committed_leader_epoch = -1;
  std::string metadata;
};

struct OffsetCommitRequest {
  std::string group_id;
  GenerationId generation_id = -1;                  // -1 for a standalone (admin) commit
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::vector<OffsetCommitPartition> partitions;
};

struct OffsetCommitPartitionResponse {
  TopicPartition tp;
  ErrorCode error = ErrorCode::NONE;
};

struct OffsetCommitResponse {
  std::vector<OffsetCommitPartitionResponse> partitions;
};

}  // namespace ksim
