// The rebalance core: prepare a rebalance, complete the join phase (new generation), propagate
// the leader's assignment, and remove members. Follows GroupMetadataManager.prepareRebalance,
// maybeCompleteJoinElseSchedule, tryCompleteInitialRebalanceElseSchedule,
// completeClassicGroupJoin, propagateAssignment and removeMemberAndUpdateClassicGroup.
#include <algorithm>

#include "ksim/types/assert.h"
#include "step.h"

namespace ksim::group {

using S = ClassicGroupState;

void GroupCoordinator::Step::maybe_prepare_rebalance_or_complete_join(ClassicGroup& g,
                                                                      const std::string& reason) {
  if (g.can_rebalance()) {
    prepare_rebalance(g, reason);
  } else {
    maybe_complete_join_phase(g);
  }
}

void GroupCoordinator::Step::prepare_rebalance(ClassicGroup& g, const std::string& reason) {
  // Members parked in SyncGroup must rejoin.
  if (g.is(S::kCompletingRebalance))
    reset_and_propagate_assignment_with_error(g, ErrorCode::REBALANCE_IN_PROGRESS);
  g.clear_pending_sync_members();  // removeSyncExpiration
  cancel_pending_sync(g);

  S old_state = g.state();
  bool initial = g.is(S::kEmpty);
  if (initial) {
    // The group is new: give members group.initial.rebalance.delay.ms to join.
    Duration delay = config().initial_rebalance_delay();
    Duration remaining = std::max<Duration>(from_ms(g.rebalance_timeout_ms()) - delay, 0);
    arm_join(g, TimerKind::kInitialJoin, delay, remaining);
  }
  // Kafka logs after the transition, so the state it prints is PreparingRebalance.
  trace("group.rebalance", g)
      .add("from", std::string(state_name(old_state)))
      .add("generation", g.generation_id())
      .add("reason", reason)
      .add("kafka_log",
           slf4j("Preparing to rebalance group {} in state {} with old generation {} "
                 "(__consumer_offsets-{}) (reason: {}).",
                 {g.group_id(), state_name(S::kPreparingRebalance),
                  std::to_string(g.generation_id()), std::to_string(partition(g)), reason}));
  transition(g, S::kPreparingRebalance);
  if (!initial) maybe_complete_join_else_schedule(g);
}

void GroupCoordinator::Step::maybe_complete_join_else_schedule(ClassicGroup& g) {
  if (g.has_all_members_joined()) {
    complete_group_join(g);
  } else {
    arm_join(g, TimerKind::kJoin, from_ms(g.rebalance_timeout_ms()), 0);
  }
}

void GroupCoordinator::Step::maybe_complete_join_phase(ClassicGroup& g) {
  if (!g.is(S::kPreparingRebalance)) return;
  if (g.previous_state() == S::kEmpty) return;  // the initial rebalance waits for its timer
  if (!g.has_all_members_joined()) return;
  complete_group_join(g);
}

void GroupCoordinator::Step::try_complete_initial_rebalance_else_schedule(ClassicGroup& g) {
  JoinTimer fired = g.join_timer();
  cancel_join(g);
  if (g.new_member_added() && fired.remaining != 0) {
    // A new member joined during the delay: extend it (Kafka's reschedule rule).
    g.set_new_member_added(false);
    Duration delay = std::min(config().initial_rebalance_delay(), fired.remaining);
    Duration remaining = std::max<Duration>(fired.remaining - fired.delay, 0);
    arm_join(g, TimerKind::kInitialJoin, delay, remaining);
    trace("group.join.delayed", g)
        .add("delay_us", delay)
        .add("remaining_us", remaining)
        .add("members", g.num_members());
  } else {
    complete_group_join(g);
  }
}

void GroupCoordinator::Step::complete_group_join(ClassicGroup& g) {
  cancel_join(g);
  std::vector<std::string> failed;
  for (const ClassicGroupMember& m : g.members())
    if (!m.is_awaiting_join() && !m.is_static()) failed.push_back(m.member_id);
  for (const std::string& id : failed) {
    std::string log = id == failed.front()
                          ? slf4j("Group {} removed dynamic members who haven't joined: {}",
                                  {g.group_id(), java_list(failed)})
                          : "";
    trace_member_removed(g, id, "did not rejoin before the rebalance timeout", log);
    g.remove(id);
  }
  if (g.is(S::kDead)) return;

  std::optional<std::string> old_leader = g.leader_id();
  bool elected = g.maybe_elect_new_joined_leader();
  if (elected && old_leader != g.leader_id()) {
    const ClassicGroupMember* gone = g.member(*old_leader);
    trace("group.leader", g)
        .add("from", *old_leader)
        .add("to", *g.leader_id())
        .add("kafka_log",
             slf4j("Group leader [memberId: {}, groupInstanceId: {}] failed to join before the "
                   "rebalance timeout. Member {} was elected as the new leader.",
                   {*old_leader, gone->group_instance_id.value_or("None"),
                    member_to_string(*g.member(*g.leader_id()))}));
  }
  if (!elected && g.num_members() > 0) {
    // Nobody rejoined: retry after another rebalance timeout (session expiry will clean up).
    trace("group.join.retry", g)
        .add("kafka_log", slf4j("Group {} could not complete rebalance because no members "
                                "rejoined.", {g.group_id()}));
    arm_join(g, TimerKind::kJoin, from_ms(g.rebalance_timeout_ms()), 0);
    return;
  }

  S from = g.state();
  g.init_next_generation(now);
  trace("group.state", g)
      .add("from", std::string(state_name(from)))
      .add("to", std::string(state_name(g.state())))
      .add("generation", g.generation_id());
  TraceEvent& ev = trace("group.generation", g);
  ev.add("generation", g.generation_id())
      .add("protocol", g.protocol_name().value_or(""))
      .add("leader", g.leader_id().value_or(""))
      .add("members", g.num_members());
  if (g.is(S::kEmpty)) {
    persist_group(g);  // Kafka stores the empty group (generation+1, no members)
    ev.add("kafka_log", slf4j("Group {} with generation {} is now empty (__consumer_offsets-{}).",
                              {g.group_id(), std::to_string(g.generation_id()),
                               std::to_string(partition(g))}));
    return;
  }
  ev.add("kafka_log",
         slf4j("Stabilized group {} generation {} (__consumer_offsets-{}) with {} members.",
               {g.group_id(), std::to_string(g.generation_id()), std::to_string(partition(g)),
                std::to_string(g.num_members())}));
  for (ClassicGroupMember& m : g.mutable_members()) {
    complete_join(m, current_generation_response(g, m.member_id, g.is_leader(m.member_id),
                                                 /*skip_assignment=*/false));
    reschedule_heartbeat(g, m);
    m.is_new = false;
    g.add_pending_sync_member(m.member_id);
  }
  arm_pending_sync(g);
}

void GroupCoordinator::Step::reset_and_propagate_assignment_with_error(ClassicGroup& g,
                                                                       ErrorCode error) {
  KSIM_ASSERT(g.is(S::kCompletingRebalance));
  for (ClassicGroupMember& m : g.mutable_members()) m.assignment.reset();
  propagate_assignment(g, error);
}

void GroupCoordinator::Step::set_and_propagate_assignment(
    ClassicGroup& g, const std::map<std::string, ConsumerAssignment>& assignment) {
  KSIM_ASSERT(g.is(S::kCompletingRebalance));
  for (ClassicGroupMember& m : g.mutable_members()) {
    auto it = assignment.find(m.member_id);
    if (it == assignment.end()) m.assignment.reset();
    else m.assignment = it->second;
  }
  propagate_assignment(g, ErrorCode::NONE);
}

void GroupCoordinator::Step::propagate_assignment(ClassicGroup& g, ErrorCode error) {
  for (ClassicGroupMember& m : g.mutable_members()) {
    SyncGroupResponse r;
    r.error = error;
    if (error == ErrorCode::NONE) {
      r.protocol_type = g.protocol_type().value_or("");
      r.protocol_name = g.protocol_name().value_or("");
    }
    r.assignment = m.assignment.value_or(ConsumerAssignment{});
    // Reset the session timer after answering: an expiry ignored while the member was parked
    // left it without one.
    if (complete_sync(m, std::move(r))) reschedule_heartbeat(g, m);
  }
}

void GroupCoordinator::Step::remove_member_and_update_group(ClassicGroup& g,
                                                            const std::string& member_id,
                                                            const std::string& reason) {
  // A new member may be parked in JoinGroup: answer UNKNOWN_MEMBER_ID so it retries.
  ClassicGroupMember* m = g.mutable_member(member_id);
  KSIM_ASSERT(m != nullptr);
  JoinGroupResponse r;
  r.error = ErrorCode::UNKNOWN_MEMBER_ID;
  complete_join(*m, std::move(r));
  g.remove(member_id);
  if (g.is(S::kStable) || g.is(S::kCompletingRebalance)) {
    maybe_prepare_rebalance_or_complete_join(g, reason);
  } else if (g.is(S::kPreparingRebalance) && g.has_all_members_joined()) {
    complete_group_join(g);
  }
}

void GroupCoordinator::Step::remove_pending_member_and_update_group(ClassicGroup& g,
                                                                    const std::string& member_id) {
  g.remove(member_id);
  if (g.is(S::kPreparingRebalance) && g.has_all_members_joined()) complete_group_join(g);
}

}  // namespace ksim::group
