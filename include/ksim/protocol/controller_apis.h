#pragma once
// Broker <-> controller APIs: BrokerHeartbeat (KRaft liveness), AlterPartition (KIP-497 ISR
// changes from the leader), LeaderAndIsr (controller -> broker: replica roles), UpdateMetadata
// (controller -> brokers: the metadata image clients are served).
#include <map>
#include <string>
#include <vector>

#include "ksim/protocol/metadata.h"

namespace ksim {

struct BrokerHeartbeatRequest {
  BrokerId broker_id = kNoBroker;
  int64_t broker_epoch = -1;
  bool want_shut_down = false;
};

struct BrokerHeartbeatResponse {
  ErrorCode error = ErrorCode::NONE;
  bool is_fenced = false;
  bool should_shut_down = false;
};

struct LeaderAndIsrPartition {
  TopicPartition tp;
  BrokerId leader = kNoBroker;
  LeaderEpoch leader_epoch = -1;
  int32_t partition_epoch = 0;
  std::vector<BrokerId> replicas;
  std::vector<BrokerId> isr;
  bool is_new = false;
};

struct LeaderAndIsrRequest {
  int32_t controller_epoch = 0;
  std::vector<LeaderAndIsrPartition> partitions;
};

struct AlterPartitionRequest {
  BrokerId broker_id = kNoBroker;
  TopicPartition tp;
  LeaderEpoch leader_epoch = -1;
  int32_t partition_epoch = 0;
  std::vector<BrokerId> new_isr;
};

struct AlterPartitionResponse {
  ErrorCode error = ErrorCode::NONE;
  TopicPartition tp;
  BrokerId leader = kNoBroker;
  LeaderEpoch leader_epoch = -1;
  int32_t partition_epoch = 0;
  std::vector<BrokerId> isr;
};

// AllocateProducerIds (API 67, KIP-730): a broker asks the controller for a block of producer
// ids (ProducerIdControlManager hands out consecutive blocks of 1000).
struct AllocateProducerIdsRequest {
  BrokerId broker_id = kNoBroker;
  int64_t broker_epoch = -1;
};

struct AllocateProducerIdsResponse {
  ErrorCode error = ErrorCode::NONE;
  ProducerId producer_id_start = -1;
  int32_t producer_id_len = 0;
};

struct UpdateMetadataRequest {
  int32_t controller_epoch = 0;
  std::vector<BrokerEndpoint> live_brokers;
  std::vector<TopicMetadata> topics;
  // Per-topic config overrides (KRaft brokers learn them from the metadata log).
  std::map<std::string, std::map<std::string, std::string>> topic_configs;
};

}  // namespace ksim
