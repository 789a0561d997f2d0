// Network: link timing (latency + jitter + serialization), faults, FIFO order, and delivery.
#include "ksim/core/network.h"

#include <algorithm>

#include "ksim/types/assert.h"

namespace ksim {

Network::Network(Scheduler& scheduler, Trace& trace, uint64_t seed)
    : scheduler_(scheduler), trace_(trace), seed_(seed) {}

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

void Network::set_node_up(NodeId id, bool up) {
  NodeEntry& node = nodes_.at(static_cast<size_t>(id));
  if (node.up == up) return;
  node.up = up;
  node.incarnation++;  // connections break on crash and on restart
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

void Network::send(Message message) {
  sent_++;
  LinkState& link = link_state(message.source, message.destination);
  const LinkConfig& c = link.config;
  if (!nodes_[static_cast<size_t>(message.source)].up) return drop(message, "source down", 0);
  if (c.cut) return drop(message, "link cut", 0);
  if (c.loss > 0 && link.rng.chance(c.loss)) return drop(message, "loss", 0);
  const Time now = scheduler_.now();
  const int64_t bytes = size_bytes(message.body);
  Time start = std::max(now, link.busy_until);
  Duration wire = c.bandwidth_bytes_per_sec > 0
                      ? (bytes * kSecond + c.bandwidth_bytes_per_sec - 1) /
                            c.bandwidth_bytes_per_sec
                      : 0;
  link.busy_until = start + wire;
  Duration jitter = c.jitter > 0 ? link.rng.between(0, c.jitter) : 0;
  Time arrival = std::max(link.busy_until + c.latency + jitter + c.extra_delay, link.last_arrival);
  link.last_arrival = arrival;

  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.used = true;
  s.dropped = false;
  s.view = {.id = static_cast<uint64_t>(sent_), .slot = slot, .source = message.source,
            .destination = message.destination, .api = api_of(message.body),
            .response = is_response(message.body), .sent_at = now, .arrives_at = arrival,
            .bytes = bytes};
  const NodeEntry& dest = nodes_[static_cast<size_t>(message.destination)];
  s.message = std::move(message);
  scheduler_.at(arrival, dest.target, kDeliverEvent, slot, dest.incarnation);
}

bool Network::take(uint64_t slot, uint64_t incarnation_at_send, Message& out) {
  KSIM_ASSERT(slot < slots_.size());
  Slot& s = slots_[slot];
  KSIM_ASSERT(s.used);
  out = std::move(s.message);  // the slot keeps a moved-from body until reused
  const bool dropped_by_command = s.dropped;
  s.used = false;
  s.dropped = false;
  free_slots_.push_back(static_cast<uint32_t>(slot));
  if (dropped_by_command) return false;  // traced when the command dropped it
  const NodeEntry& dest = nodes_[static_cast<size_t>(out.destination)];
  if (!dest.up || dest.incarnation != incarnation_at_send) {
    drop(out, dest.up ? "connection reset" : "destination down", 0);
    return false;
  }
  trace_.emit_message(scheduler_.now(), "msg", api_name(api_of(out.body)), is_response(out.body),
                      node_name(out.source), node_name(out.destination), s.view.bytes,
                      out.correlation_id);
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
  link_state(from, to).config = config;
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
  for (auto& row : links_)
    for (LinkState& l : row) l.config = default_link_;
}

std::vector<InFlightMessage> Network::in_flight() const {
  std::vector<InFlightMessage> out;
  for (const Slot& s : slots_)
    if (s.used && !s.dropped) out.push_back(s.view);
  return out;
}

const Network::Slot* Network::live_slot(uint64_t id) const {
  for (const Slot& s : slots_)
    if (s.used && !s.dropped && s.view.id == id) return &s;
  return nullptr;
}

const Message* Network::in_flight_message(uint64_t id) const {
  const Slot* s = live_slot(id);
  return s == nullptr ? nullptr : &s->message;
}

bool Network::drop_in_flight(uint64_t id) {
  const Slot* found = live_slot(id);
  if (found == nullptr) return false;
  Slot& s = slots_[found->view.slot];
  s.dropped = true;  // the slot stays used until its delivery event frees it
  drop(s.message, "command", id);
  return true;
}

}  // namespace ksim
