// Commands: names, their Lua form, and how the cluster applies them.
#include "ksim/cluster/command.h"

#include "ksim/cluster/cluster.h"

namespace ksim {

std::string_view command_name(CommandKind kind) {
  switch (kind) {
    case CommandKind::BrokerCrash: return "broker.crash";
    case CommandKind::BrokerRestart: return "broker.restart";
    case CommandKind::BrokerIsolate: return "broker.isolate";
    case CommandKind::ConsumerCrash: return "consumer.crash";
    case CommandKind::ConsumerClose: return "consumer.close";
    case CommandKind::ConsumerStallPoll: return "consumer.stall_poll";
    case CommandKind::ConsumerRestart: return "consumer.restart";
    case CommandKind::ProducerStart: return "producer.start";
    case CommandKind::ProducerStop: return "producer.stop";
    case CommandKind::NodePause: return "node.pause";
    case CommandKind::NetworkPartition: return "network.partition";
    case CommandKind::NetworkHeal: return "network.heal";
    case CommandKind::BrokerShutdown: return "broker.shutdown";
    case CommandKind::NetworkCut: return "network.cut";
    case CommandKind::NetworkDelay: return "network.delay";
    case CommandKind::NetworkLoss: return "network.loss";
    case CommandKind::ProducerCrash: return "producer.crash";
    case CommandKind::ProducerRestart: return "producer.restart";
    case CommandKind::NetworkDrop: return "network.drop";
  }
  return "?";
}

namespace {

std::string lua_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
  return "{" + out + "}";
}

std::string crash_options(const Command& c) {
  std::string out;
  if (c.lose_unflushed) out += "lose_unflushed = true";
  if (c.host_down) out += std::string(out.empty() ? "" : ", ") + "host = true";
  return out.empty() ? "" : "{ " + out + " }";
}

}  // namespace

std::string command_to_lua(const Command& c) {
  std::string d = "\"" + format_duration(c.duration) + "\"";
  switch (c.kind) {
    case CommandKind::BrokerCrash:
      return "node(\"" + c.target + "\"):crash(" + crash_options(c) + ")";
    case CommandKind::BrokerShutdown: return "node(\"" + c.target + "\"):shutdown()";
    case CommandKind::NetworkCut:
      return "network.cut(" + lua_list(c.side_a) + ", " + lua_list(c.side_b) + ")";
    case CommandKind::NetworkDelay:
      return "network.delay(" + lua_list(c.side_a) + ", " + lua_list(c.side_b) + ", " + d + ")";
    case CommandKind::NetworkLoss:
      return "network.loss(" + lua_list(c.side_a) + ", " + lua_list(c.side_b) + ", " +
             std::to_string(c.loss) + ")";
    case CommandKind::BrokerRestart: return "node(\"" + c.target + "\"):restart()";
    case CommandKind::BrokerIsolate: return "node(\"" + c.target + "\"):isolate()";
    case CommandKind::ConsumerCrash:
      return "node(\"" + c.target + "\"):crash(" + crash_options(c) + ")";
    case CommandKind::ConsumerClose: return "node(\"" + c.target + "\"):close()";
    case CommandKind::ConsumerStallPoll: return "node(\"" + c.target + "\"):stall_poll(" + d + ")";
    case CommandKind::ConsumerRestart: return "node(\"" + c.target + "\"):restart()";
    case CommandKind::ProducerStart:
      return "node(\"" + c.target + "\"):produce_every(" + d + ", { topic = \"" + c.topic + "\" })";
    case CommandKind::ProducerCrash:
      return "node(\"" + c.target + "\"):crash(" + crash_options(c) + ")";
    case CommandKind::ProducerRestart: return "node(\"" + c.target + "\"):restart()";
    case CommandKind::ProducerStop: return "node(\"" + c.target + "\"):stop()";
    case CommandKind::NodePause: return "node(\"" + c.target + "\"):pause(" + d + ")";
    case CommandKind::NetworkPartition:
      return "network.partition(" + lua_list(c.side_a) + ", " + lua_list(c.side_b) + ")";
    case CommandKind::NetworkHeal: return "network.heal()";
    case CommandKind::NetworkDrop: return "network.drop(" + std::to_string(c.message_id) + ")";
  }
  return "";
}

