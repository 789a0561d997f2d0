// Step helpers shared by every coordinator operation: group lookup, answering parked requests,
// arming timers (with the bookkeeping that makes superseded timers no-ops) and trace events.
// Follows GroupMetadataManager's timer.schedule/cancel and ClassicGroup.complete*Future.
#include <algorithm>

#include "ksim/types/assert.h"
#include "step.h"

namespace ksim::group {

std::string slf4j(std::string_view format, std::initializer_list<std::string_view> args) {
  std::string out;
  auto arg = args.begin();
  for (size_t i = 0; i < format.size(); i++) {
    if (format[i] == '{' && i + 1 < format.size() && format[i + 1] == '}' && arg != args.end()) {
      out += *arg++;
      i++;
    } else {
      out += format[i];
    }
  }
  return out;
}

std::string java_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); i++) out += (i ? ", " : "") + items[i];
  return out + "]";
}

std::string join_reason(const std::string& reason) {
  return reason.empty() ? "not provided" : reason;
}

std::string member_to_string(const ClassicGroupMember& m) {
  std::vector<std::string> names;
  for (const JoinGroupProtocol& p : m.protocols) names.push_back(p.name);
  return "ClassicGroupMember(memberId='" + m.member_id + "', groupInstanceId='" +
         m.group_instance_id.value_or("") + "', clientId='" + m.client_id + "', clientHost='" +
         m.client_host + "', rebalanceTimeoutMs=" + std::to_string(m.rebalance_timeout_ms) +
         ", sessionTimeoutMs=" + std::to_string(m.session_timeout_ms) + ", protocolType='" +
         m.protocol_type + "', supportedProtocols=" + java_list(names) + ")";
}

std::string_view timer_kind_name(TimerKind kind) {
  switch (kind) {
    case TimerKind::kInitialJoin: return "initial-join";
    case TimerKind::kJoin: return "join";
    case TimerKind::kPendingSync: return "pending-sync";
    case TimerKind::kHeartbeat: return "heartbeat";
    case TimerKind::kNewMemberJoin: return "new-member-join";
  }
  return "unknown";
}

std::string to_string(const TimerKey& key) {
  std::string out = std::string(timer_kind_name(key.kind)) + " " + key.group_id;
  if (!key.member_id.empty()) out += "/" + key.member_id;
  return out;
}

// ---- Groups and responses ----

ClassicGroup* GroupCoordinator::Step::find(std::string_view group_id) {
  auto it = coord.groups_.find(group_id);
  return it == coord.groups_.end() ? nullptr : &it->second;
}

ClassicGroup& GroupCoordinator::Step::get_or_create(const std::string& group_id) {
  auto it = coord.groups_.find(group_id);
  if (it == coord.groups_.end()) {
    it = coord.groups_.emplace(group_id, ClassicGroup(group_id, now)).first;
    trace("group.created", it->second).add("state", "Empty");
  }
  return it->second;
}

int32_t GroupCoordinator::Step::partition(const ClassicGroup& g) const {
  return coord.partition_for(g.group_id());
}

void GroupCoordinator::Step::respond(RequestHandle h, GroupResponse response) {
  fx.responses.emplace_back(h, std::move(response));
}

bool GroupCoordinator::Step::complete_join(ClassicGroupMember& m, JoinGroupResponse response) {
  if (!m.awaiting_join.has_value()) return false;
  RequestHandle h = *m.awaiting_join;
  m.awaiting_join.reset();
  respond(h, std::move(response));
  return true;
}

bool GroupCoordinator::Step::complete_sync(ClassicGroupMember& m, SyncGroupResponse response) {
  if (!m.awaiting_sync.has_value()) return false;
  RequestHandle h = *m.awaiting_sync;
  m.awaiting_sync.reset();
  respond(h, std::move(response));
  return true;
}

