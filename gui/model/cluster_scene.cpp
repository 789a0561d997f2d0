// Cluster scene: positions, replica badges, countdowns and in-flight dots from the cluster.
#include "gui/model/cluster_scene.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "ksim/group/group_coordinator.h"

namespace ksim::gui {
namespace {

float spread(size_t i, size_t n, float lo, float hi) {
  if (n <= 1) return (lo + hi) / 2;
  return lo + (hi - lo) * static_cast<float>(i) / static_cast<float>(n - 1);
}

void place_brokers(std::vector<SceneNode>& nodes, size_t first, size_t n, bool grid) {
  if (!grid) {
    for (size_t i = 0; i < n; i++) {
      nodes[first + i].x = spread(i, n, 0.36f, 0.8f);  // producers sit left
      nodes[first + i].y = 0.42f;
    }
    return;
  }
  size_t cols = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(n))));
  size_t rows = (n + cols - 1) / cols;
  for (size_t i = 0; i < n; i++) {
    nodes[first + i].x = spread(i % cols, cols, 0.2f, 0.8f);
    nodes[first + i].y = spread(i / cols, rows, 0.22f, 0.68f);
  }
}

std::vector<ReplicaBadge> broker_badges(const Cluster& c, const Broker& b, bool internal) {
  std::vector<ReplicaBadge> out;
  for (const auto& [tp, p] : b.partitions()) {
    if (!internal && tp.topic == "__consumer_offsets") continue;
    ReplicaBadge badge{.tp = tp, .leader = p.role() == ReplicaRole::Leader,
                       .online = b.is_up(), .leader_epoch = p.leader_epoch(),
                       .log_end = p.log().log_end_offset()};
    badge.in_isr = std::find(p.isr().begin(), p.isr().end(), b.broker_id()) != p.isr().end();
    const Partition* leader = c.leader_partition(tp);
    if (leader != nullptr && !badge.leader) {
      badge.lag = leader->log().log_end_offset() - badge.log_end;
      auto f = leader->followers().find(b.broker_id());
      if (f != leader->followers().end() && badge.lag > 0) {
        Time start = f->second.last_caught_up;
        badge.lag_timer = Countdown{"replica.lag.time.max.ms", start,
                                    start + leader->settings().replica_lag_time_max};
      }
    }
    out.push_back(std::move(badge));
  }
  return out;
}

std::optional<Countdown> coordinator_session(const Cluster& c, const Consumer& consumer) {
  const group::ClassicGroupMember* m = coordinator_member(c, consumer);
  if (m == nullptr || m->heartbeat_deadline == kTimeNever) return std::nullopt;
  return Countdown{"session.timeout.ms (coordinator)", m->last_heartbeat, m->heartbeat_deadline};
}

SceneNode consumer_node(const Cluster& c, const EventStore& events, const Consumer& consumer) {
  SceneNode n{.name = consumer.name(), .kind = NodeKind::Consumer, .node = consumer.id(),
              .up = consumer.is_up() && !consumer.closed(),
              .paused = consumer.paused_until() > c.now()};
  std::string state(member_state_name(consumer.state()));
  n.roles.push_back(consumer.config().group_id + " " + state);
  n.groups.push_back(consumer.config().group_id);
  for (const TopicPartition& tp : consumer.assignment()) {
    Offset pos = consumer.position(tp);
    n.roles.push_back(tp.to_string() + " @" + (pos < 0 ? "-" : std::to_string(pos)));
  }
  if (auto session = coordinator_session(c, consumer)) n.countdowns.push_back(*session);
  if (auto ack = events.last_heartbeat_ack(consumer.name()); ack && n.up) {
    n.countdowns.push_back(Countdown{"session.timeout.ms (client: last heartbeat ack)", *ack,
                                     *ack + consumer.config().session_timeout});
  }
  if (n.up && consumer.state() != MemberState::Stopped) {
    n.countdowns.push_back(Countdown{"max.poll.interval.ms (since the last poll())",
                                     consumer.last_poll(),
                                     consumer.last_poll() + consumer.config().max_poll_interval});
  }
  return n;
}

