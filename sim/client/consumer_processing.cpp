// Consumer: the application's processing of the records one poll() returned. Records are
// processed one after the other: processing_per_poll first, then processing_per_record each, so
// a crash part-way through a batch leaves the records before the crash instant processed and
// the rest not (the delivery checker reads this, docs/delivery-checker.md). Not a Kafka class:
// the loop of a KafkaConsumer application (`for (record : consumer.poll(...)) process(record)`).
#include "ksim/client/consumer.h"

namespace ksim {

int64_t Consumer::in_processing() const {
  return processing_ ? static_cast<int64_t>(batch_end_ - batch_next_) : 0;
}

void Consumer::start_processing() {
  // One timer per record (one for the whole batch when records take no time), so that a pause
  // postpones the record in progress and a crash cancels the rest.
  set_timer(options_.processing_per_poll + options_.processing_per_record, kProcessRecord,
            poll_generation_);
}

void Consumer::on_record_processed() {
  if (options_.processing_per_record == 0) {
    for (; batch_next_ < batch_end_; batch_next_++) consumed_[batch_next_].processed_at = now();
  } else {
    consumed_[batch_next_++].processed_at = now();
  }
  if (batch_next_ < batch_end_) {
    set_timer(options_.processing_per_record, kProcessRecord, poll_generation_);
    return;
  }
  trace_batch("consumer.processed", batch_begin_, batch_end_, "");
  after_processing();
}

// One line per partition of consumed_[from, to), as consumer.poll has: the offsets a poll's
// records of that partition span.
void Consumer::trace_batch(std::string_view type, size_t from, size_t to,
                           std::string_view reason) {
  std::map<TopicPartition, std::pair<Offset, Offset>> ranges;
  for (size_t i = from; i < to; i++) {
    const ConsumedRecord& r = consumed_[i];
    auto [it, fresh] = ranges.try_emplace(r.tp, r.offset, r.offset);
    if (!fresh) it->second.second = r.offset;
  }
  for (const auto& [tp, range] : ranges) {
    TraceEvent e{.type = std::string(type)};
    e.add("consumer", name()).add("group", config_.group_id).add("topic", tp.topic);
    e.add("partition", int64_t{tp.partition}).add("first_offset", range.first);
    e.add("last_offset", range.second).add("generation", int64_t{consumed_[from].generation});
    if (!reason.empty()) e.add("reason", std::string(reason));
    emit(e);
  }
}

// The batch in processing ends before its last record: a crash, or a commit-before-processing
// that failed (an at-most-once application drops records whose commit failed rather than risk
// processing them twice). What was processed so far is traced as processed, the rest as
// unprocessed.
void Consumer::interrupt_processing(std::string_view reason) {
  trace_batch("consumer.processed", batch_begin_, batch_next_, reason);
  trace_batch("consumer.unprocessed", batch_next_, batch_end_, reason);
  processing_ = false;
  batch_begin_ = batch_next_ = batch_end_;
}

}  // namespace ksim
