#pragma once
// GroupCoordinator::Step: the context of one coordinator call (now, the effects being built)
// and the GroupMetadataManager logic split across join.cpp, sync.cpp, heartbeat_leave.cpp,
// offsets.cpp, rebalance.cpp and timers.cpp. Internal to sim/group.
//
// [SECTION] index
//   step.cpp            group lookup, responses, timers, trace helpers, slf4j-style formatting
//   rebalance.cpp       prepareRebalance, completeClassicGroupJoin, propagateAssignment, removal
//   join.cpp            classicGroupJoin and its new/existing/static member paths
//   sync.cpp            classicGroupSync
//   heartbeat_leave.cpp classicGroupHeartbeat, classicGroupLeave
//   offsets.cpp         OffsetMetadataManager.commitOffset / fetchOffsets
//   timers.cpp          GroupCoordinator::on_timer dispatch and the expiry handlers
//   load.cpp            replay / load_complete / unload, and the records a write appends
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ksim/group/group_coordinator.h"

namespace ksim::group {

// Kafka's log formatting: each "{}" of `format` takes the next argument.
std::string slf4j(std::string_view format, std::initializer_list<std::string_view> args);
// Java's Collection.toString: "[a, b]".
std::string java_list(const std::vector<std::string>& items);
// JoinGroupRequest.joinReason: the reason, or "not provided".
std::string join_reason(const std::string& reason);
// ClassicGroupMember.toString, as Kafka logs a member.
std::string member_to_string(const ClassicGroupMember& m);

struct GroupCoordinator::Step {
  GroupCoordinator& coord;
  Time now;
  GroupEffects fx;

  Step(GroupCoordinator& c, Time t) : coord(c), now(t) {}
  const GroupCoordinatorConfig& config() const { return coord.config_; }

  // ---- step.cpp ----
  ClassicGroup* find(std::string_view group_id);
  ClassicGroup& get_or_create(const std::string& group_id);
  int32_t partition(const ClassicGroup& g) const;
  void respond(RequestHandle h, GroupResponse response);
  // ClassicGroup.completeJoinFuture / completeSyncFuture: answer a parked request, if any.
  bool complete_join(ClassicGroupMember& m, JoinGroupResponse response);
  bool complete_sync(ClassicGroupMember& m, SyncGroupResponse response);
  void arm(TimerKey key, Time deadline);
  void arm_join(ClassicGroup& g, TimerKind kind, Duration delay, Duration remaining);
  void cancel_join(ClassicGroup& g);
  void arm_pending_sync(ClassicGroup& g);
  void cancel_pending_sync(ClassicGroup& g);
  // rescheduleClassicGroupMemberHeartbeat (kind kHeartbeat) or the new-member join timeout.
  void reschedule_heartbeat(ClassicGroup& g, ClassicGroupMember& m, Duration timeout,
                            TimerKind kind);
  void reschedule_heartbeat(ClassicGroup& g, ClassicGroupMember& m);
  void transition(ClassicGroup& g, ClassicGroupState to);
  TraceEvent& trace(std::string type, const ClassicGroup& g);
  void trace_member_removed(const ClassicGroup& g, const std::string& member_id,
                            std::string_view reason, std::string kafka_log);
  JoinGroupResponse current_generation_response(const ClassicGroup& g, const std::string& id,
                                                bool with_members, bool skip_assignment) const;

  // ---- rebalance.cpp ----
  void maybe_prepare_rebalance_or_complete_join(ClassicGroup& g, const std::string& reason);
  void prepare_rebalance(ClassicGroup& g, const std::string& reason);
  void maybe_complete_join_else_schedule(ClassicGroup& g);
  void maybe_complete_join_phase(ClassicGroup& g);
  void try_complete_initial_rebalance_else_schedule(ClassicGroup& g);
  void complete_group_join(ClassicGroup& g);
  void reset_and_propagate_assignment_with_error(ClassicGroup& g, ErrorCode error);
  void set_and_propagate_assignment(ClassicGroup& g,
                                    const std::map<std::string, ConsumerAssignment>& assignment);
  void propagate_assignment(ClassicGroup& g, ErrorCode error);
  void remove_member_and_update_group(ClassicGroup& g, const std::string& member_id,
                                      const std::string& reason);
  void remove_pending_member_and_update_group(ClassicGroup& g, const std::string& member_id);

  // ---- join.cpp ----
  void join(RequestHandle h, const JoinGroupRequest& r);
  bool accept_joining_member(const ClassicGroup& g, const std::string& member_id) const;
  void join_new_member(RequestHandle h, const JoinGroupRequest& r, ClassicGroup& g);
  void join_new_static_member(RequestHandle h, const JoinGroupRequest& r, ClassicGroup& g,
                              const std::string& new_id);
  void join_new_dynamic_member(RequestHandle h, const JoinGroupRequest& r, ClassicGroup& g,
                               const std::string& new_id);
  void join_existing_member(RequestHandle h, const JoinGroupRequest& r, ClassicGroup& g);
  void join_existing_member_by_state(RequestHandle h, const JoinGroupRequest& r,
                                     ClassicGroup& g);
  void update_member_then_rebalance_or_complete_join(RequestHandle h, const JoinGroupRequest& r,
                                                     ClassicGroup& g, const std::string& id,
                                                     const std::string& reason);
  void add_member_then_rebalance_or_complete_join(RequestHandle h, const JoinGroupRequest& r,
                                                  ClassicGroup& g, const std::string& id);
  void update_static_member_then_rebalance_or_complete_join(RequestHandle h,
                                                            const JoinGroupRequest& r,
                                                            ClassicGroup& g,
                                                            const std::string& old_id,
                                                            const std::string& new_id);

  // ---- sync.cpp ----
  void sync(RequestHandle h, const SyncGroupRequest& r);
  ErrorCode validate_sync_group(const ClassicGroup& g, const SyncGroupRequest& r) const;
  void sync_as_leader(ClassicGroup& g, const SyncGroupRequest& r);
  void remove_pending_sync_member(ClassicGroup& g, const std::string& member_id);

  // ---- heartbeat_leave.cpp ----
  void heartbeat(RequestHandle h, const HeartbeatRequest& r);
  void leave(RequestHandle h, const LeaveGroupRequest& r);
  LeaveGroupMemberResponse leave_one(ClassicGroup& g, const LeaveGroupMember& who);
  void remove_current_member(ClassicGroup& g, const std::string& member_id,
                             const std::string& reason);

  // ---- offsets.cpp ----
  void commit(RequestHandle h, const OffsetCommitRequest& r);
  ErrorCode validate_offset_commit(const ClassicGroup& g, const OffsetCommitRequest& r) const;
  void fetch(RequestHandle h, const OffsetFetchRequest& r);

  // ---- load.cpp: the records a write appends to __consumer_offsets ----
  void persist_offset(const ClassicGroup& g, const TopicPartition& tp,
                      const OffsetAndMetadata& offset);
  void persist_group(const ClassicGroup& g);

  // ---- timers.cpp ----
  void fire(const TimerKey& key);
  void expire_member_heartbeat(ClassicGroup& g, const std::string& member_id);
  void expire_pending_sync(ClassicGroup& g, GenerationId generation);
};

}  // namespace ksim::group
