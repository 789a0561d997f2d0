// ScenarioSource: ScenarioRun behind the RunSource interface.
#include "gui/app/scenario_source.h"

#include <fstream>
#include <sstream>

#include "ksim/script/scenario.h"

namespace ksim::gui {
namespace {

NarrationItem to_item(const script::Narration& n) {
  NarrationItem item{.t = n.t, .text = n.text, .pause = n.pause, .chapter = n.chapter,
                     .focus = n.focus, .views = n.views};
  switch (n.kind) {
    case script::Narration::Kind::Chapter: item.kind = NarrationItem::Kind::Chapter; break;
    case script::Narration::Kind::Step: item.kind = NarrationItem::Kind::Step; break;
    case script::Narration::Kind::Note: item.kind = NarrationItem::Kind::Note; break;
  }
  return item;
}

CueItem to_item(const script::Cue& c) {
  return {.t = c.t, .kind = static_cast<CueItem::Kind>(c.kind), .name = c.name,
          .speed = c.speed, .id = c.id, .where = c.where,
          .quiz = {.question = c.quiz.question, .choices = c.quiz.choices,
                   .answer = c.quiz.answer, .explain = c.quiz.explain}};
}
static_assert(static_cast<int>(script::Cue::Kind::Ask) == static_cast<int>(CueItem::Kind::Ask));

class ScenarioSource final : public RunSource {
 public:
  explicit ScenarioSource(std::string text) : text_(std::move(text)) {}

  Status start(const ScenarioSourceOptions& o) {
    // The GUI calls break_when / fast_forward_until predicates (presentation only: the trace
    // is the same; tests/gui/presentation_determinism_test.cpp).
    script::ScenarioOptions options{.path = o.path, .seed = o.seed, .params = o.params,
                                    .presentation_predicates = true};
    auto started = script::ScenarioRun::start(
        options, [this](const script::Narration& n) { narration_.push_back(to_item(n)); },
        [this](const script::BreakHit& b) {
          breaks_.push_back({.t = b.t, .type = b.type, .event = b.event, .where = b.where});
        },
        [this](const script::Cue& c) { cues_.push_back(to_item(c)); });
    if (auto* error = std::get_if<script::ScriptError>(&started))
      return Status(ErrorCode::INVALID_CONFIG, error->headline());
    run_ = std::move(std::get<std::unique_ptr<script::ScenarioRun>>(started));
    return Status::ok();
  }

  Cluster& cluster() override { return run_->cluster(); }
  bool step() override { return run_->step(); }
  void run_until(Time t) override { run_->run_until(t); }
  bool finished() const override { return run_->finished(); }
  uint64_t seed() override { return run_->seed(); }
  std::string source_text() const override { return text_; }
  std::string error() const override {
    return run_->error() ? run_->error()->headline() : std::string();
  }
  std::vector<ExpectationItem> expectations() const override {
    std::vector<ExpectationItem> out;
    for (const script::Expectation& e : run_->expectations())
      out.push_back({e.t, e.file, e.line, e.description, e.passed});
    return out;
  }
  std::vector<ParamItem> params() const override {
    std::vector<ParamItem> out;
    for (const script::ParamInfo& p : run_->params())
      out.push_back({.name = p.name, .type = static_cast<ParamItem::Type>(p.type),
                     .default_text = p.default_text, .value_text = p.value_text,
                     .overridden = p.overridden, .min = p.min, .max = p.max, .doc = p.doc});
    return out;
  }
  ScenarioCard card() const override {
    const script::ScenarioInfo& i = run_->info();
    return {run_->path(), i.title, i.summary, i.learn, i.watch_for};
  }

 private:
  std::string text_;
  std::unique_ptr<script::ScenarioRun> run_;
};

}  // namespace

SourceFactory scenario_factory(ScenarioSourceOptions options) {
  return [options]() -> Result<std::unique_ptr<RunSource>> {
    std::ifstream in(options.path);
    if (!in) return Status(ErrorCode::INVALID_CONFIG, "cannot read " + options.path);
    std::stringstream text;
    text << in.rdbuf();
    auto source = std::make_unique<ScenarioSource>(text.str());
    Status s = source->start(options);
    if (!s.is_ok()) return s;
    return std::unique_ptr<RunSource>(std::move(source));
  };
}

}  // namespace ksim::gui
