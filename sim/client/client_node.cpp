// ClientNode: metadata cache and broker lookup shared by producers and consumers.
#include "ksim/client/client_node.h"

#include <algorithm>

namespace ksim {

ClientNode::ClientNode(Kernel& kernel, std::string name, std::map<BrokerId, NodeId> bootstrap)
    : Node(kernel, std::move(name)), bootstrap_(std::move(bootstrap)) {}

int32_t ClientNode::partition_count(const std::string& topic) const {
  for (const TopicMetadata& t : metadata_.topics)
    if (t.name == topic && t.error == ErrorCode::NONE)
      return static_cast<int32_t>(t.partitions.size());
  return 0;
}

BrokerId ClientNode::leader_of(const TopicPartition& tp) const {
  for (const TopicMetadata& t : metadata_.topics) {
    if (t.name != tp.topic) continue;
    if (tp.partition < static_cast<int32_t>(t.partitions.size()))
      return t.partitions[static_cast<size_t>(tp.partition)].leader;
  }
  return kNoBroker;
}

LeaderEpoch ClientNode::leader_epoch_of(const TopicPartition& tp) const {
  for (const TopicMetadata& t : metadata_.topics) {
    if (t.name != tp.topic) continue;
    if (tp.partition < static_cast<int32_t>(t.partitions.size()))
      return t.partitions[static_cast<size_t>(tp.partition)].leader_epoch;
  }
  return -1;
}

NodeId ClientNode::node_of(BrokerId id) const {
  auto it = bootstrap_.find(id);
  return it == bootstrap_.end() ? -1 : it->second;
}

NodeId ClientNode::any_broker() {
  // Round robin over the bootstrap list (NetworkClient.leastLoadedNode picks among connected
  // nodes; with no load information this rotation is the same idea, and deterministic). Like
  // leastLoadedNode it passes over nodes in reconnect backoff, unless every node is.
  NodeId first = -1;
  for (size_t tried = 0; tried < bootstrap_.size(); tried++) {
    auto it = bootstrap_.begin();
    std::advance(it, static_cast<long>(next_bootstrap_ % bootstrap_.size()));
    next_bootstrap_++;
    if (first < 0) first = it->second;
    if (!node_unavailable(it->second)) return it->second;
  }
  return first;
}

bool ClientNode::node_unavailable(NodeId node) const { return node_available_at(node) > now(); }

Time ClientNode::node_available_at(NodeId node) const {
  auto it = reconnect_.find(node);
  return it == reconnect_.end() ? 0 : it->second.until;
}

void ClientNode::on_disconnected(NodeId peer) {
  Reconnect& r = reconnect_[peer];
  Duration backoff = kReconnectBackoff << std::min(r.resets, 5);
  r.resets++;
  r.until = now() + std::min(backoff, kReconnectBackoffMax);
  if (!metadata_in_flight_ || metadata_node_ != peer) return;
  // DefaultMetadataUpdater.handleServerDisconnect: the request failed; ask again, elsewhere.
  metadata_in_flight_ = false;
  set_timer(retry_backoff, kMetadataRefreshTimer, 0);
}

void ClientNode::want_topics(const std::vector<std::string>& topics) {
  bool added = false;
  for (const std::string& t : topics) added |= topics_.insert(t).second;
  if (added) request_metadata_update();
}

void ClientNode::request_metadata_update() {
  if (metadata_in_flight_ || !is_up()) return;
  metadata_in_flight_ = true;
  metadata_node_ = any_broker();
  metadata_correlation_ = send_request(metadata_node_,
                                       MetadataRequest{.topics = {topics_.begin(), topics_.end()}});
  // NetworkClient: an unanswered request fails after request.timeout.ms; the next attempt goes
  // to another broker (a dead one must not block every later refresh).
  set_timer(request_timeout, kMetadataRefreshTimer,
            kTimeoutFlag | static_cast<uint64_t>(static_cast<uint32_t>(metadata_correlation_)));
}

void ClientNode::on_metadata_timer(uint64_t arg) {
  if (arg & kTimeoutFlag) {
    uint32_t correlation = static_cast<uint32_t>(arg);
    if (!metadata_in_flight_ || correlation != static_cast<uint32_t>(metadata_correlation_))
      return;  // answered in time
    metadata_in_flight_ = false;
    request_metadata_update();
    return;
  }
  if (arg == 0 || arg == metadata_version_) request_metadata_update();
}

void ClientNode::reset_client_state() {
  metadata_ = {};
  metadata_in_flight_ = false;
  topics_.clear();
  reconnect_.clear();
}

bool ClientNode::handle_client_message(Message& message) {
  if (!reconnect_.empty()) reconnect_.erase(message.source);  // the connection works again
  auto* r = std::get_if<MetadataResponse>(&message.body);
  if (r == nullptr) return false;
  if (!metadata_in_flight_ || message.correlation_id != metadata_correlation_) return true;  // late
  metadata_in_flight_ = false;
  bool complete = !r->brokers.empty();
  for (const TopicMetadata& t : r->topics) complete = complete && t.error == ErrorCode::NONE;
  metadata_ = std::move(*r);
  metadata_version_++;
  if (!complete) {
    set_timer(retry_backoff, kMetadataRefreshTimer, 0);  // e.g. topic not yet known
  } else {
    set_timer(metadata_max_age, kMetadataRefreshTimer, metadata_version_);  // metadata.max.age.ms
  }
  on_metadata_updated();
  return true;
}

}  // namespace ksim
