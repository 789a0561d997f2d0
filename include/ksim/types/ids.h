#pragma once
// Identifiers in Kafka's vocabulary: broker ids, topic-partitions, offsets, epochs.
#include <compare>
#include <cstdint>
#include <string>

namespace ksim {

using BrokerId = int32_t;       // Kafka numbers brokers from 0 in our clusters; -1 = none
using Offset = int64_t;         // position in a partition log
using LeaderEpoch = int32_t;    // bumped on every leader change (KIP-101)
using GenerationId = int32_t;   // consumer group generation
using ProducerId = int64_t;     // -1 = no producer id (RecordBatch.NO_PRODUCER_ID)
using NodeId = int32_t;         // any simulated node (broker, controller, client) in the network

constexpr BrokerId kNoBroker = -1;
constexpr Offset kNoOffset = -1;

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;

  auto operator<=>(const TopicPartition&) const = default;
  bool operator==(const TopicPartition&) const = default;
  // Kafka's TopicPartition.toString(): "tweets-0".
  std::string to_string() const { return topic + "-" + std::to_string(partition); }
};

}  // namespace ksim
