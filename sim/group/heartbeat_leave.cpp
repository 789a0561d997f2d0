// Heartbeat and LeaveGroup for classic groups. Follows GroupMetadataManager
// .classicGroupHeartbeatToClassicGroup, validateClassicGroupHeartbeat,
// classicGroupLeaveToClassicGroup and removeCurrentMemberFromClassicGroup.
#include "ksim/types/assert.h"
#include "step.h"

namespace ksim::group {

using S = ClassicGroupState;

void GroupCoordinator::Step::heartbeat(RequestHandle h, const HeartbeatRequest& r) {
  auto answer = [&](ErrorCode e) { respond(h, HeartbeatResponse{e}); };
  if (r.group_id.empty()) return answer(ErrorCode::INVALID_GROUP_ID);
  ClassicGroup* g = find(r.group_id);
  if (g == nullptr) return answer(ErrorCode::UNKNOWN_MEMBER_ID);
  if (g->is(S::kDead)) return answer(ErrorCode::COORDINATOR_NOT_AVAILABLE);
  ErrorCode error = g->validate_member(r.member_id, r.group_instance_id);
  if (error != ErrorCode::NONE) return answer(error);
  if (r.generation_id != g->generation_id()) return answer(ErrorCode::ILLEGAL_GENERATION);
  switch (g->state()) {
    case S::kEmpty:
      return answer(ErrorCode::UNKNOWN_MEMBER_ID);
    case S::kPreparingRebalance:
      reschedule_heartbeat(*g, *g->mutable_member(r.member_id));
      return answer(ErrorCode::REBALANCE_IN_PROGRESS);
    case S::kCompletingRebalance:
    case S::kStable:
      // Members may heartbeat between their JoinGroup response and SyncGroup.
      reschedule_heartbeat(*g, *g->mutable_member(r.member_id));
      return answer(ErrorCode::NONE);
    case S::kDead:
      break;
  }
  KSIM_ASSERT_MSG(false, "Heartbeat reached a Dead group after validation");
}

void GroupCoordinator::Step::leave(RequestHandle h, const LeaveGroupRequest& r) {
  LeaveGroupResponse response;
  if (r.group_id.empty()) response.error = ErrorCode::INVALID_GROUP_ID;
  ClassicGroup* g = response.error == ErrorCode::NONE ? find(r.group_id) : nullptr;
  if (response.error == ErrorCode::NONE && g == nullptr)
    response.error = ErrorCode::UNKNOWN_MEMBER_ID;
  if (g != nullptr && g->is(S::kDead)) response.error = ErrorCode::COORDINATOR_NOT_AVAILABLE;
  if (response.error != ErrorCode::NONE) return respond(h, std::move(response));

  std::vector<std::string> left;
  for (const LeaveGroupMember& who : r.members) {
    response.members.push_back(leave_one(*g, who));
    if (response.members.back().error == ErrorCode::NONE) left.push_back(who.member_id);
  }
  if (!left.empty()) {
    std::string all;
    for (size_t i = 0; i < left.size(); i++) all += (i ? ", " : "") + left[i];
    std::string reason = "explicit `LeaveGroup` request for (" + all + ") members.";
    if (g->is(S::kStable) || g->is(S::kCompletingRebalance)) {
      maybe_prepare_rebalance_or_complete_join(*g, reason);
    } else if (g->is(S::kPreparingRebalance)) {
      maybe_complete_join_phase(*g);
    }
  }
  respond(h, std::move(response));
}

LeaveGroupMemberResponse GroupCoordinator::Step::leave_one(ClassicGroup& g,
                                                           const LeaveGroupMember& who) {
  LeaveGroupMemberResponse out{who.member_id, who.group_instance_id, ErrorCode::NONE};
  std::string reason = join_reason(who.reason);
  if (who.member_id.empty()) {
    // Administrative removal of a static member by instance id.
    const std::string* id =
        who.group_instance_id ? g.static_member_id(*who.group_instance_id) : nullptr;
    if (id == nullptr) {
      out.error = ErrorCode::UNKNOWN_MEMBER_ID;
    } else {
      remove_current_member(g, std::string(*id), reason);
    }
  } else if (g.is_pending_member(who.member_id)) {
    trace_member_removed(g, who.member_id, "pending member left",
                         slf4j("[Group {}] Pending member {} has left group through explicit "
                               "`LeaveGroup` request; client reason: {}",
                               {g.group_id(), who.member_id, reason}));
    g.remove(who.member_id);
  } else {
    out.error = g.validate_member(who.member_id, who.group_instance_id);
    if (out.error == ErrorCode::NONE) remove_current_member(g, who.member_id, reason);
  }
  return out;
}

void GroupCoordinator::Step::remove_current_member(ClassicGroup& g, const std::string& member_id,
                                                   const std::string& reason) {
  trace_member_removed(g, member_id, "left the group",
                       slf4j("[Group {}] Member {} has left group through explicit `LeaveGroup` "
                             "request; client reason: {}",
                             {g.group_id(), member_id, reason}));
  // A new member may be parked in JoinGroup: answer UNKNOWN_MEMBER_ID so it retries.
  JoinGroupResponse r;
  r.error = ErrorCode::UNKNOWN_MEMBER_ID;
  complete_join(*g.mutable_member(member_id), std::move(r));
  g.remove(member_id);
}

}  // namespace ksim::group
