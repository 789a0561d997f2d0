#pragma once
// What every Kafka client shares: bootstrap brokers, a metadata cache refreshed by Metadata
// requests (on demand, on leader errors, and every metadata.max.age.ms), broker lookup, and
// the reconnect backoff after a broker's host reset the connection. Follows
// org.apache.kafka.clients.{NetworkClient, Metadata, ClusterConnectionStates}.
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
  // The broker's host reset the connection (NetworkClient.processDisconnection): the node is
  // unavailable for its reconnect backoff, and a metadata request in flight to it fails and is
  // asked again of another broker after retry.backoff.ms. Subclasses that override this call
  // it first, then fail their own requests to `peer`.
  void on_disconnected(NodeId peer) override;
  // ClusterConnectionStates.isBlackedOut: after a reset, no request goes to the node for
  // reconnect.backoff.ms (50 ms), doubling with each reset in a row up to
  // reconnect.backoff.max.ms (1 s); any message from the node ends the streak.
  bool node_unavailable(NodeId node) const;
  // When node_unavailable(node) ends (now or earlier when it is available).
  Time node_available_at(NodeId node) const;

  Duration retry_backoff = 100 * kMillisecond;
  Duration metadata_max_age = 300 * kSecond;
  Duration request_timeout = 30 * kSecond;

 private:
  static constexpr Duration kReconnectBackoff = 50 * kMillisecond;      // reconnect.backoff.ms
  static constexpr Duration kReconnectBackoffMax = 1000 * kMillisecond;  // ….backoff.max.ms
  struct Reconnect {
    int32_t resets = 0;   // resets in a row
    Time until = 0;       // unavailable before
  };
  std::map<BrokerId, NodeId> bootstrap_;
  std::map<NodeId, Reconnect> reconnect_;
  NodeId metadata_node_ = -1;
  std::set<std::string> topics_;
  MetadataResponse metadata_;
  static constexpr uint64_t kTimeoutFlag = uint64_t{1} << 63;
  bool metadata_in_flight_ = false;
  int32_t metadata_correlation_ = 0;
  uint64_t metadata_version_ = 0;
  size_t next_bootstrap_ = 0;
};

}  // namespace ksim
