// Fixture runs: the tweets takeover cluster built in C++.
#include "gui/model/fixture.h"

namespace ksim::gui {

Result<std::unique_ptr<Cluster>> build_tweets_cluster(const FixtureOptions& o) {
  auto created = Cluster::create(ClusterSpec{.seed = o.seed, .brokers = o.brokers});
  if (!created) return created.status();
  std::unique_ptr<Cluster> c = std::move(created).value();
  int32_t rf = std::min<int32_t>(3, o.brokers);
  auto topic = c->create_topic({.name = "tweets", .partitions = 1, .replication_factor = rf});
  if (!topic) return topic.status();
  auto producer = c->add_producer("feed", {{"acks", "all"}});
  if (!producer) return producer.status();
  (*producer)->produce_every(o.produce_every, ProduceSpec{.topic = "tweets"});
  for (int32_t i = 1; i <= o.consumers; i++) {
    auto consumer = c->add_consumer("c" + std::to_string(i), {{"group.id", "group1"}},
                                    ConsumerOptions{.topics = {"tweets"}});
    if (!consumer) return consumer.status();
  }
  if (o.console_consumer) {
    auto console = c->add_console_consumer("console", "tweets", /*from_beginning=*/true);
    if (!console) return console.status();
  }
  return c;
}

FixtureSource::FixtureSource(std::unique_ptr<Cluster> cluster, FixtureOptions options,
                             std::string name)
    : cluster_(std::move(cluster)), options_(options), name_(std::move(name)) {}

bool FixtureSource::step() {
  if (finished()) return false;
  if (cluster_->kernel().scheduler.next_event_time() > options_.end) {
    cluster_->run_until(options_.end);
    return false;
  }
  return cluster_->step();
}

void FixtureSource::run_until(Time t) {
  cluster_->run_until(std::min(t, options_.end));
}

ScenarioCard FixtureSource::card() const {
  return ScenarioCard{
      .path = "fixture:" + name_,
      .title = "tweets: partition takeover after session timeout (C++ fixture)",
      .summary = "Three consumers of group1 share one partition; crash the owner and watch the "
                 "coordinator wait for session.timeout.ms before handing the partition over.",
      .learn = {"Only one member of a group reads a partition",
                "A crashed consumer is noticed only after session.timeout.ms",
                "The new owner resumes from the last committed offset (re-delivery)"},
      .watch_for = {"group1 LAG growing while the console consumer keeps up"}};
}

SourceFactory tweets_fixture_factory(FixtureOptions options) {
  return [options]() -> Result<std::unique_ptr<RunSource>> {
    auto c = build_tweets_cluster(options);
    if (!c) return c.status();
    return std::unique_ptr<RunSource>(
        std::make_unique<FixtureSource>(std::move(c).value(), options, "tweets"));
  };
}

}  // namespace ksim::gui
