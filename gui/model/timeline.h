#pragma once
// Timeline lanes (Tracy-style) from the stored trace: one lane per broker (up/down, leadership
// marks), per group (state swimlane with generations), per member (membership state, assignment
// marks), and a faults lane (commands). Open segments end at `now`.
#include <string>
#include <vector>

#include "gui/model/event_store.h"
#include "gui/model/session.h"

namespace ksim::gui {

enum class LaneKind { Broker, Group, Member, Faults, Narration, Checks, Breaks, Checkpoints };

// Styles pick a palette colour and a glyph; every style also has a text label.
enum class SegmentStyle { Up, Down, Empty, Preparing, Completing, Stable, Dead, Joining,
                          Syncing, Member, Stalled };

struct TimelineSegment {
  Time start = 0;
  Time end = 0;
  std::string label;
  SegmentStyle style = SegmentStyle::Up;
};

enum class MarkStyle { Plain, Narration, Pass, Fail, Break, Checkpoint,
                       Ahead };  // Ahead: from the story preview, after the playhead

struct TimelineMark {
  Time t = 0;
  std::string label;
  MarkStyle style = MarkStyle::Plain;
};

struct TimelineLane {
  std::string name;
  LaneKind kind = LaneKind::Broker;
  std::vector<TimelineSegment> segments;
  std::vector<TimelineMark> marks;
};

// Lanes top to bottom: narration flags, expectation results (pass/fail flags at the time each
// was decided), brokers, groups, members, faults.
std::vector<TimelineLane> timeline_lanes(const Cluster& cluster, const EventStore& events,
                                         const std::vector<NarrationItem>& narration,
                                         const std::vector<ExpectationItem>& expectations,
                                         Time now);
SegmentStyle group_state_style(const std::string& state);
// break_on matches as flags ("breakpoints" lane; empty marks when there are none).
TimelineLane break_lane(const std::vector<BreakItem>& breaks);

}  // namespace ksim::gui