Status Cluster::apply(const Command& c) {
  Node* node = c.target.empty() ? nullptr : node_by_name(c.target);
  auto need = [&](bool ok, std::string_view what) {
    return ok ? Status::ok()
              : Status(ErrorCode::INVALID_REQUEST,
                       std::string(command_name(c.kind)) + ": '" + c.target + "' is not a " +
                           std::string(what));
  };
  Broker* b = dynamic_cast<Broker*>(node);
  Consumer* consumer = dynamic_cast<Consumer*>(node);
  Producer* producer = dynamic_cast<Producer*>(node);
  Status s = Status::ok();
  switch (c.kind) {
    case CommandKind::BrokerCrash:
    case CommandKind::BrokerRestart:
    case CommandKind::BrokerIsolate:
    case CommandKind::BrokerShutdown:
      s = need(b != nullptr, "broker");
      break;
    case CommandKind::ConsumerCrash:
    case CommandKind::ConsumerClose:
    case CommandKind::ConsumerStallPoll:
    case CommandKind::ConsumerRestart:
      s = need(consumer != nullptr, "consumer");
      break;
    case CommandKind::ProducerStart:
    case CommandKind::ProducerStop:
    case CommandKind::ProducerCrash:
    case CommandKind::ProducerRestart:
      s = need(producer != nullptr, "producer");
      break;
    case CommandKind::NodePause:
      s = need(node != nullptr, "node");
      break;
    case CommandKind::NetworkPartition:
    case CommandKind::NetworkCut:
    case CommandKind::NetworkDelay:
    case CommandKind::NetworkLoss:
      for (const auto* side : {&c.side_a, &c.side_b})
        for (const std::string& n : *side)
          if (node_by_name(n) == nullptr)
            s = Status(ErrorCode::INVALID_REQUEST,
                       std::string(command_name(c.kind)) + ": unknown node '" + n + "'");
      if (c.kind == CommandKind::NetworkLoss && (c.loss < 0 || c.loss > 1))
        s = Status(ErrorCode::INVALID_REQUEST, "network.loss: probability must be in [0, 1]");
      if (c.kind == CommandKind::NetworkDelay && c.duration < 0)
        s = Status(ErrorCode::INVALID_REQUEST, "network.delay: delay must not be negative");
      break;
    case CommandKind::NetworkHeal:
      break;
    case CommandKind::NetworkDrop:
      if (kernel_->network.in_flight_message(c.message_id) == nullptr)
        s = Status(ErrorCode::INVALID_REQUEST, "network.drop: message " +
                                                   std::to_string(c.message_id) +
                                                   " is not in flight");
      break;
  }
  if (!s.is_ok()) return s;
  commands_.push_back({now(), c});
  TraceEvent e{.type = "command"};
  e.add("command", std::string(command_name(c.kind))).add("target", c.target);
  if (c.kind == CommandKind::NetworkDrop) e.add("id", static_cast<int64_t>(c.message_id));
  emit_command_trace(e);
  switch (c.kind) {
    case CommandKind::BrokerCrash:
      b->set_lose_unflushed_on_crash(c.lose_unflushed);
      node->crash(c.host_down);
      break;
    case CommandKind::ConsumerCrash:
      node->crash(c.host_down);
      break;
    case CommandKind::BrokerShutdown:
      b->begin_controlled_shutdown();
      break;
    case CommandKind::NetworkCut:
    case CommandKind::NetworkDelay:
    case CommandKind::NetworkLoss:
      apply_link_fault(c);
      break;
    case CommandKind::BrokerRestart:
    case CommandKind::ConsumerRestart:
      node->restart();
      break;
    case CommandKind::BrokerIsolate: {
      std::vector<NodeId> rest;
      for (NodeId n = 0; n < kernel_->network.node_count(); n++)
        if (n != node->id()) rest.push_back(n);
      kernel_->network.partition({node->id()}, rest);
      break;
    }
    case CommandKind::ConsumerClose:
      consumer->close();
      break;
    case CommandKind::ConsumerStallPoll:
      consumer->stall_poll(c.duration);
      break;
    case CommandKind::ProducerStart:
      producer->produce_every(c.duration, ProduceSpec{.topic = c.topic});
      break;
    case CommandKind::ProducerStop:
      producer->stop();
      break;
    case CommandKind::ProducerCrash:
      producer->crash(c.host_down);
      break;
    case CommandKind::ProducerRestart:
      producer->restart();
      break;
    case CommandKind::NodePause:
      node->pause_until(now() + c.duration);
      break;
    case CommandKind::NetworkPartition: {
      std::vector<NodeId> a, bside;
      for (const std::string& n : c.side_a) a.push_back(node_by_name(n)->id());
      for (const std::string& n : c.side_b) bside.push_back(node_by_name(n)->id());
      kernel_->network.partition(a, bside);
      break;
    }
    case CommandKind::NetworkHeal:
      kernel_->network.heal_all();
      break;
    case CommandKind::NetworkDrop:
      kernel_->network.drop_in_flight(c.message_id);
      break;
  }
  return Status::ok();
}

void Cluster::apply_link_fault(const Command& c) {
  for (const std::string& from : c.side_a) {
    for (const std::string& to : c.side_b) {
      NodeId a = node_by_name(from)->id(), b = node_by_name(to)->id();
      if (a == b) continue;
      LinkConfig link = kernel_->network.link(a, b);
      if (c.kind == CommandKind::NetworkCut) link.cut = true;
      if (c.kind == CommandKind::NetworkDelay) link.extra_delay = c.duration;
      if (c.kind == CommandKind::NetworkLoss) link.loss = c.loss;
      kernel_->network.set_link(a, b, link);
    }
  }
}

}  // namespace ksim
