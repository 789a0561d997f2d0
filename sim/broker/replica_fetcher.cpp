// Replica fetchers: one per source broker (num.replica.fetchers = 1). A follower fetches from
// its LEO with its last fetched epoch, truncates on a diverging epoch (KIP-595/KIP-320), appends
// what the leader sent and takes min(leader HW, own LEO) as its HW. Also the leader's ISR
// proposals (AlterPartition, KIP-497). Follows AbstractFetcherThread and ReplicaFetcherThread.
#include "sim/broker/broker_internal.h"

#include <algorithm>

namespace ksim {
namespace {

// The broker-to-controller channel's request timeout (request.timeout.ms, 30 s by default;
// BrokerToControllerChannelManager), after which AlterPartitionManager retries.
constexpr Duration kAlterPartitionRequestTimeout = 30 * kSecond;
// replica.socket.timeout.ms (30 s by default; ReplicaFetcherBlockingSend): a fetch whose request
// or response the network lost is given up after it and sent again, else the follower would
// wait for it forever.
constexpr Duration kReplicaSocketTimeout = 30 * kSecond;

}  // namespace

void Broker::update_fetchers() {
  std::map<BrokerId, int> wanted;
  for (const auto& [tp, p] : partitions_)
    if (p.role() == ReplicaRole::Follower && p.leader() != kNoBroker && p.leader() != broker_id_)
      wanted[p.leader()]++;
  std::erase_if(fetchers_, [&](const auto& kv) { return !wanted.count(kv.first); });
  for (const auto& [leader, count] : wanted) {
    auto& f = fetchers_[leader];
    if (!f) f = std::make_unique<FetcherState>(FetcherState{.leader = leader});
    if (!f->in_flight && !f->backing_off) send_replica_fetch(leader);
  }
}

void Broker::send_replica_fetch(BrokerId leader) {
  auto it = fetchers_.find(leader);
  if (it == fetchers_.end()) return;
  NodeId node = broker_node(leader);
  FetchRequest r{.replica_id = broker_id_,
                 .max_wait_ms = static_cast<int32_t>(to_ms(config_.replica_fetch_wait_max)),
                 .min_bytes = config_.replica_fetch_min_bytes};
  std::vector<TopicPartition>& spare = it->second->spare_tps;
  r.partitions.reserve(spare.size());  // as many as last time, usually
  // partition_index_ in topic order, then partition order: the order of partitions_, without
  // walking its tree.
  for (const auto& [topic, index] : partition_index_) {
    for (const Partition* p : index) {
      if (p == nullptr || p->role() != ReplicaRole::Follower || p->leader() != leader) continue;
      FetchPartition& fp = r.partitions.emplace_back();
      if (!spare.empty()) {
        fp.tp = std::move(spare.back());
        spare.pop_back();
      }
      fp.tp.topic = topic;  // into the reused buffer
      fp.tp.partition = p->tp().partition;
      fp.fetch_offset = p->log().log_end_offset();
      fp.current_leader_epoch = p->leader_epoch();
      fp.last_fetched_epoch = p->log().latest_epoch();
      fp.log_start_offset = p->log().log_start_offset();
      fp.partition_max_bytes = config_.replica_fetch_max_bytes;
    }
  }
  if (r.partitions.empty() || node < 0) {
    fetchers_.erase(it);
    return;
  }
  it->second->in_flight = true;
  it->second->correlation_id = send_request(node, std::move(r));
  set_timer(kReplicaSocketTimeout, kFetchRequestTimeout,
            (static_cast<uint64_t>(leader) << 32) |
                static_cast<uint32_t>(it->second->correlation_id));
}

void Broker::expire_replica_fetch(uint64_t arg) {
  auto it = fetchers_.find(static_cast<BrokerId>(arg >> 32));
  if (it == fetchers_.end() || !it->second->in_flight) return;
  if (static_cast<uint32_t>(it->second->correlation_id) != static_cast<uint32_t>(arg)) return;
  it->second->in_flight = false;
  // ReplicaFetcherBlockingSend closes its connection on the timeout; a late answer is not read.
  if (NodeId node = broker_node(it->first); node >= 0) disconnect(node);
  send_replica_fetch(it->first);
}

void Broker::on_disconnected(NodeId peer) {
  // The leader's host reset the fetcher's connection (its process crashed): the fetch in flight
  // fails with an IOException ("Connection to N was disconnected before the response was
  // read"), and AbstractFetcherThread.processFetchRequest backs off replica.fetch.backoff.ms
  // before fetching again, from whichever leader the metadata names by then. The controller is
  // never reset (it cannot crash in ksim), so AlterPartition, AllocateProducerIds and
  // BrokerHeartbeat keep their request timeouts only.
  for (auto& [leader, f] : fetchers_) {
    if (broker_node(leader) != peer || !f->in_flight) continue;
    f->in_flight = false;
    f->backing_off = true;
    set_timer(config_.replica_fetch_backoff, kFetcherBackoff, static_cast<uint64_t>(leader));
  }
}

void Broker::process_follower_data(Partition& p, FetchPartitionData& d) {
  PartitionLog& log = p.mutable_log();
  if (d.diverging_epoch) {
    auto own = log.end_offset_for_epoch(d.diverging_epoch->epoch);
    Offset target = d.diverging_epoch->end_offset;
    if (own && own->epoch == d.diverging_epoch->epoch) target = std::min(target, own->end_offset);
    Offset before = log.log_end_offset();
    if (target < log.log_start_offset()) log.truncate_fully_and_start_at(d.log_start_offset);
    else (void)log.truncate_to(target);
    trace_truncate(p, before,
                   "diverging epoch " + std::to_string(d.diverging_epoch->epoch) + " ends at " +
                       std::to_string(d.diverging_epoch->end_offset));
    return;
  }
  for (RecordBatch& b : d.batches) {
    if (b.next_offset() <= log.log_end_offset()) continue;  // already have it
    auto appended = log.append_as_follower(std::move(b), now() / kMillisecond);
    if (!appended) break;
  }
  maybe_flush(p);
  Offset before_hw = log.high_watermark();
  log.update_follower_high_watermark(d.high_watermark);
  if (log.high_watermark() != before_hw) trace_hw(p);
}

void Broker::handle(Message& m, FetchResponse& r) {
  auto it = std::find_if(fetchers_.begin(), fetchers_.end(), [&](const auto& kv) {
    return broker_node(kv.first) == m.source;
  });
  if (it == fetchers_.end()) return;
  BrokerId leader = it->first;
  if (!it->second->in_flight || it->second->correlation_id != m.correlation_id) return;
  it->second->in_flight = false;
  bool error = r.error != ErrorCode::NONE;
  for (FetchPartitionData& d : r.partitions) {
    Partition* p = find_partition(d.tp);
    if (p == nullptr || p->role() != ReplicaRole::Follower || p->leader() != leader) continue;
    if (d.error == ErrorCode::OFFSET_OUT_OF_RANGE) {
      // AbstractFetcherThread.handleOutOfRangeError: behind the leader's log start, start over
      // there; otherwise truncate back to what the leader has committed.
      PartitionLog& log = p->mutable_log();
      Offset before = log.log_end_offset();
      if (before < d.log_start_offset) log.truncate_fully_and_start_at(d.log_start_offset);
      else (void)log.truncate_to(std::max(d.high_watermark, log.log_start_offset()));
      if (log.log_end_offset() != before) trace_truncate(*p, before, "offset out of range");
      continue;
    }
    if (d.error != ErrorCode::NONE) {
      error = true;
      continue;
    }
    process_follower_data(*p, d);
  }
  it->second->spare_tps.clear();
  for (FetchPartitionData& d : r.partitions) it->second->spare_tps.push_back(std::move(d.tp));
  if (error) {
    it->second->backing_off = true;
    set_timer(config_.replica_fetch_backoff, kFetcherBackoff, static_cast<uint64_t>(leader));
  } else {
    send_replica_fetch(leader);
  }
}

void Broker::check_isr_expiration() {
  for (auto& [tp, p] : partitions_) {
    if (p.role() != ReplicaRole::Leader) continue;
    if (auto isr = p.propose_isr_shrink(now())) send_alter_partition(p, *isr);
  }
}

void Broker::send_alter_partition(Partition& p, std::vector<BrokerId> isr) {
  AlterPartitionRequest r{.broker_id = broker_id_, .tp = p.tp(), .leader_epoch = p.leader_epoch(),
                          .partition_epoch = p.partition_epoch(), .new_isr = std::move(isr)};
  int32_t corr = send_request(controller_, std::move(r));
  pending_alters_[corr] = p.tp();
  set_timer(kAlterPartitionRequestTimeout, kAlterPartitionTimeout, static_cast<uint64_t>(corr));
}

void Broker::expire_alter_partition(int32_t correlation_id) {
  // AlterPartitionManager: a request (or its response) lost to the network must not block ISR
  // changes forever. Forget it; the next ISR-expiration pass or follower fetch proposes again
  // from the partition's current state. If the controller did apply the lost change, the new
  // proposal's partition epoch is stale and the answer carries the committed ISR.
  auto it = pending_alters_.find(correlation_id);
  if (it == pending_alters_.end()) return;
  Partition* p = find_partition(it->second);
  pending_alters_.erase(it);
  if (p == nullptr) return;
  p->abandon_alter_partition();
  TraceEvent e{.type = "alter_partition.timeout"};
  e.add("broker", int64_t{broker_id_}).add("topic", p->tp().topic);
  e.add("partition", int64_t{p->tp().partition});
  emit(e);
  if (p->role() != ReplicaRole::Leader) return;
  if (auto isr = p->propose_isr_shrink(now())) send_alter_partition(*p, *isr);
}

void Broker::maybe_flush(Partition& p) { p.mutable_log().maybe_flush(now() / kMillisecond); }

void Broker::handle(Message& m, AlterPartitionResponse& r) {
  auto it = pending_alters_.find(m.correlation_id);
  if (it == pending_alters_.end()) return;
  Partition* p = find_partition(it->second);
  pending_alters_.erase(it);
  if (p == nullptr) return;
  Offset before = p->log().high_watermark();
  p->on_alter_partition_response(r, now());
  if (p->log().high_watermark() != before) on_high_watermark_moved(p->tp());
}

}  // namespace ksim
