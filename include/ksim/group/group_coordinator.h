#pragma once
// The classic consumer-group coordinator of one broker, as a pure sans-IO state machine: every
// call takes a request (or a fired timer) and `now`, and returns the effects for the host.
// Follows org.apache.kafka.coordinator.group.GroupMetadataManager (classic group paths) and
// OffsetMetadataManager (commit/fetch). See docs/group-coordinator.md.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ksim/group/classic_group.h"
#include "ksim/group/group_config.h"
#include "ksim/group/group_effects.h"
#include "ksim/protocol/heartbeat.h"
#include "ksim/protocol/join_group.h"
#include "ksim/protocol/leave_group.h"
#include "ksim/protocol/offset_commit.h"
#include "ksim/protocol/offset_fetch.h"
#include "ksim/protocol/sync_group.h"
#include "ksim/types/time.h"

namespace ksim::group {

// Draws the UUID part of a new member id (Kafka: UUID.randomUUID()). The host backs it with a
// seeded RNG stream, so runs are reproducible; the coordinator calls it once per new member id.
using UuidSource = std::function<std::string()>;

class GroupCoordinator {
 public:
  // REQUIRES: config.validate().is_ok(); next_uuid callable.
  GroupCoordinator(GroupCoordinatorConfig config, UuidSource next_uuid);

  // Every handler: `h` is echoed with the request's response, which is either in the returned
  // effects or, for JoinGroup/SyncGroup parked until the group moves on, in the effects of a
  // later call or timer. A request gets at most one response; like Kafka, a few parked
  // requests are dropped unanswered (a JoinGroup/SyncGroup re-sent while the first is parked,
  // the parked SyncGroup of a member removed by LeaveGroup), so the host's request timeout
  // must cover them (docs/group-coordinator.md). `now` is virtual time (µs) and must not go
  // backwards between calls.
  GroupEffects on_join_group(RequestHandle h, const JoinGroupRequest& request, Time now);
  GroupEffects on_sync_group(RequestHandle h, const SyncGroupRequest& request, Time now);
  GroupEffects on_heartbeat(RequestHandle h, const HeartbeatRequest& request, Time now);
  // LeaveGroup v3+ (a batch of members; an empty member id with an instance id removes that
  // static member, as the admin client does).
  GroupEffects on_leave_group(RequestHandle h, const LeaveGroupRequest& request, Time now);
  GroupEffects on_offset_commit(RequestHandle h, const OffsetCommitRequest& request, Time now);
  GroupEffects on_offset_fetch(RequestHandle h, const OffsetFetchRequest& request, Time now);
  // A timer armed by an earlier step is due. A timer that was superseded (re-armed later,
  // implicitly cancelled, or of a removed member or group) is a no-op with empty effects.
  GroupEffects on_timer(const TimerKey& key, Time now);

  // ---- __consumer_offsets loading (CoordinatorLoaderImpl, GroupMetadataManager.replay) ----
  // The host calls these when it becomes the leader of __consumer_offsets-<partition>:
  // replay() for every record of the log in offset order (up to the log end offset), then
  // load_complete(). Before that the groups of the partition are unknown here, and the host
  // answers their requests itself (NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS).
  // A group record replaces the group's membership (Empty without members, else Stable, as
  // ClassicGroup.fromRecord); an offset record sets or (tombstone) deletes one offset; a record
  // that does not decode is skipped and counted in the load's trace event.
  void replay(int32_t partition, const std::optional<std::string>& key,
              const std::optional<std::string>& value, Time now);
  // onLoaded: re-arms every member's session timer (Stable groups) and traces "group.loaded"
  // per group of the partition, with the replayed record count.
  GroupEffects load_complete(int32_t partition, Time now);
  // onUnloaded, when the host stops leading the partition (or crashes): every group of the
  // partition is forgotten; parked JoinGroup/SyncGroup requests are answered NOT_COORDINATOR
  // so their members rediscover the coordinator. Later timers of those groups are no-ops.
  GroupEffects unload(int32_t partition, Time now);

  // ---- Read-only views (GUI, kafka-consumer-groups.sh tables, checkers) ----
  std::vector<std::string> group_ids() const;                // sorted
  const ClassicGroup* group(std::string_view group_id) const;  // nullptr if unknown
  const GroupCoordinatorConfig& config() const { return config_; }
  // __consumer_offsets partition of a group under this config.
  int32_t partition_for(std::string_view group_id) const;

 private:
  struct Step;  // one call's context: now, effects, and the GroupMetadataManager logic

  GroupCoordinatorConfig config_;
  UuidSource next_uuid_;
  std::map<std::string, ClassicGroup, std::less<>> groups_;
  std::map<int32_t, int64_t> replayed_;    // partition -> records replayed by the running load
  std::map<int32_t, int64_t> skipped_;     // partition -> undecodable records skipped
};

}  // namespace ksim::group
