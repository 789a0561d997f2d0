// Network: link timing (latency + jitter + serialization), faults, FIFO order, and delivery.
#include "ksim/core/network.h"

#include <algorithm>

#include "ksim/types/assert.h"

namespace ksim {

Network::Network(Scheduler& scheduler, Trace& trace, uint64_t seed)
    : scheduler_(scheduler), trace_(trace), seed_(seed), target_(scheduler.add_handler(this)) {}

void Network::schedule_release() {
  // Not at once: the command that healed may be followed, at the same instant, by one that cuts
  // the link again (the swarm re-applies the link faults still in force after a heal), and
  // then what the link held stays held.
  if (release_scheduled_) return;
  release_scheduled_ = true;
  scheduler_.at(scheduler_.now(), target_, kReleaseEvent);
}

void Network::on_event(const Event&) {
  release_scheduled_ = false;
  for (auto& row : links_)
    for (LinkState& l : row)
      if (!l.config.cut && !l.held.empty()) release_held(l);
}

NodeId Network::add_node(std::string name, int32_t target) {
  NodeId id = static_cast<NodeId>(nodes_.size());
  nodes_.push_back({.name = std::move(name), .target = target});
  links_.resize(nodes_.size());
  for (size_t from = 0; from < nodes_.size(); from++) {
    while (links_[from].size() < nodes_.size()) {
      size_t to = links_[from].size();
      std::string stream = "link:" + nodes_[from].name + "->" + nodes_[to].name;
      links_[from].push_back({.config = default_link_, .rng = Rng::derive(seed_, stream)});
    }
  }
  return id;
}

void Network::set_node_up(NodeId id, bool up, bool host_down) {
  NodeEntry& node = nodes_.at(static_cast<size_t>(id));
  if (node.up == up) return;
  node.up = up;
  node.incarnation++;  // connections break on crash and on restart
  node.host_down = !up && host_down;
  if (up) return;
  const size_t self = static_cast<size_t>(id);
  // The dead process's own client connections are gone with it; a restart opens new ones.
  for (LinkState& l : links_[self]) l.open = false;
  if (host_down) return;
  // The host's TCP stack answers for the dead process: each peer that had opened a connection
  // to it gets a reset (peers in id order, so the order of their events is fixed).
  for (size_t peer = 0; peer < nodes_.size(); peer++) {
    LinkState& l = links_[peer][self];
    if (peer == self || !l.open) continue;
    l.open = false;
    send_reset(id, static_cast<NodeId>(peer), l.connection, "crash");
  }
}

void Network::send_reset(NodeId from, NodeId to, uint32_t connection, std::string_view reason) {
  LinkState& link = link_state(from, to);
  const uint32_t slot = new_slot();
  Slot& s = slots_[slot];
  s.used = true;
  s.dropped = false;
  s.reset = true;
  s.reset_reason = reason;
  s.source_incarnation = nodes_[static_cast<size_t>(from)].incarnation;
  s.message = Message{.source = from, .destination = to, .connection = connection};
  s.view = {.slot = slot, .source = from, .destination = to, .sent_at = scheduler_.now(),
            .dest_incarnation = nodes_[static_cast<size_t>(to)].incarnation};
  hold_or_transmit(link, slot);  // held like any packet: it arrives at the heal
}

bool Network::reset_stale(const Slot& s) const {
  const NodeEntry& peer = nodes_[static_cast<size_t>(s.message.destination)];
  if (!peer.up || peer.incarnation != s.view.dest_incarnation) return true;
  const LinkState& link = links_[static_cast<size_t>(s.message.destination)]
                                [static_cast<size_t>(s.message.source)];
  return link.connection != s.message.connection;  // the peer closed it first
}

void Network::refuse(const Message& m) {
  // A request reaching a crashed process on a live host: the host answers with a reset
  // (on a connection opened after the crash, a refused connect). A dead host answers nothing.
  if (is_response(m.body)) return;  // the dead client's server side: nothing to tell
  const NodeEntry& dest = nodes_[static_cast<size_t>(m.destination)];
  if (dest.up || dest.host_down) return;
  send_reset(m.destination, m.source, m.connection, "refused");
}

Network::LinkState& Network::link_state(NodeId from, NodeId to) {
  KSIM_ASSERT(from >= 0 && static_cast<size_t>(from) < nodes_.size());
  KSIM_ASSERT(to >= 0 && static_cast<size_t>(to) < nodes_.size());
  return links_[static_cast<size_t>(from)][static_cast<size_t>(to)];
}

void Network::drop(const Message& m, std::string_view reason, uint64_t id) {
  dropped_++;
  TraceEvent e{.type = "net.drop"};
  e.add("api", std::string(api_name(api_of(m.body))));
  e.add("dir", is_response(m.body) ? "resp" : "req");
  e.add("from", node_name(m.source)).add("to", node_name(m.destination));
  e.add("reason", std::string(reason));
  // Only a command names the message (older drop lines keep their fields, and their hashes).
  if (id != 0) e.add("id", static_cast<int64_t>(id)).add("corr", m.correlation_id);
  trace_.emit(scheduler_.now(), e);
}

uint32_t Network::new_slot() {
  if (!free_slots_.empty()) {
    uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  slots_.emplace_back();
  return static_cast<uint32_t>(slots_.size() - 1);
}

void Network::free_slot(uint32_t slot) {
  Slot& s = slots_[slot];
  s.used = false;
  s.dropped = false;
  s.reset = false;
  free_slots_.push_back(slot);
}

void Network::send(Message message) {
  sent_++;
  LinkState& link = link_state(message.source, message.destination);
  const NodeEntry& source = nodes_[static_cast<size_t>(message.source)];
  if (!source.up) return drop(message, "source down", 0);
  // A request opens (or uses) the connection; a response goes back on its request's, which
  // may have been closed since.
  if (!is_response(message.body)) {
    message.connection = link.connection;
    link.open = true;
  }
  if (message.connection != link.connection) return drop(message, "disconnected", 0);

  const uint32_t slot = new_slot();
  Slot& s = slots_[slot];
  s.used = true;
  s.dropped = false;
  s.reset = false;
  s.source_incarnation = source.incarnation;
  s.view = {.id = static_cast<uint64_t>(sent_), .slot = slot, .source = message.source,
            .destination = message.destination, .api = api_of(message.body),
            .response = is_response(message.body), .sent_at = scheduler_.now(),
            .bytes = size_bytes(message.body),
            .dest_incarnation = nodes_[static_cast<size_t>(message.destination)].incarnation};
  s.message = std::move(message);
  hold_or_transmit(link, slot);
}

void Network::hold_or_transmit(LinkState& link, uint32_t slot) {
  // A cut link holds; so does a healed one until its release runs, keeping the link FIFO.
  if (link.config.cut || !link.held.empty()) {
    slots_[slot].view.held = true;
    link.held.push_back(slot);
    return;
  }
  transmit(link, slot);
}

void Network::transmit(LinkState& link, uint32_t slot) {
  Slot& s = slots_[slot];
  const LinkConfig& c = link.config;
  // A lost reset would only be sent again for the peer's next packet: resets are not lost.
  if (!s.reset && c.loss > 0 && link.rng.chance(c.loss)) {
    drop(s.message, "loss", 0);
    return free_slot(slot);
  }
  const Time now = scheduler_.now();
  Time start = std::max(now, link.busy_until);
  Duration wire = c.bandwidth_bytes_per_sec > 0
                      ? (s.view.bytes * kSecond + c.bandwidth_bytes_per_sec - 1) /
                            c.bandwidth_bytes_per_sec
                      : 0;
  link.busy_until = start + wire;
  Duration jitter = c.jitter > 0 ? link.rng.between(0, c.jitter) : 0;
  Time arrival = std::max(link.busy_until + c.latency + jitter + c.extra_delay, link.last_arrival);
  link.last_arrival = arrival;
  s.view.held = false;
  s.view.arrives_at = arrival;
  const NodeEntry& dest = nodes_[static_cast<size_t>(s.view.destination)];
  scheduler_.at(arrival, dest.target, s.reset ? kResetEvent : kDeliverEvent, slot,
                s.view.dest_incarnation);
}

std::string_view Network::stale_reason(const Slot& s) const {
  const Message& m = s.message;
  const NodeEntry& source = nodes_[static_cast<size_t>(m.source)];
  const NodeEntry& dest = nodes_[static_cast<size_t>(m.destination)];
  if (!dest.up) return "destination down";
  if (dest.incarnation != s.view.dest_incarnation) return "connection reset";
  // Bytes already on the wire outlive their sender; bytes a cut held in its socket do not.
  if (s.view.held && source.incarnation != s.source_incarnation) return "sender crashed";
  const LinkState& link = links_[static_cast<size_t>(m.source)][static_cast<size_t>(m.destination)];
  if (m.connection != link.connection) return "disconnected";
  return {};
}

void Network::release_held(LinkState& link) {
  std::vector<uint32_t> held;
  held.swap(link.held);
  const Time now = scheduler_.now();
  for (uint32_t slot : held) {
    if (slots_[slot].reset) {
      if (reset_stale(slots_[slot])) free_slot(slot);
      else transmit(link, slot);
      continue;
    }
    std::string_view reason = stale_reason(slots_[slot]);
    if (reason.empty() && now - slots_[slot].view.sent_at > link.config.retransmit_limit)
      reason = "retransmission timeout";
    if (!reason.empty()) {
      drop(slots_[slot].message, reason, 0);
      if (reason == "destination down") refuse(slots_[slot].message);
      free_slot(slot);
      continue;
    }
    transmit(link, slot);
  }
}

void Network::disconnect(NodeId from, NodeId to) {
  for (LinkState* link : {&link_state(from, to), &link_state(to, from)}) {
    link->connection++;
    link->open = false;
    // What the cut held on the closed connection is gone now (in-flight messages are dropped
    // on arrival, by take); so is a held reset for it.
    for (uint32_t slot : link->held) {
      if (!slots_[slot].reset) drop(slots_[slot].message, "disconnected", 0);
      free_slot(slot);
    }
    link->held.clear();
  }
}

bool Network::take(uint64_t slot, uint64_t incarnation_at_send, Message& out) {
  KSIM_ASSERT(slot < slots_.size());
  Slot& s = slots_[slot];
  KSIM_ASSERT(s.used);
  KSIM_ASSERT(incarnation_at_send == s.view.dest_incarnation);
  const bool dropped_by_command = s.dropped;
  std::string_view reason = dropped_by_command ? std::string_view{} : stale_reason(s);
  out = std::move(s.message);  // the slot keeps a moved-from body until reused
  const int64_t bytes = s.view.bytes;
  free_slot(static_cast<uint32_t>(slot));
  if (dropped_by_command) return false;  // traced when the command dropped it
  if (!reason.empty()) {
    drop(out, reason, 0);
    if (reason == "destination down") refuse(out);
    return false;
  }
  trace_.emit_message(scheduler_.now(), "msg", api_name(api_of(out.body)), is_response(out.body),
                      node_name(out.source), node_name(out.destination), bytes,
                      out.correlation_id);
  return true;
}

bool Network::take_reset(uint64_t slot, uint64_t incarnation_at_send, NodeId& crashed) {
  KSIM_ASSERT(slot < slots_.size());
  Slot& s = slots_[slot];
  KSIM_ASSERT(s.used);
  KSIM_ASSERT(s.reset);
  KSIM_ASSERT(incarnation_at_send == s.view.dest_incarnation);
  const bool stale = reset_stale(s);
  const NodeId from = s.message.source;
  const NodeId to = s.message.destination;
  const std::string_view reason = s.reset_reason;
  free_slot(static_cast<uint32_t>(slot));
  if (stale) return false;
  disconnect(to, from);
  TraceEvent e{.type = "net.reset"};
  e.add("from", node_name(from)).add("to", node_name(to)).add("reason", std::string(reason));
  trace_.emit(scheduler_.now(), e);
  crashed = from;
  return true;
}

void Network::set_default_link(const LinkConfig& config) {
  default_link_ = config;
  for (auto& row : links_)
    for (LinkState& l : row) l.config = config;
}

const LinkConfig& Network::link(NodeId from, NodeId to) const {
  return links_.at(static_cast<size_t>(from)).at(static_cast<size_t>(to)).config;
}

void Network::set_link(NodeId from, NodeId to, const LinkConfig& config) {
  LinkState& link = link_state(from, to);
  const bool healed = link.config.cut && !config.cut;
  link.config = config;
  if (healed && !link.held.empty()) schedule_release();
}

void Network::partition(const std::vector<NodeId>& side_a, const std::vector<NodeId>& side_b) {
  for (NodeId a : side_a) {
    for (NodeId b : side_b) {
      link_state(a, b).config.cut = true;
      link_state(b, a).config.cut = true;
    }
  }
}

void Network::heal_all() {
  for (auto& row : links_) {
    for (LinkState& l : row) {
      const bool healed = l.config.cut && !default_link_.cut;
      l.config = default_link_;
      if (healed && !l.held.empty()) schedule_release();
    }
  }
}

std::vector<InFlightMessage> Network::in_flight() const {
  std::vector<InFlightMessage> out;
  for (const Slot& s : slots_)
    if (s.used && !s.dropped && !s.reset) out.push_back(s.view);
  return out;
}

const Network::Slot* Network::live_slot(uint64_t id) const {
  for (const Slot& s : slots_)
    if (s.used && !s.dropped && !s.reset && s.view.id == id) return &s;
  return nullptr;
}

const Message* Network::in_flight_message(uint64_t id) const {
  const Slot* s = live_slot(id);
  return s == nullptr ? nullptr : &s->message;
}

bool Network::drop_in_flight(uint64_t id) {
  const Slot* found = live_slot(id);
  if (found == nullptr) return false;
  const uint32_t slot = found->view.slot;
  Slot& s = slots_[slot];
  drop(s.message, "command", id);
  if (s.view.held) {  // not scheduled: free it now
    std::vector<uint32_t>& held = link_state(s.view.source, s.view.destination).held;
    held.erase(std::find(held.begin(), held.end(), slot));
    free_slot(slot);
    return true;
  }
  s.dropped = true;  // the slot stays used until its delivery event frees it
  return true;
}

}  // namespace ksim
