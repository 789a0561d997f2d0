// Network: latency, bandwidth, FIFO per link, cuts (held, then delivered, as TCP does),
// connections closed by the application, loss, crash drops in-flight messages, and the resets
// a crashed process's host sends its peers (or does not, when the whole host is down).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "ksim/core/node.h"

using namespace ksim;

namespace {

struct Probe : Node {
  using Node::Node;
  std::vector<std::pair<Time, int32_t>> received;
  int32_t send(NodeId to, int32_t batch_bytes = 0) {
    ProduceRequest r;
    if (batch_bytes > 0)
      r.partitions.push_back({.tp = {"t", 0}, .batch = {.size_bytes = batch_bytes}});
    return send_request(to, r);
  }
  bool answer = false;  // answer every request with an empty response
  void on_message(Message& m) override {
    received.push_back({now(), m.correlation_id});
    if (answer && !is_response(m.body)) send_response(m, ProduceResponse{});
  }
  void on_timer(uint16_t, uint64_t) override {}
  std::vector<std::pair<Time, NodeId>> resets;  // on_disconnected calls
  void on_disconnected(NodeId peer) override { resets.push_back({now(), peer}); }
  using Node::disconnect;
};

LinkConfig fixed(Duration latency, int64_t bandwidth = 0) {
  return LinkConfig{.latency = latency, .jitter = 0, .bandwidth_bytes_per_sec = bandwidth};
}

}  // namespace

TEST_CASE("network: a message arrives after the link latency") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  a.send(b.id());
  k.scheduler.run_until(kSecond);
  REQUIRE(b.received.size() == 1);
  CHECK(b.received[0].first == kMillisecond);
}