std::vector<SceneNode> scene_nodes(const Cluster& c, const EventStore& events,
                                   const SceneOptions& o) {
  std::vector<SceneNode> nodes;
  const Controller& ctl = c.controller();
  nodes.push_back({.name = ctl.name(), .kind = NodeKind::Controller, .node = ctl.id(),
                   .x = 0.5f, .y = 0.07f, .up = ctl.is_up()});
  std::map<BrokerId, std::vector<std::string>> coordinates, coordinated;
  for (const std::string& g : c.group_ids())
    if (auto view = c.group(g); view && view->coordinator != kNoBroker) {
      coordinates[view->coordinator].push_back("coordinator of " + g);
      coordinated[view->coordinator].push_back(g);
    }
  for (const auto& b : c.brokers()) {
    auto reg = ctl.brokers().find(b->broker_id());
    SceneNode n{.name = b->name(), .kind = NodeKind::Broker, .node = b->id(), .up = b->is_up(),
                .paused = b->paused_until() > c.now(),
                .fenced = reg != ctl.brokers().end() && reg->second.fenced};
    n.roles = coordinates[b->broker_id()];
    n.groups = coordinated[b->broker_id()];
    n.replicas = broker_badges(c, *b, o.include_internal);
    for (const std::string& g : c.group_ids()) {
      const group::ClassicGroup* cg = b->is_up() ? b->group_coordinator().group(g) : nullptr;
      if (cg == nullptr) continue;
      if (auto cd = rebalance_countdown(*cg)) n.countdowns.push_back(*cd);
    }
    nodes.push_back(std::move(n));
  }
  for (size_t i = 0; i < c.producers().size(); i++) {
    const Producer& p = *c.producers()[i];
    SceneNode n{.name = p.name(), .kind = NodeKind::Producer, .node = p.id(), .x = 0.06f,
                .y = spread(i, c.producers().size(), 0.35f, 0.6f), .up = p.is_up(),
                .paused = p.paused_until() > c.now()};
    n.roles.push_back(p.producing() ? "producing" : "idle");
    n.roles.push_back("acked " + std::to_string(p.acked()));
    nodes.push_back(std::move(n));
  }
  for (size_t i = 0; i < c.consumers().size(); i++) {
    SceneNode n = consumer_node(c, events, *c.consumers()[i]);
    n.x = spread(i, c.consumers().size(), 0.12f, 0.88f);
    n.y = 0.86f;
    nodes.push_back(std::move(n));
  }
  return nodes;
}

}  // namespace

float Countdown::remaining(Time now) const {
  if (deadline <= start) return 0;
  double r = static_cast<double>(deadline - now) / static_cast<double>(deadline - start);
  return static_cast<float>(std::clamp(r, 0.0, 1.0));
}

int ClusterScene::index_of(const std::string& name) const {
  for (size_t i = 0; i < nodes.size(); i++)
    if (nodes[i].name == name) return static_cast<int>(i);
  return -1;
}

bool api_visible(ApiKey api, const SceneOptions& o) {
  if (api == ApiKey::Heartbeat || api == ApiKey::BrokerHeartbeat) return o.show_heartbeats;
  if (api == ApiKey::Fetch) return o.show_fetches;
  return true;
}

ClusterScene build_scene(const Cluster& c, const EventStore& events, const SceneOptions& o) {
  ClusterScene scene;
  scene.nodes = scene_nodes(c, events, o);
  size_t brokers = c.brokers().size();
  scene.grid = static_cast<int32_t>(brokers) > o.grid_above_brokers;
  place_brokers(scene.nodes, 1, brokers, scene.grid);
  std::map<NodeId, int> by_node;
  for (size_t i = 0; i < scene.nodes.size(); i++)
    by_node[scene.nodes[i].node] = static_cast<int>(i);
  Time now = c.now();
  for (const InFlightMessage& m : c.kernel().network.in_flight()) {
    if (!api_visible(m.api, o)) continue;
    auto from = by_node.find(m.source);
    auto to = by_node.find(m.destination);
    if (from == by_node.end() || to == by_node.end()) continue;
    // A message held by a cut waits just outside its sender until the link heals.
    constexpr float kHeldProgress = 0.15f;
    float span = static_cast<float>(std::max<Time>(1, m.arrives_at - m.sent_at));
    float progress = m.held ? kHeldProgress
                            : std::clamp(static_cast<float>(now - m.sent_at) / span, 0.0f, 1.0f);
    scene.dots.push_back({m.id, from->second, to->second, progress, m.api, m.response, m.bytes});
  }
  return scene;
}

const group::ClassicGroup* coordinator_group(const Cluster& c, const std::string& group_id) {
  std::optional<GroupView> g = c.group(group_id);
  if (!g) return nullptr;
  const Broker* b = c.broker(g->coordinator);
  return b ? b->group_coordinator().group(g->group_id) : nullptr;
}

const group::ClassicGroupMember* coordinator_member(const Cluster& c, const Consumer& consumer) {
  const group::ClassicGroup* cg = coordinator_group(c, consumer.config().group_id);
  if (cg == nullptr) return nullptr;
  for (const group::ClassicGroupMember& m : cg->members()) {
    bool same = m.member_id == consumer.member_id() ||
                (consumer.member_id().empty() && m.client_id == consumer.config().client_id);
    if (same) return &m;
  }
  return nullptr;
}

std::optional<Countdown> rebalance_countdown(const group::ClassicGroup& g) {
  const group::JoinTimer& join = g.join_timer();
  if (join.deadline != kTimeNever && g.is(group::ClassicGroupState::kPreparingRebalance)) {
    bool initial = join.kind == group::TimerKind::kInitialJoin;
    return Countdown{g.group_id() + (initial ? ": group.initial.rebalance.delay.ms"
                                             : ": rebalance timeout (join phase)"),
                     join.deadline - join.delay, join.deadline};
  }
  const group::SyncTimer& sync = g.sync_timer();
  if (sync.deadline != kTimeNever && g.is(group::ClassicGroupState::kCompletingRebalance)) {
    return Countdown{g.group_id() + ": rebalance timeout (waiting for SyncGroup)",
                     sync.deadline - g.rebalance_timeout_ms() * kMillisecond, sync.deadline};
  }
  return std::nullopt;
}

}  // namespace ksim::gui
