// Narration progress: chapter and step counts against the furthest narration seen.
#include "gui/model/narration_progress.h"

namespace ksim::gui {

NarrationProgress narration_progress(const std::vector<NarrationItem>& now_items,
                                     const std::vector<NarrationItem>& known, bool totals_final) {
  NarrationProgress p{.totals_final = totals_final};
  const std::vector<NarrationItem>& all = known.size() >= now_items.size() ? known : now_items;
  int chapter = 0;
  for (size_t i = 0; i < all.size(); i++) {
    const NarrationItem& n = all[i];
    bool past = i < now_items.size();
    if (n.kind == NarrationItem::Kind::Chapter) {
      chapter++;
      p.chapters++;
      if (past) {
        p.chapter = chapter;
        p.step = 0;
        p.steps = 0;
      }
    } else if (n.kind == NarrationItem::Kind::Step && chapter == p.chapter) {
      p.steps++;
      if (past) p.step++;
    }
  }
  return p;
}

std::string progress_text(const NarrationProgress& p) {
  const char* more = p.totals_final ? "" : "+";
  return "Chapter " + std::to_string(p.chapter) + "/" + std::to_string(p.chapters) + more +
         " \xc2\xb7 Step " + std::to_string(p.step) + "/" + std::to_string(p.steps) + more;
}

void NarrationHorizon::observe(const std::vector<NarrationItem>& items, bool finished) {
  // Another story (a new scenario, or a fork that changed the narration): start again.
  for (size_t i = 0; i < items.size() && i < known_.size(); i++) {
    if (items[i].text == known_[i].text && items[i].t == known_[i].t) continue;
    known_.clear();
    final_ = false;
    break;
  }
  if (items.size() >= known_.size()) known_ = items;
  final_ = final_ || finished;
}

}  // namespace ksim::gui
