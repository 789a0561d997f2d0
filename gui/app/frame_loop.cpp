// Frame loop: transport requests, then play / run-to-next-step / run-to-end within a budget.
#include "gui/app/frame_loop.h"

#include <algorithm>
#include <cmath>

namespace ksim::gui {
namespace {

bool is_step(const NarrationItem& n) { return n.kind != NarrationItem::Kind::Note; }

void mark_seen(Session& s, UiState& ui) {
  const auto& n = s.source().narration();
  for (size_t i = ui.narration_seen; i < n.size() && ui.quiz; i++)
    if (is_step(n[i]) && n[i].t > ui.quiz->t) ui.quiz.reset();  // the story moved on
  ui.narration_seen = n.size();
  ui.breaks_seen = s.source().breaks().size();
}

// Cues that act on playback: pause(), speed(x), fast_forward_until(pred) and ask{}.
bool new_cue(const Session& s, const UiState& ui) {
  const auto& cues = s.source().cues();
  for (size_t i = ui.cues_seen; i < cues.size(); i++)
    if (cues[i].kind != CueItem::Kind::Checkpoint) return true;
  return false;
}

void end_fast_forward(UiState& ui) {
  if (!ui.ff_restore_log10) return;
  ui.speed_log10 = *ui.ff_restore_log10;
  ui.ff_restore_log10.reset();
}

// Acts on the cues the run emitted since the last look, in order. Pauses (pause(), ask{}) stop
// playback when `honour_pauses`; returns true when one did.
bool apply_cues(Session& s, UiState& ui, bool honour_pauses) {
  bool paused = false;
  const auto& cues = s.source().cues();
  for (; ui.cues_seen < cues.size(); ui.cues_seen++) {
    const CueItem& c = cues[ui.cues_seen];
    switch (c.kind) {
      case CueItem::Kind::Checkpoint: break;
      case CueItem::Kind::Ask:
        ui.quiz = c;
        ui.quiz_choice = 0;
        paused = paused || honour_pauses;
        break;
      case CueItem::Kind::Pause: paused = paused || honour_pauses; break;
      case CueItem::Kind::Speed: {
        double v = std::clamp(std::log10(c.speed), -kMaxSpeedLog10, kMaxSpeedLog10);
        (ui.ff_restore_log10 ? *ui.ff_restore_log10 : ui.speed_log10) = v;  // after a ff
        break;
      }
      case CueItem::Kind::FastForward:
        if (ui.ff_restore_log10) break;  // one at a time: the first one's end restores
        ui.ff_restore_log10 = ui.speed_log10;
        ui.ff_id = c.id;
        ui.speed_log10 = kMaxSpeedLog10;
        break;
      case CueItem::Kind::FastForwardEnd:
        if (ui.ff_restore_log10 && ui.ff_id == c.id) end_fast_forward(ui);
        break;
    }
  }
  if (paused) {
    ui.playing = false;
    ui.mode = RunMode::Normal;
  }
  return paused;
}

// A break_on matched since the last look: pause and say why (the narration bar shows it).
bool new_break(const Session& s, const UiState& ui) {
  return s.source().breaks().size() > ui.breaks_seen;
}

bool stop_at_break(Session& s, UiState& ui) {
  if (!new_break(s, ui)) return false;
  const BreakItem& b = s.source().breaks()[ui.breaks_seen];
  ui.break_cause = b;
  ui.playing = false;
  ui.mode = RunMode::Normal;
  return true;
}

// New narration since the last look: does it contain a pause (or any step)?
bool new_narration(const Session& s, const UiState& ui, bool want_pause) {
  const auto& n = s.source().narration();
  for (size_t i = ui.narration_seen; i < n.size(); i++)
    if (want_pause ? n[i].pause : is_step(n[i])) return true;
  return false;
}

void handle_requests(Session& s, UiState& ui) {
  TransportRequests r = ui.requests;
  ui.requests = {};
  if (r.toggle_play) {
    ui.playing = !ui.playing;
    ui.break_cause.reset();
    ui.mode = RunMode::Normal;
  }
  if (r.to_start) r.seek_to = 0;
  if (r.prev_step) r.seek_to = previous_step_time(s.source().narration(), s.now());
  bool moved = r.seek_to || r.step_forward || r.step_back;
  if (r.seek_to) (void)s.seek(*r.seek_to);
  if (r.step_forward) s.step_event();
  if (r.step_back) (void)s.step_back();
  if (moved || r.to_start || r.prev_step) after_jump(s, ui);
  if (r.next_step) ui.mode = RunMode::ToNextStep;
  if (r.to_end) ui.mode = RunMode::ToEnd;
}

void run_mode(Session& s, UiState& ui, const FrameLoopLimits& limits, FrameReport& report) {
  uint64_t start = s.events_run();
  auto budget_left = [&] { return limits.events_per_frame - (s.events_run() - start); };
  ui.break_cause.reset();
  if (ui.mode == RunMode::ToNextStep) {
    auto stop = [&] {
      return new_narration(s, ui, /*want_pause=*/false) || new_break(s, ui) || new_cue(s, ui);
    };
    while (!s.finished() && budget_left() > 0) {
      s.advance_to(s.now() + limits.narration_chunk, budget_left(), stop);
      if (new_narration(s, ui, /*want_pause=*/false) || new_break(s, ui)) {
        ui.mode = RunMode::Normal;
        break;
      }
      if (apply_cues(s, ui, /*honour_pauses=*/true)) {  // pause() and ask{} stop here too
        report.paused_by_cue = true;
        break;
      }
    }
    if (s.finished()) ui.mode = RunMode::Normal;
  } else {
    auto stop = [&] { return new_break(s, ui); };
    while (!s.finished() && budget_left() > 0 && !stop())
      s.advance_to(s.now() + 10 * limits.narration_chunk, budget_left(), stop);
    if (s.finished()) ui.mode = RunMode::Normal;
  }
  stop_at_break(s, ui);
  if (apply_cues(s, ui, /*honour_pauses=*/false)) report.paused_by_cue = true;
  report.events = s.events_run() - start;
  mark_seen(s, ui);
}

}  // namespace

void after_jump(Session& s, UiState& ui) {
  ui.playing = false;
  ui.break_cause.reset();  // the bar no longer describes where we are
  ui.quiz.reset();
  ui.mode = RunMode::Normal;
  // Inside a fast_forward_until span (started, not yet ended): play it fast again.
  const auto& cues = s.source().cues();
  const CueItem* open = nullptr;
  for (const CueItem& c : cues) {
    if (c.kind == CueItem::Kind::FastForward && open == nullptr) open = &c;
    if (c.kind == CueItem::Kind::FastForwardEnd && open && open->id == c.id) open = nullptr;
  }
  if (open && !ui.ff_restore_log10) {
    ui.ff_restore_log10 = ui.speed_log10;
    ui.speed_log10 = kMaxSpeedLog10;
  } else if (!open) {
    end_fast_forward(ui);
  }
  if (open) ui.ff_id = open->id;
  ui.cues_seen = cues.size();
  mark_seen(s, ui);
}

double UiState::speed() const { return std::pow(10.0, speed_log10); }

Time previous_step_time(const std::vector<NarrationItem>& narration, Time now) {
  int current = -1;
  for (size_t i = 0; i < narration.size(); i++)
    if (is_step(narration[i]) && narration[i].t <= now) current = static_cast<int>(i);
  if (current < 0) return 0;
  // At a step already: go to the one before it.
  if (narration[static_cast<size_t>(current)].t == now) {
    for (int i = current - 1; i >= 0; i--)
      if (is_step(narration[static_cast<size_t>(i)]) &&
          narration[static_cast<size_t>(i)].t < now)
        return narration[static_cast<size_t>(i)].t;
    return 0;
  }
  return narration[static_cast<size_t>(current)].t;
}

FrameReport run_frame(Session& s, UiState& ui, double wall_seconds, const FrameLoopLimits& limits) {
  FrameReport report;
  if (!s.ok()) return report;
  s.update_preview(limits.preview_events_per_frame);  // a no-op once it is ready
  handle_requests(s, ui);
  if (ui.mode != RunMode::Normal) {
    run_mode(s, ui, limits, report);
    return report;
  }
  if (!ui.playing || s.finished()) {
    ui.playing = ui.playing && !s.finished();
    return report;
  }
  double span = ui.speed() * wall_seconds * static_cast<double>(kSecond) + ui.carry_us;
  Time whole = static_cast<Time>(std::floor(span));
  ui.carry_us = span - static_cast<double>(whole);
  uint64_t start = s.events_run();
  auto stop = [&] {
    return new_narration(s, ui, /*want_pause=*/true) || new_break(s, ui) || new_cue(s, ui);
  };
  bool reached = s.advance_to(s.now() + whole, limits.events_per_frame, stop);
  report.events = s.events_run() - start;
  bool cue_stop = new_cue(s, ui);
  if (stop_at_break(s, ui)) {
    report.paused_by_break = true;
    apply_cues(s, ui, /*honour_pauses=*/false);
  } else if (apply_cues(s, ui, /*honour_pauses=*/true)) {
    report.paused_by_cue = true;
  } else if (cue_stop) {
    ui.carry_us = 0;  // a speed or fast-forward cue: the new speed applies from here
  } else if (stop()) {
    ui.playing = false;
    report.paused_by_narration = true;
  } else if (!reached) {
    report.budget_hit = true;
    ui.carry_us = 0;  // fall behind rather than pile up work for later frames
  }
  ui.budget_limited = report.budget_hit;
  mark_seen(s, ui);
  return report;
}

}  // namespace ksim::gui
