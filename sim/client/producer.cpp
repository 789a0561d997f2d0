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
}

int64_t Producer::send(const ProduceSpec& spec) {
  SendRecord r{.id = static_cast<int64_t>(records_.size()), .tp = {spec.topic, -1}};
  if (spec.key) {
    r.key = spec.key_count > 0 ? *spec.key + "-" + std::to_string(r.id % spec.key_count)
                               : *spec.key;
  }
  r.value = name() + "-" + std::to_string(r.id);
  if (spec.value_bytes > static_cast<int32_t>(r.value.size()))
    r.value.resize(static_cast<size_t>(spec.value_bytes), '.');
  if (spec.partition) r.tp.partition = *spec.partition;
  r.sent_at = now();
  records_.push_back(std::move(r));
  int64_t id = records_.back().id;
  if (!is_up()) {
    records_.back().outcome = SendOutcome::Failed;
    return id;
  }
  if (try_append(id)) run_sender();
  return id;
}

int32_t Producer::choose_partition(const SendRecord& r, int32_t partitions) {
  if (r.tp.partition >= 0) return r.tp.partition;
  if (r.key && !config_.partitioner_ignore_keys) return partition_for_key(*r.key, partitions);
  auto it = sticky_partition_.find(r.tp.topic);
  if (it == sticky_partition_.end() || it->second >= partitions) {
    int32_t p = static_cast<int32_t>(rng_.below(static_cast<uint64_t>(partitions)));
    it = sticky_partition_.insert_or_assign(r.tp.topic, p).first;
  }
  return it->second;
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
  int32_t key_bytes = r.key ? static_cast<int32_t>(r.key->size()) : -1;
  int32_t size = record_size_bytes(key_bytes, static_cast<int32_t>(r.value.size()));
  std::deque<Batch>& queue = batches_[r.tp];
  if (queue.empty() || queue.back().attempts > 0 ||
      queue.back().size_bytes + size > std::max(config_.batch_size, kRecordBatchOverhead + size)) {
    queue.push_back(Batch{.tp = r.tp, .created_at = now()});
    // KIP-480: the sticky partition changes when a new batch is created for it.
    if (sticky && queue.size() > 1 && partitions > 1)
      sticky_partition_[r.tp.topic] = static_cast<int32_t>(rng_.below(static_cast<uint64_t>(partitions)));
  }
  queue.back().record_ids.push_back(record_id);
  queue.back().size_bytes += size;
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
  for (size_t i = 0; i < b.record_ids.size(); i++) {
    const SendRecord& r = records_[static_cast<size_t>(b.record_ids[i])];
    out.records.push_back(Record{.offset_delta = static_cast<int32_t>(i),
                                 .timestamp_delta = r.sent_at / kMillisecond - out.first_timestamp,
                                 .key = r.key, .value = r.value});
  }
  return out;
}

void Producer::run_sender() {
  if (!is_up()) return;
  Time wake = kTimeNever;
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
    if (in_flight_per_broker_[leader] >= config_.max_in_flight) continue;
    ready[leader].push_back(&head);
  }
  for (auto& [broker, list] : ready) drain_to(broker, list);
  if (wake != kTimeNever && wake < sender_wakeup_at_) {
    sender_wakeup_at_ = wake;
    set_timer_at(wake, kSenderWakeup);
  }
}

