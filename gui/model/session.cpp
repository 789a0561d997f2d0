// Session: drives a RunSource, replays the GUI's commands, rewinds by re-simulation.
#include "gui/model/session.h"

#include "gui/model/preview.h"

namespace ksim::gui {
namespace {

constexpr uint64_t kUnbounded = UINT64_MAX;
// A bound on the search for an instant with no event (events at every µs do not happen in
// practice; the bound keeps a pathological run from hanging the GUI).
constexpr int kCleanInstantSearch = 1'000'000;

}  // namespace

Session::Session(SourceFactory factory, bool store_events)
    : factory_(std::move(factory)),
      store_events_(store_events),
      preview_(std::make_unique<StoryPreview>()) {}

Session::~Session() = default;

Status Session::restart() {
  events_.reset();
  source_.reset();
  auto fresh = factory_();
  if (!fresh) return fresh.status();
  source_ = std::move(fresh).value();
  if (store_events_) events_.attach(source_->cluster());
  next_command_ = 0;
  restarts_++;
  return Status::ok();
}

Status Session::restart_with(SourceFactory factory) {
  {  // a bad parameter must not leave the session without a run: try it first
    auto probe = factory();
    if (!probe) return probe.status();
  }
  factory_ = std::move(factory);
  story_version_++;
  return restart();
}

Status Session::restart_with_schedule(std::vector<ScheduledCommand> schedule) {
  schedule_ = std::move(schedule);
  before_fork_.reset();
  return restart();
}

const StoryPreview& Session::preview() const { return *preview_; }

void Session::update_preview(uint64_t max_events) {
  if (!preview_->started() || preview_->version() != story_version_) preview_->start(*this);
  preview_->advance(max_events);
}

Status Session::set_params(const std::map<std::string, std::string>& values) {
  if (!param_factory_) return Status(ErrorCode::INVALID_REQUEST, "this run has no parameters");
  std::map<std::string, std::string> merged = params_;
  for (const auto& [k, v] : values) merged[k] = v;
  Status s = restart_with(param_factory_(merged));
  if (s.is_ok()) params_ = std::move(merged);
  return s;
}

void Session::apply_due(Time up_to) {
  while (next_command_ < schedule_.size() && schedule_[next_command_].at <= up_to) {
    const ScheduledCommand& c = schedule_[next_command_];
    if (now() < c.at) source_->run_until(c.at);
    (void)cluster().apply(c.command);  // validated when first issued
    next_command_++;
  }
}

bool Session::advance_to(Time t, uint64_t max_events, const std::function<bool()>& stop) {
  uint64_t ran = 0;
  while (!source_->finished()) {
    Time next = next_event_time();
    if (next_command_ < schedule_.size()) {
      Time at = schedule_[next_command_].at;
      if (at <= t && at < next) {
        apply_due(at);
        continue;
      }
    }
    if (next > t) {
      if (now() < t) source_->run_until(t);
      return true;
    }
    if (ran >= max_events) return false;
    source_->step();
    ran++;
    if (stop && stop()) return false;
  }
  return true;
}

bool Session::step_event() {
  if (source_->finished()) return false;
  Time next = next_event_time();
  if (next_command_ < schedule_.size() && schedule_[next_command_].at < next)
    apply_due(schedule_[next_command_].at);
  return source_->step();
}

Status Session::seek(Time t) {
  if (t < now()) {
    Status s = restart();
    if (!s.is_ok()) return s;
  }
  advance_to(t, kUnbounded);
  return Status::ok();
}

Status Session::seek_events(uint64_t count) {
  if (count < events_run()) {
    Status s = restart();
    if (!s.is_ok()) return s;
  }
  while (events_run() < count && step_event()) {
  }
  return Status::ok();
}

Status Session::step_back() {
  if (events_run() == 0) return Status::ok();
  return seek_events(events_run() - 1);
}

Status Session::move_to_clean_instant() {
  for (int i = 0; i < kCleanInstantSearch; i++) {
    if (source_->finished())
      return Status(ErrorCode::INVALID_REQUEST, "the scenario has finished");
    if (next_event_time() > now() + 1) {
      source_->run_until(now() + 1);
      return Status::ok();
    }
    step_event();
  }
  return Status(ErrorCode::INVALID_REQUEST, "no instant free of events found");
}

Status Session::issue(const Command& command) {
  // Acting in the past forks: the commands scheduled after now are discarded (kept for undo).
  std::optional<std::vector<ScheduledCommand>> previous;
  if (would_fork()) previous = schedule_;
  schedule_.resize(next_command_);
  // A Lua `at(t, fn)` runs before any other event at t only if no other event has time t, so
  // commands are applied at an instant no kernel event uses: then a saved session replays them
  // exactly (see docs/gui.md, "Save session").
  Status s = move_to_clean_instant();
  if (!s.is_ok()) return s;
  s = cluster().apply(command);
  if (!s.is_ok()) {
    if (previous) restore_schedule(std::move(*previous));  // a refused command forks nothing
    return s;
  }
  schedule_.push_back({now(), command});
  next_command_ = schedule_.size();
  if (previous) before_fork_ = std::move(previous);
  story_version_++;
  return Status::ok();
}

Status Session::undo_fork() {
  if (!before_fork_) return Status::ok();
  std::vector<ScheduledCommand> previous = std::move(*before_fork_);
  before_fork_.reset();
  story_version_++;
  return restore_schedule(std::move(previous));
}

Status Session::restore_schedule(std::vector<ScheduledCommand> schedule) {
  // Re-simulate to the same time with that schedule (the current run may have passed commands
  // of it without applying them).
  Time t = now();
  schedule_ = std::move(schedule);
  Status s = restart();
  if (!s.is_ok()) return s;
  advance_to(t, kUnbounded);
  return Status::ok();
}

}  // namespace ksim::gui
