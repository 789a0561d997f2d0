// Story landmarks: chapter-menu entries and timeline flags, past and ahead.
#include "gui/model/story_marks.h"

#include <algorithm>

namespace ksim::gui {
namespace {

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.size() > 70 ? line.substr(0, 67) + "..." : line;
}

TimelineLane* lane_named(std::vector<TimelineLane>& lanes, const std::string& name) {
  for (TimelineLane& l : lanes)
    if (l.name == name) return &l;
  return nullptr;
}

}  // namespace

std::vector<StoryEntry> story_entries(const StoryLists& story, Time now) {
  std::vector<StoryEntry> out;
  for (const NarrationItem& n : *story.narration) {
    if (n.kind == NarrationItem::Kind::Note) continue;
    out.push_back({n.t,
                   n.kind == NarrationItem::Kind::Chapter ? StoryEntry::Kind::Chapter
                                                          : StoryEntry::Kind::Step,
                   first_line(n.text), n.t > now});
  }
  for (const CueItem& c : *story.cues)
    if (c.kind == CueItem::Kind::Checkpoint)
      out.push_back({c.t, StoryEntry::Kind::Checkpoint, c.name, c.t > now});
  std::stable_sort(out.begin(), out.end(),
                   [](const StoryEntry& a, const StoryEntry& b) { return a.t < b.t; });
  return out;
}

TimelineLane checkpoint_lane(const StoryLists& story, Time now) {
  TimelineLane lane{.name = "checkpoints", .kind = LaneKind::Checkpoints};
  for (const CueItem& c : *story.cues)
    if (c.kind == CueItem::Kind::Checkpoint)
      lane.marks.push_back({c.t, "checkpoint " + c.name + " (" + c.where + ")",
                            c.t > now ? MarkStyle::Ahead : MarkStyle::Checkpoint});
  return lane;
}

void add_ahead_marks(std::vector<TimelineLane>& lanes, const StoryLists& story, Time now) {
  if (!story.complete) return;  // without a preview nothing is known ahead
  if (TimelineLane* narration = lane_named(lanes, "narration")) {
    for (const NarrationItem& n : *story.narration)
      if (n.t > now) narration->marks.push_back({n.t, first_line(n.text), MarkStyle::Ahead});
  }
  bool any_ahead = std::any_of(story.breaks->begin(), story.breaks->end(),
                               [now](const BreakItem& b) { return b.t > now; });
  if (!any_ahead) return;
  TimelineLane* breaks = lane_named(lanes, "breakpoints");
  if (breaks == nullptr) {
    size_t at = lane_named(lanes, "narration") ? 1 : 0;
    lanes.insert(lanes.begin() + static_cast<std::ptrdiff_t>(at),
                 TimelineLane{.name = "breakpoints", .kind = LaneKind::Breaks});
    breaks = &lanes[at];
  }
  for (const BreakItem& b : *story.breaks)
    if (b.t > now)
      breaks->marks.push_back({b.t, b.type + " (" + b.where + ")", MarkStyle::Ahead});
}

}  // namespace ksim::gui
