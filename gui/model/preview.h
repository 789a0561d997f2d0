#pragma once
// The story ahead: a second, headless run of the session's scenario with the same commands, to
// its end, so the GUI knows what is coming before the playhead gets there — the header's totals
// ("Chapter 2/4 · Step 3/7"), the chapter menu (chapters, steps and checkpoints ahead), the
// timeline's flags ahead, and `--at checkpoint:NAME`. The same kernel and the same file:
// determinism makes the session's narration a prefix of the preview's. Presentation only: the
// session's run never sees it.
//
// A preview is tied to Session::story_version(): a command, an undone fork or new parameters
// make it stale, and Session::update_preview restarts it, a slice of events per frame. Until
// it is Done for the current version, the GUI shows its older guesses with a "+". A story
// longer than kMaxEvents is not previewed (TooLong): the GUI falls back to "+".
#include <memory>
#include <string>
#include <vector>

#include "gui/model/session.h"

namespace ksim::gui {

class StoryPreview {
 public:
  enum class State { Idle, Running, Done, TooLong, Failed };
  // Bigger stories are not previewed. For scale: tweets.lua runs 25 089 events (0.02 s on the
  // 2-core CI machine), the longest shipped scenario 902 962 (06c_linger_and_batch_size, 1 s).
  static constexpr uint64_t kMaxEvents = 2'000'000;
  // What ksim-gui runs before its first frame; the rest runs in frame slices.
  static constexpr uint64_t kLoadEvents = 1'000'000;

  // Starts afresh for the session's current story (factory, parameters and commands).
  void start(const Session& session);
  // Runs at most `max_events` more events; a no-op unless Running.
  void advance(uint64_t max_events);

  bool started() const { return state_ != State::Idle; }
  State state() const { return state_; }
  uint64_t version() const { return version_; }
  // Done, and for the session's current story: its lists are the whole story.
  bool ready_for(const Session& session) const {
    return state_ == State::Done && version_ == session.story_version();
  }
  const std::vector<NarrationItem>& narration() const { return narration_; }
  const std::vector<CueItem>& cues() const { return cues_; }
  const std::vector<BreakItem>& breaks() const { return breaks_; }
  Time end() const { return end_; }            // where the run ended (or stopped)
  uint64_t events() const { return events_; }  // events run so far
  const std::string& error() const { return error_; }  // Failed: why it could not start

 private:
  void finish(State state);

  State state_ = State::Idle;
  uint64_t version_ = 0;
  std::unique_ptr<Session> run_;
  std::vector<NarrationItem> narration_;
  std::vector<CueItem> cues_;
  std::vector<BreakItem> breaks_;
  Time end_ = 0;
  uint64_t events_ = 0;
  std::string error_;
};

// The story as far as it is known: the preview's lists when it is ready for the session's
// story (complete = true), else what the session's run has emitted so far.
struct StoryLists {
  const std::vector<NarrationItem>* narration = nullptr;
  const std::vector<CueItem>* cues = nullptr;
  const std::vector<BreakItem>* breaks = nullptr;
  bool complete = false;
  Time end = 0;                    // complete: where the story ends
};
StoryLists story_of(const Session& session);

}  // namespace ksim::gui
