// Port of BuiltInPartitioner.nextPartition/updatePartitionInfo/updatePartitionLoadStats.
#include "ksim/client/builtin_partitioner.h"

#include <algorithm>

#include "ksim/client/partitioner.h"

namespace ksim {

int32_t BuiltInPartitioner::next_partition(const PartitionLoad& load, Rng& rng) const {
  // Utils.toPositive(ThreadLocalRandom.nextInt()).
  const int32_t random = to_positive(static_cast<int32_t>(static_cast<uint32_t>(rng.next())));
  const auto& sizes = load.queue_sizes;
  const int32_t length = static_cast<int32_t>(sizes.size());
  bool use_stats = adaptive_ && length >= 1 && load.num_partitions >= 2;
  int32_t max_plus_1 = length > 0 ? sizes[0] : 0;
  bool all_equal = true;
  for (int32_t i = 1; i < length; i++) {
    all_equal = all_equal && sizes[static_cast<size_t>(i)] == max_plus_1;
    max_plus_1 = std::max(max_plus_1, sizes[static_cast<size_t>(i)]);
  }
  max_plus_1++;
  if (all_equal && length == load.num_partitions) use_stats = false;
  if (!use_stats) {
    if (!load.partition_ids.empty())
      return load.partition_ids[static_cast<size_t>(random % length)];
    return random % load.num_partitions;
  }
  std::vector<int32_t> cft(sizes.size());
  cft[0] = max_plus_1 - sizes[0];
  for (size_t i = 1; i < sizes.size(); i++) cft[i] = max_plus_1 - sizes[i] + cft[i - 1];
  const int32_t weighted = random % cft.back();
  // The first entry strictly greater than the draw (Arrays.binarySearch + 1 in Kafka).
  auto first_greater = std::upper_bound(cft.begin(), cft.end(), weighted);
  size_t index = static_cast<size_t>(first_greater - cft.begin());
  return load.partition_ids[index];
}

int32_t BuiltInPartitioner::current(int32_t num_partitions, const LoadFn& load, Rng& rng) {
  if (partition_ < 0 || partition_ >= num_partitions) {
    partition_ = next_partition(load(), rng);
    produced_bytes_ = 0;
  }
  return partition_;
}

void BuiltInPartitioner::on_appended(int32_t appended_bytes, bool enable_switch,
                                     const LoadFn& load, Rng& rng) {
  produced_bytes_ += appended_bytes;
  if ((produced_bytes_ >= sticky_batch_size_ && enable_switch) ||
      produced_bytes_ >= sticky_batch_size_ * 2) {
    partition_ = next_partition(load(), rng);
    produced_bytes_ = 0;
  }
}

}  // namespace ksim
