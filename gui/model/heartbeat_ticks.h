#pragma once
// Per-member heartbeat ticks on the timeline (teaching-features item 19): one zig-zag tick per
// Heartbeat request while they are at least `min_gap_px` apart on screen; when denser, a
// density bar (requests per pixel bucket, normalised to the busiest bucket). Pure layout.
#include <vector>

#include "gui/model/timeline_window.h"

namespace ksim::gui {

struct TickLayout {
  bool dense = false;
  std::vector<float> xs;       // !dense: each visible tick, 0..1 across the range
  std::vector<float> density;  // dense: one value 0..1 per bucket
};

// REQUIRES: ticks sorted; width_px > 0. Only ticks inside the range count.
TickLayout layout_ticks(const std::vector<Time>& ticks, const TimeRange& range, int width_px,
                        float min_gap_px = 4.0f);

}  // namespace ksim::gui
