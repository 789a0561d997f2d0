// Fault actions per node kind, as Commands.
#include "gui/model/fault_menu.h"

namespace ksim::gui {
namespace {

Command cmd(CommandKind kind, const std::string& target, Duration d = 0) {
  return Command{.kind = kind, .target = target, .duration = d};
}

std::vector<std::string> everyone_but(const Cluster& c, const std::string& name) {
  std::vector<std::string> rest;
  for (const auto& b : c.brokers()) if (b->name() != name) rest.push_back(b->name());
  for (const auto& p : c.producers()) if (p->name() != name) rest.push_back(p->name());
  for (const auto& m : c.consumers()) if (m->name() != name) rest.push_back(m->name());
  if (c.controller().name() != name) rest.push_back(c.controller().name());
  return rest;
}

void broker_faults(const Broker& b, std::vector<FaultAction>& out) {
  const std::string& n = b.name();
  if (b.is_up()) {
    out.push_back({"Crash broker", 'K', "leaders move after broker.session.timeout.ms",
                   cmd(CommandKind::BrokerCrash, n)});
    out.push_back({"Isolate (cut every link)", 'I', "the controller fences it; ISR shrinks",
                   cmd(CommandKind::BrokerIsolate, n)});
  } else {
    out.push_back({"Restart broker", 'R', "it truncates to the leader and rejoins the ISR",
                   cmd(CommandKind::BrokerRestart, n)});
  }
}

void consumer_faults(const Consumer& m, std::vector<FaultAction>& out) {
  const std::string& n = m.name();
  if (m.is_up() && !m.closed()) {
    out.push_back({"Crash (no LeaveGroup)", 'K', "the coordinator waits session.timeout.ms",
                   cmd(CommandKind::ConsumerCrash, n)});
    out.push_back({"Close (LeaveGroup)", 'L', "an immediate rebalance",
                   cmd(CommandKind::ConsumerClose, n)});
    Duration stall = m.config().max_poll_interval + kMinute;
    out.push_back({"Stall poll (> max.poll.interval.ms)", 'T',
                   "the consumer leaves the group after max.poll.interval.ms",
                   cmd(CommandKind::ConsumerStallPoll, n, stall)});
  } else {
    out.push_back({"Restart consumer", 'R', "it joins the group again",
                   cmd(CommandKind::ConsumerRestart, n)});
  }
}

void producer_faults(const Cluster& c, const Producer& p, std::vector<FaultAction>& out) {
  if (p.producing()) {
    out.push_back({"Stop producing", 'P', "LEO and HW stop moving",
                   cmd(CommandKind::ProducerStop, p.name())});
    return;
  }
  std::string topic;
  for (const auto& [name, t] : c.controller().topics())
    if (!t.internal && topic.empty()) topic = name;
  Command start = cmd(CommandKind::ProducerStart, p.name(), 100 * kMillisecond);
  start.topic = topic;
  if (!topic.empty())
    out.push_back({"Produce every 100ms to " + topic, 'P', "LEO and HW advance", start});
}

}  // namespace

std::vector<FaultAction> faults_for(const Cluster& c, const std::string& name) {
  std::vector<FaultAction> out;
  Node* node = name.empty() ? nullptr : c.node_by_name(name);
  if (auto* b = dynamic_cast<Broker*>(node)) broker_faults(*b, out);
  if (auto* m = dynamic_cast<Consumer*>(node)) consumer_faults(*m, out);
  if (auto* p = dynamic_cast<Producer*>(node)) producer_faults(c, *p, out);
  if (node != nullptr && node->is_up()) {
    out.push_back({"GC pause 10s", 'G', "a stop-the-world pause: timers fire late",
                   cmd(CommandKind::NodePause, name, 10 * kSecond)});
    Command cut = cmd(CommandKind::NetworkPartition, "");
    cut.side_a = {name};
    cut.side_b = everyone_but(c, name);
    out.push_back({"Partition from everyone", 'N', "a network partition around this node", cut});
    // One-way link faults on everything this node sends (network.delay / network.loss).
    Command delay = cmd(CommandKind::NetworkDelay, "", 200 * kMillisecond);
    delay.side_a = {name};
    delay.side_b = cut.side_b;
    out.push_back({"Delay its messages by 200 ms", 'Y',
                   "one way: fetches, heartbeats and acks arrive late", delay});
    Command loss = cmd(CommandKind::NetworkLoss, "");
    loss.side_a = {name};
    loss.side_b = cut.side_b;
    loss.loss = 0.1;
    out.push_back({"Lose 10% of its messages", 'U',
                   "one way: requests time out and are retried", loss});
  }
  out.push_back({"Heal the network", 'H', "restore every link", cmd(CommandKind::NetworkHeal, "")});
  return out;
}

}  // namespace ksim::gui
