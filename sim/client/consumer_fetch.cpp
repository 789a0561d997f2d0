// Consumer positions and fetches: OffsetFetch then auto.offset.reset by ListOffsets, fetch
// sessions per leader (one in flight per broker). Follows ConsumerCoordinator (offsets) and the
// classic Fetcher.
#include <algorithm>

#include "ksim/client/consumer.h"

namespace ksim {
namespace {

std::string fetch_position(const TopicPartition&, Offset offset, BrokerId leader,
                           LeaderEpoch epoch) {
  return "FetchPosition{offset=" + std::to_string(offset) +
         ", offsetEpoch=Optional.empty, currentLeader=LeaderAndEpoch{leader=Optional[broker-" +
         std::to_string(leader) + ":9092 (id: " + std::to_string(leader) +
         " rack: null)], epoch=" + std::to_string(epoch) + "}}";
}

}  // namespace

void Consumer::fetch_committed_offsets() {
  if (coordinator_ < 0) return;
  OffsetFetchRequest r{.group_id = config_.group_id};
  for (auto& [tp, ps] : partitions_) {
    if (ps.position != kNoOffset || ps.fetching_offset) continue;
    ps.fetching_offset = true;
    r.partitions.push_back(tp);
  }
  if (r.partitions.empty()) return;
  int32_t corr = send_request(coordinator_, std::move(r));
  track(corr, {.kind = Pending::OffsetFetch, .node = coordinator_});
}

void Consumer::on_offset_fetch_response(OffsetFetchResponse& r) {
  std::vector<TopicPartition> reset;
  for (const OffsetFetchPartitionResponse& p : r.partitions) {
    auto it = partitions_.find(p.tp);
    if (it == partitions_.end()) continue;
    it->second.fetching_offset = false;
    if (r.error != ErrorCode::NONE || p.error != ErrorCode::NONE) continue;  // retried later
    if (p.committed_offset < 0) {
      reset.push_back(p.tp);
      continue;
    }
    it->second.position = p.committed_offset;
    TraceEvent e{.type = "consumer.seek_committed"};
    e.add("consumer", name()).add("group", config_.group_id).add("topic", p.tp.topic);
    e.add("partition", int64_t{p.tp.partition}).add("offset", p.committed_offset);
    e.add("kafka_log", "Setting offset for partition " + p.tp.to_string() +
                           " to the committed offset " +
                           fetch_position(p.tp, p.committed_offset, leader_of(p.tp),
                                          leader_epoch_of(p.tp)));
    emit(e);
  }
  if (r.error == ErrorCode::NOT_COORDINATOR || r.error == ErrorCode::COORDINATOR_NOT_AVAILABLE)
    coordinator_unknown(error_name(r.error));
  if (!reset.empty()) reset_offsets(reset);
  send_fetches();
}

void Consumer::reset_offsets(const std::vector<TopicPartition>& tps) {
  if (config_.auto_offset_reset == "none") {
    std::string list;
    for (const TopicPartition& tp : tps) list += (list.empty() ? "" : ", ") + tp.to_string();
    trace_member("consumer.fatal", "NoOffsetForPartitionException: Undefined offset with no "
                                   "reset policy for partitions: [" + list + "]");
    state_ = MemberState::Stopped;
    return;
  }
  int64_t ts = config_.auto_offset_reset == "earliest" ? kListOffsetsEarliest : kListOffsetsLatest;
  std::map<BrokerId, ListOffsetsRequest> per_leader;
  for (const TopicPartition& tp : tps) {
    BrokerId leader = leader_of(tp);
    auto it = partitions_.find(tp);
    if (it == partitions_.end()) continue;
    if (leader == kNoBroker) {
      request_metadata_update();
      continue;
    }
    if (node_unavailable(node_of(leader))) continue;  // asked again at the next poll
    it->second.fetching_offset = true;
    per_leader[leader].partitions.push_back({.tp = tp, .timestamp = ts});
  }
  for (auto& [leader, request] : per_leader) {
    int32_t corr = send_request(node_of(leader), std::move(request));
    track(corr, {.kind = Pending::ListOffsets, .node = node_of(leader)});
  }
}

void Consumer::on_list_offsets_response(ListOffsetsResponse& r) {
  for (const ListOffsetsPartitionResponse& p : r.partitions) {
    auto it = partitions_.find(p.tp);
    if (it == partitions_.end()) continue;
    it->second.fetching_offset = false;
    if (p.error != ErrorCode::NONE) {
      request_metadata_update();
      continue;
    }
    it->second.position = p.offset;
    TraceEvent e{.type = "consumer.reset_offset"};
    e.add("consumer", name()).add("group", config_.group_id).add("topic", p.tp.topic);
    e.add("partition", int64_t{p.tp.partition}).add("offset", p.offset);
    e.add("policy", config_.auto_offset_reset);
    e.add("kafka_log", "Resetting offset for partition " + p.tp.to_string() + " to position " +
                           fetch_position(p.tp, p.offset, leader_of(p.tp), p.leader_epoch) + ".");
    emit(e);
  }
  send_fetches();
}

void Consumer::send_fetches() {
  if (state_ != MemberState::Stable) return;
  std::map<BrokerId, FetchRequest> per_leader;
  std::vector<TopicPartition> unknown;
  bool leaderless = false;
  for (auto& [tp, ps] : partitions_) {
    if (ps.position == kNoOffset) {
      if (!ps.fetching_offset) unknown.push_back(tp);
      continue;
    }
    if (!ps.buffer.empty()) continue;  // fetch again once the application drained it
    BrokerId leader = leader_of(tp);
    if (leader == kNoBroker) {
      leaderless = true;
      continue;
    }
    // Fetcher.prepareFetchRequests skips a leader in reconnect backoff (client.isUnavailable).
    if (fetch_in_flight_.count(node_of(leader)) || node_unavailable(node_of(leader))) continue;
    FetchRequest& r = per_leader[leader];
    r.max_wait_ms = static_cast<int32_t>(to_ms(config_.fetch_max_wait));
    r.min_bytes = config_.fetch_min_bytes;
    r.max_bytes = config_.fetch_max_bytes;
    r.partitions.push_back({.tp = tp, .fetch_offset = ps.position,
                            .current_leader_epoch = leader_epoch_of(tp),
                            .partition_max_bytes = config_.max_partition_fetch_bytes});
  }
  for (auto& [leader, request] : per_leader) {
    NodeId node = node_of(leader);
    fetch_in_flight_.insert(node);
    int32_t corr = send_request(node, std::move(request));
    track(corr, {.kind = Pending::Fetch, .node = node});
  }
  if (!unknown.empty()) fetch_committed_offsets();
  // Fetcher.prepareFetchRequests: "Requesting metadata update for partition … since the
  // position … is missing the current leader node"; Metadata refreshes at most every
  // retry.backoff.ms. (A partition goes leaderless when its only in-sync replica's process
  // crashed; without this the consumer would wait for metadata.max.age.ms.)
  if (leaderless) set_timer(config_.retry_backoff, kMetadataRefreshTimer, 0);
}

void Consumer::on_fetch_response(NodeId from, FetchResponse& r) {
  fetch_in_flight_.erase(from);
  bool got_records = false;
  for (FetchPartitionData& d : r.partitions) {
    auto it = partitions_.find(d.tp);
    if (it == partitions_.end() || it->second.position == kNoOffset) continue;
    PartitionState& ps = it->second;
    if (d.error == ErrorCode::OFFSET_OUT_OF_RANGE) {
      TraceEvent e{.type = "consumer.out_of_range"};
      e.add("consumer", name()).add("topic", d.tp.topic).add("partition", int64_t{d.tp.partition});
      e.add("offset", ps.position).add("log_start_offset", d.log_start_offset);
      emit(e);
      ps.position = kNoOffset;
      reset_offsets({d.tp});
      continue;
    }
    if (d.error != ErrorCode::NONE) {
      request_metadata_update();
      continue;
    }
    Offset next = ps.position + static_cast<Offset>(ps.buffer.size());
    for (const RecordBatch& b : d.batches) {
      for (int32_t i = 0; i < b.record_count; i++) {
        Offset offset = b.base_offset + (b.has_payloads() ? b.records[i].offset_delta : i);
        if (offset < next) continue;
        ConsumedRecord rec{.tp = d.tp, .offset = offset};
        if (b.has_payloads()) {
          rec.key = b.records[static_cast<size_t>(i)].key;
          rec.value = b.records[static_cast<size_t>(i)].value;
        }
        ps.buffer.push_back(std::move(rec));
        next = offset + 1;
        got_records = true;
      }
    }
  }
  if (got_records && in_poll_wait_) schedule_poll(0);  // poll() returns as soon as data is in
  send_fetches();
}

}  // namespace ksim
