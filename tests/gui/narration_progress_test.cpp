// Header progress "Chapter k/K · Step j/J": counts against the furthest narration seen; "+"
// until the end of the run has been seen; a different story resets the totals.
#include <doctest/doctest.h>

#include "gui/model/narration_progress.h"

using namespace ksim;
using namespace ksim::gui;

namespace {

using K = NarrationItem::Kind;

std::vector<NarrationItem> story() {
  return {{.t = 0, .kind = K::Chapter, .text = "one"},  {.t = 1, .kind = K::Step, .text = "a"},
          {.t = 2, .kind = K::Step, .text = "b"},       {.t = 3, .kind = K::Note, .text = "n"},
          {.t = 4, .kind = K::Chapter, .text = "two"},  {.t = 5, .kind = K::Step, .text = "c"},
          {.t = 6, .kind = K::Step, .text = "d"},       {.t = 7, .kind = K::Step, .text = "e"}};
}

}  // namespace

TEST_CASE("narration progress: position in the chapter against the known totals") {
  std::vector<NarrationItem> all = story();
  std::vector<NarrationItem> now(all.begin(), all.begin() + 6);  // at step c of chapter two
  NarrationProgress p = narration_progress(now, all, true);
  CHECK(p.chapter == 2);
  CHECK(p.chapters == 2);
  CHECK(p.step == 1);
  CHECK(p.steps == 3);
  CHECK(progress_text(p) == "Chapter 2/2 \xc2\xb7 Step 1/3");
  std::vector<NarrationItem> early(all.begin(), all.begin() + 2);
  CHECK(progress_text(narration_progress(early, all, false)) ==
        "Chapter 1/2+ \xc2\xb7 Step 1/2+");
  CHECK(progress_text(narration_progress({}, {}, false)) == "Chapter 0/0+ \xc2\xb7 Step 0/0+");
}

TEST_CASE("narration horizon: keeps the longest prefix across rewinds; another story resets") {
  std::vector<NarrationItem> all = story();
  NarrationHorizon h;
  h.observe(all, true);
  h.observe(std::vector<NarrationItem>(all.begin(), all.begin() + 3), false);  // rewound
  CHECK(h.known().size() == all.size());
  CHECK(h.final());
  std::vector<NarrationItem> other{{.t = 0, .kind = K::Chapter, .text = "else"}};
  h.observe(other, false);
  CHECK(h.known().size() == 1);
  CHECK_FALSE(h.final());
}
