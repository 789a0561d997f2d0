// A crashed broker process, on a live host, resets its clients' connections: a producer with a
// request in flight to it retries at once (NetworkClient.processDisconnection, then Sender's
// disconnected response: NETWORK_EXCEPTION), a consumer whose coordinator it was looks for the
// coordinator again (AbstractCoordinator.markCoordinatorUnknown), and nobody leaves the group.
// When the whole host goes down (crash{ host = true }), the producer waits request.timeout.ms.
#include <doctest/doctest.h>

#include "ksim/cluster/cluster.h"

using namespace ksim;

namespace {

struct Retry {
  Time at = 0;
  std::string error;
};

// Produces to a 1-partition topic with acks=all, then crashes its leader at 2 s (the producer
// sends every millisecond, so a request is in flight to the leader then). Returns the
// producer's retries after the crash.
std::vector<Retry> retries_after_leader_crash(bool host_down) {
  auto created = Cluster::create({.seed = 11, .brokers = 3});
  REQUIRE(created.is_ok());
  std::unique_ptr<Cluster> c = std::move(created).value();
  REQUIRE(c->create_topic({.name = "t", .partitions = 1, .replication_factor = 3}).is_ok());
  auto p = c->add_producer("p", {{"acks", "all"}, {"linger.ms", "0"}});
  REQUIRE(p.is_ok());
  p.value()->produce_every(kMillisecond, ProduceSpec{.topic = "t"});
  c->run_until(2 * kSecond);
  REQUIRE(p.value()->acked() > 0);
  const Broker* leader = c->leader_broker({"t", 0});
  REQUIRE(leader != nullptr);
  std::vector<Retry> retries;
  c->kernel().trace.add_listener(
      [&retries](Time t, const TraceEvent& e) {
        if (e.type == "producer.retry") retries.push_back({t, e.string_field("error")});
      },
      /*wants_messages=*/false);
  REQUIRE(c->apply({.kind = CommandKind::BrokerCrash, .target = leader->name(),
                    .host_down = host_down})
              .is_ok());
  c->run_until(40 * kSecond);
  return retries;
}

}  // namespace

TEST_CASE("producer: a request in flight to a broker whose process crashes is retried within "
          "milliseconds, as NETWORK_EXCEPTION, not after request.timeout.ms") {
  std::vector<Retry> retries = retries_after_leader_crash(/*host_down=*/false);
  REQUIRE(!retries.empty());
  CHECK(retries.front().error == "NETWORK_EXCEPTION");
  CHECK(retries.front().at < 2 * kSecond + 10 * kMillisecond);
}

TEST_CASE("producer: when the broker's whole host goes down, the request in flight is retried "
          "only after request.timeout.ms (30 s)") {
  std::vector<Retry> retries = retries_after_leader_crash(/*host_down=*/true);
  REQUIRE(!retries.empty());
  CHECK(retries.front().at >= 2 * kSecond + 30 * kSecond);
}

TEST_CASE("consumer: its coordinator's process crashes: it looks for the coordinator again at "
          "once, and stays in the group (the coordinator is gone, not the member)") {
  auto created = Cluster::create({.seed = 12, .brokers = 3});
  REQUIRE(created.is_ok());
  std::unique_ptr<Cluster> c = std::move(created).value();
  REQUIRE(c->create_topic({.name = "t", .partitions = 2, .replication_factor = 3}).is_ok());
  auto consumer = c->add_consumer("c1", {{"group.id", "g"}, {"auto.offset.reset", "earliest"}},
                                  ConsumerOptions{.topics = {"t"}});
  REQUIRE(consumer.is_ok());
  std::vector<std::string> lost;
  std::string coordinator;
  int64_t removed = 0;
  c->kernel().trace.add_listener(
      [&](Time t, const TraceEvent& e) {
        if (e.type == "consumer.coordinator" && coordinator.empty())
          coordinator = e.string_field("kafka_log");
        if (e.type == "consumer.coordinator_lost")
          lost.push_back(std::to_string(t) + " " + e.string_field("kafka_log"));
        if (e.type == "member.removed") removed++;
      },
      /*wants_messages=*/false);
  c->run_until(5 * kSecond);
  REQUIRE(consumer.value()->assignment().size() == 2);
  REQUIRE(coordinator.find("broker-") != std::string::npos);
  // "Discovered group coordinator broker-N:9092 …": crash that broker.
  std::string name = coordinator.substr(coordinator.find("broker-"), 8);
  REQUIRE(c->apply({.kind = CommandKind::BrokerCrash, .target = name}).is_ok());
  c->run_until(5 * kSecond + 10 * kMillisecond);
  REQUIRE(lost.size() == 1);
  CHECK(lost[0].find("cause: null. isDisconnected: true") != std::string::npos);
  c->run_until(60 * kSecond);
  CHECK(removed == 0);
  CHECK(consumer.value()->assignment().size() == 2);
}
