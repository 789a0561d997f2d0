#pragma once
// What one GroupCoordinator step asks of its host: responses, timers to arm, trace events
// (raft's Ready, in prose). Timer vocabulary follows the keys of Kafka's
// GroupMetadataManager (classicGroupJoinKey, classicGroupSyncKey, classicGroupHeartbeatKey).
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "ksim/group/coordinator_record.h"
#include "ksim/protocol/heartbeat.h"
#include "ksim/protocol/join_group.h"
#include "ksim/protocol/leave_group.h"
#include "ksim/protocol/offset_commit.h"
#include "ksim/protocol/offset_fetch.h"
#include "ksim/protocol/sync_group.h"
#include "ksim/types/time.h"
#include "ksim/types/trace_event.h"

namespace ksim::group {

// Chosen by the host for each request and echoed with its response, which may come back from
// a later call (JoinGroup and SyncGroup are parked until the group moves on).
using RequestHandle = uint64_t;

using GroupResponse = std::variant<JoinGroupResponse, SyncGroupResponse, HeartbeatResponse,
                                   LeaveGroupResponse, OffsetCommitResponse, OffsetFetchResponse>;

enum class TimerKind : uint8_t {
  kInitialJoin,    // group: one group.initial.rebalance.delay.ms slice of the first rebalance
  kJoin,           // group: the rebalance timeout of a join phase
  kPendingSync,    // group: the rebalance timeout for every member's SyncGroup
  kHeartbeat,      // member: session.timeout.ms (also for KIP-394 pending members)
  kNewMemberJoin,  // member: the 5-minute join timeout of a member added by JoinGroup
};

// "initial-join", "join", "pending-sync", "heartbeat", "new-member-join".
std::string_view timer_kind_name(TimerKind kind);

struct TimerKey {
  std::string group_id;
  TimerKind kind = TimerKind::kJoin;
  std::string member_id;  // "" for the group timers (initial-join, join, pending-sync)

  auto operator<=>(const TimerKey&) const = default;
  bool operator==(const TimerKey&) const = default;
};

// "heartbeat g/a-1", "join g".
std::string to_string(const TimerKey& key);

// What the host must do after a step, in this order:
//   0. append `records` to __consumer_offsets-<record.partition> as the leader (one batch per
//      partition, in order), so they replicate like any other record. The coordinator has
//      already applied them to its memory (Kafka's CoordinatorRuntime does the same and rolls
//      back on a failed write; ksim does not roll back);
//   1. send `responses` (each to the request that carried the handle). A step that wrote
//      records is a write: its responses go out once the partition's high watermark covers
//      the records (CoordinatorRuntime completes a write's future on commit); the host also
//      keeps later responses of that partition behind earlier held ones, in order;
//   2. arm each timer of `timers` at its absolute deadline (µs), replacing any armed timer with
//      an equal key; when it is due, call GroupCoordinator::on_timer(key, deadline or later).
//      Timers are never cancelled explicitly: a timer that is no longer wanted fires as a
//      harmless no-op, so a host may also drop timers of groups it no longer hosts;
//   3. append `trace` to the run's trace unchanged (the kernel stamps the virtual time).
//      Each event names the group ("group") and, where Kafka logs a line for the same moment,
//      carries it verbatim in "kafka_log" (once per Kafka log line).
struct GroupEffects {
  std::vector<std::pair<RequestHandle, GroupResponse>> responses;
  std::vector<std::pair<TimerKey, Time>> timers;
  std::vector<TraceEvent> trace;
  std::vector<CoordinatorRecord> records;
};

}  // namespace ksim::group
