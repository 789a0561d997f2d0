// Spotlight: the current step's focus and views (presentation only).
#include "gui/model/spotlight.h"

#include <algorithm>

namespace ksim::gui {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

Spotlight current_spotlight(const std::vector<NarrationItem>& narration) {
  for (size_t i = narration.size(); i-- > 0;) {
    const NarrationItem& n = narration[i];
    if (n.kind != NarrationItem::Kind::Step) continue;
    Spotlight s{.focus = n.focus, .step = static_cast<int>(i)};
    for (const std::string& v : n.views)
      if (Result<ViewRequest> r = parse_view_name(v)) s.views.push_back(*r);
    return s;
  }
  return {};
}

bool in_focus(const Spotlight& s, const SceneNode& node) {
  if (contains(s.focus, node.name)) return true;
  return std::any_of(node.groups.begin(), node.groups.end(),
                     [&](const std::string& g) { return contains(s.focus, g); });
}

bool dimmed(const Spotlight& s, const SceneNode& node) {
  return !s.focus.empty() && !in_focus(s, node);
}

std::vector<std::string> unmatched_focus(const Spotlight& s, const ClusterScene& scene) {
  std::vector<std::string> out;
  for (const std::string& f : s.focus) {
    bool found = std::any_of(scene.nodes.begin(), scene.nodes.end(), [&](const SceneNode& n) {
      return n.name == f || contains(n.groups, f);
    });
    if (!found) out.push_back(f);
  }
  return out;
}

}  // namespace ksim::gui
