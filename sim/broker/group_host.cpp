// The broker side of the classic group protocol: FindCoordinator, and the group APIs routed to
// the pure GroupCoordinator, whose effects (responses, timers, trace) are carried out here.
// A broker coordinates the groups whose __consumer_offsets partition it leads.
#include "sim/broker/broker_internal.h"

#include <type_traits>

namespace ksim {
namespace {

const std::string kOffsetsTopic = "__consumer_offsets";

}  // namespace

template <typename Request>
void Broker::send_not_coordinator(const Message& m, const Request& req) {
  // The client then looks the coordinator up again (FindCoordinator).
  if constexpr (std::is_same_v<Request, JoinGroupRequest>) {
    send_response(m, JoinGroupResponse{.error = ErrorCode::NOT_COORDINATOR});
  } else if constexpr (std::is_same_v<Request, SyncGroupRequest>) {
    send_response(m, SyncGroupResponse{.error = ErrorCode::NOT_COORDINATOR});
  } else if constexpr (std::is_same_v<Request, HeartbeatRequest>) {
    send_response(m, HeartbeatResponse{.error = ErrorCode::NOT_COORDINATOR});
  } else if constexpr (std::is_same_v<Request, LeaveGroupRequest>) {
    send_response(m, LeaveGroupResponse{.error = ErrorCode::NOT_COORDINATOR});
  } else if constexpr (std::is_same_v<Request, OffsetCommitRequest>) {
    OffsetCommitResponse r;
    for (const auto& p : req.partitions) r.partitions.push_back({p.tp, ErrorCode::NOT_COORDINATOR});
    send_response(m, r);
  } else {
    send_response(m, OffsetFetchResponse{.error = ErrorCode::NOT_COORDINATOR});
  }
}

void Broker::handle_group_message(Message& m) {
  if (auto* fc = std::get_if<FindCoordinatorRequest>(&m.body)) {
    FindCoordinatorResponse resp;
    int32_t p = offsets_partition_for(fc->key);
    resp.error = ErrorCode::COORDINATOR_NOT_AVAILABLE;
    for (const TopicMetadata& t : metadata_.topics) {
      if (t.name != kOffsetsTopic || p >= static_cast<int32_t>(t.partitions.size())) continue;
      BrokerId leader = t.partitions[static_cast<size_t>(p)].leader;
      if (leader == kNoBroker) break;
      resp = {.error = ErrorCode::NONE, .node_id = leader,
              .host = "broker-" + std::to_string(leader), .port = 9092};
    }
    return send_response(m, resp);
  }
  auto coordinates = [&](const std::string& group_id) {
    const Partition* p = partition({kOffsetsTopic, offsets_partition_for(group_id)});
    return p != nullptr && p->role() == ReplicaRole::Leader;
  };
  uint64_t handle = next_group_handle_++;
  std::visit(
      [&](auto& req) {
        using T = std::decay_t<decltype(req)>;
        if constexpr (std::is_same_v<T, JoinGroupRequest> || std::is_same_v<T, SyncGroupRequest> ||
                      std::is_same_v<T, HeartbeatRequest> ||
                      std::is_same_v<T, LeaveGroupRequest> ||
                      std::is_same_v<T, OffsetCommitRequest> ||
                      std::is_same_v<T, OffsetFetchRequest>) {
          if (!coordinates(req.group_id)) return send_not_coordinator(m, req);
          group_requests_.emplace(handle, Message{.source = m.source, .destination = m.destination,
                                                  .correlation_id = m.correlation_id});
          if constexpr (std::is_same_v<T, JoinGroupRequest>)
            apply_group_effects(groups_->on_join_group(handle, req, now()));
          if constexpr (std::is_same_v<T, SyncGroupRequest>)
            apply_group_effects(groups_->on_sync_group(handle, req, now()));
          if constexpr (std::is_same_v<T, HeartbeatRequest>)
            apply_group_effects(groups_->on_heartbeat(handle, req, now()));
          if constexpr (std::is_same_v<T, LeaveGroupRequest>)
            apply_group_effects(groups_->on_leave_group(handle, req, now()));
          if constexpr (std::is_same_v<T, OffsetCommitRequest>)
            apply_group_effects(groups_->on_offset_commit(handle, req, now()));
          if constexpr (std::is_same_v<T, OffsetFetchRequest>)
            apply_group_effects(groups_->on_offset_fetch(handle, req, now()));
        }
      },
      m.body);
}

void Broker::apply_group_effects(group::GroupEffects effects) {
  for (auto& [handle, response] : effects.responses) {
    auto it = group_requests_.find(handle);
    if (it == group_requests_.end()) continue;
    std::visit([&](auto& r) { send_response(it->second, std::move(r)); }, response);
    group_requests_.erase(it);
  }
  for (auto& [key, deadline] : effects.timers) {
    uint64_t arg = next_group_timer_++;
    group_timer_latest_[key] = arg;
    group_timers_[arg] = key;
    set_timer_at(std::max(deadline, now()), kGroupTimer, arg);
  }
  for (TraceEvent& e : effects.trace) {
    e.add("coordinator", int64_t{broker_id_});
    emit(e);
  }
}

}  // namespace ksim