TEST_CASE("network: bytes take time on the wire and queue behind each other") {
  Kernel k(1);
  Probe a(k, "a"), b(k, "b");
  k.network.set_default_link(fixed(0, 1'000'000));  // 1 MB/s: 1 byte per µs
  a.send(b.id(), 10'000);
  a.send(b.id(), 10'000);
  k.scheduler.run_until(kSecond);
  REQUIRE(b.received.size() == 2);
  CHECK(b.received[0].first > 10'000);
  CHECK(b.received[1].first > 20'000);  // waited for the first one's bytes
}

TEST_CASE("network: each link is FIFO even with jitter") {
  Kernel k(5);
  k.network.set_default_link(
      LinkConfig{.latency = 100, .jitter = 5000, .bandwidth_bytes_per_sec = 0});
  Probe a(k, "a"), b(k, "b");
  for (int i = 0; i < 50; i++) a.send(b.id());
  k.scheduler.run_until(kSecond);
  REQUIRE(b.received.size() == 50);
  for (size_t i = 1; i < b.received.size(); i++)
    CHECK(b.received[i - 1].second < b.received[i].second);
}

TEST_CASE("network: a partition holds messages, as TCP retransmits them; the heal delivers them "
          "in send order, then the later ones") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  k.network.partition({a.id()}, {b.id()});
  int32_t first = a.send(b.id());
  int32_t second = a.send(b.id());
  k.scheduler.run_until(kSecond);
  CHECK(b.received.empty());
  CHECK(k.network.messages_dropped() == 0);
  std::vector<InFlightMessage> wire = k.network.in_flight();
  REQUIRE(wire.size() == 2);
  CHECK(wire[0].held);
  CHECK(wire[1].held);
  k.network.heal_all();
  int32_t third = a.send(b.id());
  k.scheduler.run_until(2 * kSecond);
  REQUIRE(b.received.size() == 3);
  CHECK(b.received[0] == std::pair{kSecond + kMillisecond, first});
  CHECK(b.received[1].second == second);
  CHECK(b.received[2].second == third);
  CHECK(k.network.in_flight().empty());
}

TEST_CASE("network: a one-way cut holds one direction only; lifting it with set_link releases") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  LinkConfig cut = fixed(kMillisecond);
  cut.cut = true;
  k.network.set_link(b.id(), a.id(), cut);
  a.send(b.id());
  b.send(a.id());
  k.scheduler.run_until(kSecond);
  CHECK(b.received.size() == 1);
  CHECK(a.received.empty());
  k.network.set_link(b.id(), a.id(), fixed(kMillisecond));
  k.scheduler.run_until(2 * kSecond);
  REQUIRE(a.received.size() == 1);
  CHECK(a.received[0].first == kSecond + kMillisecond);
}

TEST_CASE("network: closing a connection drops what it held and what is on the wire, both ways; "
          "the next request opens a new one") {
  Kernel k(1);
  k.network.set_default_link(fixed(10 * kMillisecond));
  std::vector<std::string> reasons;
  k.trace.add_listener([&](Time, const TraceEvent& e) {
    if (e.type == "net.drop") reasons.push_back(e.string_field("reason"));
  }, false);
  Probe a(k, "a"), b(k, "b");
  b.answer = true;
  a.send(b.id());                   // answered at 10 ms; the answer is on the wire at 15 ms
  k.scheduler.run_until(15 * kMillisecond);
  REQUIRE(b.received.size() == 1);
  k.network.partition({a.id()}, {b.id()});
  a.send(b.id());                   // held
  a.disconnect(b.id());             // a's request timeout
  CHECK(k.network.in_flight().size() == 1);  // the answer, dropped when it arrives
  k.network.heal_all();
  k.scheduler.run_until(kSecond);
  CHECK(a.received.empty());
  CHECK(b.received.size() == 1);
  CHECK(reasons == std::vector<std::string>{"disconnected", "disconnected"});
  a.send(b.id());
  k.scheduler.run_until(2 * kSecond);
  CHECK(b.received.size() == 2);
  CHECK(a.received.size() == 1);    // the answer on the new connection arrives
}

TEST_CASE("network: an answer sent after its request's connection closed is dropped") {
  Kernel k(1);
  k.network.set_default_link(fixed(10 * kMillisecond));
  Probe a(k, "a"), b(k, "b");
  b.answer = true;
  k.network.set_link(b.id(), a.id(), LinkConfig{.latency = 10 * kMillisecond, .jitter = 0,
                                                 .cut = true});
  a.send(b.id());
  k.scheduler.run_until(20 * kMillisecond);  // b answered; the cut holds the answer
  a.disconnect(b.id());
  k.network.heal_all();
  k.scheduler.run_until(kSecond);
  CHECK(b.received.size() == 1);
  CHECK(a.received.empty());
}

TEST_CASE("network: a held message dies with its crashed sender, and after TCP's retransmission "
          "limit") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  std::vector<std::string> reasons;
  k.trace.add_listener([&](Time, const TraceEvent& e) {
    if (e.type == "net.drop") reasons.push_back(e.string_field("reason"));
  }, false);
  Probe a(k, "a"), b(k, "b"), c(k, "c");
  k.network.partition({a.id(), c.id()}, {b.id()});
  a.send(b.id());
  a.crash();
  a.restart();
  k.scheduler.run_until(kSecond);
  c.send(b.id());
  const Time heal = kSecond + k.network.link(c.id(), b.id()).retransmit_limit + 1;
  k.scheduler.run_until(heal);
  k.network.heal_all();
  k.scheduler.run_until(heal + kSecond);
  CHECK(b.received.empty());
  CHECK(reasons == std::vector<std::string>{"sender crashed", "retransmission timeout"});
}

TEST_CASE("network: drop_in_flight removes a held message at once") {
  Kernel k(1);
  Probe a(k, "a"), b(k, "b");
  k.network.partition({a.id()}, {b.id()});
  a.send(b.id());
  int32_t kept = a.send(b.id());
  CHECK(k.network.drop_in_flight(1));
  REQUIRE(k.network.in_flight().size() == 1);
  k.network.heal_all();
  k.scheduler.run_until(kSecond);
  REQUIRE(b.received.size() == 1);
  CHECK(b.received[0].second == kept);
}

TEST_CASE("network: loss drops roughly the configured share, reproducibly") {
  auto delivered = [](uint64_t seed) {
    Kernel k(seed);
    k.network.set_default_link(LinkConfig{.latency = 10, .jitter = 0, .loss = 0.3});
    Probe a(k, "a"), b(k, "b");
    for (int i = 0; i < 1000; i++) a.send(b.id());
    k.scheduler.run_until(kSecond);
    return b.received.size();
  };
  size_t n = delivered(3);
  CHECK(n == delivered(3));
  CHECK(n > 600);
  CHECK(n < 800);
}

TEST_CASE("network: messages in flight to a node that crashes are dropped, even after restart") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  a.send(b.id());
  b.crash();
  b.restart();
  k.scheduler.run_until(kSecond);
  CHECK(b.received.empty());
  a.send(b.id());
  k.scheduler.run_until(2 * kSecond);
  CHECK(b.received.size() == 1);
}

