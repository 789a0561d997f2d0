// Idempotent producers on the broker: InitProducerId answered from a block of producer ids
// that the controller allocates (kafka.coordinator.transaction.RPCProducerIdManager,
// TransactionCoordinator.handleInitProducerId without a transactional.id), and the periodic
// expiry of idle producers' state (UnifiedLog.removeExpiredProducers).
#include "sim/broker/broker_internal.h"

namespace ksim {
namespace {

// RPCProducerIdManager: ask for the next block once 90% of the current one is used.
constexpr double kPrefetchThreshold = 0.9;
constexpr Duration kBlockRetryBackoff = 50 * kMillisecond;

}  // namespace

void Broker::handle(Message& m, InitProducerIdRequest& r) {
  InitProducerIdResponse resp;
  if (r.transactional_id) {
    // Transactions are not modelled: say so instead of pretending.
    resp.error = ErrorCode::UNSUPPORTED_VERSION;
    return send_response(m, resp);
  }
  if (!producer_ids_ || producer_ids_->next >= producer_ids_->end) {
    if (next_producer_ids_) {
      producer_ids_ = next_producer_ids_;
      next_producer_ids_.reset();
    }
  }
  if (!producer_ids_ || producer_ids_->next >= producer_ids_->end) {
    // KAFKA-14694: no blocking wait for the controller; the producer retries.
    maybe_request_producer_id_block();
    resp.error = ErrorCode::COORDINATOR_LOAD_IN_PROGRESS;
    return send_response(m, resp);
  }
  // Without a transactional.id every InitProducerId gets a fresh id at epoch 0.
  resp.producer_id = producer_ids_->next++;
  resp.producer_epoch = 0;
  maybe_request_producer_id_block();
  TraceEvent e{.type = "producer_id.assigned"};
  e.add("broker", int64_t{broker_id_}).add("producer_id", resp.producer_id);
  e.add("producer_epoch", int64_t{resp.producer_epoch});
  emit(e);
  send_response(m, resp);
}

void Broker::maybe_request_producer_id_block() {
  if (producer_ids_in_flight_ || next_producer_ids_) return;
  if (producer_ids_) {
    const ProducerIdBlock& b = *producer_ids_;
    ProducerId used = b.next - (b.end - b.length);
    if (used < static_cast<ProducerId>(kPrefetchThreshold * b.length)) return;
  }
  producer_ids_in_flight_ = true;
  int32_t corr = send_request(controller_, AllocateProducerIdsRequest{
                                               .broker_id = broker_id_,
                                               .broker_epoch = registration_epoch_});
  // An unanswered request (controller unreachable) is given up after a heartbeat interval.
  set_timer(config_.broker_heartbeat_interval, kProducerIdBlockRetry,
            static_cast<uint64_t>(static_cast<uint32_t>(corr)));
  producer_ids_correlation_ = corr;
}

void Broker::on_producer_id_block_timer(uint64_t arg) {
  if (arg != 0) {  // the request's timeout
    if (!producer_ids_in_flight_ ||
        static_cast<uint32_t>(producer_ids_correlation_) != static_cast<uint32_t>(arg))
      return;
    producer_ids_in_flight_ = false;
  }
  maybe_request_producer_id_block();
}

void Broker::handle(Message& m, AllocateProducerIdsResponse& r) {
  // A late answer after the request was given up is dropped (its ids are never used).
  if (!producer_ids_in_flight_ || m.correlation_id != producer_ids_correlation_) return;
  producer_ids_in_flight_ = false;
  if (r.error != ErrorCode::NONE) {
    set_timer(kBlockRetryBackoff, kProducerIdBlockRetry, 0);
    return;
  }
  ProducerIdBlock block{.next = r.producer_id_start,
                        .end = r.producer_id_start + r.producer_id_len,
                        .length = r.producer_id_len};
  if (!producer_ids_ || producer_ids_->next >= producer_ids_->end) producer_ids_ = block;
  else next_producer_ids_ = block;
}

void Broker::expire_producers() {
  const int64_t expiration_ms = config_int(config_.effective, "producer.id.expiration.ms");
  for (auto& [tp, p] : partitions_)
    p.mutable_log().remove_expired_producers(now() / kMillisecond, expiration_ms);
  set_timer(from_ms(config_int(config_.effective, "producer.id.expiration.check.interval.ms")),
            kProducerIdExpiration);
}

}  // namespace ksim
