#pragma once
// The simulated network: carries Kafka API messages between nodes with per-link latency
// (base + seeded jitter), bandwidth (bytes take time on the wire, queued per link), loss, added
// delay and cuts (one-way or both ways). Each directed link is FIFO, like the TCP connection
// Kafka clients and brokers hold, and behaves like one across a cut: what is sent while the
// link is cut is held (TCP retransmits it) and delivered, in order, when the link heals, unless
// the connection was closed meanwhile (an application's request timeout), the sender crashed,
// or the cut outlasted TCP's retransmission limit. Messages to a node that is down, or that
// restarted since the message was sent, are dropped at delivery. When a process crashes on a
// live host, the host's TCP stack resets its connections: every peer with an open connection
// to it, and every peer whose request reaches it later, gets a reset (RST) one link latency
// later, which closes the connection and calls the peer's Node::on_disconnected. A host that
// goes down answers nothing: its peers notice only by their own timeouts.
#include <cstdint>
#include <string>
#include <vector>

#include "ksim/core/rng.h"
#include "ksim/core/scheduler.h"
#include "ksim/core/trace.h"
#include "ksim/protocol/message.h"

namespace ksim {

struct LinkConfig {
  Duration latency = 250 * kMicrosecond;     // one-way propagation delay
  Duration jitter = 100 * kMicrosecond;      // uniform extra delay in [0, jitter], seeded per link
  int64_t bandwidth_bytes_per_sec = 125'000'000;  // 1 Gbit/s; 0 = unlimited
  double loss = 0.0;                         // probability a message is dropped
  Duration extra_delay = 0;                  // injected delay (fault)
  bool cut = false;                          // nothing passes; messages are held (fault)
  // How long TCP keeps retransmitting before it gives up on a connection: Linux's
  // tcp_retries2 = 15 gives about 924.6 s. A message held by a cut longer than this is dropped
  // when the link heals.
  Duration retransmit_limit = 924'600 * kMillisecond;
  bool operator==(const LinkConfig&) const = default;
};

// A message on the wire, for views (the GUI's moving dots) and checkers.
struct InFlightMessage {
  // The message's send sequence number: the n-th call to Network::send of the run, from 1.
  // Stable for the same scenario, seed and commands, so a saved session can name it.
  uint64_t id = 0;
  uint32_t slot = 0;
  NodeId source = -1;
  NodeId destination = -1;
  ApiKey api = ApiKey::Produce;
  bool response = false;
  Time sent_at = 0;
  Time arrives_at = 0;     // meaningless while held
  int64_t bytes = 0;
  bool held = false;       // sent on a cut link: waits for the link to heal
  uint32_t dest_incarnation = 0;  // the destination's incarnation when the message was sent
};

class Network final : private EventHandler {
 public:
  static constexpr uint16_t kDeliverEvent = 0xFFFF;  // event kind used for deliveries
  static constexpr uint16_t kResetEvent = 0xFFFD;    // event kind used for connection resets
  static constexpr uint16_t kReleaseEvent = 0xFFFC;  // the network's own: release held messages

  Network(Scheduler& scheduler, Trace& trace, uint64_t seed);

  // Registers a node; `target` is its scheduler handler index. Returns its NodeId (dense, from 0).
  NodeId add_node(std::string name, int32_t target);
  const std::string& node_name(NodeId id) const { return nodes_.at(static_cast<size_t>(id)).name; }
  NodeId node_count() const { return static_cast<NodeId>(nodes_.size()); }
  // The node's incarnation changes on restart; messages from an older incarnation are dropped.
  // Going down with `host_down` false is a process crash (kill -9, OOM, JVM exit): each peer
  // with an open connection to the node (one it sent a request on since the connection was last
  // closed) gets a reset, sent now on the link from the node to the peer, so it arrives after
  // that link's latency, or at its heal when the link is cut. With `host_down` the host is gone
  // (power, kernel panic): no resets, now or for requests that reach it later.
  void set_node_up(NodeId id, bool up, bool host_down = false);
  uint32_t incarnation(NodeId id) const { return nodes_.at(static_cast<size_t>(id)).incarnation; }

  // Sends a message; it arrives (or is dropped) later as a kDeliverEvent at the destination.
  // The network stamps it with the connection it travels on (a response keeps its request's).
  void send(Message message);
  // `from` closes its connection to `to` (NetworkClient.disconnect): messages in flight or held
  // on it, in either direction, are dropped when they would arrive ("disconnected"); later
  // sends open a new connection.
  void disconnect(NodeId from, NodeId to);
  // Called by the destination when the delivery event fires: removes and returns the message.
  // Returns false (and traces the drop) when the destination is down or has restarted.
  bool take(uint64_t slot, uint64_t incarnation_at_send, Message& out);
  // Called by the peer when a reset event fires: closes the connection the reset was sent for
  // (as disconnect(peer side, crashed side)), traces net.reset, sets `crashed` and returns true.
  // Returns false, tracing nothing, when it no longer matters: the peer closed that connection
  // itself meanwhile, or crashed or restarted.
  bool take_reset(uint64_t slot, uint64_t incarnation_at_send, NodeId& crashed);

