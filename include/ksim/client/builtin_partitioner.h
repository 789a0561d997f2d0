#pragma once
// The uniform sticky partitioner for records without a key (KIP-480, KIP-794): stick to one
// partition until batch.size bytes were produced to it (switching only at a batch boundary, or
// unconditionally at 2 x batch.size), then pick the next one at random, weighted by how short
// each partition's queue of batches is (adaptive partitioning). Follows
// org.apache.kafka.clients.producer.internals.BuiltInPartitioner.
#include <cstdint>
#include <functional>
#include <vector>

#include "ksim/core/rng.h"

namespace ksim {

struct PartitionLoad {
  std::vector<int32_t> partition_ids;  // partitions with a leader (available), ascending
  std::vector<int32_t> queue_sizes;    // batches queued per available partition, same order
  int32_t num_partitions = 0;          // all partitions of the topic
};

class BuiltInPartitioner {
 public:
  BuiltInPartitioner(int32_t sticky_batch_size, bool adaptive)
      : sticky_batch_size_(sticky_batch_size), adaptive_(adaptive) {}

  // Load stats are computed only when a partition is chosen (rarely: once per batch.size bytes).
  using LoadFn = std::function<PartitionLoad()>;
  // peekCurrentPartitionInfo: the current sticky partition, choosing one if there is none.
  // num_partitions: the topic's partition count now.
  int32_t current(int32_t num_partitions, const LoadFn& load, Rng& rng);
  // updatePartitionInfo: `appended_bytes` went to the current partition; switch when enough
  // was produced (enable_switch: the partition's last batch is full, RecordAccumulator.
  // allBatchesFull). REQUIRES: current() was called.
  void on_appended(int32_t appended_bytes, bool enable_switch, const LoadFn& load, Rng& rng);
  // nextPartition: uniform over available partitions (all if none), or weighted by the
  // cumulative frequency table of inverted queue sizes (updatePartitionLoadStats).
  int32_t next_partition(const PartitionLoad& load, Rng& rng) const;
  int32_t produced_bytes() const { return produced_bytes_; }

 private:
  int32_t sticky_batch_size_;
  bool adaptive_;
  int32_t partition_ = -1;
  int32_t produced_bytes_ = 0;
};

}  // namespace ksim
