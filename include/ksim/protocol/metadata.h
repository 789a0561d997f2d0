#pragma once
// Metadata API: the cluster as clients see it (brokers, controller, topics, leaders, ISR).
#include <string>
#include <vector>

#include "ksim/types/error_code.h"
#include "ksim/types/ids.h"

namespace ksim {

struct MetadataRequest {
  std::vector<std::string> topics;  // empty = all topics
};

struct BrokerEndpoint {
  BrokerId node_id = kNoBroker;
  std::string host;                 // "broker-0"
  int32_t port = 9092;
  std::string rack;                 // "" = no rack
  bool operator==(const BrokerEndpoint&) const = default;
};

struct PartitionMetadata {
  int32_t partition = 0;
  ErrorCode error = ErrorCode::NONE;
  BrokerId leader = kNoBroker;
  LeaderEpoch leader_epoch = -1;
  std::vector<BrokerId> replicas;
  std::vector<BrokerId> isr;
  std::vector<BrokerId> offline_replicas;
  bool operator==(const PartitionMetadata&) const = default;
};

struct TopicMetadata {
  std::string name;
  ErrorCode error = ErrorCode::NONE;
  std::vector<PartitionMetadata> partitions;  // by partition id
  bool operator==(const TopicMetadata&) const = default;
};

struct MetadataResponse {
  std::vector<BrokerEndpoint> brokers;
  BrokerId controller_id = kNoBroker;
  std::vector<TopicMetadata> topics;          // sorted by name
};

}  // namespace ksim
