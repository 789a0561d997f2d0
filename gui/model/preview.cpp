// Story preview: the session's scenario and commands run headless to the end, in slices.
#include "gui/model/preview.h"

#include <algorithm>

namespace ksim::gui {

void StoryPreview::start(const Session& session) {
  *this = StoryPreview();
  version_ = session.story_version();
  run_ = std::make_unique<Session>(session.factory(), /*store_events=*/false);
  Status s = run_->restart_with_schedule(session.schedule());
  if (!s.is_ok()) {
    error_ = s.to_string();
    return finish(State::Failed);
  }
  state_ = State::Running;
}

void StoryPreview::advance(uint64_t max_events) {
  if (state_ != State::Running) return;
  uint64_t budget = std::min(max_events, kMaxEvents - std::min(kMaxEvents, run_->events_run()));
  run_->advance_to(kTimeNever, budget);
  events_ = run_->events_run();
  if (run_->finished()) return finish(State::Done);
  if (events_ >= kMaxEvents) return finish(State::TooLong);
}

void StoryPreview::finish(State state) {
  state_ = state;
  if (run_ && run_->ok()) {
    narration_ = run_->source().narration();
    cues_ = run_->source().cues();
    breaks_ = run_->source().breaks();
    end_ = run_->now();
    events_ = run_->events_run();
  }
  run_.reset();  // its cluster and Lua state are no longer needed
}

StoryLists story_of(const Session& session) {
  const StoryPreview& p = session.preview();
  if (p.ready_for(session))
    return {&p.narration(), &p.cues(), &p.breaks(), true, std::max(p.end(), session.now())};
  const RunSource& s = session.source();
  return {&s.narration(), &s.cues(), &s.breaks(), false, session.now()};
}

}  // namespace ksim::gui
