// Fired timers: stale-timer filtering, then the expiry handlers. Follows GroupMetadataManager
// .expireClassicGroupMemberHeartbeat, expirePendingSync, completeClassicGroupJoin (as a timeout
// operation) and tryCompleteInitialRebalanceElseSchedule.
#include "ksim/types/assert.h"
#include "step.h"

namespace ksim::group {

using S = ClassicGroupState;

void GroupCoordinator::Step::fire(const TimerKey& key) {
  ClassicGroup* g = find(key.group_id);
  if (g == nullptr) return;
  switch (key.kind) {
    case TimerKind::kInitialJoin:
    case TimerKind::kJoin: {
      const JoinTimer& t = g->join_timer();
      if (t.deadline == kTimeNever || t.kind != key.kind || now < t.deadline) return;
      if (key.kind == TimerKind::kJoin) return complete_group_join(*g);
      return try_complete_initial_rebalance_else_schedule(*g);
    }
    case TimerKind::kPendingSync: {
      const SyncTimer& t = g->sync_timer();
      if (t.deadline == kTimeNever || now < t.deadline) return;
      GenerationId generation = t.generation;
      cancel_pending_sync(*g);
      return expire_pending_sync(*g, generation);
    }
    case TimerKind::kHeartbeat:
    case TimerKind::kNewMemberJoin: {
      if (auto it = g->pending_members().find(key.member_id); it != g->pending_members().end()) {
        if (key.kind != TimerKind::kHeartbeat || now < it->second) return;
        return expire_member_heartbeat(*g, key.member_id);
      }
      ClassicGroupMember* m = g->mutable_member(key.member_id);
      if (m == nullptr || m->heartbeat_deadline == kTimeNever || m->heartbeat_kind != key.kind ||
          now < m->heartbeat_deadline)
        return;
      m->heartbeat_deadline = kTimeNever;
      return expire_member_heartbeat(*g, key.member_id);
    }
  }
}

void GroupCoordinator::Step::expire_member_heartbeat(ClassicGroup& g,
                                                     const std::string& member_id) {
  if (g.is(S::kDead)) return;
  if (g.is_pending_member(member_id)) {
    trace_member_removed(g, member_id, "pending member session expired",
                         slf4j("Pending member {} in group {} has been removed after session "
                               "timeout expiration.", {member_id, g.group_id()}));
    return remove_pending_member_and_update_group(g, member_id);
  }
  const ClassicGroupMember* m = g.member(member_id);
  if (m == nullptr) return;
  // A member parked in JoinGroup/SyncGroup is alive (unless new); its timer is re-armed when
  // its request is answered.
  if (m->has_satisfied_heartbeat()) return;
  trace_member_removed(g, member_id,
                       m->heartbeat_kind == TimerKind::kNewMemberJoin ? "new member join timeout"
                                                                      : "session timeout",
                       slf4j("Member {} in group {} has failed, removing it from the group.",
                             {member_id, g.group_id()}));
  remove_member_and_update_group(g, member_id,
                                 "removing member " + member_id + " on heartbeat expiration.");
}

void GroupCoordinator::Step::expire_pending_sync(ClassicGroup& g, GenerationId generation) {
  if (generation != g.generation_id()) return;  // Kafka logs an error and ignores it
  if (!g.is(S::kCompletingRebalance) && !g.is(S::kStable)) return;
  if (g.has_received_sync_from_all_members()) return;
  std::vector<std::string> laggards = g.pending_sync_members();
  for (const std::string& id : laggards) {
    std::string log = id == laggards.front()
                          ? slf4j("Group {} removed members who haven't sent their sync "
                                  "requests: {}", {g.group_id(), java_list(laggards)})
                          : "";
    trace_member_removed(g, id, "pending sync expired", log);
    g.remove(id);
  }
  prepare_rebalance(g, "Removing " + java_list(laggards) + " on pending sync request expiration");
}

}  // namespace ksim::group
