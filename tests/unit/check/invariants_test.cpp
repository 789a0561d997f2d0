// Replication invariants: each check is shown catching a constructed violation, and a real
// cluster under faults is shown passing them. The rules follow Kafka's PartitionTest /
// UnifiedLogTest expectations (HW monotonic and <= LEO; KIP-101 agreement below the HW).
#include <doctest/doctest.h>

#include "ksim/check/invariants.h"

using namespace ksim;

namespace {

LogConfig default_log_config() { return LogConfig::from({}).value(); }

RecordBatch batch(Offset base, int32_t count, LeaderEpoch epoch, const std::string& value) {
  RecordBatch b;
  b.base_offset = base;
  b.record_count = count;
  b.last_offset_delta = count - 1;
  b.partition_leader_epoch = epoch;
  for (int32_t i = 0; i < count; i++)
    b.records.push_back({.offset_delta = i, .value = value + std::to_string(i)});
  b.size_bytes = kRecordBatchOverhead + 10 * count;
  return b;
}

PartitionLog log_of(const std::vector<RecordBatch>& batches) {
  PartitionLog log({"t", 0}, default_log_config(), 0);
  for (const RecordBatch& b : batches) REQUIRE(log.append_as_follower(b, 0).is_ok());
  return log;
}

std::unique_ptr<Cluster> small_cluster(const std::string& min_isr) {
  auto c = Cluster::create({.seed = 3, .brokers = 3});
  REQUIRE(c.is_ok());
  auto cluster = std::move(c).value();
  REQUIRE(cluster->create_topic({.name = "t", .partitions = 1, .replication_factor = 3,
                                 .configs = {{"min.insync.replicas", min_isr}},
                                 .assignment = {{0, 1, 2}}}).is_ok());
  auto p = cluster->add_producer("p", {{"acks", "all"}});
  REQUIRE(p.is_ok());
  p.value()->produce_every(10 * kMillisecond, ProduceSpec{.topic = "t"});
  return cluster;
}

TraceEvent hw_event(BrokerId broker, Offset hw) {
  TraceEvent e{.type = "partition.hw"};
  e.add("broker", int64_t{broker}).add("topic", "t").add("partition", int64_t{0});
  e.add("high_watermark", hw);
  return e;
}

}  // namespace

TEST_CASE("invariants: logs that agree below the HW pass; a rewritten batch is found") {
  PartitionLog leader = log_of({batch(0, 3, 0, "a"), batch(3, 2, 0, "b"), batch(5, 1, 1, "c")});
  PartitionLog same = log_of({batch(0, 3, 0, "a"), batch(3, 2, 0, "b")});
  CHECK_FALSE(first_disagreement(leader, same, 0, 5).has_value());
  PartitionLog diverged = log_of({batch(0, 3, 0, "a"), batch(3, 2, 1, "x")});
  CHECK(first_disagreement(leader, diverged, 0, 5) == 3);
  CHECK_FALSE(first_disagreement(leader, diverged, 0, 3).has_value());  // below the HW only
}

TEST_CASE("invariants: a committed batch missing from a new leader's log is reported") {
  PartitionLog old_leader = log_of({batch(0, 3, 0, "a"), batch(3, 2, 0, "b")});
  CommittedLog committed;
  old_leader.for_each_batch([&](const RecordBatch& b) {
    committed[b.base_offset] = {.last_offset = b.last_offset(), .epoch = b.partition_leader_epoch,
                                .fingerprint = batch_fingerprint(b)};
  });
  CHECK_FALSE(first_lost_committed(committed, old_leader).has_value());
  PartitionLog short_log = log_of({batch(0, 3, 0, "a")});  // an out-of-sync replica
  CHECK(first_lost_committed(committed, short_log) == 3);
  PartitionLog overwritten = log_of({batch(0, 3, 0, "a"), batch(3, 2, 1, "new")});
  CHECK(first_lost_committed(committed, overwritten) == 3);
}

TEST_CASE("invariants: a HW moving back without a truncation stops the run") {
  auto cluster = small_cluster("2");
  std::optional<InvariantViolation> seen;
  InvariantChecker checker(*cluster, [&](const InvariantViolation& v) { seen = v; });
  cluster->run_until(3 * kSecond);
  REQUIRE_FALSE(seen.has_value());
  const Partition* leader = cluster->leader_partition({"t", 0});
  REQUIRE(leader != nullptr);
  REQUIRE(leader->log().high_watermark() > 2);
  checker.on_event(cluster->now(), hw_event(leader->leader(), 1));  // forged: HW 1
  REQUIRE(seen.has_value());
  CHECK(seen->invariant == "hw-monotonic");
  CHECK(seen->tp == TopicPartition{"t", 0});
  CHECK(seen->to_string().find("seed 3") != std::string::npos);
}

