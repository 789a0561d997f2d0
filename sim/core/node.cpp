// Node: dispatch of deliveries and timers, crash/restart/pause semantics.
#include "ksim/core/node.h"

#include "ksim/types/assert.h"

namespace ksim {

Node::Node(Kernel& kernel, std::string name) : kernel_(kernel), name_(std::move(name)) {
  target_ = kernel_.scheduler.add_handler(this);
  id_ = kernel_.network.add_node(name_, target_);
}

void Node::crash(bool host_down) {
  if (!up_) return;
  up_ = false;
  incarnation_++;
  kernel_.network.set_node_up(id_, false, host_down);
  TraceEvent e{.type = "node.crash"};
  e.add("node", name_);
  if (host_down) e.add("host", true);  // only then, so process-crash lines keep their shape
  emit(e);
  on_crash();
}

void Node::restart() {
  if (up_) return;
  up_ = true;
  incarnation_++;
  kernel_.network.set_node_up(id_, true);
  emit(TraceEvent{.type = "node.restart"}.add("node", name_));
  on_restart();
}

void Node::pause_until(Time until) {
  if (until <= paused_until_) return;
  paused_until_ = until;
  emit(TraceEvent{.type = "node.pause"}.add("node", name_).add("until", until));
}

void Node::on_event(const Event& event) {
  if (event.time < paused_until_) {
    // Postpone, keeping the event's meaning; order among postponed events follows their seq.
    kernel_.scheduler.at(paused_until_, target_, event.kind, event.a, event.b);
    return;
  }
  if (event.kind == Network::kDeliverEvent) {
    Message message;
    if (!kernel_.network.take(event.a, event.b, message)) return;
    on_message(message);
    return;
  }
  if (event.kind == Network::kResetEvent) {
    NodeId peer = -1;
    if (kernel_.network.take_reset(event.a, event.b, peer)) on_disconnected(peer);
    return;
  }
  KSIM_ASSERT(event.kind == kTimerEvent);
  if (!up_ || (event.b >> 16) != incarnation_) return;  // timer of a previous life
  on_timer(static_cast<uint16_t>(event.b & 0xFFFF), event.a);
}

int32_t Node::send_request(NodeId to, MessageBody body) {
  int32_t correlation = next_correlation_id_++;
  kernel_.network.send(Message{.source = id_, .destination = to, .correlation_id = correlation,
                               .body = std::move(body)});
  return correlation;
}

void Node::send_response(const Message& request, MessageBody body) {
  kernel_.network.send(Message{.source = id_, .destination = request.source,
                               .correlation_id = request.correlation_id,
                               .connection = request.connection, .body = std::move(body)});
}

void Node::disconnect(NodeId peer) { kernel_.network.disconnect(id_, peer); }

void Node::set_timer(Duration delay, uint16_t kind, uint64_t arg) {
  set_timer_at(now() + delay, kind, arg);
}

void Node::set_timer_at(Time at, uint16_t kind, uint64_t arg) {
  if (!up_) return;
  uint64_t b = (static_cast<uint64_t>(incarnation_) << 16) | kind;
  kernel_.scheduler.at(at, target_, kTimerEvent, arg, b);
}

}  // namespace ksim