  void set_default_link(const LinkConfig& config);
  const LinkConfig& link(NodeId from, NodeId to) const;
  // Reconfigures one directed link; lifting its cut releases what it held.
  void set_link(NodeId from, NodeId to, const LinkConfig& config);
  // Cuts every link between the two sides, both ways (a network partition).
  void partition(const std::vector<NodeId>& side_a, const std::vector<NodeId>& side_b);
  // Restores every link to the default configuration, releasing every held message.
  void heal_all();

  std::vector<InFlightMessage> in_flight() const;
  // The in-flight message with send sequence number `id`, or nullptr (delivered, dropped, or
  // never sent). Views read its body; the pointer is valid until the next send or delivery.
  const Message* in_flight_message(uint64_t id) const;
  // Drops one in-flight message now (a fault injected by a command): it is traced as a
  // net.drop with reason "command" and never delivered. Returns false when no message with
  // this id is in flight.
  bool drop_in_flight(uint64_t id);
  int64_t messages_sent() const { return sent_; }
  int64_t messages_dropped() const { return dropped_; }

 private:
  struct NodeEntry {
    std::string name;
    int32_t target = 0;
    uint32_t incarnation = 0;
    bool up = true;
    bool host_down = false;  // down with its host: requests reaching it get no reset
  };
  struct LinkState {
    LinkConfig config;
    Rng rng;
    Time busy_until = 0;    // the link's sender side is serializing bytes until then
    Time last_arrival = 0;  // FIFO: nothing may arrive before an earlier message on the link
    uint32_t connection = 0;        // the open connection; the same number on both directions
    bool open = false;              // `from` sent a request on `connection` (it is its client)
    std::vector<uint32_t> held;     // slots sent while cut, in send order
  };
  struct Slot {
    bool used = false;
    bool dropped = false;   // dropped by drop_in_flight; its delivery event finds nothing
    uint32_t source_incarnation = 0;  // a held message dies with its sender's process
    // A reset (RST) from the host of `message.source` for `message.connection`, not a message:
    // invisible to in_flight() and drop_in_flight(), never traced as msg or net.drop.
    bool reset = false;
    std::string_view reset_reason;  // "crash" or "refused" (a string literal)
    Message message;
    InFlightMessage view;
  };

  LinkState& link_state(NodeId from, NodeId to);
  uint32_t new_slot();
  void free_slot(uint32_t slot);
  // Puts the message in `slot` on the wire now: bandwidth, latency, jitter, FIFO order.
  void transmit(LinkState& link, uint32_t slot);
  // Holds the message in `slot` behind the link's held ones (cut, or healed and not yet
  // released), or transmits it now.
  void hold_or_transmit(LinkState& link, uint32_t slot);
  // The link's cut was lifted: transmit what it held, in order, or drop what cannot go.
  void release_held(LinkState& link);
  // Releases, at the end of this instant, what healed links hold (on_event).
  void schedule_release();
  void on_event(const Event& event) override;
  // Why the message in the slot can no longer be delivered (its destination or source crashed
  // or restarted, or its connection was closed), or empty.
  std::string_view stale_reason(const Slot& s) const;
  // The host of `from` resets the connection `to` had opened to it: a reset slot on the link.
  void send_reset(NodeId from, NodeId to, uint32_t connection, std::string_view reason);
  // A reset no longer matters: its peer restarted or is down, or closed that connection.
  bool reset_stale(const Slot& s) const;
  // A request dropped because its destination process is down: the live host refuses it.
  void refuse(const Message& m);
  // id: the message's send sequence number for a drop by command, 0 otherwise.
  void drop(const Message& m, std::string_view reason, uint64_t id);
  const Slot* live_slot(uint64_t id) const;

  Scheduler& scheduler_;
  Trace& trace_;
  uint64_t seed_;
  int32_t target_;                 // the network's own scheduler handler (releases)
  bool release_scheduled_ = false;
  LinkConfig default_link_;
  std::vector<NodeEntry> nodes_;
  std::vector<std::vector<LinkState>> links_;  // [from][to]
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_slots_;
  int64_t sent_ = 0;
  int64_t dropped_ = 0;
};

}  // namespace ksim
