#pragma once
// The header's "Chapter k/K · Step j/J" (teaching-features item 8, SLoD feedback). Narration
// appears as the run emits it, so the totals come from the furthest run seen in this session
// (a rewind replays the same prefix); until the end has been seen they carry a "+".
#include <string>
#include <vector>

#include "gui/model/session.h"

namespace ksim::gui {

struct NarrationProgress {
  int chapter = 0;                 // 1-based; 0 before the first chapter
  int chapters = 0;                // known so far
  int step = 0;                    // within the chapter, 1-based; 0 before its first step
  int steps = 0;                   // known steps of that chapter
  bool totals_final = false;       // the run has been seen to its end
};

// `now_items`: the narration so far; `known`: the longest narration seen (now_items is a
// prefix of it in a deterministic run).
NarrationProgress narration_progress(const std::vector<NarrationItem>& now_items,
                                     const std::vector<NarrationItem>& known, bool totals_final);
// "Chapter 2/4 · Step 3/7" ("4+" while more may come).
std::string progress_text(const NarrationProgress& p);

// Keeps the longest narration seen across restarts and whether the end was reached.
class NarrationHorizon {
 public:
  void observe(const std::vector<NarrationItem>& items, bool finished);
  const std::vector<NarrationItem>& known() const { return known_; }
  bool final() const { return final_; }

 private:
  std::vector<NarrationItem> known_;
  bool final_ = false;
};

}  // namespace ksim::gui
