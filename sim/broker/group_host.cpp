// The broker side of the classic group protocol: FindCoordinator, and the group APIs routed to
// the pure GroupCoordinator, whose effects (records, responses, timers, trace) are carried out
// here. A broker coordinates the groups whose __consumer_offsets partition it leads: it loads
// them by replaying that partition's log when it becomes leader and forgets them when it stops.
// Follows KafkaApis (group APIs), CoordinatorRuntime (writes answered on commit) and
// CoordinatorLoaderImpl (load by replay).
#include "sim/broker/broker_internal.h"

#include <limits>
#include <type_traits>

namespace ksim {
namespace {

const std::string kOffsetsTopic = "__consumer_offsets";

// A response turned into the error a failed or abandoned write answers with.
void set_error(group::GroupResponse& response, ErrorCode error) {
  std::visit(
      [&](auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, OffsetCommitResponse>) {
          for (auto& p : r.partitions) p.error = error;
        } else {
          r.error = error;
        }
      },
      response);
}

RecordBatch make_batch(const std::vector<const group::CoordinatorRecord*>& records,
                       int64_t now_ms) {
  RecordBatch b{.first_timestamp = now_ms, .max_timestamp = now_ms};
  for (const group::CoordinatorRecord* r : records) {
    b.records.push_back(Record{.offset_delta = b.record_count, .key = r->key, .value = r->value});
    b.size_bytes += record_size_bytes(static_cast<int32_t>(r->key.size()),
                                      r->value ? static_cast<int32_t>(r->value->size()) : 0);
    b.record_count++;
  }
  b.last_offset_delta = b.record_count - 1;
  return b;
}

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
          int32_t p = offsets_partition_for(req.group_id);
          group_requests_.emplace(handle, reply_address(m));
          if constexpr (std::is_same_v<T, JoinGroupRequest>)
            apply_group_effects(groups_->on_join_group(handle, req, now()), p);
          if constexpr (std::is_same_v<T, SyncGroupRequest>)
            apply_group_effects(groups_->on_sync_group(handle, req, now()), p);
          if constexpr (std::is_same_v<T, HeartbeatRequest>)
            apply_group_effects(groups_->on_heartbeat(handle, req, now()), p);
          if constexpr (std::is_same_v<T, LeaveGroupRequest>)
            apply_group_effects(groups_->on_leave_group(handle, req, now()), p);
          if constexpr (std::is_same_v<T, OffsetCommitRequest>)
            apply_group_effects(groups_->on_offset_commit(handle, req, now()), p);
          if constexpr (std::is_same_v<T, OffsetFetchRequest>)
            apply_group_effects(groups_->on_offset_fetch(handle, req, now()), p);
        }
      },
      m.body);
}

void Broker::apply_group_effects(group::GroupEffects effects, int32_t partition) {
  // 0. Records: one leader append per partition (acks=all, as the coordinator writes).
  Offset required = kNoOffset;
  ErrorCode append_error = ErrorCode::NONE;
  std::map<int32_t, std::vector<const group::CoordinatorRecord*>> by_partition;
  for (const group::CoordinatorRecord& r : effects.records) by_partition[r.partition].push_back(&r);
  for (const auto& [p, records] : by_partition) {
    ProducePartitionData d{.tp = {kOffsetsTopic, p},
                           .batch = make_batch(records, now() / kMillisecond)};
    ProducePartitionResponse r = append_to_leader(d, -1);
    if (r.error != ErrorCode::NONE) {
      append_error = ErrorCode::NOT_COORDINATOR;  // Kafka maps a failed append to this family
      continue;
    }
    if (p == partition) required = r.base_offset + d.batch.last_offset_delta + 1;
  }
  // 1. Responses: a write waits for its commit; anything after it waits behind it.
  HeldGroupResponses held{.required = required};
  for (auto& [handle, response] : effects.responses) {
    auto it = group_requests_.find(handle);
    if (it == group_requests_.end()) continue;
    if (append_error != ErrorCode::NONE) set_error(response, append_error);
    held.responses.emplace_back(std::move(it->second), std::move(response));
    group_requests_.erase(it);
  }
  auto& queue = held_group_responses_[partition];
  if (held.required == kNoOffset && !queue.empty()) held.required = queue.back().required;
  if (held.required != kNoOffset && append_error == ErrorCode::NONE) {
    if (!held.responses.empty()) queue.push_back(std::move(held));
  } else {
    for (auto& [request, response] : held.responses)
      std::visit([&](auto& r) { send_response(request, std::move(r)); }, response);
  }
  // 2. Timers. 3. Trace.
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
  release_group_responses(partition);  // a single-replica partition commits at once
}

void Broker::release_group_responses(int32_t partition) {
  auto it = held_group_responses_.find(partition);
  if (it == held_group_responses_.end()) return;
  const Partition* p = this->partition({kOffsetsTopic, partition});
  Offset hw = p != nullptr ? p->log().high_watermark() : 0;
  while (!it->second.empty() && it->second.front().required <= hw) {
    for (auto& [request, response] : it->second.front().responses)
      std::visit([&](auto& r) { send_response(request, std::move(r)); }, response);
    it->second.pop_front();
  }
  if (it->second.empty()) held_group_responses_.erase(it);
}

void Broker::load_group_partition(int32_t partition) {
  const Partition* p = this->partition({kOffsetsTopic, partition});
  if (p == nullptr) return;
  Offset offset = p->log().log_start_offset();
  Offset end = p->log().log_end_offset();
  while (offset < end) {
    auto read = p->log().read(offset, std::numeric_limits<int32_t>::max(), end, true);
    if (!read || read->batches.empty()) break;
    for (const RecordBatch& b : read->batches) {
      for (const Record& r : b.records)
        if (b.base_offset + r.offset_delta >= offset)
          groups_->replay(partition, r.key, r.value, now());
      offset = b.next_offset();
    }
  }
  apply_group_effects(groups_->load_complete(partition, now()), partition);
}

void Broker::unload_group_partition(int32_t partition) {
  // Writes still waiting for their commit fail: the new coordinator may not have them.
  auto it = held_group_responses_.find(partition);
  if (it != held_group_responses_.end()) {
    for (HeldGroupResponses& held : it->second) {
      for (auto& [request, response] : held.responses) {
        set_error(response, ErrorCode::NOT_COORDINATOR);
        std::visit([&](auto& r) { send_response(request, std::move(r)); }, response);
      }
    }
    held_group_responses_.erase(it);
  }
  apply_group_effects(groups_->unload(partition, now()), partition);
}

}  // namespace ksim
