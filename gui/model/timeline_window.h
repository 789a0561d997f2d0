#pragma once
// The timeline's visible window of virtual time and how the mouse and W/S/A/D move it (Tracy's
// timeline controls): wheel and W/S zoom around an anchor, RMB drag and A/D pan, MMB drag zooms
// to a range, LMB drag measures. A window whose end reaches `now` follows the run. Pure.
#include <string>

#include "ksim/types/time.h"

namespace ksim::gui {

struct TimelineWindow {
  bool follow = true;              // the window ends at max(now, 1 s) and keeps its span
  Duration span = 0;               // follow: the span shown; 0 = the whole run so far
  Time start = 0, end = kSecond;   // !follow: the explicit window
};

struct TimeRange {
  Time start = 0;
  Time end = kSecond;
  Duration span() const { return end - start; }
};

constexpr Duration kMinTimelineSpan = 100;  // µs: the deepest zoom

// The window to draw this frame.
TimeRange resolve(const TimelineWindow& window, Time now);
// Zooms by `factor` (< 1 zooms in) keeping `anchor` at the same place on screen.
TimelineWindow zoom(const TimelineWindow& window, Time now, Time anchor, double factor);
// Moves the window by `delta` (negative: towards t = 0); it never starts before 0.
TimelineWindow pan(const TimelineWindow& window, Time now, Duration delta);
// Shows exactly [a, b] (in either order; at least kMinTimelineSpan).
TimelineWindow show_range(Time now, Time a, Time b);
// The length of a measurement, as "dt = 1.25s".
std::string measure_text(Time a, Time b);

}  // namespace ksim::gui
