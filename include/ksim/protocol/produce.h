#pragma once
// Produce API (ProduceRequest / ProduceResponse). acks: 0, 1 or -1 (all).
#include <vector>

#include "ksim/protocol/record_batch.h"
#include "ksim/types/error_code.h"

namespace ksim {

struct ProducePartitionData {
  TopicPartition tp;
  RecordBatch batch;
};

struct ProduceRequest {
  int16_t acks = -1;
  int32_t timeout_ms = 30000;
  std::vector<ProducePartitionData> partitions;
};

struct ProducePartitionResponse {
  TopicPartition tp;
  ErrorCode error = ErrorCode::NONE;
  Offset base_offset = kNoOffset;
  int64_t log_append_time_ms = -1;
  Offset log_start_offset = kNoOffset;
};

struct ProduceResponse {
  std::vector<ProducePartitionResponse> partitions;
};

}  // namespace ksim
