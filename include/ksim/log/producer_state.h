#pragma once
// Idempotent-producer state of one partition log: per producer id, its epoch and the metadata
// of its last 5 batches, so a retried batch is recognised and answered with its original
// offsets, and a gap in sequence numbers is refused. Follows
// org.apache.kafka.storage.internals.log.{ProducerStateManager, ProducerStateEntry,
// ProducerAppendInfo} for non-transactional producers. Pure; the log owns one.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <utility>

#include "ksim/protocol/record_batch.h"
#include "ksim/types/result.h"

namespace ksim {

// BatchMetadata: what the state keeps of one appended batch.
struct ProducerBatchMetadata {
  int32_t first_seq = -1;
  int32_t last_seq = -1;
  Offset first_offset = kNoOffset;
  Offset last_offset = kNoOffset;
  int64_t timestamp_ms = -1;
  bool operator==(const ProducerBatchMetadata&) const = default;
};

struct ProducerStateEntry {
  static constexpr size_t kNumBatchesToRetain = 5;  // ProducerStateEntry.NUM_BATCHES_TO_RETAIN
  int16_t producer_epoch = -1;                      // RecordBatch.NO_PRODUCER_EPOCH
  int64_t last_timestamp_ms = -1;
  std::deque<ProducerBatchMetadata> batches;        // lowest sequence first

  int32_t last_seq() const { return batches.empty() ? -1 : batches.back().last_seq; }
  Offset last_data_offset() const {
    return batches.empty() ? kNoOffset : batches.back().last_offset;
  }
  // findDuplicateBatch: a cached batch with the same epoch and exact sequence range.
  std::optional<ProducerBatchMetadata> find_duplicate(const RecordBatch& batch) const;
  // addBatch: a new epoch clears the cache; the oldest of 5 makes room.
  void add_batch(int16_t epoch, const ProducerBatchMetadata& m);
};

// Where an append comes from (AppendOrigin): client batches are validated, replicated ones are
// taken as the leader wrote them.
enum class AppendOrigin { Client, Replication };

class ProducerStateManager {
 public:
  // The batch a client retried, if it is among the producer's last 5: its original offsets.
  std::optional<ProducerBatchMetadata> find_duplicate(const RecordBatch& batch) const;
  // ProducerAppendInfo.checkProducerEpoch + checkSequence for a client batch (nothing is
  // changed). Errors: INVALID_PRODUCER_EPOCH (an older epoch than the state's),
  // OUT_OF_ORDER_SEQUENCE_NUMBER (a new epoch not starting at 0, or not last_seq + 1). A
  // producer the state does not know (or knows without an epoch, e.g. after its batches were
  // deleted) may start at any sequence, as in Kafka since KIP-360.
  Status validate(const RecordBatch& batch) const;
  // Records an appended batch (offsets assigned). Batches without a producer id are ignored.
  void update(const RecordBatch& batch);
  // Puts back a producer's entry as it was (the log's rebuild after truncation keeps producers
  // whose batches were all deleted earlier, as Kafka's snapshots do).
  void restore(ProducerId id, ProducerStateEntry entry) { producers_[id] = std::move(entry); }
  void clear() { producers_.clear(); }
  // removeExpiredProducers: producers idle for producer.id.expiration.ms are forgotten.
  // Returns how many were removed.
  int32_t remove_expired(int64_t now_ms, int64_t expiration_ms);

  const std::map<ProducerId, ProducerStateEntry>& producers() const { return producers_; }
  const ProducerStateEntry* entry(ProducerId id) const;

 private:
  std::map<ProducerId, ProducerStateEntry> producers_;
};

}  // namespace ksim
