// Clients recovering on their own, on a real cluster in virtual time:
// - the group leader rejoins when the metadata it assigned from changes: a subscribed topic
//   that did not exist yet, or one that gained partitions (ConsumerCoordinator's
//   assignmentSnapshot and rejoinNeededOrPending; ConsumerCoordinatorTest.
//   testRebalanceAfterTopicUnavailableWithSubscribe / testUpdateMetadataDuringRebalance);
// - the producer fails batches that outlive delivery.timeout.ms even when nothing else happens
//   (RecordAccumulator.expiredBatches, and the Sender waking for nextExpiryTimeMs).
#include <doctest/doctest.h>

#include "ksim/cluster/cluster.h"

using namespace ksim;

namespace {

std::unique_ptr<Cluster> make_cluster(uint64_t seed) {
  auto c = Cluster::create({.seed = seed, .brokers = 3});
  REQUIRE(c.is_ok());
  return std::move(c).value();
}

// The consumer's "Request joining group due to: ..." lines, in order.
std::shared_ptr<std::vector<std::string>> rejoin_reasons(Cluster& c) {
  auto reasons = std::make_shared<std::vector<std::string>>();
  c.kernel().trace.add_listener(
      [reasons](Time, const TraceEvent& e) {
        if (e.type == "consumer.rejoin") reasons->push_back(e.string_field("kafka_log"));
      },
      /*wants_messages=*/false);
  return reasons;
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
  for (const std::string& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

Consumer* add_consumer(Cluster& c, const ConfigMap& extra = {}) {
  ConfigMap config{{"group.id", "g"}, {"auto.offset.reset", "earliest"}};
  for (const auto& [k, v] : extra) config[k] = v;
  auto consumer = c.add_consumer("c1", config, ConsumerOptions{.topics = {"late"}});
  REQUIRE(consumer.is_ok());
  return consumer.value();
}

}  // namespace

TEST_CASE("consumer: a leader that assigned before its topic existed rejoins once it appears") {
  auto c = make_cluster(3);
  auto reasons = rejoin_reasons(*c);
  Consumer* consumer = add_consumer(*c);
  c->run_until(5 * kSecond);
  CHECK(consumer->assignment().empty());  // Stable, with nothing to read
  REQUIRE(c->create_topic({.name = "late", .partitions = 2, .replication_factor = 3}).is_ok());
  c->run_until(10 * kSecond);
  CHECK(consumer->assignment() ==
        std::vector<TopicPartition>{{"late", 0}, {"late", 1}});
  // The metadata had no partitions of 'late' when the leader assigned.
  CHECK(mentions(*reasons, "Request joining group due to: cached metadata has changed from "
                           "(version"));
  CHECK(mentions(*reasons, ": {}) at the beginning of the rebalance to (version"));
  CHECK(mentions(*reasons, ": {late=2})"));
}

TEST_CASE("consumer: new partitions are assigned after the leader's next metadata refresh") {
  auto c = make_cluster(4);
  REQUIRE(c->create_topic({.name = "late", .partitions = 1, .replication_factor = 3}).is_ok());
  auto reasons = rejoin_reasons(*c);
  Consumer* consumer = add_consumer(*c, {{"metadata.max.age.ms", "5000"}});
  c->run_until(6 * kSecond);
  REQUIRE(consumer->assignment() == std::vector<TopicPartition>{{"late", 0}});
  REQUIRE(c->controller().create_partitions("late", 3).is_ok());
  c->run_until(7 * kSecond);
  CHECK(consumer->assignment().size() == 1);  // metadata.max.age.ms has not passed yet
  c->run_until(20 * kSecond);
  CHECK(consumer->assignment().size() == 3);
  CHECK(mentions(*reasons, "{late=1}) at the beginning of the rebalance to (version"));
  CHECK(mentions(*reasons, ": {late=3})"));
}

TEST_CASE("producer: batches with no leader to go to fail at delivery.timeout.ms, unprompted") {
  auto c = make_cluster(5);
  REQUIRE(c->create_topic({.name = "t", .partitions = 1, .replication_factor = 3}).is_ok());
  auto p = c->add_producer("p", {{"acks", "all"}, {"delivery.timeout.ms", "5000"},
                                 {"request.timeout.ms", "2000"}, {"linger.ms", "0"}});
  REQUIRE(p.is_ok());
  Producer* producer = p.value();
  producer->produce_every(100 * kMillisecond, ProduceSpec{.topic = "t"}, 10);
  c->run_until(2 * kSecond);
  REQUIRE(producer->acked() == 10);
  for (const auto& b : c->brokers())
    REQUIRE(c->apply({.kind = CommandKind::BrokerCrash, .target = b->name()}).is_ok());
  producer->produce_every(100 * kMillisecond, ProduceSpec{.topic = "t"}, 5);
  std::vector<Time> errors;
  c->kernel().trace.add_listener(
      [&errors](Time t, const TraceEvent& e) {
        if (e.type == "producer.error") errors.push_back(t);
      },
      /*wants_messages=*/false);
  c->run_until(60 * kSecond);
  CHECK(producer->failed() == 5);
  REQUIRE(!errors.empty());
  // The last record was created at about 2.4 s: it fails 5 s later, not at some later send.
  CHECK(errors.back() <= 2 * kSecond + 600 * kMillisecond + 5 * kSecond);
}
