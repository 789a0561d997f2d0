#pragma once
// One frame of simulation: consumes the transport requests, then runs the kernel by
// speed × frame time in virtual time, within an event budget. Frame time chooses how much to
// run, never what happens (tests/gui/determinism_test.cpp checks the hash is unchanged).
#include <cstdint>

#include "gui/app/ui_state.h"
#include "gui/model/session.h"

namespace ksim::gui {

struct FrameLoopLimits {
  uint64_t events_per_frame = 200'000;   // keeps a frame interactive at any speed
  Duration narration_chunk = 100 * kMillisecond;  // ToNextStep/ToEnd advance in such slices
  uint64_t preview_events_per_frame = 20'000;     // the story preview's slice (preview.h)
};

struct FrameReport {
  uint64_t events = 0;
  bool paused_by_narration = false;
  bool paused_by_break = false;     // a break_on matched (ui.break_cause says which)
  bool paused_by_cue = false;       // pause() or ask{} in the scenario
  bool budget_hit = false;
};

FrameReport run_frame(Session& session, UiState& ui, double wall_seconds,
                      const FrameLoopLimits& limits);

// The fastest speed (log10): fast_forward_until plays at it.
constexpr double kMaxSpeedLog10 = 3.0;

// After the session jumped (seek, rewind, --at): stop playing, forget the pause and quiz
// cues behind the playhead, and play fast again when inside a fast_forward_until span.
void after_jump(Session& session, UiState& ui);

// The narration step to return to on PageUp: the step before the one at or before now.
Time previous_step_time(const std::vector<NarrationItem>& narration, Time now);

}  // namespace ksim::gui
