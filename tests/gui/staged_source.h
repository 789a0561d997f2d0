#pragma once
// A RunSource for the frame tests: the tweets fixture (no Lua) plus narration, break_on hits,
// presentation cues and params staged at given virtual times, as a scenario would emit them.
// The parameter factory records the values each restart used.
#include <memory>
#include <vector>

#include "gui/model/fixture.h"

namespace ksim::gui::testing {

struct Stage {
  std::vector<NarrationItem> narration;  // emitted once now() >= t
  std::vector<BreakItem> breaks;         // emitted once now() >= t
  std::vector<ParamItem> params;
  std::vector<CueItem> cues;             // emitted once now() >= t
};

class StagedSource final : public RunSource {
 public:
  StagedSource(std::unique_ptr<RunSource> inner, Stage stage)
      : inner_(std::move(inner)), stage_(std::move(stage)) { emit(); }
  Cluster& cluster() override { return inner_->cluster(); }
  bool step() override { bool more = inner_->step(); emit(); return more; }
  void run_until(Time t) override { inner_->run_until(t); emit(); }
  bool finished() const override { return inner_->finished(); }
  ScenarioCard card() const override { return inner_->card(); }
  uint64_t seed() override { return inner_->seed(); }
  std::vector<ParamItem> params() const override { return stage_.params; }

 private:
  void emit() {
    Time now = inner_->cluster().now();
    while (next_n_ < stage_.narration.size() && stage_.narration[next_n_].t <= now)
      narration_.push_back(stage_.narration[next_n_++]);
    while (next_b_ < stage_.breaks.size() && stage_.breaks[next_b_].t <= now)
      breaks_.push_back(stage_.breaks[next_b_++]);
    while (next_c_ < stage_.cues.size() && stage_.cues[next_c_].t <= now)
      cues_.push_back(stage_.cues[next_c_++]);
  }
  std::unique_ptr<RunSource> inner_;
  Stage stage_;
  size_t next_n_ = 0, next_b_ = 0, next_c_ = 0;
};

inline SourceFactory staged_factory(Stage stage) {
  return [stage]() -> Result<std::unique_ptr<RunSource>> {
    auto inner = tweets_fixture_factory({})();
    if (!inner) return inner.status();
    return std::unique_ptr<RunSource>(
        std::make_unique<StagedSource>(std::move(inner).value(), stage));
  };
}

}  // namespace ksim::gui::testing
