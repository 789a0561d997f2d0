// The idempotent producer's side (TransactionManager without a transactional.id): the producer
// id and epoch from InitProducerId, sequence numbers per partition, retries drained strictly in
// sequence order, and the local epoch bump (KIP-360) when a sequence cannot be resolved.
#include <limits>

#include "ksim/client/producer.h"

namespace ksim {

bool Producer::ready_for_idempotent_send() {
  if (!config_.enable_idempotence) return true;
  bump_epoch_if_needed();
  if (epoch_bump_needed_) return false;  // nothing new goes out until the bump
  if (producer_id_ >= 0) return true;
  if (!init_in_flight_ && now() >= init_retry_at_) send_init_producer_id();
  return false;
}

void Producer::send_init_producer_id() {
  // Sender.maybeSendAndPollTransactionalRequest: to the least loaded broker.
  init_in_flight_ = true;
  init_node_ = any_broker();
  init_correlation_ = send_request(
      init_node_,
      InitProducerIdRequest{.transaction_timeout_ms = 60000});
  set_timer(config_.request_timeout, kInitProducerIdTimeout,
            static_cast<uint64_t>(static_cast<uint32_t>(init_correlation_)));
}

void Producer::on_init_producer_id_response(int32_t correlation,
                                            const InitProducerIdResponse& r) {
  if (!init_in_flight_ || correlation != init_correlation_) return;
  init_in_flight_ = false;
  if (r.error != ErrorCode::NONE) {
    // COORDINATOR_LOAD_IN_PROGRESS while the broker fetches an id block, or a dead broker:
    // retried after retry.backoff.ms.
    init_retry_at_ = now() + config_.retry_backoff;
    TraceEvent e{.type = "producer.init_retry"};
    e.add("producer", name()).add("error", std::string(error_name(r.error)));
    emit(e);
    set_timer(config_.retry_backoff, kSenderWakeup);
    return;
  }
  producer_id_ = r.producer_id;
  producer_epoch_ = r.producer_epoch;
  sequences_.clear();
  TraceEvent e{.type = "producer.init"};
  e.add("producer", name()).add("producer_id", producer_id_);
  e.add("producer_epoch", int64_t{producer_epoch_});
  emit(e);
  run_sender();
}

void Producer::on_init_producer_id_timeout(uint64_t correlation) {
  if (!init_in_flight_ ||
      static_cast<uint32_t>(init_correlation_) != static_cast<uint32_t>(correlation))
    return;
  init_in_flight_ = false;
  disconnect(init_node_);  // NetworkClient's request timeout closes the connection
  run_sender();  // asks another broker
}

bool Producer::may_drain(const Batch& head) const {
  // RecordAccumulator.shouldStopDrainBatchesForPartition: a retried batch goes only when it
  // is the first unresolved one of its partition, so the broker sees sequences in order.
  if (!config_.enable_idempotence) return true;
  auto it = sequences_.find(head.tp);
  if (it == sequences_.end() || it->second.in_flight.empty()) return true;
  // A new batch waits while the partition's batches of an older epoch are unresolved: its
  // sequences restart at 0 in the new epoch once they are (hasStaleProducerIdAndEpoch).
  if (head.base_sequence < 0) return it->second.epoch == producer_epoch_;
  return *it->second.in_flight.begin() == head.base_sequence;
}

void Producer::assign_sequence(Batch& b) {
  if (!config_.enable_idempotence || b.base_sequence >= 0) return;
  PartitionSequences& s = sequences_[b.tp];
  if (s.epoch != producer_epoch_) {
    // TransactionManager.maybeUpdateProducerIdAndEpoch: nothing of the old epoch is unresolved
    // any more (may_drain saw to it), so the partition starts at 0 in the current epoch.
    s.next = 0;
    s.epoch = producer_epoch_;
  }
  b.base_sequence = s.next;
  b.producer_epoch = producer_epoch_;
  s.next = increment_sequence(s.next, static_cast<int64_t>(b.record_ids.size()));
  s.in_flight.insert(b.base_sequence);
}

void Producer::forget_sequence(const Batch& b) {
  if (b.base_sequence < 0) return;
  auto it = sequences_.find(b.tp);
  if (it != sequences_.end()) it->second.in_flight.erase(b.base_sequence);
}

bool Producer::can_retry_out_of_order(const Batch& b) const {
  // TransactionManager.canRetry: OUT_OF_ORDER_SEQUENCE_NUMBER for a batch that is not the
  // first unresolved one means an earlier batch failed and will be retried first.
  if (epoch_bump_needed_) return true;  // the batch gets a new sequence after the bump
  auto it = sequences_.find(b.tp);
  return b.base_sequence >= 0 && it != sequences_.end() &&
         b.producer_epoch == it->second.epoch && !it->second.in_flight.empty() &&
         *it->second.in_flight.begin() != b.base_sequence;
}

void Producer::requeue(Batch b) {
  std::deque<Batch>& queue = batches_[b.tp];
  if (!config_.enable_idempotence || b.base_sequence < 0) {
    // RecordAccumulator.reenqueue: at the head, before batches drained after it; with more
    // than one request in flight this is how a retry overtakes later records (reordering).
    queue.push_front(std::move(b));
    return;
  }
  // insertInSequenceOrder: before the first batch with a higher or no sequence.
  auto pos = queue.begin();
  while (pos != queue.end() && pos->base_sequence >= 0 && pos->base_sequence < b.base_sequence)
    ++pos;
  queue.insert(pos, std::move(b));
}

void Producer::bump_epoch_if_needed() {
  // TransactionManager.bumpIdempotentEpochAndResetIdIfNeeded: once nothing is in flight, the
  // idempotent producer bumps its own epoch (at the epoch's maximum it needs a new id).
  if (!epoch_bump_needed_ || !in_flight_.empty() || producer_id_ < 0) return;
  epoch_bump_needed_ = false;
  if (producer_epoch_ == std::numeric_limits<int16_t>::max()) {
    producer_id_ = -1;
    producer_epoch_ = -1;
  } else {
    producer_epoch_++;
  }
  // bumpIdempotentProducerEpoch: only the partitions whose sequences could not be resolved
  // start again at 0 now; their waiting batches get new sequences in the new epoch, so one whose
  // first attempt did reach the log is written twice (idempotence holds within an epoch). The
  // other partitions keep their batches' epoch and sequences until those are resolved, and
  // then restart at 0 (maybeUpdateProducerIdAndEpoch, in assign_sequence).
  for (const TopicPartition& tp : partitions_to_rewrite_) {
    sequences_[tp] = PartitionSequences{.epoch = producer_epoch_};
    for (Batch& b : batches_[tp]) b.base_sequence = -1;
  }
  partitions_to_rewrite_.clear();
  if (producer_id_ < 0) {  // a new producer id: every partition starts again
    sequences_.clear();
    for (auto& [tp, queue] : batches_)
      for (Batch& b : queue) b.base_sequence = -1;
  }
  TraceEvent e{.type = "producer.epoch_bump"};
  e.add("producer", name()).add("producer_id", producer_id_);
  e.add("producer_epoch", int64_t{producer_epoch_});
  emit(e);
}

}  // namespace ksim
