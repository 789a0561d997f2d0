#pragma once
// A Kafka producer: partitioner (murmur2 for keys, sticky for null keys, KIP-480), record
// accumulator (per-partition batches up to batch.size, ready when full or after linger.ms),
// sender (one ProduceRequest per broker, at most max.in.flight.requests.per.connection in
// flight), retries with exponential backoff within delivery.timeout.ms, and metadata refresh on
// leader errors. With enable.idempotence (the default): a producer id and epoch from
// InitProducerId, per-partition sequence numbers, retries kept in sequence order, and an epoch
// bump when a sequence can no longer be resolved. Follows KafkaProducer, RecordAccumulator,
// Sender and TransactionManager (idempotent, non-transactional). See docs/producer.md.
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ksim/client/builtin_partitioner.h"
#include "ksim/client/client_node.h"
#include "ksim/client/producer_config.h"

namespace ksim {

enum class SendOutcome { Pending, Acked, Failed, Unknown };
std::string_view outcome_name(SendOutcome o);

// One record's delivery as its producer saw it (the history a checker reads).
struct SendRecord {
  int64_t id = 0;                 // per-producer sequence of send() calls
  TopicPartition tp;
  std::optional<std::string> key;
  std::string value;
  Time sent_at = 0;
  Time acked_at = -1;
  Offset offset = kNoOffset;
  SendOutcome outcome = SendOutcome::Pending;
  ErrorCode error = ErrorCode::NONE;
  int32_t attempts = 0;
  Time drained_at = -1;           // first time its batch left the accumulator
  int32_t size_bytes = 0;         // after compression
  bool notify = false;            // sync or callback send: completion traced as producer.record
  bool payloads = true;           // ProduceSpec::payloads
};

enum class SendMode { FireAndForget, Sync, Callback };

// KafkaProducer's client metrics, computed from what the producer did.
struct ProducerMetrics {
  int64_t sent = 0, acked = 0, failed = 0, unknown = 0, retries = 0, errors = 0;
  int64_t requests = 0, batches = 0;
  double record_send_rate = 0;      // acked records per second of virtual time since the first
  double batch_size_avg = 0;        // bytes
  Duration request_latency_p50 = 0, request_latency_p99 = 0, request_latency_max = 0;
  Duration record_queue_time_avg = 0;
  int64_t buffer_bytes_used = 0;
};

struct ProduceSpec {
  std::string topic;
  std::optional<std::string> key;  // nullopt = null key (sticky partitioner)
  int32_t key_count = 0;           // > 0: key is "<key>-<n % key_count>"
  int32_t value_bytes = 0;         // extra padding of the value, in bytes
  std::optional<int32_t> partition;
  // false: the record travels as a size only (capacity runs): no key or value bytes are
  // stored or copied, so consumers and checkers see offsets without values.
  bool payloads = true;
};

class Producer final : public ClientNode {
 public:
  Producer(Kernel& kernel, std::string name, ProducerConfig config,
           std::map<BrokerId, NodeId> bootstrap);

  const ProducerConfig& config() const { return config_; }
  // send(): appends one record now; returns its id in records(). With notify, its completion
  // is traced as a "producer.record" event (sync and callback sends: Lua waits on it).
  int64_t send(const ProduceSpec& spec, bool notify = false);
  // Sends one record every `interval` until stop() (or `count` records when count >= 0). In
  // Sync mode the application waits for each ack, then `interval`, before the next send.
  void produce_every(Duration interval, ProduceSpec spec, int64_t count = -1,
                     SendMode mode = SendMode::FireAndForget);
  ProducerMetrics metrics() const;
  void stop();
  bool producing() const { return workload_.has_value(); }

  const std::vector<SendRecord>& records() const { return records_; }
  // Idempotence: the producer id and epoch in use (-1 before InitProducerId answers, and
  // always -1 without idempotence).
  ProducerId producer_id() const { return producer_id_; }
  int16_t producer_epoch() const { return producer_epoch_; }
  bool idempotent() const { return config_.enable_idempotence; }
  int64_t acked() const { return acked_; }
  int64_t failed() const { return failed_; }

 protected:
  void on_message(Message& message) override;
  void on_timer(uint16_t kind, uint64_t arg) override;
  void on_crash() override;
  void on_metadata_updated() override;
  void on_disconnected(NodeId peer) override;

