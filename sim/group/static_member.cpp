// KIP-345 static membership: a known group.instance.id rejoining with an unknown member id
// replaces the old member id, without a rebalance when the group is Stable and the selected
// protocol would not change. Follows GroupMetadataManager
// .updateStaticMemberThenRebalanceOrCompleteJoin and ClassicGroup.replaceStaticMember.
#include "ksim/types/assert.h"
#include "step.h"

namespace ksim::group {

using S = ClassicGroupState;

void GroupCoordinator::Step::update_static_member_then_rebalance_or_complete_join(
    RequestHandle h, const JoinGroupRequest& r, ClassicGroup& g, const std::string& old_id,
    const std::string& new_id) {
  const std::string& instance = *r.group_instance_id;
  // Fence the old member at once if it has a parked JoinGroup or SyncGroup.
  ClassicGroupMember& old_member = *g.mutable_member(old_id);
  JoinGroupResponse fenced_join;
  fenced_join.error = ErrorCode::FENCED_INSTANCE_ID;
  fenced_join.member_id = old_id;
  complete_join(old_member, std::move(fenced_join));
  SyncGroupResponse fenced_sync;
  fenced_sync.error = ErrorCode::FENCED_INSTANCE_ID;
  complete_sync(old_member, std::move(fenced_sync));

  ClassicGroupMember& m = g.replace_static_member(instance, old_id, new_id);
  // The old id's heartbeat timer becomes stale; the new id gets its own.
  reschedule_heartbeat(g, m);
  m.protocols = r.protocols;
  m.rebalance_timeout_ms = r.rebalance_timeout_ms;
  m.session_timeout_ms = r.session_timeout_ms;
  m.awaiting_join = h;

  std::string reason_suffix = "; client reason: " + join_reason(r.reason);
  switch (g.state()) {
    case S::kStable: {
      if (g.protocol_name().value_or("") == g.select_protocol()) {
        // No rebalance: answer with the current generation. The leader keeps its assignment
        // and is told to skip assigning (KIP-814).
        trace("group.static.rejoin", g)
            .add("member", new_id)
            .add("instance", instance)
            .add("generation", g.generation_id())
            .add("kafka_log", std::string("Static member which joins during Stable stage and "
                                          "doesn't affect the selected protocol will not trigger "
                                          "a rebalance."));
        persist_group(g);  // the new member id is durable before the member hears of it
        bool leader = g.is_leader(new_id);
        complete_join(m, current_generation_response(g, new_id, leader, leader));
        return;
      }
      return maybe_prepare_rebalance_or_complete_join(
          g, "Group's selectedProtocol will change because static member " + new_id +
                 " with instance id " + instance + " joined with change of protocol" +
                 reason_suffix);
    }
    case S::kCompletingRebalance:
      // The leader may already be assigning for the old id: rebalance again.
      return prepare_rebalance(g, "Updating metadata for static member " + new_id +
                                      " with instance id " + instance + reason_suffix);
    case S::kPreparingRebalance:
      return maybe_complete_join_phase(g);
    case S::kEmpty:
    case S::kDead:
      break;
  }
  KSIM_ASSERT_MSG(false, "a static member cannot be replaced in an Empty or Dead group");
}

}  // namespace ksim::group
