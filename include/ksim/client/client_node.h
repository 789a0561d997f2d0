#pragma once
// What every Kafka client shares: bootstrap brokers, a metadata cache refreshed by Metadata
// requests (on demand, on leader errors, and every metadata.max.age.ms), and broker lookup.
// Follows org.apache.kafka.clients.{NetworkClient, Metadata}.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ksim/core/node.h"

namespace ksim {

class ClientNode : public Node {
 public:
  ClientNode(Kernel& kernel, std::string name, std::map<BrokerId, NodeId> bootstrap);

  const MetadataResponse& metadata() const { return metadata_; }
  // Partition count of a topic in the cached metadata (0 if unknown).
  int32_t partition_count(const std::string& topic) const;
  // Counts the metadata responses received (Metadata.updateVersion).
  uint64_t metadata_version() const { return metadata_version_; }
  // Leader of a partition in the cached metadata (kNoBroker if unknown or leaderless).
  BrokerId leader_of(const TopicPartition& tp) const;
  LeaderEpoch leader_epoch_of(const TopicPartition& tp) const;

 protected:
  static constexpr uint16_t kMetadataRefreshTimer = 100;  // subclasses use kinds below 100

  NodeId node_of(BrokerId id) const;
  // A broker to ask for metadata or a coordinator: bootstrap brokers in turn.
  NodeId any_broker();
  // Asks for metadata of `topics_` now (coalesced while one request is in flight).
  void request_metadata_update();
  void want_topics(const std::vector<std::string>& topics);
  // Subclasses call this from on_message first; returns true when it consumed the message.
  bool handle_client_message(Message& message);
  virtual void on_metadata_updated() {}
  // Subclasses route kMetadataRefreshTimer here from on_timer.
  void on_metadata_timer(uint64_t version);
  void reset_client_state();

  Duration retry_backoff = 100 * kMillisecond;
  Duration metadata_max_age = 300 * kSecond;
  Duration request_timeout = 30 * kSecond;

 private:
  std::map<BrokerId, NodeId> bootstrap_;
  std::set<std::string> topics_;
  MetadataResponse metadata_;
  static constexpr uint64_t kTimeoutFlag = uint64_t{1} << 63;
  bool metadata_in_flight_ = false;
  int32_t metadata_correlation_ = 0;
  uint64_t metadata_version_ = 0;
  size_t next_bootstrap_ = 0;
};

}  // namespace ksim
