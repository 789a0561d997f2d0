// The delivery-semantics checker on real runs: a clean run has no anomaly; lost responses make
// a non-idempotent producer write duplicates and an idempotent one not (KIP-98); a crashed
// member's partitions are re-read by the new owner, which is excused, not a nonmonotonic poll;
// and the semantics table decides which anomalies fail.
#include <doctest/doctest.h>

#include "ksim/check/anomalies.h"

using namespace ksim;

namespace {

struct Run {
  std::unique_ptr<Cluster> cluster;
  std::shared_ptr<History> history;
};

Run cluster_with_topic(const std::string& topic) {
  auto c = Cluster::create({.seed = 11, .brokers = 3});
  REQUIRE(c.is_ok());
  Run run{.cluster = std::move(c).value()};
  run.history = install_history(*run.cluster);
  REQUIRE(run.cluster->create_topic({.name = topic, .partitions = 2, .replication_factor = 3,
                                     .configs = {{"min.insync.replicas", "2"}}})
              .is_ok());
  return run;
}

Producer* producer(Run& run, const std::string& name, const ConfigMap& config) {
  auto p = run.cluster->add_producer(name, config);
  REQUIRE(p.is_ok());
  return p.value();
}

Consumer* consumer(Run& run, const std::string& name, const std::string& topic) {
  auto c = run.cluster->add_consumer(name, {{"group.id", "g"}, {"auto.offset.reset", "earliest"}},
                                     ConsumerOptions{.topics = {topic}});
  REQUIRE(c.is_ok());
  return c.value();
}

Status cut_responses(Run& run, const std::string& client) {
  return run.cluster->apply({.kind = CommandKind::NetworkCut, .side_a = {"broker-0", "broker-1",
                                                                         "broker-2"},
                             .side_b = {client}});
}

}  // namespace

TEST_CASE("anomalies: a fault-free run is exactly-once") {
  Run run = cluster_with_topic("t");
  producer(run, "p", {})->produce_every(10 * kMillisecond, ProduceSpec{.topic = "t"}, 300);
  consumer(run, "c1", "t");
  run.cluster->run_until(20 * kSecond);
  AnomalyReport r = check_anomalies(*run.history, "t", "g");
  CHECK(r.stats.acked == 300);
  CHECK(r.stats.polled == 300);
  for (std::string_view name : kAnomalyNames) CHECK_MESSAGE(r.count(name) == 0, name);
  CHECK(r.not_checked.count("aborted-read") == 1);
  CHECK(judge(r, Semantics::ExactlyOnce, {}).ok);
}

TEST_CASE("anomalies: lost responses duplicate records unless the producer is idempotent") {
  for (bool idempotent : {false, true}) {
    Run run = cluster_with_topic("t");
    Producer* p = producer(run, "p", {{"enable.idempotence", idempotent ? "true" : "false"},
                                      {"request.timeout.ms", "2000"}});
    p->produce_every(20 * kMillisecond, ProduceSpec{.topic = "t", .partition = 0});
    run.cluster->run_until(3 * kSecond);
    REQUIRE(cut_responses(run, "p").is_ok());
    run.cluster->run_until(8 * kSecond);
    REQUIRE(run.cluster->apply({.kind = CommandKind::NetworkHeal}).is_ok());
    run.cluster->run_until(15 * kSecond);
    p->stop();
    run.cluster->run_until(20 * kSecond);
    AnomalyReport r = check_anomalies(*run.history, "t", "");
    CAPTURE(idempotent);
    CHECK(p->metrics().retries > 0);
    CHECK(r.count("lost-write") == 0);
    if (idempotent) {
      CHECK(r.count("duplicate") == 0);
      CHECK(r.count("reordering") == 0);
      CHECK(judge(r, Semantics::ExactlyOnce, {}).ok);
    } else {
      CHECK(r.count("duplicate") > 0);
      DeliveryVerdict v = judge(r, Semantics::ExactlyOnce, {});
      CHECK_FALSE(v.ok);
      CHECK(std::find(v.failing.begin(), v.failing.end(), "duplicate") != v.failing.end());
      CHECK(judge(r, Semantics::AtLeastOnce, {"reordering", "nonmonotonic-send"}).ok);
    }
  }
}

TEST_CASE("anomalies: the new owner's re-reads after a crash are excused, and duplicates") {
  Run run = cluster_with_topic("t");
  // Keyed records reach both partitions (null keys would stick to one, KIP-794).
  producer(run, "p", {})->produce_every(10 * kMillisecond,
                                        ProduceSpec{.topic = "t", .key = "k", .key_count = 10});
  Consumer* a = consumer(run, "a", "t");
  consumer(run, "b", "t");
  run.cluster->run_until(12 * kSecond);
  REQUIRE(run.cluster->apply({.kind = CommandKind::ConsumerCrash, .target = "a"}).is_ok());
  REQUIRE(a->consumed().size() > 0);
  run.cluster->run_until(90 * kSecond);
  AnomalyReport r = check_anomalies(*run.history, "t", "g");
  CHECK(r.count("nonmonotonic-poll") == 0);
  CHECK(r.count("poll-skip") == 0);
  CHECK(r.count("unseen") == 0);
  CHECK(r.count("duplicate") > 0);  // auto-commit every 5 s: the survivor re-reads
  CHECK(r.stats.rebalances > 0);
  CHECK(judge(r, Semantics::AtLeastOnce, {}).ok);
  CHECK_FALSE(judge(r, Semantics::ExactlyOnce, {}).ok);
  CHECK(format_anomaly_report(r, nullptr, std::nullopt).find("duplicate") != std::string::npos);
  CHECK_FALSE(run.history->commits().empty());
  CHECK_FALSE(run.history->assignments().empty());
}

TEST_CASE("anomalies: the semantics table") {
  AnomalyReport r;
  for (std::string_view name : kAnomalyNames) r.counts[std::string(name)] = 0;
  r.counts["lost-write"] = 2;
  DeliveryVerdict amo = judge(r, Semantics::AtMostOnce, {});
  CHECK(amo.ok);
  REQUIRE(amo.allowed.size() == 1);
  CHECK(amo.allowed[0].second == "at-most-once allows loss");
  CHECK_FALSE(judge(r, Semantics::AtLeastOnce, {}).ok);
  CHECK(judge(r, Semantics::AtLeastOnce, {"lost-write"}).ok);
  r.counts["lost-write"] = 0;
  r.counts["reordering"] = 1;
  for (Semantics s : {Semantics::AtMostOnce, Semantics::AtLeastOnce, Semantics::ExactlyOnce})
    CHECK_FALSE(judge(r, s, {}).ok);
  Semantics parsed;
  CHECK(parse_semantics("exactly-once", parsed));
  CHECK(parsed == Semantics::ExactlyOnce);
  CHECK_FALSE(parse_semantics("twice", parsed));
}
