// Producer state for idempotent producers. Follows ProducerStateEntry, ProducerAppendInfo
// (checkProducerEpoch, checkSequence, inSequence) and ProducerStateManager.
#include "ksim/log/producer_state.h"

#include <limits>
#include <string>

namespace ksim {
namespace {

int32_t last_sequence(const RecordBatch& b) {
  return increment_sequence(b.base_sequence, b.last_offset_delta);  // DefaultRecordBatch
}

bool in_sequence(int32_t last_seq, int32_t next_seq) {
  return int64_t{next_seq} == int64_t{last_seq} + 1 ||
         (next_seq == 0 && last_seq == std::numeric_limits<int32_t>::max());
}

}  // namespace

std::optional<ProducerBatchMetadata> ProducerStateEntry::find_duplicate(
    const RecordBatch& batch) const {
  if (batch.producer_epoch != producer_epoch) return std::nullopt;
  int32_t last = last_sequence(batch);
  for (const ProducerBatchMetadata& m : batches)
    if (m.first_seq == batch.base_sequence && m.last_seq == last) return m;
  return std::nullopt;
}

void ProducerStateEntry::add_batch(int16_t epoch, const ProducerBatchMetadata& m) {
  if (producer_epoch != epoch) {
    batches.clear();
    producer_epoch = epoch;
  }
  if (batches.size() == kNumBatchesToRetain) batches.pop_front();
  batches.push_back(m);
  last_timestamp_ms = m.timestamp_ms;
}

const ProducerStateEntry* ProducerStateManager::entry(ProducerId id) const {
  auto it = producers_.find(id);
  return it == producers_.end() ? nullptr : &it->second;
}

std::optional<ProducerBatchMetadata> ProducerStateManager::find_duplicate(
    const RecordBatch& batch) const {
  if (batch.producer_id < 0) return std::nullopt;
  const ProducerStateEntry* e = entry(batch.producer_id);
  return e == nullptr ? std::nullopt : e->find_duplicate(batch);
}

Status ProducerStateManager::validate(const RecordBatch& batch) const {
  if (batch.producer_id < 0) return Status::ok();
  const ProducerStateEntry* e = entry(batch.producer_id);
  if (e == nullptr) return Status::ok();  // an unknown producer may start anywhere
  const int16_t current_epoch = e->producer_epoch;
  if (batch.producer_epoch < current_epoch) {
    return Status(ErrorCode::INVALID_PRODUCER_EPOCH,
                  "Epoch of producer " + std::to_string(batch.producer_id) + " is " +
                      std::to_string(batch.producer_epoch) +
                      ", which is smaller than the last seen epoch " +
                      std::to_string(current_epoch));
  }
  if (batch.producer_epoch != current_epoch) {
    // A new epoch must start at sequence 0, unless the state has no epoch at all.
    if (batch.base_sequence != 0 && current_epoch != -1) {
      return Status(ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER,
                    "Invalid sequence number for new epoch of producer " +
                        std::to_string(batch.producer_id) + ": " +
                        std::to_string(batch.producer_epoch) + " (request epoch), " +
                        std::to_string(batch.base_sequence) + " (seq. number), " +
                        std::to_string(current_epoch) + " (current producer epoch)");
    }
    return Status::ok();
  }
  const int32_t current_last = e->last_seq();
  // With no cached batch (all deleted by retention), any sequence is accepted (KIP-360).
  if (e->batches.empty() || in_sequence(current_last, batch.base_sequence)) return Status::ok();
  return Status(ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER,
                "Out of order sequence number for producer " + std::to_string(batch.producer_id) +
                    ": " + std::to_string(batch.base_sequence) + " (incoming seq. number), " +
                    std::to_string(current_last) + " (current end sequence number)");
}

void ProducerStateManager::update(const RecordBatch& batch) {
  if (batch.producer_id < 0) return;
  ProducerStateEntry& e = producers_[batch.producer_id];
  e.add_batch(batch.producer_epoch,
              ProducerBatchMetadata{.first_seq = batch.base_sequence,
                                    .last_seq = last_sequence(batch),
                                    .first_offset = batch.base_offset,
                                    .last_offset = batch.last_offset(),
                                    .timestamp_ms = batch.max_timestamp});
}

int32_t ProducerStateManager::remove_expired(int64_t now_ms, int64_t expiration_ms) {
  int32_t removed = 0;
  for (auto it = producers_.begin(); it != producers_.end();) {
    if (now_ms - it->second.last_timestamp_ms >= expiration_ms) {
      it = producers_.erase(it);
      removed++;
    } else {
      ++it;
    }
  }
  return removed;
}

}  // namespace ksim
