#pragma once
// Focus / spotlight (teaching-features item 11): the current narration step's focus = {...}
// dims every other entity of the cluster view and rings the focused ones; its views = {...}
// bring panels to the front once, when the step arrives. Presentation only: pure functions of
// the narration; the simulation never sees them.
#include <string>
#include <vector>

#include "gui/model/cluster_scene.h"
#include "gui/model/session.h"
#include "ksim/types/presentation.h"

namespace ksim::gui {

struct Spotlight {
  std::vector<std::string> focus;  // node names and group ids; empty = nothing dimmed
  std::vector<ViewRequest> views;  // valid names only (the scenario API rejects the others)
  int step = -1;                   // index in the narration of the step they come from
};

// The focus and views of the latest step (a note keeps them; a step without focus clears them).
Spotlight current_spotlight(const std::vector<NarrationItem>& narration);

// A node is focused when named, or when it is a member of (consumer) or coordinates (broker)
// a focused group.
bool in_focus(const Spotlight& s, const SceneNode& node);
// Drawn dimmed: there is a focus and the node is not in it.
bool dimmed(const Spotlight& s, const SceneNode& node);
// The focused names no scene node answers for (shown in the narration bar, not silently lost).
std::vector<std::string> unmatched_focus(const Spotlight& s, const ClusterScene& scene);

}  // namespace ksim::gui
