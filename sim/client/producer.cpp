// Producer: partitioning, accumulation, sending, retries (KafkaProducer, RecordAccumulator,
// Sender). See producer.h.
#include "ksim/client/producer.h"

#include <algorithm>
#include <cmath>

#include "ksim/client/partitioner.h"
#include "ksim/types/assert.h"

namespace ksim {

std::string_view outcome_name(SendOutcome o) {
  switch (o) {
    case SendOutcome::Pending: return "pending";
    case SendOutcome::Acked: return "acked";
    case SendOutcome::Failed: return "failed";
    case SendOutcome::Unknown: return "unknown";
  }
  return "?";
}

Producer::Producer(Kernel& kernel, std::string name, ProducerConfig config,
                   std::map<BrokerId, NodeId> bootstrap)
    : ClientNode(kernel, name, std::move(bootstrap)),
      config_(std::move(config)),
      rng_(kernel.stream("producer:" + name)) {
  retry_backoff = config_.retry_backoff;
  request_timeout = config_.request_timeout;
  metadata_max_age = config_.metadata_max_age;
}

int64_t Producer::send(const ProduceSpec& spec, bool notify) {
  SendRecord r{.id = static_cast<int64_t>(records_.size()), .tp = {spec.topic, -1}};
  if (spec.key) {
    r.key = spec.key_count > 0 ? *spec.key + "-" + std::to_string(r.id % spec.key_count)
                               : *spec.key;
  }
  r.value = name() + "-" + std::to_string(r.id);
  r.payloads = spec.payloads;
  int32_t value_bytes = std::max(spec.value_bytes, static_cast<int32_t>(r.value.size()));
  if (!spec.payloads) r.value.clear();  // the size below still counts the value's bytes
  else if (spec.value_bytes > static_cast<int32_t>(r.value.size()))
    r.value.resize(static_cast<size_t>(spec.value_bytes), '.');
  if (spec.partition) r.tp.partition = *spec.partition;
  r.sent_at = now();
  r.notify = notify;
  int32_t key_bytes = r.key ? static_cast<int32_t>(r.key->size()) : -1;
  double ratio = compression_ratio(config_.compression_type);
  r.size_bytes = std::max<int32_t>(1, static_cast<int32_t>(
      record_size_bytes(key_bytes, value_bytes) * ratio));
  records_.push_back(std::move(r));
  int64_t id = records_.back().id;
  if (!is_up()) {
    records_.back().outcome = SendOutcome::Failed;
    return id;
  }
  if (!blocked_.empty() || buffer_used_ + records_.back().size_bytes > config_.buffer_memory) {
    // BufferPool.allocate: send() blocks until memory frees, at most max.block.ms.
    blocked_.push_back(id);
    set_timer(config_.max_block, kBlockExpiry);
    return id;
  }
  buffer_used_ += records_.back().size_bytes;
  if (try_append(id)) run_sender();
  return id;
}

PartitionLoad Producer::partition_load(const std::string& topic) const {
  // RecordAccumulator.partitionReady: queue sizes of the partitions that have a leader.
  PartitionLoad load{.num_partitions = partition_count(topic)};
  for (int32_t p = 0; p < load.num_partitions; p++) {
    if (leader_of({topic, p}) == kNoBroker) continue;
    auto it = batches_.find({topic, p});
    load.partition_ids.push_back(p);
    load.queue_sizes.push_back(it == batches_.end() ? 0 : static_cast<int32_t>(it->second.size()));
  }
  return load;
}

int32_t Producer::choose_partition(const SendRecord& r, int32_t partitions) {
  if (r.tp.partition >= 0) return r.tp.partition;
  if (r.key && !config_.partitioner_ignore_keys) return partition_for_key(*r.key, partitions);
  auto it = partitioners_.try_emplace(r.tp.topic, config_.batch_size,
                                      config_.partitioner_adaptive).first;
  return it->second.current(partitions, [&] { return partition_load(r.tp.topic); }, rng_);
}

bool Producer::try_append(int64_t record_id) {
  SendRecord& r = records_[static_cast<size_t>(record_id)];
  int32_t partitions = partition_count(r.tp.topic);
  if (partitions == 0) {
    awaiting_metadata_.push_back(record_id);
    want_topics({r.tp.topic});
    return false;
  }
  bool sticky = r.tp.partition < 0 && (!r.key || config_.partitioner_ignore_keys);
  r.tp.partition = choose_partition(r, partitions);
  std::deque<Batch>& queue = batches_[r.tp];
  bool new_batch = queue.empty() || queue.back().attempts > 0 || queue.back().full ||
                   queue.back().size_bytes + r.size_bytes > config_.batch_size;
  if (new_batch) queue.push_back(Batch{.tp = r.tp, .created_at = now()});
  Batch& batch = queue.back();
  batch.record_ids.push_back(record_id);
  batch.size_bytes += r.size_bytes;
  batch.payloads = batch.payloads && r.payloads;
  batch.full = batch.size_bytes >= config_.batch_size;
  if (sticky) {  // RecordAccumulator.append: switch only at a batch boundary
    const std::string& topic = r.tp.topic;
    partitioners_.at(topic).on_appended(r.size_bytes, new_batch || batch.full,
                                        [&] { return partition_load(topic); }, rng_);
  }
  return true;
}

void Producer::on_metadata_updated() {
  std::deque<int64_t> waiting;
  waiting.swap(awaiting_metadata_);
  for (int64_t id : waiting) try_append(id);
  run_sender();
}

RecordBatch Producer::to_record_batch(const Batch& b) const {
  RecordBatch out{.record_count = static_cast<int32_t>(b.record_ids.size()),
                  .size_bytes = b.size_bytes};
  out.last_offset_delta = out.record_count - 1;
  out.first_timestamp = records_[static_cast<size_t>(b.record_ids.front())].sent_at / kMillisecond;
  out.max_timestamp = records_[static_cast<size_t>(b.record_ids.back())].sent_at / kMillisecond;
  if (config_.enable_idempotence) {
    out.producer_id = producer_id_;
    out.producer_epoch = b.producer_epoch;
    out.base_sequence = b.base_sequence;
  }
  if (!b.payloads) return out;  // counts and sizes only
  out.records.reserve(b.record_ids.size());
  for (size_t i = 0; i < b.record_ids.size(); i++) {
    const SendRecord& r = records_[static_cast<size_t>(b.record_ids[i])];
    out.records.push_back(Record{.offset_delta = static_cast<int32_t>(i),
                                 .timestamp_delta = r.sent_at / kMillisecond - out.first_timestamp,
                                 .key = r.key, .value = r.value});
  }
  return out;
}

Time Producer::expire_batches() {
  // Every Sender loop: RecordAccumulator.expiredBatches fails the batches still waiting in the
  // accumulator after delivery.timeout.ms, oldest first, whether or not their partition has a
  // leader; Sender.getExpiredInflightBatches fails the ones in flight, whose answer is then
  // ignored. Both fail with a timeout, as Kafka's TimeoutException.
  // Returns when the sender must wake up for the next expiry (RecordAccumulator.
  // nextExpiryTimeMs): a request in flight runs the sender anyway when it is answered or times
  // out, so a timer is needed only for an expiry before the earliest of those.
  auto expired = [&](const Batch& b) { return now() - b.created_at > config_.delivery_timeout; };
  auto expiry = [&](const Batch& b) { return b.created_at + config_.delivery_timeout + 1; };
  Time next = kTimeNever;
  for (auto& [tp, queue] : batches_) {
    while (!queue.empty() && expired(queue.front())) {
      Batch b = std::move(queue.front());
      queue.pop_front();
      fail_or_retry(std::move(b), ErrorCode::REQUEST_TIMED_OUT);
    }
    if (!queue.empty()) next = std::min(next, expiry(queue.front()));
  }
  Time sender_runs_by = kTimeNever;
  for (auto& [corr, flight] : in_flight_) {
    sender_runs_by = std::min(sender_runs_by, flight.sent_at + config_.request_timeout);
    bool any = false;
    for (const Batch& b : flight.batches) {
      if (expired(b)) any = true;
      else next = std::min(next, expiry(b));
    }
    if (!any) continue;  // the usual case: nothing to move
    std::vector<Batch> kept;
    for (Batch& b : flight.batches) {
      if (expired(b)) fail_or_retry(std::move(b), ErrorCode::REQUEST_TIMED_OUT);
      else kept.push_back(std::move(b));
    }
    flight.batches = std::move(kept);
  }
  return next < sender_runs_by ? next : kTimeNever;
}

void Producer::wake_sender_at(Time wake) {
  if (wake != kTimeNever && wake < sender_wakeup_at_) {
    sender_wakeup_at_ = wake;
    set_timer_at(wake, kSenderWakeup);
  }
}

void Producer::run_sender() {
  if (!is_up()) return;
  const Time next_expiry = expire_batches();
  if (!ready_for_idempotent_send()) return wake_sender_at(next_expiry);
  Time wake = next_expiry;
  std::map<BrokerId, std::vector<Batch*>> ready;
  for (auto& [tp, queue] : batches_) {
    if (queue.empty()) continue;
    Batch& head = queue.front();
    BrokerId leader = leader_of(tp);
    if (leader == kNoBroker) {
      request_metadata_update();
      continue;
    }
    bool full = queue.size() > 1 || head.size_bytes >= config_.batch_size;
    Time ready_at = head.attempts > 0 ? head.retry_at : head.created_at + config_.linger;
    if (!full && ready_at > now()) {
      wake = std::min(wake, ready_at);
      continue;
    }
    if (head.retry_at > now()) {
      wake = std::min(wake, head.retry_at);
      continue;
    }
    if (!may_drain(head)) continue;  // an earlier sequence must go first
    if (in_flight_per_broker_[leader] >= config_.max_in_flight) continue;
    if (node_unavailable(node_of(leader))) {  // Sender: client.ready(node) is false
      wake = std::min(wake, node_available_at(node_of(leader)));
      continue;
    }
    ready[leader].push_back(&head);
  }
  for (auto& [broker, list] : ready) drain_to(broker, list);
  wake_sender_at(wake);
}

void Producer::drain_to(BrokerId broker, std::vector<Batch*>& ready) {
  ProduceRequest request{.acks = config_.acks,
                         .timeout_ms = static_cast<int32_t>(to_ms(config_.request_timeout))};
  InFlight flight{.broker = broker, .sent_at = now()};
  int64_t bytes = 0;
  for (Batch* b : ready) {
    if (!request.partitions.empty() && bytes + b->size_bytes > config_.max_request_size) break;
    bytes += b->size_bytes;
    b->attempts++;
    assign_sequence(*b);
    request.partitions.push_back({.tp = b->tp, .batch = to_record_batch(*b)});
    for (int64_t id : b->record_ids) {
      SendRecord& rec = records_[static_cast<size_t>(id)];
      if (rec.drained_at < 0) rec.drained_at = now();
    }
    batches_sent_++;
    batch_bytes_sent_ += b->size_bytes;
    flight.batches.push_back(std::move(*b));
    batches_[flight.batches.back().tp].pop_front();
  }
  if (request.partitions.empty()) return;
  for (const Batch& b : flight.batches)
    for (int64_t id : b.record_ids) records_[static_cast<size_t>(id)].attempts = b.attempts;
  int32_t corr = send_request(node_of(broker), std::move(request));
  if (config_.acks == 0) {  // complete on send: no response will come, offsets are unknown
    for (const Batch& b : flight.batches) complete_batch(b, {.tp = b.tp});
    return;
  }
  in_flight_per_broker_[broker]++;
  in_flight_.emplace(corr, std::move(flight));
  set_timer(config_.request_timeout, kRequestTimeout, static_cast<uint64_t>(corr));
}

void Producer::complete_batch(const Batch& b, const ProducePartitionResponse& r) {
  bool acks0 = config_.acks == 0;
  forget_sequence(b);
  for (size_t i = 0; i < b.record_ids.size(); i++) {
    SendRecord& rec = records_[static_cast<size_t>(b.record_ids[i])];
    rec.outcome = acks0 ? SendOutcome::Unknown : SendOutcome::Acked;
    rec.offset = acks0 ? kNoOffset : r.base_offset + static_cast<Offset>(i);
    rec.acked_at = now();
  }
  acked_ += static_cast<int64_t>(b.record_ids.size());
  for (int64_t id : b.record_ids) record_done(records_[static_cast<size_t>(id)]);
  TraceEvent e{.type = acks0 ? "producer.sent" : "producer.ack"};
  e.add("producer", name()).add("topic", b.tp.topic).add("partition", int64_t{b.tp.partition});
  e.add("base_offset", r.base_offset).add("records", static_cast<int64_t>(b.record_ids.size()));
  e.add("latency_us", now() - records_[static_cast<size_t>(b.record_ids.front())].sent_at);
  emit(e);
}

void Producer::fail_or_retry(Batch b, ErrorCode error) {
  bool expired = now() - b.created_at > config_.delivery_timeout;
  bool retriable = error == ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER
                       ? can_retry_out_of_order(b)
                       : is_retriable(error);
  if (retriable && b.attempts <= config_.retries && !expired) {
    // Exponential backoff with 20% jitter (KIP-580's ExponentialBackoff).
    double base = static_cast<double>(config_.retry_backoff) *
                  std::pow(2.0, std::max(0, b.attempts - 1));
    base = std::min(base, static_cast<double>(config_.retry_backoff_max));
    double jitter = 0.8 + 0.4 * rng_.uniform01();
    b.retry_at = now() + static_cast<Duration>(base * jitter);
    retries_++;
    TraceEvent e{.type = "producer.retry"};
    e.add("producer", name()).add("topic", b.tp.topic).add("partition", int64_t{b.tp.partition});
    e.add("error", std::string(error_name(error))).add("attempt", int64_t{b.attempts});
    if (b.base_sequence >= 0) e.add("base_sequence", int64_t{b.base_sequence});
    emit(e);
    requeue(std::move(b));
    return;
  }
  forget_sequence(b);
  // A sequence that was sent and then given up may or may not be in the log: the next batches'
  // sequences cannot follow it, so the producer bumps its epoch (KIP-360).
  if (b.base_sequence >= 0) {
    epoch_bump_needed_ = true;
    partitions_to_rewrite_.insert(b.tp);
  }
  for (int64_t id : b.record_ids) {
    SendRecord& rec = records_[static_cast<size_t>(id)];
    rec.outcome = SendOutcome::Failed;
    rec.error = error;
  }
  failed_ += static_cast<int64_t>(b.record_ids.size());
  errors_++;
  for (int64_t id : b.record_ids) record_done(records_[static_cast<size_t>(id)]);
  TraceEvent e{.type = "producer.error"};
  e.add("producer", name()).add("topic", b.tp.topic).add("partition", int64_t{b.tp.partition});
  e.add("error", std::string(error_name(error)));
  e.add("records", static_cast<int64_t>(b.record_ids.size()));
  emit(e);
}

void Producer::on_produce_response(int32_t correlation, ProduceResponse& response) {
  auto it = in_flight_.find(correlation);
  if (it == in_flight_.end()) return;  // timed out earlier: the late answer is ignored
  InFlight flight = std::move(it->second);
  in_flight_.erase(it);
  in_flight_per_broker_[flight.broker]--;
  request_latencies_.push_back(now() - flight.sent_at);
  for (Batch& b : flight.batches) {
    auto r = std::find_if(response.partitions.begin(), response.partitions.end(),
                          [&](const ProducePartitionResponse& p) { return p.tp == b.tp; });
    ErrorCode error = r == response.partitions.end() ? ErrorCode::UNKNOWN_SERVER_ERROR : r->error;
    if (error == ErrorCode::NONE) {
      complete_batch(b, *r);
      continue;
    }
    if (error == ErrorCode::NOT_LEADER_OR_FOLLOWER ||
        error == ErrorCode::UNKNOWN_TOPIC_OR_PARTITION)
      request_metadata_update();
    fail_or_retry(std::move(b), error);
  }
  run_sender();
}

void Producer::expire_request(int32_t correlation) {
  auto it = in_flight_.find(correlation);
  if (it == in_flight_.end()) return;
  request_metadata_update();  // NetworkClient disconnects and refreshes metadata
  if (NodeId node = node_of(it->second.broker); node >= 0) disconnect(node);
  fail_in_flight(it->second.broker, correlation);
  run_sender();
}

void Producer::on_disconnected(NodeId peer) {
  // The broker's host reset the connection (its process crashed): NetworkClient.
  // processDisconnection cancels the requests in flight to it, which Sender.handleProduceResponse
  // completes as disconnected: each batch is retried as NETWORK_EXCEPTION, now rather than after
  // request.timeout.ms, and a metadata update is requested (the leader may have moved).
  ClientNode::on_disconnected(peer);
  if (init_in_flight_ && init_node_ == peer) {  // InitProducerId: asked again, elsewhere
    init_in_flight_ = false;
    init_retry_at_ = now() + config_.retry_backoff;
    set_timer(config_.retry_backoff, kSenderWakeup);
  }
  for (const auto& [broker, count] : in_flight_per_broker_) {
    if (count == 0 || node_of(broker) != peer) continue;
    request_metadata_update();
    fail_in_flight(broker, /*timed_out=*/0);  // correlation ids start at 1: none timed out
    break;
  }
  run_sender();
}

void Producer::fail_in_flight(BrokerId broker, int32_t timed_out) {
  // NetworkClient.handleTimedOutRequests closes the connection: every request in flight on it
  // fails, the timed-out one with REQUEST_TIMED_OUT and the others as disconnected
  // (NETWORK_EXCEPTION). Latest first, so push_front re-enqueues them in their old order. A
  // connection reset (on_disconnected) fails them all as disconnected.
  std::vector<std::pair<int32_t, InFlight>> failed;
  for (auto it = in_flight_.begin(); it != in_flight_.end();) {
    if (it->second.broker != broker) {
      ++it;
      continue;
    }
    failed.emplace_back(it->first, std::move(it->second));
    it = in_flight_.erase(it);
  }
  in_flight_per_broker_[broker] = 0;
  for (auto f = failed.rbegin(); f != failed.rend(); ++f) {
    ErrorCode error =
        f->first == timed_out ? ErrorCode::REQUEST_TIMED_OUT : ErrorCode::NETWORK_EXCEPTION;
    for (auto b = f->second.batches.rbegin(); b != f->second.batches.rend(); ++b)
      fail_or_retry(std::move(*b), error);
  }
}

void Producer::on_message(Message& message) {
  if (handle_client_message(message)) return;
  if (auto* r = std::get_if<ProduceResponse>(&message.body))
    on_produce_response(message.correlation_id, *r);
  else if (auto* init = std::get_if<InitProducerIdResponse>(&message.body))
    on_init_producer_id_response(message.correlation_id, *init);
}

void Producer::on_timer(uint16_t kind, uint64_t arg) {
  switch (kind) {
    case kMetadataRefreshTimer:
      on_metadata_timer(arg);
      break;
    case kBlockExpiry:
      expire_blocked();
      break;
    case kWorkload:
      if (!workload_ || workload_->generation != arg) break;
      if (!blocked_.empty()) {  // the application is stuck in send(): this tick is lost
        set_timer(workload_->interval, kWorkload, arg);
        break;
      }
      if (workload_->mode == SendMode::Sync) {
        workload_->awaiting = send(workload_->spec, true);
        if (workload_->remaining > 0 && --workload_->remaining == 0) workload_->remaining = -2;
        break;  // the next send follows this record's completion (record_done)
      }
      send(workload_->spec);
      if (workload_->remaining > 0 && --workload_->remaining == 0) {
        workload_.reset();
        break;
      }
      set_timer(workload_->interval, kWorkload, arg);
      break;
    case kSenderWakeup:
      if (now() >= sender_wakeup_at_) sender_wakeup_at_ = kTimeNever;
      run_sender();
      break;
    case kRequestTimeout:
      expire_request(static_cast<int32_t>(arg));
      break;
    case kInitProducerIdTimeout:
      on_init_producer_id_timeout(arg);
      break;
  }
}

void Producer::produce_every(Duration interval, ProduceSpec spec, int64_t count,
                             SendMode mode) {
  KSIM_ASSERT(interval > 0);
  workload_ = Workload{.interval = interval, .spec = std::move(spec), .remaining = count,
                       .generation = ++workload_generation_, .mode = mode};
  TraceEvent e{.type = "producer.start"};
  e.add("producer", name()).add("topic", workload_->spec.topic).add("interval_us", interval);
  emit(e);
  set_timer(0, kWorkload, workload_->generation);
}

void Producer::stop() {
  if (!workload_) return;
  workload_.reset();
  emit(TraceEvent{.type = "producer.stop"}.add("producer", name()));
}

void Producer::record_done(const SendRecord& r) {
  release_buffer(r.size_bytes);
  if (r.notify) {
    TraceEvent e{.type = "producer.record"};
    e.add("producer", name()).add("id", r.id).add("topic", r.tp.topic);
    e.add("partition", int64_t{r.tp.partition}).add("offset", r.offset);
    e.add("outcome", std::string(outcome_name(r.outcome)));
    e.add("error", std::string(error_name(r.error)));
    e.add("latency_us", now() - r.sent_at);
    emit(e);
  }
  if (workload_ && workload_->mode == SendMode::Sync && workload_->awaiting == r.id) {
    workload_->awaiting = -1;
    if (workload_->remaining == -2) {
      workload_.reset();
      return;
    }
    set_timer(workload_->interval, kWorkload, workload_->generation);
  }
}

void Producer::release_buffer(int64_t bytes) {
  buffer_used_ -= bytes;
  KSIM_ASSERT(buffer_used_ >= 0);
  bool appended = false;
  while (!blocked_.empty()) {
    SendRecord& r = records_[static_cast<size_t>(blocked_.front())];
    if (buffer_used_ + r.size_bytes > config_.buffer_memory) break;
    buffer_used_ += r.size_bytes;
    appended = try_append(r.id) || appended;
    blocked_.pop_front();
  }
  if (appended) set_timer(0, kSenderWakeup);  // not re-entering run_sender from a completion
}

void Producer::expire_blocked() {
  while (!blocked_.empty()) {
    SendRecord& r = records_[static_cast<size_t>(blocked_.front())];
    if (now() - r.sent_at < config_.max_block) break;
    blocked_.pop_front();
    r.outcome = SendOutcome::Failed;
    r.error = ErrorCode::REQUEST_TIMED_OUT;  // Kafka: TimeoutException from send()
    failed_++;
    errors_++;
    TraceEvent e{.type = "producer.error"};
    e.add("producer", name()).add("topic", r.tp.topic).add("error", "REQUEST_TIMED_OUT");
    e.add("reason", "Failed to allocate memory within the configured max blocking time");
    emit(e);
    if (r.notify) {
      r.size_bytes = 0;
      record_done(r);
    }
  }
}

ProducerMetrics Producer::metrics() const {
  ProducerMetrics m{.sent = static_cast<int64_t>(records_.size()), .acked = 0, .failed = failed_,
                    .retries = retries_, .errors = errors_,
                    .requests = static_cast<int64_t>(request_latencies_.size()),
                    .batches = batches_sent_, .buffer_bytes_used = buffer_used_};
  Duration queue_sum = 0;
  int64_t queued = 0;
  for (const SendRecord& r : records_) {
    m.acked += r.outcome == SendOutcome::Acked;
    m.unknown += r.outcome == SendOutcome::Unknown;
    if (r.drained_at >= 0) {
      queue_sum += r.drained_at - r.sent_at;
      queued++;
    }
  }
  if (!records_.empty() && now() > records_.front().sent_at)
    m.record_send_rate =
        static_cast<double>(m.acked) * kSecond / (now() - records_.front().sent_at);
  if (batches_sent_ > 0) m.batch_size_avg = static_cast<double>(batch_bytes_sent_) / batches_sent_;
  if (queued > 0) m.record_queue_time_avg = queue_sum / queued;
  std::vector<Duration> l = request_latencies_;
  std::sort(l.begin(), l.end());
  if (!l.empty()) {
    m.request_latency_p50 = l[(l.size() - 1) / 2];
    m.request_latency_p99 = l[(l.size() - 1) * 99 / 100];
    m.request_latency_max = l.back();
  }
  return m;
}

void Producer::on_crash() {
  workload_.reset();
  blocked_.clear();
  buffer_used_ = 0;
  for (auto& [tp, queue] : batches_)
    for (const Batch& b : queue)
      for (int64_t id : b.record_ids)
        records_[static_cast<size_t>(id)].outcome = SendOutcome::Failed;
  for (auto& [corr, flight] : in_flight_)
    for (const Batch& b : flight.batches)
      for (int64_t id : b.record_ids)
        records_[static_cast<size_t>(id)].outcome = SendOutcome::Unknown;
  for (int64_t id : awaiting_metadata_)
    records_[static_cast<size_t>(id)].outcome = SendOutcome::Failed;
  batches_.clear();
  in_flight_.clear();
  in_flight_per_broker_.clear();
  awaiting_metadata_.clear();
  sender_wakeup_at_ = kTimeNever;
  // A restarted application is a new producer: a new id on its first send.
  producer_id_ = -1;
  producer_epoch_ = -1;
  init_in_flight_ = false;
  init_retry_at_ = 0;
  epoch_bump_needed_ = false;
  sequences_.clear();
  reset_client_state();
}

}  // namespace ksim
