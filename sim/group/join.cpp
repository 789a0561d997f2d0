// JoinGroup for classic groups: validation, KIP-394 pending members, static membership
// (KIP-345) and the per-state answers to a known member. Follows
// GroupCoordinatorService.joinGroup and GroupMetadataManager.classicGroupJoinToClassicGroup,
// classicGroupJoinNewMember, classicGroupJoinExistingMember, acceptJoiningMember,
// addMemberThenRebalanceOrCompleteJoin and updateStaticMemberThenRebalanceOrCompleteJoin.
// ksim models JoinGroup v9+: member ids are required (v4+) and skipAssignment exists (v9+).
#include "ksim/types/assert.h"
#include "step.h"

namespace ksim::group {

using S = ClassicGroupState;

namespace {

JoinGroupResponse join_error(ErrorCode error, std::string member_id) {
  JoinGroupResponse r;
  r.error = error;
  r.member_id = std::move(member_id);
  return r;
}

}  // namespace

void GroupCoordinator::Step::join(RequestHandle h, const JoinGroupRequest& r) {
  if (r.group_id.empty()) return respond(h, join_error(ErrorCode::INVALID_GROUP_ID, r.member_id));
  if (r.session_timeout_ms < config().group_min_session_timeout_ms ||
      r.session_timeout_ms > config().group_max_session_timeout_ms)
    return respond(h, join_error(ErrorCode::INVALID_SESSION_TIMEOUT, r.member_id));

  bool unknown_member = r.member_id.empty();
  ClassicGroup* g = find(r.group_id);
  if (g == nullptr) {
    // Only a member without an id may create the group.
    if (!unknown_member) return respond(h, join_error(ErrorCode::UNKNOWN_MEMBER_ID, r.member_id));
    g = &get_or_create(r.group_id);
  }
  if (!accept_joining_member(*g, r.member_id)) {
    if (g->has_member(r.member_id)) {
      trace_member_removed(*g, r.member_id, "group.max.size reached", "");
      g->remove(r.member_id);
    }
    return respond(h, join_error(ErrorCode::GROUP_MAX_SIZE_REACHED, ""));
  }
  if (unknown_member) {
    join_new_member(h, r, *g);
  } else {
    join_existing_member(h, r, *g);
  }
}

bool GroupCoordinator::Step::accept_joining_member(const ClassicGroup& g,
                                                   const std::string& member_id) const {
  int32_t max_size = config().group_max_size;
  switch (g.state()) {
    case S::kEmpty:
    case S::kDead:
      return true;
    case S::kPreparingRebalance: {
      // Counting awaiting members (not the group size) lets the last rejoiners be kicked out
      // when group.max.size was lowered.
      const ClassicGroupMember* m = g.member(member_id);
      return (m != nullptr && m->is_awaiting_join()) || g.num_awaiting_join() < max_size;
    }
    case S::kCompletingRebalance:
    case S::kStable:
      return g.has_member(member_id) || g.num_members() < max_size;
  }
  return false;
}

void GroupCoordinator::Step::join_new_member(RequestHandle h, const JoinGroupRequest& r,
                                             ClassicGroup& g) {
  if (g.is(S::kDead))
    return respond(h, join_error(ErrorCode::COORDINATOR_NOT_AVAILABLE, ""));
  if (!g.supports_protocols(r.protocol_type, r.protocols))
    return respond(h, join_error(ErrorCode::INCONSISTENT_GROUP_PROTOCOL, ""));
  // ClassicGroup.generateMemberId: "<instance or client id>-<uuid>".
  std::string new_id = r.group_instance_id.value_or(r.client_id) + "-" + coord.next_uuid_();
  // A UUID is unique in Kafka; a seeded source may repeat one another coordinator already
  // handed out (a group loaded from the log), so draw again rather than alias a member.
  for (int tries = 0; tries < 16 && (g.has_member(new_id) || g.is_pending_member(new_id));
       tries++)
    new_id = r.group_instance_id.value_or(r.client_id) + "-" + coord.next_uuid_();
  if (r.group_instance_id.has_value()) {
    join_new_static_member(h, r, g, new_id);
  } else {
    join_new_dynamic_member(h, r, g, new_id);
  }
}

void GroupCoordinator::Step::join_new_static_member(RequestHandle h, const JoinGroupRequest& r,
                                                    ClassicGroup& g, const std::string& new_id) {
  const std::string& instance = *r.group_instance_id;
  if (const std::string* existing = g.static_member_id(instance)) {
    std::string old_id = *existing;
    trace("member.replaced", g)
        .add("instance", instance)
        .add("old_member", old_id)
        .add("member", new_id)
        .add("state", std::string(state_name(g.state())))
        .add("kafka_log",
             slf4j("Static member with groupInstanceId={} and unknown member id joins group {} "
                   "in {} state. Replacing previously mapped member {} with this groupInstanceId.",
                   {instance, g.group_id(), state_name(g.state()), old_id}));
    return update_static_member_then_rebalance_or_complete_join(h, r, g, old_id, new_id);
  }
  trace("member.added", g)
      .add("member", new_id)
      .add("instance", instance)
      .add("client_id", r.client_id)
      .add("state", std::string(state_name(g.state())))
      .add("kafka_log",
           slf4j("Static member with groupInstanceId={} and unknown member id joins group {} in "
                 "{} state. Created a new member id {} for this member and added to the group.",
                 {instance, g.group_id(), state_name(g.state()), new_id}));
  add_member_then_rebalance_or_complete_join(h, r, g, new_id);
}

void GroupCoordinator::Step::join_new_dynamic_member(RequestHandle h, const JoinGroupRequest& r,
                                                     ClassicGroup& g, const std::string& new_id) {
  // KIP-394: park the id as pending and ask the member to rejoin with it.
  trace("member.pending", g)
      .add("member", new_id)
      .add("client_id", r.client_id)
      .add("state", std::string(state_name(g.state())))
      .add("kafka_log",
           slf4j("Dynamic member with unknown member id joins group {} in {} state. Created a "
                 "new member id {} and requesting the member to rejoin with this id.",
                 {g.group_id(), state_name(g.state()), new_id}));
  Time deadline = now + from_ms(r.session_timeout_ms);
  g.add_pending_member(new_id, deadline);
  arm({.group_id = g.group_id(), .kind = TimerKind::kHeartbeat, .member_id = new_id}, deadline);
  respond(h, join_error(ErrorCode::MEMBER_ID_REQUIRED, new_id));
}

void GroupCoordinator::Step::join_existing_member(RequestHandle h, const JoinGroupRequest& r,
                                                  ClassicGroup& g) {
  if (g.is(S::kDead))
    return respond(h, join_error(ErrorCode::COORDINATOR_NOT_AVAILABLE, r.member_id));
  if (!g.supports_protocols(r.protocol_type, r.protocols))
    return respond(h, join_error(ErrorCode::INCONSISTENT_GROUP_PROTOCOL, r.member_id));
  if (g.is_pending_member(r.member_id)) {
    // Kafka throws IllegalStateException here (a pending member cannot be static); the
    // client gets UNKNOWN_SERVER_ERROR.
    if (r.group_instance_id.has_value())
      return respond(h, join_error(ErrorCode::UNKNOWN_SERVER_ERROR, r.member_id));
    trace("member.added", g)
        .add("member", r.member_id)
        .add("client_id", r.client_id)
        .add("state", std::string(state_name(g.state())))
        .add("kafka_log", slf4j("Pending dynamic member with id {} joins group {} in {} state. "
                                "Adding to the group now.",
                                {r.member_id, g.group_id(), state_name(g.state())}));
    return add_member_then_rebalance_or_complete_join(h, r, g, r.member_id);
  }
  ErrorCode error = g.validate_member(r.member_id, r.group_instance_id);
  if (error != ErrorCode::NONE) return respond(h, join_error(error, r.member_id));
  join_existing_member_by_state(h, r, g);
}

void GroupCoordinator::Step::join_existing_member_by_state(RequestHandle h,
                                                           const JoinGroupRequest& r,
                                                           ClassicGroup& g) {
  const std::string& id = r.member_id;
  const ClassicGroupMember& m = *g.member(id);
  std::string during = " during " + std::string(state_name(g.state())) +
                       "; client reason: " + join_reason(r.reason);
  switch (g.state()) {
    case S::kPreparingRebalance:
      return update_member_then_rebalance_or_complete_join(
          h, r, g, id, "Member " + id + " is joining group" + during);
    case S::kCompletingRebalance:
      // Same metadata: the member missed its JoinGroup response; send it again.
      if (m.matches(r.protocols))
        return respond(h, current_generation_response(g, id, g.is_leader(id), false));
      return update_member_then_rebalance_or_complete_join(
          h, r, g, id, "Updating metadata for member " + id + during);
    case S::kStable:
      // A leader's JoinGroup forces a rebalance (e.g. topic metadata changed).
      if (g.is_leader(id))
        return update_member_then_rebalance_or_complete_join(
            h, r, g, id, "Leader " + id + " re-joining group" + during);
      if (!m.matches(r.protocols))
        return update_member_then_rebalance_or_complete_join(
            h, r, g, id, "Updating metadata for member " + id + during);
      return respond(h, current_generation_response(g, id, false, false));
    case S::kEmpty:
    case S::kDead:
      break;
  }
  // Unexpected (Empty) state: let the member reset its generation and rejoin.
  respond(h, join_error(ErrorCode::UNKNOWN_MEMBER_ID, id));
}

void GroupCoordinator::Step::update_member_then_rebalance_or_complete_join(
    RequestHandle h, const JoinGroupRequest& r, ClassicGroup& g, const std::string& id,
    const std::string& reason) {
  ClassicGroupMember& m = *g.mutable_member(id);
  m.protocols = r.protocols;
  m.rebalance_timeout_ms = r.rebalance_timeout_ms;
  m.session_timeout_ms = r.session_timeout_ms;
  // Kafka replaces a still-parked JoinGroup future without completing it; so do we.
  m.awaiting_join = h;
  trace("group.join", g)
      .add("member", id)
      .add("state", std::string(state_name(g.state())))
      .add("generation", g.generation_id());
  maybe_prepare_rebalance_or_complete_join(g, reason);
}

void GroupCoordinator::Step::add_member_then_rebalance_or_complete_join(
    RequestHandle h, const JoinGroupRequest& r, ClassicGroup& g, const std::string& id) {
  ClassicGroupMember m;
  m.member_id = id;
  m.group_instance_id = r.group_instance_id;
  m.client_id = r.client_id;
  m.client_host = r.client_host;
  m.rebalance_timeout_ms = r.rebalance_timeout_ms;
  m.session_timeout_ms = r.session_timeout_ms;
  m.protocol_type = r.protocol_type;
  m.protocols = r.protocols;
  m.is_new = true;
  m.awaiting_join = h;
  // Lets the initial rebalance be delayed further.
  if (g.is(S::kPreparingRebalance) && g.previous_state() == S::kEmpty)
    g.set_new_member_added(true);
  g.add(std::move(m));
  // A parked new member cannot heartbeat; time its JoinGroup out instead.
  reschedule_heartbeat(g, *g.mutable_member(id), kClassicGroupNewMemberJoinTimeout,
                       TimerKind::kNewMemberJoin);
  maybe_prepare_rebalance_or_complete_join(
      g, "Adding new member " + id + " with group instance id " +
             r.group_instance_id.value_or("null") + "; client reason: " + join_reason(r.reason));
}

}  // namespace ksim::group
