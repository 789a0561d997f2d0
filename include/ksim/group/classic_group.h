#pragma once
// A classic consumer group and its members: state, generation, protocol, leader, parked
// requests and the deadlines of its timers. Follows
// org.apache.kafka.coordinator.group.classic.{ClassicGroup, ClassicGroupMember, ClassicGroupState}.
// GroupCoordinator owns every ClassicGroup and is the only caller of the mutators; everyone
// else (GUI, CLI tables, checkers) reads a `const ClassicGroup&`.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ksim/group/coordinator_record.h"
#include "ksim/group/group_effects.h"
#include "ksim/group/offset_store.h"
#include "ksim/protocol/join_group.h"
#include "ksim/types/ids.h"
#include "ksim/types/time.h"

namespace ksim::group {

enum class ClassicGroupState : uint8_t {
  kEmpty,
  kPreparingRebalance,
  kCompletingRebalance,
  kStable,
  kDead,
};

// Kafka's display names: "Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead".
std::string_view state_name(ClassicGroupState state);

// ClassicGroupState.validPreviousStates: Empty <- PreparingRebalance; PreparingRebalance <-
// Stable, CompletingRebalance, Empty; CompletingRebalance <- PreparingRebalance;
// Stable <- CompletingRebalance; Dead <- any.
bool is_valid_transition(ClassicGroupState from, ClassicGroupState to);

struct ClassicGroupMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;  // static membership (KIP-345)
  std::string client_id;
  std::string client_host;
  int32_t rebalance_timeout_ms = 0;
  int32_t session_timeout_ms = 0;
  std::string protocol_type;
  std::vector<JoinGroupProtocol> protocols;      // supported protocols, in preference order
  // The last assignment from the leader; nullopt is Kafka's EMPTY_ASSIGNMENT (no bytes).
  std::optional<ConsumerAssignment> assignment;
  std::optional<RequestHandle> awaiting_join;    // a parked JoinGroup (awaitingJoinFuture)
  std::optional<RequestHandle> awaiting_sync;    // a parked SyncGroup (awaitingSyncFuture)
  bool is_new = false;                           // added by JoinGroup, not yet through a join
  // Liveness, for views: when the member's timer was last (re)armed, its deadline and kind
  // (kHeartbeat or kNewMemberJoin). kTimeNever = no live timer.
  Time last_heartbeat = 0;
  Time heartbeat_deadline = kTimeNever;
  TimerKind heartbeat_kind = TimerKind::kHeartbeat;

  bool is_static() const { return group_instance_id.has_value(); }
  bool is_awaiting_join() const { return awaiting_join.has_value(); }
  bool is_awaiting_sync() const { return awaiting_sync.has_value(); }
  // ClassicGroupMember.hasSatisfiedHeartbeat: a member parked in JoinGroup/SyncGroup counts as
  // alive, unless it is new.
  bool has_satisfied_heartbeat() const;
  // Same protocol list (names and metadata, same order) as the member's.
  bool matches(const std::vector<JoinGroupProtocol>& protocols) const;
  // The first protocol of the member's list that is among `candidates`; "" if none.
  std::string vote(const std::set<std::string>& candidates) const;
  // The member's metadata for `protocol`, or nullptr.
  const ConsumerSubscription* metadata(std::string_view protocol) const;
};

// The join-phase timer of a group (Kafka's classicGroupJoinKey), for views and stale checks.
struct JoinTimer {
  Time deadline = kTimeNever;            // kTimeNever = not armed
  TimerKind kind = TimerKind::kJoin;     // kInitialJoin or kJoin
  Duration delay = 0;                    // kInitialJoin: this slice's delay
  Duration remaining = 0;                // kInitialJoin: rebalance time left after this slice
};

struct SyncTimer {
  Time deadline = kTimeNever;            // kTimeNever = not armed
  GenerationId generation = -1;          // expirePendingSync's generation argument
};

class ClassicGroup {
 public:
  ClassicGroup(std::string group_id, Time now);

  // ---- Views ----
  const std::string& group_id() const { return group_id_; }
  ClassicGroupState state() const { return state_; }
  ClassicGroupState previous_state() const { return previous_state_; }
  Time state_since() const { return state_since_; }
  GenerationId generation_id() const { return generation_id_; }
  const std::optional<std::string>& protocol_type() const { return protocol_type_; }
  const std::optional<std::string>& protocol_name() const { return protocol_name_; }
  const std::optional<std::string>& leader_id() const { return leader_id_; }
  // In insertion order. Where Kafka iterates its members HashMap (or picks its "first key"),
  // ksim uses this order.
  const std::vector<ClassicGroupMember>& members() const { return members_; }
  const ClassicGroupMember* member(std::string_view member_id) const;
  // KIP-394 pending member ids (sent MEMBER_ID_REQUIRED) -> session deadline (µs).
  const std::map<std::string, Time>& pending_members() const { return pending_join_members_; }
  // Members that have not sent SyncGroup this generation, in member order.
  const std::vector<std::string>& pending_sync_members() const { return pending_sync_members_; }
  const std::map<std::string, std::string>& static_members() const { return static_members_; }
  const OffsetStore& offsets() const { return offsets_; }
  const JoinTimer& join_timer() const { return join_timer_; }
  const SyncTimer& sync_timer() const { return sync_timer_; }
  bool new_member_added() const { return new_member_added_; }

