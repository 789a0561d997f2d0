// Timeline lanes: segments and marks folded from the stored trace events, in time order.
#include "gui/model/timeline.h"

#include <map>

namespace ksim::gui {
namespace {

// Ends the lane's open segment at t and opens a new one.
void transition(TimelineLane& lane, Time t, std::string label, SegmentStyle style) {
  if (!lane.segments.empty()) lane.segments.back().end = t;
  lane.segments.push_back({t, t, std::move(label), style});
}

void close_open(TimelineLane& lane, Time now) {
  if (!lane.segments.empty()) lane.segments.back().end = now;
}

struct Lanes {
  std::map<std::string, TimelineLane> brokers, groups, members;
  TimelineLane faults{.name = "faults", .kind = LaneKind::Faults};
};

void fold_node_event(Lanes& l, const StoredEvent& e) {
  std::string node = e.text("node");
  auto b = l.brokers.find(node);
  auto m = l.members.find(node);
  bool down = e.type() == "node.crash";
  if (b != l.brokers.end())
    transition(b->second, e.t, down ? "down" : "up",
               down ? SegmentStyle::Down : SegmentStyle::Up);
  else if (m != l.members.end() && down)
    transition(m->second, e.t, "crashed", SegmentStyle::Down);
}

void fold_consumer_event(Lanes& l, const StoredEvent& e) {
  auto it = l.members.find(e.text("consumer"));
  if (it == l.members.end()) return;
  TimelineLane& lane = it->second;
  const std::string& type = e.type();
  std::string gen = "g" + e.text("generation");
  if (type == "consumer.join") transition(lane, e.t, "joining", SegmentStyle::Joining);
  else if (type == "consumer.joined")
    transition(lane, e.t, "syncing " + gen, SegmentStyle::Syncing);
  else if (type == "consumer.synced") transition(lane, e.t, "member " + gen, SegmentStyle::Member);
  else if (type == "consumer.close") transition(lane, e.t, "closed", SegmentStyle::Dead);
  else if (type == "consumer.stall") transition(lane, e.t, "poll stalled", SegmentStyle::Stalled);
  else if (type == "consumer.assigned" || type == "consumer.revoke" || type == "consumer.lost")
    lane.marks.push_back({e.t, e.kafka_log()});
}

void fold(Lanes& l, const StoredEvent& e) {
  const std::string& type = e.type();
  if (type == "node.crash" || type == "node.restart") {
    fold_node_event(l, e);
  } else if (type == "group.state") {
    std::string g = e.text("group");
    auto& lane = l.groups.try_emplace(g, TimelineLane{.name = g, .kind = LaneKind::Group})
                     .first->second;
    std::string to = e.text("to");
    transition(lane, e.t, to + " g" + e.text("generation"), group_state_style(to));
  } else if (type == "replica.role" && e.text("role") == "leader") {
    auto b = l.brokers.find("broker-" + e.text("broker"));
    if (b != l.brokers.end() && e.text("topic") != "__consumer_offsets")
      b->second.marks.push_back({e.t, "leader " + e.text("topic") + "-" + e.text("partition") +
                                          " epoch " + e.text("leader_epoch")});
  } else if (type == "broker.fenced" || type == "broker.unfenced") {
    auto b = l.brokers.find("broker-" + e.text("broker"));
    if (b != l.brokers.end()) b->second.marks.push_back({e.t, type});
  } else if (type == "command") {
    l.faults.marks.push_back({e.t, e.text("command") + " " + e.text("target")});
  } else if (type.rfind("consumer.", 0) == 0) {
    fold_consumer_event(l, e);
  }
}

}  // namespace

SegmentStyle group_state_style(const std::string& s) {
  if (s == "Empty") return SegmentStyle::Empty;
  if (s == "PreparingRebalance") return SegmentStyle::Preparing;
  if (s == "CompletingRebalance") return SegmentStyle::Completing;
  if (s == "Stable") return SegmentStyle::Stable;
  return SegmentStyle::Dead;
}

std::vector<TimelineLane> timeline_lanes(const Cluster& c, const EventStore& events,
                                         const std::vector<NarrationItem>& narration,
                                         const std::vector<ExpectationItem>& expectations,
                                         Time now) {
  Lanes l;
  for (const auto& b : c.brokers()) {
    TimelineLane lane{.name = b->name(), .kind = LaneKind::Broker};
    transition(lane, 0, "up", SegmentStyle::Up);
    l.brokers.emplace(b->name(), std::move(lane));
  }
  for (const std::string& g : c.group_ids())
    l.groups.emplace(g, TimelineLane{.name = g, .kind = LaneKind::Group});
  for (const auto& m : c.consumers())
    l.members.emplace(m->name(), TimelineLane{.name = m->name(), .kind = LaneKind::Member});
  for (const StoredEvent& e : events.events()) fold(l, e);
  std::vector<TimelineLane> out;
  TimelineLane story{.name = "narration", .kind = LaneKind::Narration};
  for (const NarrationItem& n : narration)
    story.marks.push_back({n.t, n.text, MarkStyle::Narration});
  out.push_back(std::move(story));
  TimelineLane checks{.name = "expectations", .kind = LaneKind::Checks};
  for (const ExpectationItem& e : expectations)
    if (e.t <= now)
      checks.marks.push_back({e.t, std::string(e.passed ? "pass: " : "FAIL: ") + e.description,
                              e.passed ? MarkStyle::Pass : MarkStyle::Fail});
  out.push_back(std::move(checks));
  for (auto* group : {&l.brokers, &l.groups, &l.members})
    for (auto& [name, lane] : *group) {
      close_open(lane, now);
      out.push_back(std::move(lane));
    }
  out.push_back(std::move(l.faults));
  return out;
}

TimelineLane break_lane(const std::vector<BreakItem>& breaks) {
  TimelineLane lane{.name = "breakpoints", .kind = LaneKind::Breaks};
  for (const BreakItem& b : breaks)
    lane.marks.push_back({b.t, b.type + " (" + b.where + ")", MarkStyle::Break});
  return lane;
}

}  // namespace ksim::gui
