#pragma once
// Fetch API, for consumers (replica_id = -1) and follower replicas (replica_id = broker id).
// Diverging epoch: KIP-320/KIP-595 truncation on fetch.
#include <vector>

#include "ksim/protocol/record_batch.h"
#include "ksim/types/error_code.h"

namespace ksim {

enum class IsolationLevel : int8_t { ReadUncommitted = 0, ReadCommitted = 1 };

struct FetchPartition {
  TopicPartition tp;
  Offset fetch_offset = 0;
  LeaderEpoch current_leader_epoch = -1;
  LeaderEpoch last_fetched_epoch = -1;
  Offset log_start_offset = kNoOffset;  // follower's, informational
  int32_t partition_max_bytes = 1048576;
};

struct FetchRequest {
  int32_t replica_id = -1;  // -1 = consumer
  int32_t max_wait_ms = 500;
  int32_t min_bytes = 1;
  int32_t max_bytes = 52428800;
  IsolationLevel isolation_level = IsolationLevel::ReadUncommitted;
  std::vector<FetchPartition> partitions;
};

struct EpochEndOffset {
  LeaderEpoch epoch = -1;
  Offset end_offset = kNoOffset;
  bool operator==(const EpochEndOffset&) const = default;
};

struct FetchPartitionData {
  TopicPartition tp;
  ErrorCode error = ErrorCode::NONE;
  Offset high_watermark = kNoOffset;
  Offset last_stable_offset = kNoOffset;
  Offset log_start_offset = kNoOffset;
  std::optional<EpochEndOffset> diverging_epoch;
  std::vector<RecordBatch> batches;
};

struct FetchResponse {
  ErrorCode error = ErrorCode::NONE;
  std::vector<FetchPartitionData> partitions;
};

}  // namespace ksim
