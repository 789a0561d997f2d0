// Inspector rows: a member (KafkaConsumer + the coordinator's ClassicGroupMember), a replica
// (Partition + the leader's FollowerFetchState), a broker, a producer, an in-flight message.
#include "gui/model/inspector.h"

#include <algorithm>

#include "gui/model/cluster_scene.h"

namespace ksim::gui {
namespace {

constexpr size_t kMaxListRows = 12;

std::string at_text(Time t, Time now) {
  if (t == kTimeNever) return "-";
  std::string rel = t >= now ? "in " + format_duration(t - now) : format_duration(now - t) + " ago";
  return format_time(t) + " (" + rel + ")";
}

void member_rows(const Cluster& c, const EventStore& events, const Consumer& m, Inspection& in) {
  Time now = c.now();
  const ConsumerConfig& cfg = m.config();
  auto add = [&](std::string f, std::string v) { in.rows.push_back({std::move(f), std::move(v)}); };
  add("client.id", cfg.client_id);
  add("group.id", cfg.group_id);
  add("member_id", m.member_id().empty() ? "\"\" (not joined)" : m.member_id());
  add("group_instance_id", cfg.group_instance_id.empty() ? "null (dynamic member)"
                                                          : cfg.group_instance_id);
  add("generation_id", std::to_string(m.generation_id()));
  add("state", !m.is_up() ? "crashed" : m.closed() ? "closed"
                                                   : std::string(member_state_name(m.state())));
  add("assignment", partitions_text(m.assignment()));
  for (const TopicPartition& tp : m.assignment()) {
    Offset pos = m.position(tp);
    add("  position " + tp.to_string(), pos < 0 ? "-" : std::to_string(pos));
  }
  std::optional<Time> ack = events.last_heartbeat_ack(m.name());
  add("last heartbeat (client: last ack)", ack ? at_text(*ack, now) : "-");
  add("session deadline (client view)",
      ack ? at_text(*ack + cfg.session_timeout, now) : "-");
  const group::ClassicGroupMember* cm = coordinator_member(c, m);
  add("last heartbeat (coordinator)", cm ? at_text(cm->last_heartbeat, now) : "-");
  add("session deadline (coordinator)", cm ? at_text(cm->heartbeat_deadline, now) : "-");
  add("last poll()", at_text(m.last_poll(), now));
  add("poll deadline (max.poll.interval.ms)", at_text(m.last_poll() + cfg.max_poll_interval, now));
  add("session.timeout.ms", std::to_string(cfg.session_timeout / kMillisecond));
  add("heartbeat.interval.ms", std::to_string(cfg.heartbeat_interval / kMillisecond));
  add("max.poll.interval.ms", std::to_string(cfg.max_poll_interval / kMillisecond));
  if (const group::ClassicGroup* g = coordinator_group(c, cfg.group_id))
    if (auto cd = rebalance_countdown(*g)) add(cd->label, at_text(cd->deadline, now));
}

void replica_rows(const Cluster& c, const Broker& b, const TopicPartition& tp, Inspection& in) {
  auto add = [&](std::string f, std::string v) { in.rows.push_back({std::move(f), std::move(v)}); };
  const Partition* p = b.partition(tp);
  if (p == nullptr) {
    in.gone = "broker " + std::to_string(b.broker_id()) + " holds no replica of " +
              tp.to_string();
    return;
  }
  bool leader = p->role() == ReplicaRole::Leader;
  bool in_isr = std::find(p->isr().begin(), p->isr().end(), b.broker_id()) != p->isr().end();
  add("role", !b.is_up() ? "offline" : leader ? "leader" : "follower");
  add("leader_epoch", std::to_string(p->leader_epoch()));
  add("replicas", ids_text(p->replicas()));
  add("isr (as this broker knows it)", ids_text(p->isr()));
  add("in ISR", in_isr ? "yes" : "no");
  add("log_start_offset", std::to_string(p->log().log_start_offset()));
  add("high_watermark", std::to_string(p->log().high_watermark()));
  add("log_end_offset", std::to_string(p->log().log_end_offset()));
  const Partition* lp = c.leader_partition(tp);
  if (lp == nullptr || leader) return;
  Offset lag = lp->log().log_end_offset() - p->log().log_end_offset();
  add("lag (leader LEO - LEO)", std::to_string(lag));
  auto f = lp->followers().find(b.broker_id());
  if (f == lp->followers().end()) return;
  Time now = c.now();
  add("last caught-up time (leader)", at_text(f->second.last_caught_up, now));
  add("last fetch (leader)", at_text(f->second.last_fetch, now));
  add("out of ISR after (replica.lag.time.max.ms)",
      at_text(f->second.last_caught_up + lp->settings().replica_lag_time_max, now));
}

void broker_rows(const Cluster& c, const Broker& b, Inspection& in) {
  auto add = [&](std::string f, std::string v) { in.rows.push_back({std::move(f), std::move(v)}); };
  add("broker.id", std::to_string(b.broker_id()));
  add("status", b.is_up() ? "up" : "down");
  auto reg = c.controller().brokers().find(b.broker_id());
  add("fenced (controller)",
      reg == c.controller().brokers().end() ? "-" : reg->second.fenced ? "yes" : "no");
  add("rack", b.rack().empty() ? "null" : b.rack());
  int leaders = 0, followers = 0;
  for (const auto& [tp, p] : b.partitions()) (p.role() == ReplicaRole::Leader ? leaders
                                                                              : followers)++;
  add("leader replicas", std::to_string(leaders));
  add("follower replicas", std::to_string(followers));
  for (const std::string& g : c.group_ids())
    if (auto view = c.group(g); view && view->coordinator == b.broker_id())
      add("coordinator of", g + " (" + view->state + ", generation " +
                                std::to_string(view->generation_id) + ")");
}

void producer_rows(const Producer& p, Inspection& in) {
  auto add = [&](std::string f, std::string v) { in.rows.push_back({std::move(f), std::move(v)}); };
  add("client.id", p.config().client_id);
  add("status", !p.is_up() ? "crashed" : p.producing() ? "producing" : "idle");
  add("acks", std::to_string(p.config().acks));
  add("records sent", std::to_string(p.records().size()));
  add("acknowledged", std::to_string(p.acked()));
  add("failed", std::to_string(p.failed()));
}

void message_rows(const Cluster& c, uint64_t id, Inspection& in) {
  const Network& net = c.kernel().network;
  in.title = "message #" + std::to_string(id);
  const Message* m = net.in_flight_message(id);
  if (m == nullptr) {
    in.gone = "no longer on the wire (delivered or dropped)";
    return;
  }
  std::vector<InFlightMessage> wire = net.in_flight();
  auto view = std::find_if(wire.begin(), wire.end(), [&](const auto& w) { return w.id == id; });
  auto add = [&](std::string f, std::string v) { in.rows.push_back({std::move(f), std::move(v)}); };
  add("api", std::string(api_name(api_of(m->body))));
  add("direction", is_response(m->body) ? "response" : "request");
  add("from", net.node_name(m->source));
  add("to", net.node_name(m->destination));
  add("correlation_id", std::to_string(m->correlation_id));
  add("sent at", at_text(view->sent_at, c.now()));
  add("arrives at", view->held ? "held by a network cut until it heals"
                                : at_text(view->arrives_at, c.now()));
  add("size (bytes)", std::to_string(view->bytes));
  for (FieldRow& r : message_fields(m->body, kMaxListRows)) in.rows.push_back(std::move(r));
  in.action = Command{.kind = CommandKind::NetworkDrop, .message_id = id};
  in.action_label = "Drop this message";
}

}  // namespace

InspectTarget node_target(const Cluster& c, const std::string& name) {
  Node* n = c.node_by_name(name);
  if (n == nullptr) return {};
  InspectKind kind = dynamic_cast<const Broker*>(n)     ? InspectKind::Broker
                     : dynamic_cast<const Consumer*>(n) ? InspectKind::Consumer
                     : dynamic_cast<const Producer*>(n) ? InspectKind::Producer
                                                        : InspectKind::Controller;
  return {.kind = kind, .node = name};
}

InspectTarget member_target(const Cluster& c, const std::string& id) {
  for (const auto& m : c.consumers())
    if (m->config().client_id == id || (!id.empty() && m->member_id() == id))
      return {.kind = InspectKind::Consumer, .node = m->name()};
  return {};
}

Inspection inspect(const Cluster& c, const EventStore& events, const InspectTarget& t) {
  Inspection in;
  Node* n = t.node.empty() ? nullptr : c.node_by_name(t.node);
  const auto* broker = dynamic_cast<const Broker*>(n);
  switch (t.kind) {
    case InspectKind::None: in.gone = "Click a broker, replica, client or message dot."; break;
    case InspectKind::Message: message_rows(c, t.message_id, in); break;
    case InspectKind::Broker:
      in.title = "broker " + t.node;
      if (broker) broker_rows(c, *broker, in);
      break;
    case InspectKind::Replica:
      in.title = "replica " + t.tp.to_string() + " on " + t.node;
      if (broker) replica_rows(c, *broker, t.tp, in);
      break;
    case InspectKind::Consumer:
      in.title = "member " + t.node;
      if (const auto* m = dynamic_cast<const Consumer*>(n)) member_rows(c, events, *m, in);
      break;
    case InspectKind::Producer:
      in.title = "producer " + t.node;
      if (const auto* p = dynamic_cast<const Producer*>(n)) producer_rows(*p, in);
      break;
    case InspectKind::Controller:
      in.title = t.node;
      in.rows.push_back({"status", n && n->is_up() ? "up" : "down"});
      break;
  }
  if (in.rows.empty() && in.gone.empty()) in.gone = "not in this run";
  return in;
}

}  // namespace ksim::gui
