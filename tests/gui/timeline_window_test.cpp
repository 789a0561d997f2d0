// Timeline window and flags: zoom keeps the anchor under the mouse, pans stop at t = 0, a
// window reaching the end of the run follows it; expectation results become pass/fail flags.
#include <doctest/doctest.h>

#include "gui/model/fixture.h"
#include "gui/model/timeline.h"
#include "gui/model/timeline_window.h"

using namespace ksim;
using namespace ksim::gui;

TEST_CASE("timeline window: zoom keeps the anchor in place; zooming out to the end follows") {
  Time now = 100 * kSecond;
  TimelineWindow w = zoom({}, now, 20 * kSecond, 0.5);  // anchor at 20% of [0, 100 s]
  TimeRange r = resolve(w, now);
  CHECK_FALSE(w.follow);
  CHECK(r.span() == 50 * kSecond);
  CHECK(r.start == 10 * kSecond);  // 20 s is still at 20% of the window
  w = zoom(w, now, r.start + r.span() / 2, 4.0);
  CHECK(w.follow);                 // 200 s >= the run: the whole run again
  CHECK(resolve(w, now + 50 * kSecond).end == 150 * kSecond);
  w = zoom(w, now, now, 1e-9);
  CHECK(resolve(w, now).span() == kMinTimelineSpan);
}

TEST_CASE("timeline window: pan never starts before 0; panning to the end follows the run") {
  Time now = 100 * kSecond;
  TimelineWindow w = show_range(now, 30 * kSecond, 10 * kSecond);  // either order
  CHECK(resolve(w, now).start == 10 * kSecond);
  CHECK(resolve(w, now).end == 30 * kSecond);
  w = pan(w, now, -kMinute);
  CHECK(resolve(w, now).start == 0);
  CHECK(resolve(w, now).span() == 20 * kSecond);
  w = pan(w, now, 90 * kSecond);
  CHECK(w.follow);
  CHECK(resolve(w, 200 * kSecond).start == 180 * kSecond);  // follows with its span
  CHECK(measure_text(3 * kSecond, kSecond) == "dt = 2s");
}

TEST_CASE("timeline: expectation results are pass/fail flags at their time, none from the "
          "future") {
  Session s(tweets_fixture_factory({}));
  REQUIRE(s.restart().is_ok());
  s.seek(20 * kSecond);
  std::vector<ExpectationItem> checks{{.t = 5 * kSecond, .description = "a", .passed = true},
                                      {.t = 9 * kSecond, .description = "b", .passed = false},
                                      {.t = 30 * kSecond, .description = "c", .passed = true}};
  auto lanes = timeline_lanes(s.cluster(), s.events(), {}, checks, s.now());
  const TimelineLane* lane = nullptr;
  for (const TimelineLane& l : lanes)
    if (l.kind == LaneKind::Checks) lane = &l;
  REQUIRE(lane != nullptr);
  REQUIRE(lane->marks.size() == 2);
  CHECK(lane->marks[0].style == MarkStyle::Pass);
  CHECK(lane->marks[0].label == "pass: a");
  CHECK(lane->marks[1].style == MarkStyle::Fail);
  CHECK(lane->marks[1].t == 9 * kSecond);
}
