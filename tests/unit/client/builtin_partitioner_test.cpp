// The uniform sticky partitioner; cases follow Kafka's BuiltInPartitionerTest behaviour.
#include <doctest/doctest.h>

#include <map>

#include "ksim/client/builtin_partitioner.h"

using namespace ksim;

TEST_CASE("builtin partitioner: sticks until batch.size bytes at a batch boundary") {
  // Kafka: BuiltInPartitionerTest.testStickyPartitioning (behaviour)
  Rng rng(1);
  PartitionLoad load{.partition_ids = {0, 1, 2}, .queue_sizes = {0, 0, 0}, .num_partitions = 3};
  BuiltInPartitioner p(100, true);
  auto stats = [&] { return load; };
  int32_t first = p.current(3, stats, rng);
  p.on_appended(60, true, stats, rng);
  CHECK(p.current(3, stats, rng) == first);   // 60 < 100
  p.on_appended(60, false, stats, rng);
  CHECK(p.current(3, stats, rng) == first);   // 120 >= 100 but the batch is not full
  CHECK(p.produced_bytes() == 120);
  p.on_appended(90, false, stats, rng);       // 210 >= 2 x 100: switches unconditionally
  CHECK(p.produced_bytes() == 0);
}

TEST_CASE("builtin partitioner: uniform over available partitions when queues are equal") {
  Rng rng(2);
  PartitionLoad load{.partition_ids = {1, 3}, .queue_sizes = {2, 2}, .num_partitions = 4};
  BuiltInPartitioner p(100, true);
  std::map<int32_t, int> seen;
  for (int i = 0; i < 1000; i++) seen[p.next_partition(load, rng)]++;
  CHECK(seen.size() == 2);  // only partitions with a leader (1 and 3)
  CHECK(seen[1] > 400);
  CHECK(seen[3] > 400);
}

TEST_CASE("builtin partitioner: adaptive weights favour short queues (CFT 4 5 8)") {
  // Kafka's own example: queue sizes 0 3 1 invert to 4 1 3, running sum 4 5 8.
  Rng rng(3);
  PartitionLoad load{.partition_ids = {0, 1, 2}, .queue_sizes = {0, 3, 1}, .num_partitions = 3};
  BuiltInPartitioner p(100, true);
  std::map<int32_t, int> seen;
  for (int i = 0; i < 8000; i++) seen[p.next_partition(load, rng)]++;
  CHECK(seen[0] > 3600);  // 4/8
  CHECK(seen[1] < 1400);  // 1/8
  CHECK(seen[2] > 2600);  // 3/8
  BuiltInPartitioner off(100, false);  // partitioner.adaptive.partitioning.enable=false
  std::map<int32_t, int> uniform;
  for (int i = 0; i < 8000; i++) uniform[off.next_partition(load, rng)]++;
  CHECK(uniform[1] > 2300);
}
