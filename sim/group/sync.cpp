// SyncGroup for classic groups: followers park until the leader sends the assignment, which
// moves the group to Stable. Follows GroupMetadataManager.classicGroupSync,
// classicGroupSyncToClassicGroup, validateSyncGroup and removePendingSyncMember.
// The leader's SyncGroup writes a GroupMetadata record; the host answers once it is committed.
#include "ksim/types/assert.h"
#include "step.h"

namespace ksim::group {

using S = ClassicGroupState;

namespace {

SyncGroupResponse sync_error(ErrorCode error) {
  SyncGroupResponse r;
  r.error = error;
  return r;
}

// A protocol type/name given by the client ("" = not given) must match the group's.
bool inconsistent(const std::string& requested, const std::optional<std::string>& group) {
  return !requested.empty() && group.has_value() && requested != *group;
}

std::string assignment_summary(const ClassicGroup& g) {
  std::string out;
  for (const ClassicGroupMember& m : g.members()) {
    out += (out.empty() ? "" : " ") + m.member_id + ":[";
    if (m.assignment.has_value()) {
      const auto& parts = m.assignment->partitions;
      for (size_t i = 0; i < parts.size(); i++) out += (i ? "," : "") + parts[i].to_string();
    }
    out += "]";
  }
  return out;
}

}  // namespace

void GroupCoordinator::Step::sync(RequestHandle h, const SyncGroupRequest& r) {
  if (r.group_id.empty()) return respond(h, sync_error(ErrorCode::INVALID_GROUP_ID));
  ClassicGroup* g = find(r.group_id);
  if (g == nullptr || g->is(S::kEmpty)) return respond(h, sync_error(ErrorCode::UNKNOWN_MEMBER_ID));
  ErrorCode error = validate_sync_group(*g, r);
  if (error != ErrorCode::NONE) return respond(h, sync_error(error));
  switch (g->state()) {
    case S::kPreparingRebalance:
      return respond(h, sync_error(ErrorCode::REBALANCE_IN_PROGRESS));
    case S::kCompletingRebalance:
      // Kafka replaces a still-parked SyncGroup future without completing it; so do we.
      g->mutable_member(r.member_id)->awaiting_sync = h;
      remove_pending_sync_member(*g, r.member_id);
      if (g->is_leader(r.member_id)) sync_as_leader(*g, r);
      return;
    case S::kStable: {
      remove_pending_sync_member(*g, r.member_id);
      const ClassicGroupMember& m = *g->member(r.member_id);
      SyncGroupResponse ok;
      ok.protocol_type = g->protocol_type().value_or("");
      ok.protocol_name = g->protocol_name().value_or("");
      ok.assignment = m.assignment.value_or(ConsumerAssignment{});
      return respond(h, std::move(ok));
    }
    case S::kEmpty:
    case S::kDead:
      break;
  }
  KSIM_ASSERT_MSG(false, "SyncGroup reached an Empty or Dead group after validation");
}

ErrorCode GroupCoordinator::Step::validate_sync_group(const ClassicGroup& g,
                                                      const SyncGroupRequest& r) const {
  if (g.is(S::kDead)) return ErrorCode::COORDINATOR_NOT_AVAILABLE;
  ErrorCode error = g.validate_member(r.member_id, r.group_instance_id);
  if (error != ErrorCode::NONE) return error;
  if (r.generation_id != g.generation_id()) return ErrorCode::ILLEGAL_GENERATION;
  if (inconsistent(r.protocol_type, g.protocol_type()) ||
      inconsistent(r.protocol_name, g.protocol_name()))
    return ErrorCode::INCONSISTENT_GROUP_PROTOCOL;
  return ErrorCode::NONE;
}

void GroupCoordinator::Step::sync_as_leader(ClassicGroup& g, const SyncGroupRequest& r) {
  trace("group.sync", g)
      .add("leader", r.member_id)
      .add("generation", g.generation_id())
      .add("kafka_log",
           slf4j("Assignment received from leader {} for group {} for generation {}. The group "
                 "has {} members, {} of which are static.",
                 {r.member_id, g.group_id(), std::to_string(g.generation_id()),
                  std::to_string(g.num_members()), std::to_string(g.num_static_members())}));
  // Members the leader left out get an empty assignment.
  std::map<std::string, ConsumerAssignment> assignment;
  for (const SyncGroupAssignment& a : r.assignments) assignment[a.member_id] = a.assignment;
  set_and_propagate_assignment(g, assignment);
  transition(g, S::kStable);
  persist_group(g);  // the assignment is durable before any member hears of it
  trace("group.stable", g)
      .add("generation", g.generation_id())
      .add("protocol", g.protocol_name().value_or(""))
      .add("leader", g.leader_id().value_or(""))
      .add("assignment", assignment_summary(g));
}

void GroupCoordinator::Step::remove_pending_sync_member(ClassicGroup& g,
                                                        const std::string& member_id) {
  g.remove_pending_sync_member(member_id);
  bool cancel = false;
  switch (g.state()) {
    case S::kDead:
    case S::kEmpty:
    case S::kPreparingRebalance:
      cancel = true;
      break;
    case S::kCompletingRebalance:
    case S::kStable:
      cancel = g.has_received_sync_from_all_members();
      break;
  }
  if (cancel) cancel_pending_sync(g);
}

}  // namespace ksim::group
