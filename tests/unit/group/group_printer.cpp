// Transcript renderings (see group_printer.h). Stable, compact and greppable.
#include "tests/unit/group/group_printer.h"

#include <string_view>
#include <variant>

#include "tests/unit/group/group_harness.h"

namespace ksim::group::testing {
namespace {

std::string partitions(const std::vector<TopicPartition>& tps) {
  std::string out = "[";
  for (size_t i = 0; i < tps.size(); i++) out += (i ? "," : "") + tps[i].to_string();
  return out + "]";
}

std::string err(ErrorCode e) { return std::string(error_name(e)); }

std::string join_text(const JoinGroupResponse& r) {
  std::string out = "JoinGroup " + err(r.error) + " member=" + r.member_id;
  if (r.error != ErrorCode::NONE) return out;
  out += " gen=" + std::to_string(r.generation_id) + " protocol=" + r.protocol_type + "/" +
         r.protocol_name + " leader=" + r.leader;
  if (r.skip_assignment) out += " skip_assignment";
  if (r.members.empty()) return out;
  out += " members=[";
  for (size_t i = 0; i < r.members.size(); i++) {
    const JoinGroupResponseMember& m = r.members[i];
    out += (i ? " " : "") + m.member_id;
    if (m.group_instance_id) out += "@" + *m.group_instance_id;
  }
  return out + "]";
}

std::string sync_text(const SyncGroupResponse& r) {
  std::string out = "SyncGroup " + err(r.error);
  if (r.error != ErrorCode::NONE) return out;
  return out + " protocol=" + r.protocol_type + "/" + r.protocol_name +
         " assignment=" + partitions(r.assignment.partitions);
}

std::string leave_text(const LeaveGroupResponse& r) {
  std::string out = "LeaveGroup " + err(r.error);
  for (const LeaveGroupMemberResponse& m : r.members) {
    out += " " + (m.member_id.empty() ? std::string("\"\"") : m.member_id);
    if (m.group_instance_id) out += "@" + *m.group_instance_id;
    out += ":" + err(m.error);
  }
  return out;
}

std::string commit_text(const OffsetCommitResponse& r) {
  std::string out = "OffsetCommit";
  for (const OffsetCommitPartitionResponse& p : r.partitions)
    out += " " + p.tp.to_string() + ":" + err(p.error);
  return out;
}

std::string fetch_text(const OffsetFetchResponse& r) {
  std::string out = "OffsetFetch " + err(r.error);
  for (const OffsetFetchPartitionResponse& p : r.partitions) {
    out += " " + p.tp.to_string() + "=" + std::to_string(p.committed_offset);
    if (p.committed_leader_epoch >= 0) out += "@" + std::to_string(p.committed_leader_epoch);
    if (!p.metadata.empty()) out += "(" + p.metadata + ")";
  }
  return out;
}

std::string value_text(const TraceValue& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  const std::string& s = std::get<std::string>(v);
  return s.find(' ') == std::string::npos && !s.empty() ? s : "\"" + s + "\"";
}

std::string member_line(const ClassicGroup& g, const ClassicGroupMember& m) {
  std::string out = "  member " + m.member_id;
  if (m.group_instance_id) out += " instance=" + *m.group_instance_id;
  if (g.is_leader(m.member_id)) out += " leader";
  out += " client=" + m.client_id + " session=" + show_time(from_ms(m.session_timeout_ms)) +
         " rebalance=" + show_time(from_ms(m.rebalance_timeout_ms)) + " protocols=";
  for (size_t i = 0; i < m.protocols.size(); i++) out += (i ? "," : "") + m.protocols[i].name;
  if (m.assignment) out += " assignment=" + partitions(m.assignment->partitions);
  if (m.heartbeat_deadline != kTimeNever)
    out += " " + std::string(timer_kind_name(m.heartbeat_kind)) + "@" +
           show_time(m.heartbeat_deadline);
  if (m.awaiting_join) out += " awaiting-join=#" + std::to_string(*m.awaiting_join);
  if (m.awaiting_sync) out += " awaiting-sync=#" + std::to_string(*m.awaiting_sync);
  if (m.is_new) out += " new";
  return out + "\n";
}

}  // namespace

std::string print_response(RequestHandle h, const GroupResponse& response) {
  std::string body = std::visit(
      [](const auto& r) -> std::string {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, JoinGroupResponse>) return join_text(r);
        if constexpr (std::is_same_v<T, SyncGroupResponse>) return sync_text(r);
        if constexpr (std::is_same_v<T, HeartbeatResponse>) return "Heartbeat " + err(r.error);
        if constexpr (std::is_same_v<T, LeaveGroupResponse>) return leave_text(r);
        if constexpr (std::is_same_v<T, OffsetCommitResponse>) return commit_text(r);
        if constexpr (std::is_same_v<T, OffsetFetchResponse>) return fetch_text(r);
      },
      response);
  return "#" + std::to_string(h) + " " + body + "\n";
}

std::string print_trace(const TraceEvent& ev) {
  std::string out = "trace " + ev.type;
  std::string kafka;
  for (const TraceField& f : ev.fields) {
    if (f.key == "kafka_log") kafka = std::get<std::string>(f.value);
    else out += " " + f.key + "=" + value_text(f.value);
  }
  out += "\n";
  if (!kafka.empty()) out += "  kafka: " + kafka + "\n";
  return out;
}

std::string print_group(const ClassicGroup& g) {
  std::string out = "group " + g.group_id() + " state=" + std::string(state_name(g.state())) +
                    " since=" + show_time(g.state_since()) +
                    " generation=" + std::to_string(g.generation_id()) +
                    " protocol=" + g.protocol_type().value_or("-") + "/" +
                    g.protocol_name().value_or("-") + " leader=" + g.leader_id().value_or("-") +
                    "\n";
  for (const ClassicGroupMember& m : g.members()) out += member_line(g, m);
  for (const auto& [id, deadline] : g.pending_members())
    out += "  pending " + id + " heartbeat@" + show_time(deadline) + "\n";
  if (!g.pending_sync_members().empty()) {
    out += "  pending-sync:";
    for (const std::string& id : g.pending_sync_members()) out += " " + id;
    out += "\n";
  }
  const JoinTimer& jt = g.join_timer();
  if (jt.deadline != kTimeNever) {
    out += "  join-timer " + std::string(timer_kind_name(jt.kind)) + "@" + show_time(jt.deadline);
    if (jt.kind == TimerKind::kInitialJoin) out += " remaining=" + show_time(jt.remaining);
    out += "\n";
  }
  if (g.sync_timer().deadline != kTimeNever)
    out += "  sync-timer pending-sync@" + show_time(g.sync_timer().deadline) + "\n";
  for (const auto& [tp, o] : g.offsets()) {
    out += "  offset " + tp.to_string() + "=" + std::to_string(o.committed_offset);
    if (o.leader_epoch >= 0) out += "@" + std::to_string(o.leader_epoch);
    out += " committed-at=" + show_time(o.commit_time) + "\n";
  }
  return out;
}

}  // namespace ksim::group::testing
