// Network: latency, bandwidth, FIFO per link, cuts, loss, crash drops in-flight messages.
#include <doctest/doctest.h>

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
  void on_message(Message& m) override { received.push_back({now(), m.correlation_id}); }
  void on_timer(uint16_t, uint64_t) override {}
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

TEST_CASE("network: a cut link and a partition drop messages; heal restores them") {
  Kernel k(1);
  Probe a(k, "a"), b(k, "b");
  k.network.partition({a.id()}, {b.id()});
  a.send(b.id());
  k.scheduler.run_until(kSecond);
  CHECK(b.received.empty());
  CHECK(k.network.messages_dropped() == 1);
  k.network.heal_all();
  a.send(b.id());
  k.scheduler.run_until(2 * kSecond);
  CHECK(b.received.size() == 1);
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
