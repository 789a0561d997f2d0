#pragma once
// Kafka API keys with their protocol numbers (org.apache.kafka.common.protocol.ApiKeys).
#include <cstdint>
#include <string_view>

namespace ksim {

enum class ApiKey : int16_t {
  Produce = 0,
  Fetch = 1,
  ListOffsets = 2,
  Metadata = 3,
  LeaderAndIsr = 4,
  UpdateMetadata = 6,
  OffsetCommit = 8,
  OffsetFetch = 9,
  FindCoordinator = 10,
  JoinGroup = 11,
  Heartbeat = 12,
  LeaveGroup = 13,
  SyncGroup = 14,
  InitProducerId = 22,
  AlterPartition = 56,
  BrokerHeartbeat = 63,
  AllocateProducerIds = 67,
};

// Kafka's name of the API ("JoinGroup").
std::string_view api_name(ApiKey key);

}  // namespace ksim