TEST_CASE("node: a paused node receives its messages when the pause ends") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  b.pause_until(50 * kMillisecond);
  a.send(b.id());
  k.scheduler.run_until(kSecond);
  REQUIRE(b.received.size() == 1);
  CHECK(b.received[0].first == 50 * kMillisecond);
}

TEST_CASE("network: drop_in_flight removes one message by its send sequence number; the others "
          "on the same link arrive in order and the drop is traced with the id") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  std::vector<std::string> drops;
  k.trace.add_listener([&](Time t, const TraceEvent& e) {
    if (e.type == "net.drop") drops.push_back(Trace::to_json(t, e));
  }, false);
  int32_t first = a.send(b.id());
  int32_t second = a.send(b.id());
  int32_t third = a.send(b.id());
  std::vector<InFlightMessage> wire = k.network.in_flight();
  REQUIRE(wire.size() == 3);
  CHECK(wire[0].id == 1);
  CHECK(wire[1].id == 2);
  CHECK(wire[2].id == 3);
  REQUIRE(k.network.in_flight_message(2) != nullptr);
  CHECK(k.network.in_flight_message(2)->correlation_id == second);
  CHECK(k.network.drop_in_flight(2));
  CHECK_FALSE(k.network.drop_in_flight(2));   // already gone
  CHECK_FALSE(k.network.drop_in_flight(99));  // never sent
  CHECK(k.network.in_flight_message(2) == nullptr);
  CHECK(k.network.in_flight().size() == 2);
  REQUIRE(drops.size() == 1);
  CHECK(drops[0] == "{\"t\":0,\"type\":\"net.drop\",\"api\":\"Produce\",\"dir\":\"req\","
                    "\"from\":\"a\",\"to\":\"b\",\"reason\":\"command\",\"id\":2,\"corr\":" +
                        std::to_string(second) + "}");
  k.scheduler.run_until(kSecond);
  REQUIRE(b.received.size() == 2);
  CHECK(b.received[0].second == first);
  CHECK(b.received[1].second == third);
  CHECK(k.network.messages_dropped() == 1);
  CHECK(drops.size() == 1);  // nothing more traced at the dropped message's delivery time
  a.send(b.id());            // its slot is reused by a new message with a new id
  REQUIRE(k.network.in_flight().size() == 1);
  CHECK(k.network.in_flight()[0].id == 4);
}

TEST_CASE("network: the same drop in two runs with the same seed gives the same trace hash") {
  auto run = [](bool drop) {
    Kernel k(9);
    k.network.set_default_link(LinkConfig{.latency = 100, .jitter = 5000});
    Probe a(k, "a"), b(k, "b");
    for (int i = 0; i < 20; i++) a.send(b.id());
    if (drop) k.network.drop_in_flight(7);
    k.scheduler.run_until(kSecond);
    return std::pair{k.trace.hash(), b.received.size()};
  };
  CHECK(run(true) == run(true));
  CHECK(run(true).second == 19);
  CHECK(run(false).second == 20);
  CHECK(run(true).first != run(false).first);
}

// ---- Connection resets: a crashed process's host answers with RST (Network::set_node_up) ----

namespace {

std::shared_ptr<std::vector<std::string>> reset_lines(Kernel& k) {
  auto lines = std::make_shared<std::vector<std::string>>();
  k.trace.add_listener([lines](Time t, const TraceEvent& e) {
    if (e.type == "net.reset") lines->push_back(Trace::to_json(t, e));
  }, /*wants_messages=*/false);
  return lines;
}

}  // namespace

TEST_CASE("network: a crashed process's host resets each open connection to it; the peer hears "
          "of it one link latency later, a node that never sent to it hears nothing") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b"), idle(k, "idle");
  auto lines = reset_lines(k);
  a.send(b.id());  // opens a's connection to b; b never answers
  k.scheduler.run_until(10 * kMillisecond);
  b.crash();
  k.scheduler.run_until(kSecond);
  REQUIRE(a.resets.size() == 1);
  CHECK(a.resets[0] == std::pair<Time, NodeId>{11 * kMillisecond, b.id()});
  CHECK(idle.resets.empty());
  CHECK(b.resets.empty());
  REQUIRE(lines->size() == 1);
  CHECK((*lines)[0] == R"({"t":11000,"type":"net.reset","from":"b","to":"a","reason":"crash"})");
}