 private:
  enum TimerKind : uint16_t {
    kWorkload = 1, kSenderWakeup = 2, kRequestTimeout = 3, kBlockExpiry = 4,
    kInitProducerIdTimeout = 5
  };
  struct Batch {
    TopicPartition tp;
    std::vector<int64_t> record_ids;
    int32_t size_bytes = kRecordBatchOverhead;
    Time created_at = 0;
    Time retry_at = 0;        // not sendable before (backoff)
    int32_t attempts = 0;
    bool full = false;        // no more records fit (RecordAccumulator: batch.isFull())
    bool payloads = true;     // every record carries its key and value
    int32_t base_sequence = -1;  // idempotence: set when first drained, kept on retries
    int16_t producer_epoch = -1;
  };
  // TransactionManager's TopicPartitionEntry: the next sequence to hand out and the base
  // sequences of drained batches not yet completed (a retry may go only when it is the first).
  struct PartitionSequences {
    int32_t next = 0;
    std::set<int32_t> in_flight;
    int16_t epoch = -1;   // the epoch its sequences count in (TxnPartitionEntry.producerIdAndEpoch)
  };
  struct InFlight {
    BrokerId broker = kNoBroker;
    std::vector<Batch> batches;
    Time sent_at = 0;
  };
  struct Workload {
    Duration interval = 0;
    ProduceSpec spec;
    int64_t remaining = -1;
    uint64_t generation = 0;
    SendMode mode = SendMode::FireAndForget;
    int64_t awaiting = -1;    // Sync: the record the application waits for
  };

  bool try_append(int64_t record_id);
  int32_t choose_partition(const SendRecord& r, int32_t partitions);
  PartitionLoad partition_load(const std::string& topic) const;
  void release_buffer(int64_t bytes);
  void record_done(const SendRecord& r);
  void expire_blocked();
  void run_sender();
  // Fails expired batches; returns when the sender must wake for the next expiry, or never.
  Time expire_batches();
  void wake_sender_at(Time wake);
  void drain_to(BrokerId broker, std::vector<Batch*>& ready);
  void complete_batch(const Batch& b, const ProducePartitionResponse& r);
  void fail_or_retry(Batch b, ErrorCode error);
  void on_produce_response(int32_t correlation, ProduceResponse& response);
  void expire_request(int32_t correlation);
  void fail_in_flight(BrokerId broker, int32_t timed_out);
  RecordBatch to_record_batch(const Batch& b) const;
  // Idempotence (producer_idempotence.cpp).
  bool ready_for_idempotent_send();
  void send_init_producer_id();
  void on_init_producer_id_response(int32_t correlation, const InitProducerIdResponse& r);
  void on_init_producer_id_timeout(uint64_t correlation);
  bool may_drain(const Batch& head) const;
  void assign_sequence(Batch& b);
  void forget_sequence(const Batch& b);
  bool can_retry_out_of_order(const Batch& b) const;
  void requeue(Batch b);
  void bump_epoch_if_needed();

  ProducerConfig config_;
  Rng rng_;
  std::vector<SendRecord> records_;
  std::deque<int64_t> awaiting_metadata_;             // records whose topic is not known yet
  std::map<TopicPartition, std::deque<Batch>> batches_;
  std::map<std::string, BuiltInPartitioner> partitioners_;  // per topic, for null keys
  std::deque<int64_t> blocked_;          // send() blocked on buffer.memory (max.block.ms)
  int64_t buffer_used_ = 0;              // bytes of batches not yet completed
  std::vector<Duration> request_latencies_;
  int64_t batches_sent_ = 0, batch_bytes_sent_ = 0, retries_ = 0, errors_ = 0;
  std::map<int32_t, InFlight> in_flight_;             // by correlation id
  std::map<BrokerId, int32_t> in_flight_per_broker_;
  std::optional<Workload> workload_;
  uint64_t workload_generation_ = 0;
  Time sender_wakeup_at_ = kTimeNever;
  int64_t acked_ = 0;
  int64_t failed_ = 0;
  // Idempotence state (TransactionManager).
  ProducerId producer_id_ = -1;
  int16_t producer_epoch_ = -1;
  bool init_in_flight_ = false;
  int32_t init_correlation_ = 0;
  NodeId init_node_ = -1;        // the broker asked for the producer id
  Time init_retry_at_ = 0;
  bool epoch_bump_needed_ = false;   // a sequence could not be resolved
  std::set<TopicPartition> partitions_to_rewrite_;  // ... in these partitions
  std::map<TopicPartition, PartitionSequences> sequences_;
};

}  // namespace ksim
