#pragma once
// A simulated process (broker, controller, client): receives messages and timers from the
// kernel, can crash (losing in-memory state, its connections and pending timers), restart, and
// pause (a GC pause: everything addressed to it waits until it resumes). It hears of a peer's
// crash when the peer's host resets their connection (on_disconnected).
#include <cstdint>
#include <string>

#include "ksim/core/kernel.h"

namespace ksim {

class Node : public EventHandler {
 public:
  Node(Kernel& kernel, std::string name);
  ~Node() override = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  NodeId id() const { return id_; }
  const std::string& name() const { return name_; }
  bool is_up() const { return up_; }
  Time paused_until() const { return paused_until_; }

  // Stops the process: timers and in-flight messages to it are discarded. Calls on_crash().
  // A process crash (kill -9) by default: the host resets the process's connections, so peers
  // learn of it one link latency later (on_disconnected). With `host_down` the whole host
  // stopped: no resets, peers notice only by their timeouts. See Network::set_node_up.
  void crash(bool host_down = false);
  // Starts it again with a new incarnation. Calls on_restart().
  void restart();
  // A stop-the-world pause: events due before `until` are postponed to `until`.
  void pause_until(Time until);

  void on_event(const Event& event) final;

 protected:
  Kernel& kernel() { return kernel_; }
  const Kernel& kernel() const { return kernel_; }
  Time now() const { return kernel_.now(); }

  // Sends a request; returns its correlation id.
  int32_t send_request(NodeId to, MessageBody body);
  // Sends the response to `request` (same correlation id, back to its source).
  void send_response(const Message& request, MessageBody body);
  // Closes the connection to `peer` (NetworkClient.disconnect, after a request timeout): what
  // is still in flight or held on it, either way, is never delivered.
  void disconnect(NodeId peer);
  // Fires on_timer(kind, arg) after `delay`, unless the node crashes first.
  void set_timer(Duration delay, uint16_t kind, uint64_t arg = 0);
  void set_timer_at(Time at, uint16_t kind, uint64_t arg = 0);
  void emit(const TraceEvent& event) { kernel_.emit(event); }

  virtual void on_message(Message& message) = 0;
  virtual void on_timer(uint16_t kind, uint64_t arg) = 0;
  virtual void on_crash() {}
  virtual void on_restart() {}
  // `peer`'s host reset the connection to it (the peer's process crashed): the connection is
  // already closed, so what is still in flight on it, either way, is never delivered. What
  // NetworkClient.processDisconnection does next is the subclass's: fail the requests in
  // flight to `peer` as disconnected. Not called while this node is down.
  virtual void on_disconnected(NodeId /*peer*/) {}

 private:
  static constexpr uint16_t kTimerEvent = 0xFFFE;

  Kernel& kernel_;
  std::string name_;
  int32_t target_ = 0;
  NodeId id_ = -1;
  uint32_t incarnation_ = 0;
  bool up_ = true;
  Time paused_until_ = 0;
  int32_t next_correlation_id_ = 1;
};

}  // namespace ksim
