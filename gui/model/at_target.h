#pragma once
// "Open at" (teaching-features item 30): `ksim-gui FILE --at checkpoint:NAME`, `--at chapter:N`
// or `--at 45.2s`, and the chapter menu's targets. A chapter or checkpoint is found in the story
// preview (gui/model/preview.h) or, when there is none, by running the session forward until
// it appears.
#include <optional>
#include <string>

#include "gui/model/session.h"

namespace ksim::gui {

struct AtTarget {
  enum class Kind { Time, Chapter, Checkpoint } kind = Kind::Time;
  Time t = 0;             // Time
  int chapter = 0;        // Chapter: 1-based
  std::string name;       // Checkpoint
};

// "45.2s" | "chapter:2" | "checkpoint:after-crash". Error: the form expected.
Result<AtTarget> parse_at(const std::string& text);
// The virtual time of the target in these lists (nullopt when absent).
std::optional<Time> locate(const AtTarget& target, const std::vector<NarrationItem>& narration,
                           const std::vector<CueItem>& cues);
// As locate; the error names what exists when the target is absent.
Result<Time> find_at(const AtTarget& target, const std::vector<NarrationItem>& narration,
                     const std::vector<CueItem>& cues);
// Moves the session to the target: the time of the chapter or checkpoint (the state after
// every event up to that time, as a click in the chapter menu gives). Uses the preview when it
// is ready, else runs forward (at most `max_events`) until the target appears.
Status jump_to(Session& session, const AtTarget& target, uint64_t max_events);

}  // namespace ksim::gui
