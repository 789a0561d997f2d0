// Consumer group membership: coordinator discovery, JoinGroup/SyncGroup, the leader's
// assignment, heartbeats, poll-timeout leave, eager vs cooperative revocation (KIP-429).
// Follows AbstractCoordinator and ConsumerCoordinator; log lines are theirs, verbatim.
#include <algorithm>

#include "ksim/assign/assignor.h"
#include "ksim/assign/java_order.h"
#include "ksim/client/consumer.h"

namespace ksim {
namespace {

std::string list_partitions(const std::vector<TopicPartition>& tps) {
  std::string out;
  for (const TopicPartition& tp : tps) out += (out.empty() ? "" : ", ") + tp.to_string();
  return out;
}

std::vector<TopicPartition> minus(const std::vector<TopicPartition>& a,
                                  const std::vector<TopicPartition>& b) {
  std::vector<TopicPartition> out;
  for (const TopicPartition& tp : a)
    if (std::find(b.begin(), b.end(), tp) == b.end()) out.push_back(tp);
  return out;
}

}  // namespace

void Consumer::trace_member(std::string_view type, std::string_view kafka_log) {
  TraceEvent e{.type = std::string(type)};
  e.add("consumer", name()).add("group", config_.group_id).add("member", member_id_);
  e.add("generation", int64_t{generation_});
  if (!kafka_log.empty()) e.add("kafka_log", std::string(kafka_log));
  emit(e);
}

bool Consumer::cooperative() const {
  // ConsumerCoordinator: the highest protocol every configured assignor supports.
  for (const std::string& a : config_.assignors)
    if (a != "cooperative-sticky") return false;
  return true;
}

void Consumer::ensure_coordinator() {
  if (coordinator_ >= 0 || state_ == MemberState::Stopped) return;
  for (const auto& [corr, p] : pending_)
    if (p.kind == Pending::FindCoordinator) return;
  NodeId broker = any_broker();
  int32_t corr = send_request(broker, FindCoordinatorRequest{.key = config_.group_id});
  track(corr, {.kind = Pending::FindCoordinator, .node = broker});
}

void Consumer::on_find_coordinator_response(FindCoordinatorResponse& r) {
  // AbstractCoordinator.ensureCoordinatorReady: a coordinator found in reconnect backoff (its
  // host just reset the connection) is unavailable: look again after retry.backoff.ms.
  if (r.error != ErrorCode::NONE || node_of(r.node_id) < 0 ||
      node_unavailable(node_of(r.node_id))) {
    set_timer(config_.retry_backoff, kRetry);
    return;
  }
  coordinator_ = node_of(r.node_id);
  last_heartbeat_ack_ = now();  // AbstractCoordinator: heartbeat.resetSessionTimeout()
  trace_member("consumer.coordinator",
               "Discovered group coordinator " + r.host + ":" + std::to_string(r.port) +
                   " (id: " + std::to_string(2147483647 - r.node_id) + " rack: null)");
  // A commitSync() waiting for the coordinator goes on; so does a commitAsync() queued behind
  // the lookup (ConsumerCoordinator.commitOffsetsAsync).
  if (sync_commit_ && !sync_commit_->in_flight && !sync_commit_->backoff) send_sync_commit();
  if (async_after_lookup_) {
    std::map<TopicPartition, Offset> offsets = std::move(*async_after_lookup_);
    async_after_lookup_.reset();
    send_async_commit(std::move(offsets));
  }
  fetch_committed_offsets();  // partitions still waiting for their committed offset
}

void Consumer::request_rejoin(std::string_view reason) {
  rejoin_needed_ = true;
  trace_member("consumer.rejoin", "Request joining group due to: " + std::string(reason));
}

void Consumer::revoke(std::vector<TopicPartition> partitions, std::string_view how) {
  // By value: callers pass assignment_ itself, which the loop below erases from.
  if (partitions.empty()) return;
  std::string log = how == "lost" ? "Lost previously assigned partitions "
                                  : "Revoke previously assigned partitions ";
  trace_member(how == "lost" ? "consumer.lost" : "consumer.revoke",
               log + list_partitions(partitions));
  for (const TopicPartition& tp : partitions) {
    partitions_.erase(tp);
    std::erase(assignment_, tp);
  }
}

void Consumer::prepare_join() {
  // onJoinPrepare: commit what was consumed (auto-commit), then revoke (eager: everything).
  if (config_.enable_auto_commit && options_.commit == CommitStrategy::Auto &&
      generation_ >= 0 && state_ == MemberState::Stable) {
    commit(false, "onJoinPrepare");
  }
  if (!cooperative()) revoke(assignment_, "revoked");
  send_join();
}

void Consumer::send_join() {
  state_ = MemberState::Joining;
  JoinGroupRequest r{.group_id = config_.group_id,
                     .session_timeout_ms = static_cast<int32_t>(to_ms(config_.session_timeout)),
                     .rebalance_timeout_ms = static_cast<int32_t>(to_ms(config_.max_poll_interval)),
                     .member_id = member_id_, .client_id = config_.client_id,
                     .client_host = "/10.0.0." + std::to_string(id())};
  if (!config_.group_instance_id.empty()) r.group_instance_id = config_.group_instance_id;
  std::vector<std::string> topics = options_.topics;
  std::sort(topics.begin(), topics.end());
  for (const std::string& assignor : config_.assignors) {
    ConsumerSubscription s{.topics = topics, .owned_partitions = assignment_,
                           .generation_id = generation_, .rack = config_.client_rack};
    if (assignor == "sticky" || assignor == "cooperative-sticky") s.user_data = assignor_user_data_;
    r.protocols.push_back({.name = assignor, .metadata = std::move(s)});
  }
  int32_t corr = send_request(coordinator_, std::move(r));
  track(corr, {.kind = Pending::Join, .node = coordinator_});
  trace_member("consumer.join", "(Re-)joining group");
}

std::map<std::string, ConsumerAssignment> Consumer::run_assignor(const JoinGroupResponse& r) {
  auto assignor = assign::make_assignor(protocol_);
  if (!assignor) return {};
  // The Java leader collects subscriptions in a HashMap keyed by member id.
  std::vector<std::string> ids;
  for (const auto& m : r.members) ids.push_back(m.member_id);
  assign::GroupSubscription group;
  assign::ClusterView cluster;
  snapshot_topics_.clear();
  for (const std::string& id : assign::java_hash_map_order(ids)) {
    auto m = std::find_if(r.members.begin(), r.members.end(),
                          [&](const JoinGroupResponseMember& x) { return x.member_id == id; });
    snapshot_topics_.insert(m->metadata.topics.begin(), m->metadata.topics.end());
    group.members.push_back({.member_id = m->member_id, .group_instance_id = m->group_instance_id,
                             .topics = m->metadata.topics,
                             .owned_partitions = m->metadata.owned_partitions,
                             .rack = m->metadata.rack, .user_data = m->metadata.user_data});
    if (m->metadata.generation_id >= 0) group.members.back().generation = m->metadata.generation_id;
    for (const std::string& t : m->metadata.topics)
      if (int32_t n = partition_count(t); n > 0) cluster.partitions_per_topic[t] = n;
  }
  // ConsumerCoordinator.onLeaderElected: assignmentSnapshot = metadataSnapshot.
  assignment_snapshot_ = metadata_snapshot();
  assignment_snapshot_version_ = metadata_version();
  assign::GroupAssignment result = (*assignor)->assign(cluster, group);
  return result.assignments;
}

std::map<std::string, int32_t> Consumer::metadata_snapshot() const {
  std::map<std::string, int32_t> partitions;
  for (const std::string& t : snapshot_topics_)
    if (int32_t n = partition_count(t); n > 0) partitions[t] = n;
  return partitions;
}

namespace {

// MetadataSnapshot.toString: "(version3: {orders=2})", topics in Java HashMap order.
std::string snapshot_text(uint64_t version, const std::map<std::string, int32_t>& partitions) {
  std::vector<std::string> topics;
  for (const auto& [t, n] : partitions) topics.push_back(t);
  std::string text = "(version" + std::to_string(version) + ": {";
  bool first = true;
  for (const std::string& t : assign::java_hash_map_order(topics)) {
    text += (first ? "" : ", ") + t + "=" + std::to_string(partitions.at(t));
    first = false;
  }
  return text + "})";
}

}  // namespace

void Consumer::check_assignment_snapshot() {
  if (!assignment_snapshot_ || rejoin_needed_ || state_ != MemberState::Stable) return;
  std::map<std::string, int32_t> now_known = metadata_snapshot();
  if (now_known == *assignment_snapshot_) return;
  request_rejoin("cached metadata has changed from " +
                 snapshot_text(assignment_snapshot_version_, *assignment_snapshot_) +
                 " at the beginning of the rebalance to " +
                 snapshot_text(metadata_version(), now_known));
}

void Consumer::on_join_response(JoinGroupResponse& r) {
  switch (r.error) {
    case ErrorCode::MEMBER_ID_REQUIRED:
      member_id_ = r.member_id;  // KIP-394: join again with the id the coordinator gave us
      return send_join();
    case ErrorCode::NONE:
      break;
    case ErrorCode::UNKNOWN_MEMBER_ID:
      member_id_.clear();
      state_ = MemberState::Unjoined;
      return;
    case ErrorCode::NOT_COORDINATOR:
    case ErrorCode::COORDINATOR_NOT_AVAILABLE:
      state_ = MemberState::Unjoined;
      return coordinator_unknown(error_name(r.error));
    case ErrorCode::INVALID_SESSION_TIMEOUT:
    case ErrorCode::FENCED_INSTANCE_ID:
    case ErrorCode::INCONSISTENT_GROUP_PROTOCOL:
    case ErrorCode::GROUP_MAX_SIZE_REACHED:
      trace_member("consumer.fatal", "JoinGroup failed: " + std::string(error_name(r.error)));
      state_ = MemberState::Stopped;
      return;
    default:
      state_ = MemberState::Unjoined;  // retried by the next poll
      return;
  }
  member_id_ = r.member_id;
  generation_ = r.generation_id;
  protocol_ = r.protocol_name;
  state_ = MemberState::Syncing;
  trace_member("consumer.joined", "Successfully joined group with generation Generation{"
                                  "generationId=" + std::to_string(generation_) + ", memberId='" +
                                  member_id_ + "', protocol='" + protocol_ + "'}");
  SyncGroupRequest s{.group_id = config_.group_id, .generation_id = generation_,
                     .member_id = member_id_, .protocol_name = protocol_};
  if (!config_.group_instance_id.empty()) s.group_instance_id = config_.group_instance_id;
  if (r.leader == member_id_ && !r.skip_assignment) {
    for (auto& [member, assignment] : run_assignor(r))
      s.assignments.push_back({.member_id = member, .assignment = assignment});
  } else if (r.leader != member_id_) {
    assignment_snapshot_.reset();  // onJoinComplete: only the leader keeps a snapshot
  }
  int32_t corr = send_request(coordinator_, std::move(s));
  track(corr, {.kind = Pending::Sync, .node = coordinator_, .generation = generation_});
}

void Consumer::on_sync_response(SyncGroupResponse& r) {
  if (r.error == ErrorCode::REBALANCE_IN_PROGRESS) {
    state_ = MemberState::Unjoined;
    return request_rejoin("group is already rebalancing");
  }
  if (r.error == ErrorCode::UNKNOWN_MEMBER_ID || r.error == ErrorCode::ILLEGAL_GENERATION) {
    return reset_generation(r.error == ErrorCode::UNKNOWN_MEMBER_ID,
                            "encountered " + std::string(error_name(r.error)) +
                                " from SYNC_GROUP response");
  }
  if (r.error == ErrorCode::NOT_COORDINATOR || r.error == ErrorCode::COORDINATOR_NOT_AVAILABLE) {
    state_ = MemberState::Unjoined;
    return coordinator_unknown(error_name(r.error));
  }
  if (r.error != ErrorCode::NONE) {
    state_ = MemberState::Unjoined;
    return;
  }
  state_ = MemberState::Stable;
  rejoin_needed_ = false;
  last_heartbeat_ack_ = now();
  assignor_user_data_ = r.assignment.user_data;
  trace_member("consumer.synced", "Successfully synced group in generation Generation{"
                                  "generationId=" + std::to_string(generation_) + ", memberId='" +
                                  member_id_ + "', protocol='" + protocol_ + "'}");
  std::vector<TopicPartition> revoked = minus(assignment_, r.assignment.partitions);
  std::vector<TopicPartition> added = minus(r.assignment.partitions, assignment_);
  revoke(revoked, "revoked");
  assign(r.assignment.partitions);
  trace_member("consumer.assigned", "Adding newly assigned partitions: " + list_partitions(added));
  if (cooperative() && !revoked.empty()) request_rejoin("need to revoke partitions and re-join");
  fetch_committed_offsets();
}

void Consumer::assign(const std::vector<TopicPartition>& partitions) {
  assignment_ = partitions;
  for (const TopicPartition& tp : partitions) partitions_.try_emplace(tp);
  TraceEvent e{.type = "consumer.assignment"};
  e.add("consumer", name()).add("group", config_.group_id).add("member", member_id_);
  e.add("generation", int64_t{generation_}).add("partitions", list_partitions(partitions));
  emit(e);
}

void Consumer::reset_generation(bool reset_member_id, std::string_view reason) {
  trace_member("consumer.reset_generation",
               "Resetting generation" + std::string(reset_member_id ? " and member id" : "") +
                   " due to: " + std::string(reason));
  generation_ = -1;
  if (reset_member_id) member_id_.clear();
  revoke(assignment_, "lost");
  state_ = MemberState::Unjoined;
  rejoin_needed_ = true;
}

void Consumer::coordinator_unknown(std::string_view reason, bool disconnected) {
  if (coordinator_ < 0) return;
  const NodeId old = coordinator_;
  coordinator_ = -1;
  trace_member("consumer.coordinator_lost",
               "Group coordinator is unavailable or invalid due to cause: " + std::string(reason) +
                   ". isDisconnected: " + (disconnected ? "true" : "false") +
                   ". Rediscovery will be attempted.");
  disconnect_coordinator(old);
  ensure_coordinator();
}

void Consumer::leave_group(std::string_view reason) {
  if (coordinator_ < 0 || member_id_.empty() || !config_.group_instance_id.empty()) return;
  trace_member("consumer.leave", "Member " + member_id_ + " sending LeaveGroup request to "
                                 "coordinator " + kernel().network.node_name(coordinator_) +
                                 " due to " + std::string(reason));
  LeaveGroupRequest r{.group_id = config_.group_id,
                      .members = {{.member_id = member_id_, .reason = std::string(reason)}}};
  int32_t corr = send_request(coordinator_, std::move(r));
  track(corr, {.kind = Pending::Leave, .node = coordinator_});
}

void Consumer::heartbeat_tick() {
  if (state_ == MemberState::Stopped) return;
  set_timer(config_.heartbeat_interval, kHeartbeat);
  if (state_ != MemberState::Stable) return;
  if (now() - last_poll_ > config_.max_poll_interval) {
    // AbstractCoordinator.HeartbeatThread: maybeLeaveGroup on poll timeout; static members
    // send nothing and wait out their session (KIP-345).
    leave_group("consumer poll timeout has expired.");
    reset_generation(config_.group_instance_id.empty(), "consumer poll timeout has expired.");
    return;
  }
  if (now() - last_heartbeat_ack_ > config_.session_timeout)
    return coordinator_unknown("session timed out without receiving a heartbeat response");
  if (coordinator_ < 0) return ensure_coordinator();  // rediscovering: heartbeat once found
  for (const auto& [corr, p] : pending_)
    if (p.kind == Pending::Heartbeat) return;
  HeartbeatRequest r{.group_id = config_.group_id, .generation_id = generation_,
                     .member_id = member_id_};
  if (!config_.group_instance_id.empty()) r.group_instance_id = config_.group_instance_id;
  int32_t corr = send_request(coordinator_, std::move(r));
  track(corr, {.kind = Pending::Heartbeat, .node = coordinator_, .generation = generation_});
}

void Consumer::on_heartbeat_response(HeartbeatResponse& r) {
  switch (r.error) {
    case ErrorCode::NONE:
      last_heartbeat_ack_ = now();
      return;
    case ErrorCode::REBALANCE_IN_PROGRESS:
      last_heartbeat_ack_ = now();
      if (state_ == MemberState::Stable && !rejoin_needed_)
        request_rejoin("group is already rebalancing");
      return;
    case ErrorCode::UNKNOWN_MEMBER_ID:
    case ErrorCode::ILLEGAL_GENERATION:
      return reset_generation(r.error == ErrorCode::UNKNOWN_MEMBER_ID,
                              "encountered " + std::string(error_name(r.error)) +
                                  " from HEARTBEAT response");
    case ErrorCode::NOT_COORDINATOR:
    case ErrorCode::COORDINATOR_NOT_AVAILABLE:
      return coordinator_unknown(error_name(r.error));
    case ErrorCode::FENCED_INSTANCE_ID:
      trace_member("consumer.fatal", "Heartbeat failed: FENCED_INSTANCE_ID");
      state_ = MemberState::Stopped;
      return;
    default:
      return;
  }
}

}  // namespace ksim