JoinGroupResponse GroupCoordinator::Step::current_generation_response(
    const ClassicGroup& g, const std::string& id, bool with_members, bool skip_assignment) const {
  JoinGroupResponse r;
  r.generation_id = g.generation_id();
  r.protocol_type = g.protocol_type().value_or("");
  r.protocol_name = g.protocol_name().value_or("");
  r.leader = g.leader_id().value_or("");
  r.skip_assignment = skip_assignment;
  r.member_id = id;
  if (!with_members) return r;
  for (const ClassicGroupMember& m : g.members()) {
    const ConsumerSubscription* meta = m.metadata(r.protocol_name);
    KSIM_ASSERT(meta != nullptr);
    r.members.push_back({m.member_id, m.group_instance_id, *meta});
  }
  return r;
}

// ---- Timers ----
// Kafka cancels timers; ksim only arms them and remembers the live deadline per slot (the
// group's join timer, its sync timer, each member's heartbeat). A firing that does not match
// the live slot is stale and ignored (timers.cpp).

void GroupCoordinator::Step::arm(TimerKey key, Time deadline) {
  fx.timers.emplace_back(std::move(key), deadline);
}

void GroupCoordinator::Step::arm_join(ClassicGroup& g, TimerKind kind, Duration delay,
                                      Duration remaining) {
  JoinTimer& t = g.mutable_join_timer();
  t = {.deadline = now + delay, .kind = kind, .delay = delay, .remaining = remaining};
  arm({.group_id = g.group_id(), .kind = kind, .member_id = ""}, t.deadline);
}

void GroupCoordinator::Step::cancel_join(ClassicGroup& g) {
  g.mutable_join_timer() = JoinTimer{};
}

void GroupCoordinator::Step::arm_pending_sync(ClassicGroup& g) {
  SyncTimer& t = g.mutable_sync_timer();
  t = {.deadline = now + from_ms(g.rebalance_timeout_ms()), .generation = g.generation_id()};
  arm({.group_id = g.group_id(), .kind = TimerKind::kPendingSync, .member_id = ""}, t.deadline);
}

void GroupCoordinator::Step::cancel_pending_sync(ClassicGroup& g) {
  g.mutable_sync_timer() = SyncTimer{};
}

void GroupCoordinator::Step::reschedule_heartbeat(ClassicGroup& g, ClassicGroupMember& m,
                                                  Duration timeout, TimerKind kind) {
  m.last_heartbeat = now;
  m.heartbeat_deadline = now + timeout;
  m.heartbeat_kind = kind;
  arm({.group_id = g.group_id(), .kind = kind, .member_id = m.member_id}, m.heartbeat_deadline);
}

void GroupCoordinator::Step::reschedule_heartbeat(ClassicGroup& g, ClassicGroupMember& m) {
  reschedule_heartbeat(g, m, from_ms(m.session_timeout_ms), TimerKind::kHeartbeat);
}

// ---- State and trace ----

void GroupCoordinator::Step::transition(ClassicGroup& g, ClassicGroupState to) {
  ClassicGroupState from = g.state();
  g.transition_to(to, now);
  trace("group.state", g)
      .add("from", std::string(state_name(from)))
      .add("to", std::string(state_name(to)))
      .add("generation", g.generation_id());
}

TraceEvent& GroupCoordinator::Step::trace(std::string type, const ClassicGroup& g) {
  fx.trace.push_back(TraceEvent{std::move(type), {}});
  return fx.trace.back().add("group", g.group_id());
}

void GroupCoordinator::Step::trace_member_removed(const ClassicGroup& g,
                                                  const std::string& member_id,
                                                  std::string_view reason,
                                                  std::string kafka_log) {
  TraceEvent& ev = trace("member.removed", g);
  ev.add("member", member_id);
  if (const ClassicGroupMember* m = g.member(member_id); m && m->group_instance_id)
    ev.add("instance", *m->group_instance_id);
  ev.add("generation", g.generation_id()).add("state", std::string(state_name(g.state())));
  ev.add("reason", std::string(reason));
  if (!kafka_log.empty()) ev.add("kafka_log", std::move(kafka_log));
}

}  // namespace ksim::group