void Producer::drain_to(BrokerId broker, std::vector<Batch*>& ready) {
  ProduceRequest request{.acks = config_.acks,
                         .timeout_ms = static_cast<int32_t>(to_ms(config_.request_timeout))};
  InFlight flight{.broker = broker, .sent_at = now()};
  int64_t bytes = 0;
  for (Batch* b : ready) {
    if (now() - b->created_at > config_.delivery_timeout) {
      Batch expired = std::move(*b);
      batches_[expired.tp].pop_front();
      fail_or_retry(std::move(expired), ErrorCode::REQUEST_TIMED_OUT);
      continue;
    }
    if (!request.partitions.empty() && bytes + b->size_bytes > config_.max_request_size) break;
    bytes += b->size_bytes;
    b->attempts++;
    request.partitions.push_back({.tp = b->tp, .batch = to_record_batch(*b)});
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
  for (size_t i = 0; i < b.record_ids.size(); i++) {
    SendRecord& rec = records_[static_cast<size_t>(b.record_ids[i])];
    rec.outcome = acks0 ? SendOutcome::Unknown : SendOutcome::Acked;
    rec.offset = acks0 ? kNoOffset : r.base_offset + static_cast<Offset>(i);
    rec.acked_at = now();
  }
  acked_ += static_cast<int64_t>(b.record_ids.size());
  TraceEvent e{.type = acks0 ? "producer.sent" : "producer.ack"};
  e.add("producer", name()).add("topic", b.tp.topic).add("partition", int64_t{b.tp.partition});
  e.add("base_offset", r.base_offset).add("records", static_cast<int64_t>(b.record_ids.size()));
  e.add("latency_us", now() - records_[static_cast<size_t>(b.record_ids.front())].sent_at);
  emit(e);
}

void Producer::fail_or_retry(Batch b, ErrorCode error) {
  bool expired = now() - b.created_at > config_.delivery_timeout;
  if (is_retriable(error) && b.attempts <= config_.retries && !expired) {
    // Exponential backoff with 20% jitter (KIP-580's ExponentialBackoff).
    double base = static_cast<double>(config_.retry_backoff) *
                  std::pow(2.0, std::max(0, b.attempts - 1));
    base = std::min(base, static_cast<double>(config_.retry_backoff_max));
    double jitter = 0.8 + 0.4 * rng_.uniform01();
    b.retry_at = now() + static_cast<Duration>(base * jitter);
    TraceEvent e{.type = "producer.retry"};
    e.add("producer", name()).add("topic", b.tp.topic).add("partition", int64_t{b.tp.partition});
    e.add("error", std::string(error_name(error))).add("attempt", int64_t{b.attempts});
    emit(e);
    batches_[b.tp].push_front(std::move(b));
    return;
  }
  for (int64_t id : b.record_ids) {
    SendRecord& rec = records_[static_cast<size_t>(id)];
    rec.outcome = SendOutcome::Failed;
    rec.error = error;
  }
  failed_ += static_cast<int64_t>(b.record_ids.size());
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
  for (Batch& b : flight.batches) {
    auto r = std::find_if(response.partitions.begin(), response.partitions.end(),
                          [&](const ProducePartitionResponse& p) { return p.tp == b.tp; });
    ErrorCode error = r == response.partitions.end() ? ErrorCode::UNKNOWN_SERVER_ERROR : r->error;
    if (error == ErrorCode::NONE) {
      complete_batch(b, *r);
      continue;
    }
    if (error == ErrorCode::NOT_LEADER_OR_FOLLOWER || error == ErrorCode::UNKNOWN_TOPIC_OR_PARTITION)
      request_metadata_update();
    fail_or_retry(std::move(b), error);
  }
  run_sender();
}

void Producer::expire_request(int32_t correlation) {
  auto it = in_flight_.find(correlation);
  if (it == in_flight_.end()) return;
  InFlight flight = std::move(it->second);
  in_flight_.erase(it);
  in_flight_per_broker_[flight.broker]--;
  request_metadata_update();  // NetworkClient disconnects and refreshes metadata
  for (auto b = flight.batches.rbegin(); b != flight.batches.rend(); ++b)
    fail_or_retry(std::move(*b), ErrorCode::REQUEST_TIMED_OUT);
  run_sender();
}

void Producer::on_message(Message& message) {
  if (handle_client_message(message)) return;
  if (auto* r = std::get_if<ProduceResponse>(&message.body))
    on_produce_response(message.correlation_id, *r);
}

void Producer::on_timer(uint16_t kind, uint64_t arg) {
  switch (kind) {
    case kMetadataRefreshTimer:
      on_metadata_timer(arg);
      break;
    case kWorkload:
      if (!workload_ || workload_->generation != arg) break;
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
  }
}

void Producer::produce_every(Duration interval, ProduceSpec spec, int64_t count) {
  KSIM_ASSERT(interval > 0);
  workload_ = Workload{.interval = interval, .spec = std::move(spec), .remaining = count,
                       .generation = ++workload_generation_};
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

void Producer::on_crash() {
  workload_.reset();
  for (auto& [tp, queue] : batches_)
    for (const Batch& b : queue)
      for (int64_t id : b.record_ids) records_[static_cast<size_t>(id)].outcome = SendOutcome::Failed;
  for (auto& [corr, flight] : in_flight_)
    for (const Batch& b : flight.batches)
      for (int64_t id : b.record_ids) records_[static_cast<size_t>(id)].outcome = SendOutcome::Unknown;
  for (int64_t id : awaiting_metadata_) records_[static_cast<size_t>(id)].outcome = SendOutcome::Failed;
  batches_.clear();
  in_flight_.clear();
  in_flight_per_broker_.clear();
  awaiting_metadata_.clear();
  sender_wakeup_at_ = kTimeNever;
  reset_client_state();
}

}  // namespace ksim
