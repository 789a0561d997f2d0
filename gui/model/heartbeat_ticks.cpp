// Heartbeat tick layout: individual ticks, or a density bar when too dense to tell apart.
#include "gui/model/heartbeat_ticks.h"

#include <algorithm>

namespace ksim::gui {

TickLayout layout_ticks(const std::vector<Time>& ticks, const TimeRange& range, int width_px,
                        float min_gap_px) {
  TickLayout out;
  auto first = std::lower_bound(ticks.begin(), ticks.end(), range.start);
  auto last = std::upper_bound(first, ticks.end(), range.end);
  double span = static_cast<double>(std::max<Duration>(1, range.span()));
  auto fraction = [&](Time t) { return static_cast<float>(static_cast<double>(t - range.start) /
                                                          span); };
  size_t visible = static_cast<size_t>(last - first);
  // Dense when the average spacing on screen is below the minimum gap.
  out.dense = visible > 1 &&
              static_cast<float>(width_px) / static_cast<float>(visible) < min_gap_px;
  if (!out.dense) {
    for (auto it = first; it != last; ++it) out.xs.push_back(fraction(*it));
    return out;
  }
  int buckets = std::max(1, static_cast<int>(static_cast<float>(width_px) / min_gap_px));
  out.density.assign(static_cast<size_t>(buckets), 0.0f);
  for (auto it = first; it != last; ++it) {
    int b = std::min(buckets - 1, static_cast<int>(fraction(*it) * static_cast<float>(buckets)));
    out.density[static_cast<size_t>(b)] += 1.0f;
  }
  float peak = *std::max_element(out.density.begin(), out.density.end());
  for (float& d : out.density) d /= peak;
  return out;
}

}  // namespace ksim::gui
