// Timeline window: resolve, zoom, pan and range zoom on virtual time; follow when at the end.
#include "gui/model/timeline_window.h"

#include <algorithm>
#include <cmath>

namespace ksim::gui {
namespace {

Time run_end(Time now) { return std::max<Time>(now, kSecond); }

// An explicit [start, end] becomes a following window when it reaches the end of the run.
TimelineWindow settle(Time now, Time start, Time end) {
  Duration span = std::max<Duration>(end - start, kMinTimelineSpan);
  start = std::max<Time>(0, start);
  end = start + span;
  if (end >= run_end(now)) {
    bool whole = span >= run_end(now);
    return {.follow = true, .span = whole ? 0 : span};
  }
  return {.follow = false, .span = span, .start = start, .end = end};
}

}  // namespace

TimeRange resolve(const TimelineWindow& w, Time now) {
  if (!w.follow) return {w.start, w.end};
  Time end = run_end(now);
  if (w.span <= 0 || w.span >= end) return {0, end};
  return {end - w.span, end};
}

TimelineWindow zoom(const TimelineWindow& w, Time now, Time anchor, double factor) {
  TimeRange r = resolve(w, now);
  double span = std::max(static_cast<double>(r.span()) * factor,
                         static_cast<double>(kMinTimelineSpan));
  double f = std::clamp(static_cast<double>(anchor - r.start) / static_cast<double>(r.span()),
                        0.0, 1.0);
  Time start = anchor - static_cast<Time>(std::llround(f * span));
  return settle(now, start, start + static_cast<Time>(std::llround(span)));
}

TimelineWindow pan(const TimelineWindow& w, Time now, Duration delta) {
  TimeRange r = resolve(w, now);
  Time start = std::max<Time>(0, r.start + delta);
  return settle(now, start, start + r.span());
}

TimelineWindow show_range(Time now, Time a, Time b) {
  return settle(now, std::min(a, b), std::max(a, b));
}

std::string measure_text(Time a, Time b) {
  std::string out = "dt = ";
  out += format_duration(a > b ? a - b : b - a);
  return out;
}

}  // namespace ksim::gui
