// Produce: acks 0/1/all, min.insync.replicas checks before and after append, DelayedProduce
// until the HW covers the batch or request.timeout expires. Follows ReplicaManager.appendRecords,
// Partition.appendRecordsToLeader and Partition.checkEnoughReplicasReachOffset.
#include "sim/broker/broker_internal.h"

#include "ksim/types/assert.h"

namespace ksim {

ProducePartitionResponse Broker::append_to_leader(ProducePartitionData& d, int16_t acks) {
  ProducePartitionResponse r{.tp = d.tp};
  Partition* p = find_partition(d.tp);
  if (p == nullptr || p->role() != ReplicaRole::Leader) {
    r.error = topic_in_metadata(d.tp.topic) ? ErrorCode::NOT_LEADER_OR_FOLLOWER
                                            : ErrorCode::UNKNOWN_TOPIC_OR_PARTITION;
    return r;
  }
  if (acks == -1 && p->under_min_isr()) {
    r.error = ErrorCode::NOT_ENOUGH_REPLICAS;  // nothing appended
    return r;
  }
  auto appended = p->mutable_log().append_as_leader(std::move(d.batch), p->leader_epoch(),
                                                    now() / kMillisecond);
  if (!appended) {
    r.error = appended.code();
    return r;
  }
  r.base_offset = appended->first_offset;
  r.log_start_offset = p->log().log_start_offset();
  if (appended->duplicate) {
    // An idempotent producer's retry of a batch already in the log: answered with its offsets.
    TraceEvent e{.type = "log.duplicate"};
    e.add("broker", int64_t{broker_id_}).add("topic", d.tp.topic);
    e.add("partition", int64_t{d.tp.partition}).add("base_offset", appended->first_offset);
    e.add("producer_id", d.batch.producer_id).add("base_sequence", int64_t{d.batch.base_sequence});
    emit(e);
    return r;
  }
  TraceEvent e{.type = "log.append"};
  e.add("broker", int64_t{broker_id_}).add("topic", d.tp.topic);
  e.add("partition", int64_t{d.tp.partition}).add("base_offset", appended->first_offset);
  e.add("last_offset", appended->last_offset).add("records", int64_t{appended->record_count});
  e.add("leader_epoch", int64_t{p->leader_epoch()});
  emit(e);
  maybe_flush(*p);
  on_log_appended(d.tp);
  return r;
}

void Broker::handle(Message& m, ProduceRequest& r) {
  auto delayed = std::make_unique<DelayedProduce>();
  bool waiting = false;
  for (ProducePartitionData& d : r.partitions) {
    ProducePartitionResponse result = append_to_leader(d, r.acks);
    Offset required = kNoOffset;
    if (r.acks == -1 && result.error == ErrorCode::NONE) {
      required = d.batch.record_count > 0 ? result.base_offset + d.batch.last_offset_delta + 1
                                          : result.base_offset;
      const Partition* p = partition(d.tp);
      if (p->log().high_watermark() >= required) required = kNoOffset;  // already replicated
      waiting = waiting || required != kNoOffset;
    }
    delayed->results.push_back(result);
    delayed->required_offsets.push_back(required);
  }
  if (r.acks == 0) return;  // acks=0: no response at all (errors would close the connection)
  if (!waiting) {
    send_response(m, ProduceResponse{.partitions = std::move(delayed->results)});
    return;
  }
  delayed->id = next_delayed_id_++;
  delayed->request = reply_address(m);
  delayed->deadline = now() + from_ms(r.timeout_ms);
  set_timer_at(delayed->deadline, kDelayedProduceExpiry, delayed->id);
  delayed_produces_.emplace(delayed->id, std::move(delayed));
}

void Broker::try_complete_produces() {
  std::vector<uint64_t> done;
  for (auto& [id, d] : delayed_produces_) {
    bool complete = true;
    for (size_t i = 0; i < d->results.size(); i++) {
      if (d->required_offsets[i] == kNoOffset) continue;
      const Partition* p = partition(d->results[i].tp);
      if (p == nullptr || p->role() != ReplicaRole::Leader) {
        d->results[i].error = ErrorCode::NOT_LEADER_OR_FOLLOWER;
        d->required_offsets[i] = kNoOffset;
        continue;
      }
      if (p->log().high_watermark() < d->required_offsets[i]) {
        complete = false;
        continue;
      }
      // checkEnoughReplicasReachOffset: the data is in, but the ISR may have shrunk below min.
      if (p->under_min_isr()) d->results[i].error = ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND;
      d->required_offsets[i] = kNoOffset;
    }
    if (complete) done.push_back(id);
  }
  for (uint64_t id : done) {
    auto node = delayed_produces_.extract(id);
    send_response(node.mapped()->request, ProduceResponse{.partitions = node.mapped()->results});
  }
}

void Broker::expire_produce(uint64_t id) {
  auto it = delayed_produces_.find(id);
  if (it == delayed_produces_.end()) return;
  DelayedProduce& d = *it->second;
  for (size_t i = 0; i < d.results.size(); i++)
    if (d.required_offsets[i] != kNoOffset) d.results[i].error = ErrorCode::REQUEST_TIMED_OUT;
  send_response(d.request, ProduceResponse{.partitions = d.results});
  delayed_produces_.erase(it);
}

void Broker::on_log_appended(const TopicPartition& tp) {
  Partition* p = find_partition(tp);
  KSIM_ASSERT(p != nullptr);
  if (p->role() == ReplicaRole::Leader && p->maybe_increment_high_watermark(now()))
    on_high_watermark_moved(tp);
  try_complete_fetches(tp);  // followers wait for new data (LEO), not the HW
}

void Broker::on_high_watermark_moved(const TopicPartition& tp) {
  trace_hw(*find_partition(tp));
  if (tp.topic == "__consumer_offsets") release_group_responses(tp.partition);  // group_host
  try_complete_produces();
  try_complete_fetches(tp);
}

}  // namespace ksim