TEST_CASE("network: the reset closes the connection, so an answer sent on it is dropped") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  b.answer = true;
  a.send(b.id());
  k.scheduler.run_until(10 * kMillisecond);
  a.received.clear();
  b.crash();
  b.restart();
  a.send(b.id());  // sent before the reset arrives, on the old connection: dropped at b
  k.scheduler.run_until(kSecond);
  CHECK(a.resets.size() == 1);
  CHECK(a.received.empty());
  a.send(b.id());  // a new connection to the restarted process works
  k.scheduler.run_until(2 * kSecond);
  CHECK(a.received.size() == 1);
}

TEST_CASE("network: a cut holds the reset like any packet; it arrives after the heal") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  a.send(b.id());
  k.scheduler.run_until(10 * kMillisecond);
  k.network.partition({a.id()}, {b.id()});
  b.crash();
  k.scheduler.run_until(kSecond);
  CHECK(a.resets.empty());
  k.network.heal_all();
  k.scheduler.run_until(2 * kSecond);
  REQUIRE(a.resets.size() == 1);
  CHECK(a.resets[0].first == kSecond + kMillisecond);
}

TEST_CASE("network: a peer that closed the connection itself before the reset arrives gets "
          "nothing, cut or not") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b"), c(k, "c");
  auto lines = reset_lines(k);
  a.send(b.id());
  c.send(b.id());
  k.scheduler.run_until(10 * kMillisecond);
  k.network.partition({c.id()}, {b.id()});
  b.crash();
  a.disconnect(b.id());  // a's request timed out just then: it closed the connection first
  c.disconnect(b.id());  // c closed it while the cut held the reset
  k.network.heal_all();
  k.scheduler.run_until(kSecond);
  CHECK(a.resets.empty());
  CHECK(c.resets.empty());
  CHECK(lines->empty());
}

TEST_CASE("network: a request that reaches a crashed process is refused by its host") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  auto lines = reset_lines(k);
  b.crash();
  k.scheduler.run_until(10 * kMillisecond);
  a.send(b.id());  // arrives at 11 ms, dropped; the reset is back at 12 ms
  k.scheduler.run_until(kSecond);
  REQUIRE(a.resets.size() == 1);
  CHECK(a.resets[0].first == 12 * kMillisecond);
  REQUIRE(lines->size() == 1);
  CHECK((*lines)[0] == R"({"t":12000,"type":"net.reset","from":"b","to":"a","reason":"refused"})");
}

TEST_CASE("network: a host that goes down (crash with host_down) resets nothing, now or later") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  auto lines = reset_lines(k);
  a.send(b.id());
  k.scheduler.run_until(10 * kMillisecond);
  b.crash(/*host_down=*/true);
  a.send(b.id());
  k.scheduler.run_until(kSecond);
  CHECK(a.resets.empty());
  CHECK(lines->empty());
  CHECK(k.network.in_flight().empty());
  b.restart();
  b.crash();  // a process crash now: a's connection is still open, so it is reset
  k.scheduler.run_until(2 * kSecond);
  CHECK(a.resets.size() == 1);
}

TEST_CASE("network: a heal releases at the end of the instant: cut again at once, it keeps "
          "holding; a message sent after the heal still goes behind the held ones") {
  Kernel k(1);
  k.network.set_default_link(fixed(kMillisecond));
  Probe a(k, "a"), b(k, "b");
  k.network.partition({a.id()}, {b.id()});
  int32_t first = a.send(b.id());
  k.scheduler.run_until(kSecond);
  k.network.heal_all();
  k.network.partition({a.id()}, {b.id()});  // the swarm re-applies a fault still in force
  k.scheduler.run_until(2 * kSecond);
  CHECK(b.received.empty());
  REQUIRE(k.network.in_flight().size() == 1);
  CHECK(k.network.in_flight()[0].held);
  k.network.heal_all();
  int32_t second = a.send(b.id());          // same instant, before the release runs
  k.scheduler.run_until(3 * kSecond);
  REQUIRE(b.received.size() == 2);
  CHECK(b.received[0] == std::pair{2 * kSecond + kMillisecond, first});
  CHECK(b.received[1].second == second);
}
