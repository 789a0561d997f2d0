// "Open at": parse --at, find the chapter or checkpoint, seek there.
#include "gui/model/at_target.h"

#include <charconv>

#include "gui/model/preview.h"

namespace ksim::gui {
namespace {

Status bad(const std::string& message) { return Status(ErrorCode::INVALID_REQUEST, message); }

std::string checkpoint_names(const std::vector<CueItem>& cues) {
  std::string out;
  for (const CueItem& c : cues)
    if (c.kind == CueItem::Kind::Checkpoint) out += (out.empty() ? "" : ", ") + c.name;
  return out.empty() ? "none" : out;
}

int chapter_count(const std::vector<NarrationItem>& narration) {
  int n = 0;
  for (const NarrationItem& item : narration) n += item.kind == NarrationItem::Kind::Chapter;
  return n;
}

}  // namespace

Result<AtTarget> parse_at(const std::string& text) {
  const std::string chapter = "chapter:", checkpoint = "checkpoint:";
  if (text.rfind(checkpoint, 0) == 0) {
    if (text.size() == checkpoint.size()) return bad("--at checkpoint:NAME needs a name");
    return AtTarget{.kind = AtTarget::Kind::Checkpoint, .name = text.substr(checkpoint.size())};
  }
  if (text.rfind(chapter, 0) == 0) {
    int n = 0;
    const char* first = text.data() + chapter.size();
    const char* last = text.data() + text.size();
    auto [end, ec] = std::from_chars(first, last, n);
    if (ec != std::errc() || end != last || n < 1)
      return bad("--at chapter:N needs a chapter number from 1, got '" + text + "'");
    return AtTarget{.kind = AtTarget::Kind::Chapter, .chapter = n};
  }
  Result<Duration> t = parse_duration(text);
  if (!t) {
    return bad("--at: expected a time (45.2s), chapter:N or checkpoint:NAME; " +
               t.status().message());
  }
  return AtTarget{.kind = AtTarget::Kind::Time, .t = *t};
}

std::optional<Time> locate(const AtTarget& target, const std::vector<NarrationItem>& narration,
                           const std::vector<CueItem>& cues) {
  switch (target.kind) {
    case AtTarget::Kind::Time: return target.t;
    case AtTarget::Kind::Chapter: {
      int n = 0;
      for (const NarrationItem& item : narration)
        if (item.kind == NarrationItem::Kind::Chapter && ++n == target.chapter) return item.t;
      return std::nullopt;
    }
    case AtTarget::Kind::Checkpoint:
      for (const CueItem& c : cues)
        if (c.kind == CueItem::Kind::Checkpoint && c.name == target.name) return c.t;
      return std::nullopt;
  }
  return std::nullopt;
}

Result<Time> find_at(const AtTarget& target, const std::vector<NarrationItem>& narration,
                     const std::vector<CueItem>& cues) {
  if (std::optional<Time> t = locate(target, narration, cues)) return *t;
  if (target.kind == AtTarget::Kind::Chapter) {
    return bad("no chapter " + std::to_string(target.chapter) + " (the scenario has " +
               std::to_string(chapter_count(narration)) + ")");
  }
  return bad("no checkpoint '" + target.name + "' (checkpoints: " + checkpoint_names(cues) + ")");
}

Status jump_to(Session& session, const AtTarget& target, uint64_t max_events) {
  const StoryPreview& p = session.preview();
  if (target.kind == AtTarget::Kind::Time || p.ready_for(session)) {
    Result<Time> t = target.kind == AtTarget::Kind::Time
                         ? Result<Time>(target.t)
                         : find_at(target, p.narration(), p.cues());
    if (!t) return t.status();
    return session.seek(*t);
  }
  // No preview: run forward until the target appears (or the run ends).
  auto found = [&] {
    return locate(target, session.source().narration(), session.source().cues()).has_value();
  };
  if (!found()) session.advance_to(kTimeNever, max_events, found);
  Result<Time> t = find_at(target, session.source().narration(), session.source().cues());
  if (!t) return t.status();
  return session.seek(*t);
}

}  // namespace ksim::gui
