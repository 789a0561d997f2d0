// The consumer's processing and commits on a real cluster: a crash mid-batch leaves the records
// before the crash instant processed and the rest not; commitSync retries through a coordinator
// failover and succeeds after rediscovering it (ConsumerCoordinator.commitOffsetsSync); a
// commit-before-processing that times out (default.api.timeout.ms) drops its batch.
// Kafka: ConsumerCoordinatorTest.testCommitOffsetSyncCoordinatorDisconnected and
// testCommitOffsetSyncNotCoordinator tell the same story with a mock client.
#include <doctest/doctest.h>

#include "ksim/cluster/cluster.h"

using namespace ksim;

namespace {

struct Seen {
  Time t = 0;
  std::string type, consumer, detail;
};

struct Run {
  std::unique_ptr<Cluster> cluster;
  std::vector<Seen> events;  // the consumer.* trace events, in order
};

Run start(uint64_t seed) {
  auto c = Cluster::create({.seed = seed, .brokers = 3});
  REQUIRE(c.is_ok());
  Run run{.cluster = std::move(c).value()};
  REQUIRE(run.cluster->create_topic({.name = "t", .partitions = 1, .replication_factor = 3})
              .is_ok());
  auto p = run.cluster->add_producer("p", {{"acks", "all"}});
  REQUIRE(p.is_ok());
  p.value()->produce_every(20 * kMillisecond, ProduceSpec{.topic = "t"});
  run.cluster->kernel().trace.add_listener(
      [events = &run.events](Time t, const TraceEvent& e) {
        if (e.type.rfind("consumer.", 0) != 0) return;
        std::string detail = e.string_field("kafka_log") + e.string_field("reason") +
                             e.string_field("request");
        events->push_back({t, e.type, e.string_field("consumer"), detail});
      },
      /*wants_messages=*/false);
  return run;
}

Consumer* consumer(Run& run, CommitStrategy commit, const ConfigMap& extra = {}) {
  ConfigMap config{{"group.id", "g"}, {"auto.offset.reset", "earliest"},
                   {"max.poll.records", "10"}, {"request.timeout.ms", "3000"}};
  for (const auto& [k, v] : extra) config[k] = v;
  auto c = run.cluster->add_consumer(
      "c1", config,
      ConsumerOptions{.topics = {"t"}, .processing_per_record = 10 * kMillisecond,
                      .commit = commit});
  REQUIRE(c.is_ok());
  return c.value();
}

// Steps the kernel until the consumer traces `type`; returns its time.
Time step_until(Run& run, const std::string& type) {
  size_t from = run.events.size();
  for (int i = 0; i < 10'000'000; i++) {
    REQUIRE(run.cluster->step());
    for (size_t j = from; j < run.events.size(); j++)
      if (run.events[j].type == type) return run.events[j].t;
    from = run.events.size();
  }
  FAIL("no " << type);
  return 0;
}

const Seen* first_after(const Run& run, Time t, const std::string& type) {
  for (const Seen& s : run.events)
    if (s.t >= t && s.type == type) return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("consumer: a crash 35 ms into a batch at 10 ms per record leaves 3 records processed") {
  Run run = start(11);
  Consumer* c = consumer(run, CommitStrategy::Auto);
  run.cluster->run_until(10 * kSecond);
  run.cluster->apply({.kind = CommandKind::ProducerStop, .target = "p"});
  run.cluster->run_until(11 * kSecond);
  run.cluster->apply({.kind = CommandKind::ProducerStart, .target = "p",
                      .duration = 1 * kMillisecond, .topic = "t"});
  run.cluster->run_until(11 * kSecond + 50 * kMillisecond);  // a backlog: full polls of 10
  Time polled = 0;
  size_t batch_begin = 0;
  do {  // a poll of at least five records
    polled = step_until(run, "consumer.poll");
    batch_begin = c->consumed().size();
    while (batch_begin > 0 && c->consumed()[batch_begin - 1].polled_at == polled) batch_begin--;
  } while (c->consumed().size() - batch_begin < 5);
  const int64_t batch = static_cast<int64_t>(c->consumed().size() - batch_begin);
  run.cluster->run_until(polled + 35 * kMillisecond);
  CHECK(c->in_processing() == batch - 3);
  REQUIRE(run.cluster->apply({.kind = CommandKind::ConsumerCrash, .target = "c1"}).is_ok());
  for (size_t i = batch_begin; i < c->consumed().size(); i++) {
    const ConsumedRecord& r = c->consumed()[i];
    CAPTURE(i - batch_begin);
    if (i - batch_begin < 3) CHECK(r.processed_at == polled + (i - batch_begin + 1) * 10'000);
    else CHECK(r.processed_at == -1);
  }
  const Seen* partial = first_after(run, polled + 1, "consumer.processed");
  REQUIRE(partial != nullptr);
  CHECK(partial->detail == "the consumer crashed");
  const Seen* rest = first_after(run, polled + 1, "consumer.unprocessed");
  REQUIRE(rest != nullptr);
  CHECK(rest->detail == "the consumer crashed");
}

namespace {

// A consumer committing after processing; its coordinator's broker crashes at the instant its
// commitSync sends the OffsetCommit (processing ends and the commit goes out together). With
// `host_down` the whole host goes down and nothing resets the connection; otherwise the process
// dies and its host resets it. Runs 60 s on.
struct CommitCrash {
  Run run;
  BrokerId old_coordinator = kNoBroker;
  Time sent = 0;
};

CommitCrash crash_coordinator_at_commit(bool host_down) {
  CommitCrash c{.run = start(11)};
  consumer(c.run, CommitStrategy::SyncAfterProcessing);
  c.run.cluster->run_until(10 * kSecond);
  std::optional<GroupView> g = c.run.cluster->group("g");
  REQUIRE(g.has_value());
  c.old_coordinator = g->coordinator;
  c.sent = step_until(c.run, "consumer.processed");
  REQUIRE(c.run.cluster->apply({.kind = CommandKind::BrokerCrash,
                                .target = "broker-" + std::to_string(c.old_coordinator),
                                .host_down = host_down})
              .is_ok());
  c.run.cluster->run_until(c.sent + 60 * kSecond);
  return c;
}

}  // namespace

TEST_CASE("consumer: commitSync in flight when the coordinator's host goes down succeeds on the "
          "next one") {
  CommitCrash c = crash_coordinator_at_commit(/*host_down=*/true);
  Run& run = c.run;
  const BrokerId old_coordinator = c.old_coordinator;
  const Time sent = c.sent;
  // request.timeout.ms: the OffsetCommit is given up, the coordinator marked unknown...
  const Seen* timeout = first_after(run, sent, "consumer.request_timeout");
  REQUIRE(timeout != nullptr);
  CHECK(timeout->detail.find("due to request timeout.OffsetCommit") != std::string::npos);
  CHECK(timeout->t == sent + 3 * kSecond);
  const Seen* lost = first_after(run, sent, "consumer.coordinator_lost");
  REQUIRE(lost != nullptr);
  // ...the commit is retried (the same offsets) until a new coordinator is found and answers.
  const Seen* retry = first_after(run, timeout->t, "consumer.commit_retry");
  REQUIRE(retry != nullptr);
  const Seen* committed = first_after(run, timeout->t, "consumer.commit");
  REQUIRE(committed != nullptr);
  const Seen* found = nullptr;
  for (const Seen& s : run.events)
    if (s.t >= lost->t && s.t <= committed->t && s.type == "consumer.coordinator") found = &s;
  REQUIRE(found != nullptr);
  CHECK(found->detail.find("broker-" + std::to_string(old_coordinator) + ":") ==
        std::string::npos);
  CHECK(first_after(run, sent, "consumer.commit_timeout") == nullptr);
  CHECK(first_after(run, sent, "consumer.commit_failed") == nullptr);
  // No poll happened between the crash and the commit: the application waited in commitSync.
  const Seen* poll = first_after(run, sent, "consumer.poll");
  REQUIRE(poll != nullptr);
  CHECK(poll->t >= committed->t);
  std::optional<GroupView> g = run.cluster->group("g");
  REQUIRE(g.has_value());
  CHECK(g->coordinator != old_coordinator);
  CHECK(g->state == "Stable");
}

TEST_CASE("consumer: commitSync in flight when the coordinator's process crashes is retried "
          "within milliseconds (the host resets the connection) and succeeds on the next one") {
  CommitCrash c = crash_coordinator_at_commit(/*host_down=*/false);
  Run& run = c.run;
  const BrokerId old_coordinator = c.old_coordinator;
  const Time sent = c.sent;
  // Nothing waits for request.timeout.ms (3 s) to learn of the crash.
  const Seen* timeout = first_after(run, sent, "consumer.request_timeout");
  CHECK((timeout == nullptr || timeout->t > sent + 3 * kSecond));
  const Seen* lost = first_after(run, sent, "consumer.coordinator_lost");
  REQUIRE(lost != nullptr);
  CHECK(lost->t < sent + 10 * kMillisecond);
  const Seen* committed = first_after(run, sent, "consumer.commit");
  REQUIRE(committed != nullptr);
  CHECK(first_after(run, sent, "consumer.commit_failed") == nullptr);
  std::optional<GroupView> g = run.cluster->group("g");
  REQUIRE(g.has_value());
  CHECK(g->coordinator != old_coordinator);
  CHECK(g->state == "Stable");
}

TEST_CASE("consumer: commit-before-processing that times out drops its batch unprocessed") {
  Run run = start(11);
  Consumer* c = consumer(run, CommitStrategy::SyncBeforeProcessing,
                         {{"default.api.timeout.ms", "2000"}, {"request.timeout.ms", "1000"}});
  run.cluster->run_until(10 * kSecond);
  std::optional<GroupView> g = run.cluster->group("g");
  REQUIRE(g.has_value());
  const Broker* leader = run.cluster->leader_broker({"t", 0});
  REQUIRE(leader != nullptr);
  // The fetches keep flowing from the partition leader; only the coordinator is cut off.
  REQUIRE(leader->broker_id() != g->coordinator);
  REQUIRE(run.cluster->apply({.kind = CommandKind::NetworkCut, .side_a = {"c1"},
                              .side_b = {"broker-" + std::to_string(g->coordinator)}})
              .is_ok());
  const Time cut = run.cluster->now();
  Time timed_out = step_until(run, "consumer.commit_timeout");
  const Seen* dropped = first_after(run, timed_out, "consumer.unprocessed");
  REQUIRE(dropped != nullptr);
  CHECK(dropped->t == timed_out);
  CHECK(dropped->detail == "commitSync failed before processing: TimeoutException");
  const Seen* how = first_after(run, timed_out, "consumer.commit_timeout");
  REQUIRE(how != nullptr);
  CHECK(how->detail.find("TimeoutException: Timeout of 2000ms expired before successfully "
                         "committing offsets {t-0=OffsetAndMetadata{offset=") == 0);
  // The dropped batch was polled after the cut and never processed.
  int64_t unprocessed = 0;
  for (const ConsumedRecord& r : c->consumed())
    if (r.polled_at >= cut && r.polled_at < timed_out && r.processed_at < 0) unprocessed++;
  CHECK(unprocessed > 0);
}
