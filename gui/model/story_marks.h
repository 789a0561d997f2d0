#pragma once
// The story's landmarks for the chapter menu and the timeline: chapters, steps and checkpoints
// (teaching-features items 10 and 19), with those after the playhead marked "ahead" (they come
// from the story preview, gui/model/preview.h). Pure.
#include <string>
#include <vector>

#include "gui/model/preview.h"
#include "gui/model/timeline.h"

namespace ksim::gui {

struct StoryEntry {
  Time t = 0;
  enum class Kind { Chapter, Step, Checkpoint } kind = Kind::Chapter;
  std::string label;               // the chapter title, the step's first line, the checkpoint
  bool ahead = false;              // after now: not yet seen in this run
};

// Chapters, steps and checkpoints in time order (narration first at equal times, as a step
// and the checkpoint after it in a script).
std::vector<StoryEntry> story_entries(const StoryLists& story, Time now);
// The "checkpoints" lane: a flag per checkpoint (hollow after now).
TimelineLane checkpoint_lane(const StoryLists& story, Time now);
// Hollow flags after now on the narration and breakpoints lanes (the lanes named "narration"
// and "breakpoints"; a missing breakpoints lane is added under the narration lane).
void add_ahead_marks(std::vector<TimelineLane>& lanes, const StoryLists& story, Time now);

}  // namespace ksim::gui