TEST_CASE("invariants: a compacted topic is skipped, by topic override or broker default") {
  for (bool broker_default : {false, true}) {
    CAPTURE(broker_default);
    ClusterSpec spec{.seed = 3, .brokers = 3};
    ConfigMap topic_configs;
    if (broker_default) spec.broker_config = {{"log.cleanup.policy", "compact"}};
    else topic_configs = {{"cleanup.policy", "compact"}};
    auto cluster = std::move(Cluster::create(spec)).value();
    REQUIRE(cluster->create_topic({.name = "t", .partitions = 1, .replication_factor = 3,
                                   .configs = topic_configs, .assignment = {{0, 1, 2}}})
                .is_ok());
    InvariantChecker checker(*cluster, {});
    cluster->run_until(kSecond);
    checker.on_event(cluster->now(), hw_event(0, 5));
    checker.on_event(cluster->now(), hw_event(0, 1));  // back: not checked under compaction
    CHECK_FALSE(checker.first_violation().has_value());
    CHECK(checker.checks() == 0);
  }
}

TEST_CASE("invariants: a HW above the LEO is caught") {
  auto cluster = small_cluster("2");
  InvariantChecker checker(*cluster, {});
  cluster->run_until(2 * kSecond);
  const Partition* leader = cluster->leader_partition({"t", 0});
  REQUIRE(leader != nullptr);
  checker.on_event(cluster->now(), hw_event(leader->leader(), leader->log().log_end_offset() + 5));
  REQUIRE(checker.first_violation().has_value());
  CHECK(checker.first_violation()->invariant == "hw-le-leo");
}

TEST_CASE("invariants: two leaders in one leader epoch are caught") {
  auto cluster = small_cluster("2");
  InvariantChecker checker(*cluster, {});
  cluster->run_until(2 * kSecond);
  const Partition* leader = cluster->leader_partition({"t", 0});
  REQUIRE(leader != nullptr);
  TraceEvent e{.type = "replica.role"};
  e.add("broker", int64_t{(leader->leader() + 1) % 3}).add("topic", "t");
  e.add("partition", int64_t{0}).add("role", "leader");
  e.add("leader_epoch", int64_t{leader->leader_epoch()});
  checker.on_event(cluster->now(), e);
  REQUIRE(checker.first_violation().has_value());
  CHECK(checker.first_violation()->invariant == "one-leader-per-epoch");
}

TEST_CASE("invariants: leader crash, a lossy follower restart and a cut hold every invariant") {
  // acks=all, min.insync.replicas=2, unclean off: the durability invariant applies throughout.
  auto cluster = small_cluster("2");
  InvariantChecker checker(*cluster, {});
  cluster->run_until(3 * kSecond);
  BrokerId first = cluster->leader_partition({"t", 0})->leader();
  REQUIRE(cluster->apply({.kind = CommandKind::BrokerCrash,
                          .target = "broker-" + std::to_string(first)}).is_ok());
  cluster->run_until(20 * kSecond);
  const Partition* second = cluster->leader_partition({"t", 0});
  REQUIRE(second != nullptr);
  CHECK(second->leader() != first);
  REQUIRE(cluster->apply({.kind = CommandKind::BrokerRestart,
                          .target = "broker-" + std::to_string(first)}).is_ok());
  cluster->run_until(40 * kSecond);
  BrokerId follower = (second->leader() + 1) % 3;
  REQUIRE(cluster->apply({.kind = CommandKind::BrokerCrash,
                          .target = "broker-" + std::to_string(follower),
                          .lose_unflushed = true}).is_ok());
  cluster->run_until(41 * kSecond);  // back before broker.session.timeout.ms: KIP-903 matters
  REQUIRE(cluster->apply({.kind = CommandKind::BrokerRestart,
                          .target = "broker-" + std::to_string(follower)}).is_ok());
  cluster->run_until(80 * kSecond);
  CHECK(checker.checks() > 100);
  CHECK_FALSE(checker.first_violation().has_value());
  if (checker.first_violation()) MESSAGE(checker.first_violation()->to_string());
  const Partition* now_leader = cluster->leader_partition({"t", 0});
  REQUIRE(now_leader != nullptr);
  CHECK(now_leader->isr().size() == 3);  // everyone caught up and rejoined
}
