// Consumer-group tables: rows from Cluster::group() and the coordinator's member timers, and
// their CLI text (same rules as sim/cluster/describe.cpp, checked by tests/gui).
#include "gui/model/group_rows.h"

#include <algorithm>
#include <fmt/format.h>

#include "ksim/group/group_coordinator.h"

namespace ksim::gui {
namespace {

const group::ClassicGroup* coordinator_group(const Cluster& c, const GroupView& g) {
  const Broker* b = c.broker(g.coordinator);
  return b == nullptr ? nullptr : b->group_coordinator().group(g.group_id);
}

MemberRow member_row(const GroupView::Member& m, const group::ClassicGroup* cg) {
  MemberRow row{.consumer_id = m.member_id,
                .group_instance_id = m.group_instance_id.empty() ? "-" : m.group_instance_id,
                .host = m.host, .client_id = m.client_id,
                .partitions = static_cast<int32_t>(m.assignment.size()),
                .assignment = assignment_text(m.assignment)};
  const group::ClassicGroupMember* cm = cg ? cg->member(m.member_id) : nullptr;
  if (cm != nullptr) {
    row.last_heartbeat = cm->last_heartbeat;
    row.heartbeat_deadline = cm->heartbeat_deadline;
    row.session_timeout = from_ms(cm->session_timeout_ms);
  }
  return row;
}

std::string state_message(const GroupView& g) {
  if (g.state == "Empty") return "\nConsumer group '" + g.group_id + "' has no active members.\n";
  if (g.state == "PreparingRebalance" || g.state == "CompletingRebalance")
    return "\nWarning: Consumer group '" + g.group_id + "' is rebalancing.\n";
  return "";
}

}  // namespace

GroupTables group_tables(const Cluster& c, const std::string& group_id) {
  GroupTables t{.group_id = group_id};
  std::optional<GroupView> g = c.group(group_id);
  if (!g || g->state == "Dead") return t;
  t.exists = true;
  t.state_message = state_message(*g);
  t.offsets = group_offset_rows(c, *g);
  const group::ClassicGroup* cg = coordinator_group(c, *g);
  for (const auto& m : g->members) t.members.push_back(member_row(m, cg));
  t.state = StateRow{
      .coordinator = g->coordinator == kNoBroker
                         ? "-"
                         : fmt::format("broker-{}:9092  ({})", g->coordinator, g->coordinator),
      .assignment_strategy = g->protocol, .state = g->state,
      .members = static_cast<int32_t>(g->members.size()), .generation = g->generation_id};
  return t;
}

std::optional<int64_t> total_lag(const GroupTables& t) {
  std::optional<int64_t> sum;
  for (const OffsetRow& r : t.offsets)
    if (r.lag_value) sum = sum.value_or(0) + *r.lag_value;
  return sum;
}

}  // namespace ksim::gui