  bool is(ClassicGroupState s) const { return state_ == s; }
  bool has_member(std::string_view member_id) const { return member(member_id) != nullptr; }
  bool is_leader(std::string_view member_id) const;
  bool is_pending_member(std::string_view member_id) const;
  // The member id mapped to `instance_id`, or nullptr.
  const std::string* static_member_id(std::string_view instance_id) const;
  int32_t num_members() const { return static_cast<int32_t>(members_.size()); }
  int32_t num_static_members() const { return static_cast<int32_t>(static_members_.size()); }
  int32_t num_awaiting_join() const;
  bool has_all_members_joined() const;
  bool has_received_sync_from_all_members() const { return pending_sync_members_.empty(); }
  int32_t rebalance_timeout_ms() const;  // max over members; 0 with no members
  bool can_rebalance() const;            // PreparingRebalance is a valid next state
  // ClassicGroup.supportsProtocols(type, names).
  bool supports_protocols(std::string_view type, const std::vector<JoinGroupProtocol>& p) const;
  // Protocols every member supports (candidateProtocols).
  std::set<std::string> candidate_protocols() const;
  // ClassicGroup.selectProtocol: each member votes, most votes wins; ties go to the protocol
  // that Java's HashMap<String,Integer> would iterate first (emulated exactly).
  // REQUIRES: at least one member.
  std::string select_protocol() const;
  // ClassicGroup.validateMember: FENCED_INSTANCE_ID / UNKNOWN_MEMBER_ID / NONE.
  ErrorCode validate_member(std::string_view member_id,
                            const std::optional<std::string>& instance_id) const;

  // The group's GroupMetadataValue: generation, protocol, leader and members with the
  // selected protocol's subscription and their assignments (GroupCoordinatorRecordHelpers
  // .newGroupMetadataRecord).
  GroupMetadataRecord to_record() const;

  // ---- Mutators (GroupCoordinator only) ----
  // ClassicGroup.fromRecord, in place: membership, generation, protocol and leader from the
  // record; Empty without members, else Stable; no parked requests, timers or pending members.
  // Committed offsets are kept (they come from their own records).
  void restore(const GroupMetadataRecord& record, Time now);
  ClassicGroupMember* mutable_member(std::string_view member_id);
  std::vector<ClassicGroupMember>& mutable_members() { return members_; }
  OffsetStore& mutable_offsets() { return offsets_; }
  JoinTimer& mutable_join_timer() { return join_timer_; }
  SyncTimer& mutable_sync_timer() { return sync_timer_; }
  void set_new_member_added(bool v) { new_member_added_ = v; }
  // REQUIRES: is_valid_transition(state(), to).
  void transition_to(ClassicGroupState to, Time now);
  // ClassicGroup.add. REQUIRES: the member's instance id is not mapped; protocols supported.
  void add(ClassicGroupMember member);
  // ClassicGroup.remove (also drops pending join/sync entries; re-elects the leader as the
  // first remaining member). Unknown ids are ignored.
  void remove(std::string_view member_id);
  // ClassicGroup.replaceStaticMember, in place (the member keeps its position). The caller
  // has already answered the old member's parked requests. REQUIRES: old_id is a member.
  ClassicGroupMember& replace_static_member(const std::string& instance_id,
                                            std::string_view old_id, const std::string& new_id);
  void add_pending_member(const std::string& member_id, Time deadline);
  void set_pending_member_deadline(std::string_view member_id, Time deadline);
  void add_pending_sync_member(const std::string& member_id);
  void remove_pending_sync_member(std::string_view member_id);
  void clear_pending_sync_members() { pending_sync_members_.clear(); }
  // ClassicGroup.maybeElectNewJoinedLeader. True if the leader rejoined or a new one (the first
  // member awaiting join) was elected.
  bool maybe_elect_new_joined_leader();
  // ClassicGroup.initNextGeneration: generation+1, select the protocol, CompletingRebalance
  // (or Empty without members), clear pending syncs.
  void init_next_generation(Time now);

 private:
  std::string group_id_;
  ClassicGroupState state_ = ClassicGroupState::kEmpty;
  ClassicGroupState previous_state_ = ClassicGroupState::kDead;
  Time state_since_ = 0;
  GenerationId generation_id_ = 0;
  std::optional<std::string> protocol_type_;
  std::optional<std::string> protocol_name_;
  std::optional<std::string> leader_id_;
  std::vector<ClassicGroupMember> members_;
  std::map<std::string, std::string> static_members_;  // instance id -> member id
  std::map<std::string, Time> pending_join_members_;
  std::vector<std::string> pending_sync_members_;
  bool new_member_added_ = false;
  JoinTimer join_timer_;
  SyncTimer sync_timer_;
  OffsetStore offsets_;
};

}  // namespace ksim::group
