#pragma once
// The cluster view's model: nodes with positions in a unit square, replica badges, countdown
// arcs (session timeouts, replica lag) and messages in flight as interpolated dots. Pure: the
// view only scales and draws it.
#include <optional>
#include <string>
#include <vector>

#include "gui/model/event_store.h"
#include "ksim/cluster/cluster.h"
#include "ksim/group/classic_group.h"

namespace ksim::gui {

enum class NodeKind { Controller, Broker, Producer, Consumer };

struct Countdown {                 // an arc that empties as the deadline approaches
  std::string label;               // "session.timeout.ms", "replica.lag.time.max.ms"
  Time start = 0;
  Time deadline = 0;
  // 1 at start, 0 at (or past) the deadline.
  float remaining(Time now) const;
};

struct ReplicaBadge {
  TopicPartition tp;
  bool leader = false;
  bool in_isr = false;
  bool online = false;
  LeaderEpoch leader_epoch = -1;
  Offset log_end = 0;
  int64_t lag = 0;                 // leader LEO - this replica's LEO (followers)
  std::optional<Countdown> lag_timer;  // follower not caught up: replica.lag.time.max.ms
};

struct SceneNode {
  std::string name;
  NodeKind kind = NodeKind::Broker;
  NodeId node = -1;
  float x = 0, y = 0;              // centre, unit square
  bool up = true;
  bool paused = false;
  bool fenced = false;             // brokers: fenced by the controller
  std::vector<std::string> roles;  // "coordinator of group1", "producing", "group1 Stable"
  std::vector<std::string> groups; // a consumer's group; the groups a broker coordinates
  std::vector<ReplicaBadge> replicas;
  std::vector<Countdown> countdowns;
};

struct Dot {
  uint64_t id = 0;                 // InFlightMessage::id (the inspector and network.drop)
  int from = 0, to = 0;            // scene node indexes
  float progress = 0;              // 0 at send, 1 at arrival
  ApiKey api = ApiKey::Produce;
  bool response = false;
  int64_t bytes = 0;
};

struct SceneOptions {
  bool show_heartbeats = false;    // Heartbeat and BrokerHeartbeat dots
  bool show_fetches = false;       // Fetch dots
  bool include_internal = false;   // __consumer_offsets replicas on broker boxes
  int32_t grid_above_brokers = 8;  // lay brokers out as a grid above this many
};

struct ClusterScene {
  std::vector<SceneNode> nodes;
  std::vector<Dot> dots;
  bool grid = false;
  int index_of(const std::string& name) const;  // -1 when absent
};

ClusterScene build_scene(const Cluster& cluster, const EventStore& events,
                         const SceneOptions& options);
// Whether an API's dots are drawn under the options (heartbeats and fetches can be hidden).
bool api_visible(ApiKey api, const SceneOptions& options);

// The group as its coordinator holds it now (ClassicGroup), or nullptr.
const group::ClassicGroup* coordinator_group(const Cluster& cluster, const std::string& group_id);
// The coordinator's member entry for a consumer (by member id, or by client id while the
// consumer has none yet), or nullptr.
const group::ClassicGroupMember* coordinator_member(const Cluster& cluster,
                                                   const Consumer& consumer);
// The group's live join-phase or sync timer as a countdown (the rebalance timeout, or one
// group.initial.rebalance.delay.ms slice), or nullopt when none is armed.
std::optional<Countdown> rebalance_countdown(const group::ClassicGroup& group);

}  // namespace ksim::gui
