#pragma once
// C++ fixture runs (no Lua): the "tweets" takeover cluster built directly, for the GUI's tests
// and for `ksim-gui --fixture tweets` when no scenario runner is built.
#include <memory>
#include <string>

#include "gui/model/session.h"

namespace ksim::gui {

struct FixtureOptions {
  uint64_t seed = 7;
  int32_t brokers = 3;
  int32_t consumers = 3;             // members of group1
  bool console_consumer = true;
  Duration produce_every = 20 * kMillisecond;
  Time end = 10 * kMinute;           // the run finishes here
};

// 3 brokers, topic tweets (1 partition, RF 3), producer "feed" (acks=all, every 20 ms),
// consumers c1..cN in group1, and a console consumer: the storyboard of teaching-features §5.6.
Result<std::unique_ptr<Cluster>> build_tweets_cluster(const FixtureOptions& options);

class FixtureSource final : public RunSource {
 public:
  FixtureSource(std::unique_ptr<Cluster> cluster, FixtureOptions options, std::string name);
  Cluster& cluster() override { return *cluster_; }
  bool step() override;
  void run_until(Time t) override;
  bool finished() const override { return cluster_->now() >= options_.end; }
  ScenarioCard card() const override;
  uint64_t seed() override { return cluster_->seed(); }

 private:
  std::unique_ptr<Cluster> cluster_;
  FixtureOptions options_;
  std::string name_;
};

SourceFactory tweets_fixture_factory(FixtureOptions options);

}  // namespace ksim::gui
