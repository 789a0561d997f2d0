// Fetch for consumers (up to the HW) and followers (up to the LEO, with the diverging-epoch
// check of KIP-595 truncation on fetch), long polling by fetch.min.bytes / fetch.max.wait.ms
// (DelayedFetch), and ListOffsets. Follows ReplicaManager.fetchMessages and Partition.fetchRecords.
#include "sim/broker/broker_internal.h"

namespace ksim {
namespace {

int64_t bytes_of(const FetchResponse& r) {
  int64_t total = 0;
  for (const FetchPartitionData& d : r.partitions)
    for (const RecordBatch& b : d.batches) total += b.size_bytes;
  return total;
}

// The leader's end of the follower's last fetched epoch when the follower's log diverges from
// it (KIP-595's divergingEpoch in FetchResponse), else nullopt.
std::optional<EpochEndOffset> diverging_epoch(const PartitionLog& log, const FetchPartition& fp) {
  if (fp.last_fetched_epoch < 0) return std::nullopt;
  auto end = log.end_offset_for_epoch(fp.last_fetched_epoch);
  if (end && (end->epoch < fp.last_fetched_epoch || end->end_offset < fp.fetch_offset))
    return end;
  return std::nullopt;
}

bool has_error(const FetchResponse& r) {
  for (const FetchPartitionData& d : r.partitions)
    if (d.error != ErrorCode::NONE || d.diverging_epoch) return true;
  return false;
}

}  // namespace

FetchPartitionData Broker::read_partition(const FetchPartition& fp, int32_t replica_id) {
  FetchPartitionData out;
  Partition* p = find_partition(fp.tp);
  if (p == nullptr || p->role() != ReplicaRole::Leader) {
    out.error = topic_in_metadata(fp.tp.topic) ? ErrorCode::NOT_LEADER_OR_FOLLOWER
                                               : ErrorCode::UNKNOWN_TOPIC_OR_PARTITION;
    return out;
  }
  const PartitionLog& log = p->log();
  out.high_watermark = log.high_watermark();
  out.last_stable_offset = log.high_watermark();
  out.log_start_offset = log.log_start_offset();
  if (fp.current_leader_epoch >= 0 && fp.current_leader_epoch != p->leader_epoch()) {
    out.error = fp.current_leader_epoch < p->leader_epoch() ? ErrorCode::FENCED_LEADER_EPOCH
                                                            : ErrorCode::UNKNOWN_LEADER_EPOCH;
    return out;
  }
  if (replica_id >= 0) {
    if (auto end = diverging_epoch(log, fp)) {
      out.diverging_epoch = *end;  // the follower must truncate before fetching on
      return out;
    }
  }
  Offset max_offset = replica_id >= 0 ? log.log_end_offset() : log.high_watermark();
  // Caught up (most partitions of a follower's fetch): the read would return no batches.
  if (fp.fetch_offset == max_offset && fp.fetch_offset >= log.log_start_offset()) return out;
  auto data = log.read(fp.fetch_offset, fp.partition_max_bytes, max_offset, true);
  if (!data) {
    out.error = data.code();
    return out;
  }
  out.batches = std::move(data.value().batches);
  return out;
}

void Broker::handle(Message& m, FetchRequest& r) {
  if (r.replica_id >= 0) {
    for (const FetchPartition& fp : r.partitions) {
      Partition* p = find_partition(fp.tp);
      if (p == nullptr || p->role() != ReplicaRole::Leader) continue;
      // Partition.fetchRecords: a fetch that diverges (or is past our LEO) says nothing about
      // the follower's progress: its log is about to be truncated. Counting it would let a
      // follower with a longer, divergent log look caught up and rejoin the ISR (found by the
      // isr-log-agreement invariant).
      if (diverging_epoch(p->log(), fp) || fp.fetch_offset > p->log().log_end_offset()) continue;
      if (p->on_follower_fetch(r.replica_id, fp.fetch_offset, now()))
        on_high_watermark_moved(fp.tp);
      if (auto isr = p->propose_isr_expand(r.replica_id)) send_alter_partition(*p, *isr);
    }
  }
  const int32_t max_wait_ms = r.max_wait_ms;
  auto node = take_fetch_node();
  DelayedFetch& delayed = *node.mapped();
  node.key() = delayed.id = next_delayed_id_++;
  delayed.request = std::move(m);  // `r` refers into it: not used below
  delayed.deadline = now() + from_ms(max_wait_ms);
  if (try_complete_fetch(delayed, max_wait_ms == 0)) {
    if (spare_fetches_.size() < kSpareFetches) spare_fetches_.push_back(std::move(node));
    return;
  }
  set_timer_at(delayed.deadline, kDelayedFetchExpiry, delayed.id);
  // DelayedOperationPurgatory: the fetch watches each of its partitions.
  for (const FetchPartition& fp : std::get<FetchRequest>(delayed.request.body).partitions)
    fetch_watchers_[fp.tp].push_back(delayed.id);
  delayed_fetches_.insert(std::move(node));
}

Broker::DelayedFetchMap::node_type Broker::take_fetch_node() {
  if (spare_fetches_.empty()) {
    DelayedFetchMap one;
    one.emplace(0, std::make_unique<DelayedFetch>());
    return one.extract(one.begin());
  }
  auto node = std::move(spare_fetches_.back());
  spare_fetches_.pop_back();
  return node;
}

bool Broker::partition_satisfies(const FetchRequest& r, const FetchPartition& fp) const {
  Partition* p = find_partition(fp.tp);
  if (p == nullptr || p->role() != ReplicaRole::Leader) return true;
  if (fp.current_leader_epoch >= 0 && fp.current_leader_epoch != p->leader_epoch()) return true;
  const PartitionLog& log = p->log();
  if (fp.fetch_offset < log.log_start_offset() || fp.fetch_offset > log.log_end_offset())
    return true;
  if (r.replica_id >= 0 && diverging_epoch(log, fp)) return true;
  Offset limit = r.replica_id >= 0 ? log.log_end_offset() : log.high_watermark();
  return r.min_bytes <= 1 && limit > fp.fetch_offset;
}

bool Broker::fetch_satisfiable(const FetchRequest& r, const TopicPartition* moved) {
  // DelayedFetch.tryComplete, decided from offsets where that is enough: an error to report, or
  // (fetch.min.bytes <= 1) any partition with something to read below its limit. The answer
  // does not depend on the order of the tests, so the partition that moved goes first: a
  // follower's fetch lists every partition it follows, and usually only that one has news.
  if (moved != nullptr) {
    for (const FetchPartition& fp : r.partitions)
      if (fp.tp.partition == moved->partition && fp.tp == *moved && partition_satisfies(r, fp))
        return true;
  }
  for (const FetchPartition& fp : r.partitions)
    if (partition_satisfies(r, fp)) return true;
  if (r.min_bytes <= 1) return false;
  FetchResponse resp;  // fetch.min.bytes > 1: count the bytes a read would return
  for (const FetchPartition& fp : r.partitions)
    resp.partitions.push_back(read_partition(fp, r.replica_id));
  return has_error(resp) || bytes_of(resp) >= r.min_bytes;
}

bool Broker::try_complete_fetch(DelayedFetch& f, bool force, const TopicPartition* moved) {
  FetchRequest& r = std::get<FetchRequest>(f.request.body);
  if (!force && !fetch_satisfiable(r, moved)) return false;
  FetchResponse resp;
  resp.partitions.reserve(r.partitions.size());
  for (FetchPartition& fp : r.partitions) {
    resp.partitions.push_back(read_partition(fp, r.replica_id));
    resp.partitions.back().tp = std::move(fp.tp);  // the request is done with below
  }
  send_response(f.request, std::move(resp));
  // Keeps f for reuse, unless it completed on arrival (not in the map: its caller keeps it).
  auto node = delayed_fetches_.extract(f.id);
  if (!node.empty() && spare_fetches_.size() < kSpareFetches)
    spare_fetches_.push_back(std::move(node));
  return true;
}

void Broker::try_complete_fetches() {
  std::vector<uint64_t> ids;
  for (const auto& [id, f] : delayed_fetches_) ids.push_back(id);
  for (uint64_t id : ids) {
    auto it = delayed_fetches_.find(id);
    if (it != delayed_fetches_.end()) try_complete_fetch(*it->second, false);
  }
  fetch_watchers_.clear();
  for (const auto& [id, f] : delayed_fetches_)
    for (const FetchPartition& fp : std::get<FetchRequest>(f->request.body).partitions)
      fetch_watchers_[fp.tp].push_back(id);
}

void Broker::try_complete_fetches(const TopicPartition& tp) {
  auto watchers = fetch_watchers_.find(tp);
  if (watchers == fetch_watchers_.end()) return;
  std::vector<uint64_t> ids;
  ids.swap(watchers->second);
  for (uint64_t id : ids) {
    auto it = delayed_fetches_.find(id);
    if (it == delayed_fetches_.end()) continue;  // completed or expired: drop the watch
    if (!try_complete_fetch(*it->second, false, &tp)) fetch_watchers_[tp].push_back(id);
  }
}

void Broker::handle(Message& m, ListOffsetsRequest& r) {
  ListOffsetsResponse resp;
  for (const ListOffsetsPartition& lp : r.partitions) {
    ListOffsetsPartitionResponse out{.tp = lp.tp};
    const Partition* p = partition(lp.tp);
    if (p == nullptr || p->role() != ReplicaRole::Leader) {
      out.error = ErrorCode::NOT_LEADER_OR_FOLLOWER;
    } else if (lp.timestamp == kListOffsetsEarliest) {
      out.offset = p->log().log_start_offset();
    } else if (lp.timestamp == kListOffsetsLatest) {
      // read_uncommitted "latest" is the HW (Partition.fetchOffsetForTimestamp).
      out.offset = r.replica_id >= 0 ? p->log().log_end_offset() : p->log().high_watermark();
    } else {
      out.error = ErrorCode::INVALID_REQUEST;  // by-timestamp lookup is not modelled yet
    }
    if (p != nullptr) out.leader_epoch = p->leader_epoch();
    resp.partitions.push_back(out);
  }
  send_response(m, std::move(resp));
}

}  // namespace ksim
