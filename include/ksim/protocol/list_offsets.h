#pragma once
// ListOffsets API: timestamp -1 = latest (HW for read_uncommitted), -2 = earliest (log start).
#include <vector>

#include "ksim/protocol/fetch.h"

namespace ksim {

constexpr int64_t kListOffsetsLatest = -1;
constexpr int64_t kListOffsetsEarliest = -2;

struct ListOffsetsPartition {
  TopicPartition tp;
  int64_t timestamp = kListOffsetsLatest;
};

struct ListOffsetsRequest {
  int32_t replica_id = -1;
  IsolationLevel isolation_level = IsolationLevel::ReadUncommitted;
  std::vector<ListOffsetsPartition> partitions;
};

struct ListOffsetsPartitionResponse {
  TopicPartition tp;
  ErrorCode error = ErrorCode::NONE;
  int64_t timestamp = -1;
  Offset offset = kNoOffset;
  LeaderEpoch leader_epoch = -1;
};

struct ListOffsetsResponse {
  std::vector<ListOffsetsPartitionResponse> partitions;
};

}  // namespace ksim
