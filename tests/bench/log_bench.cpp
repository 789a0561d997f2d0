// Partition log benchmarks (Google Benchmark): appends/s as leader for batches of 1 and 100
// records, with and without payloads; reads/s; heap bytes per stored batch, measured with
// glibc's mallinfo2 (counter "bytes_per_batch"). Run: <build>/tests/bench/ksim_log_bench, or
// `cmake --build <build> --target bench`.
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <cstdint>
#include <memory>
#include <string>

#include "ksim/log/partition_log.h"

namespace {

// Live heap bytes as glibc's allocator counts them (in-use chunk bytes, malloc's own per-chunk
// overhead included), so the figure is what the process really pays.
int64_t live_heap_bytes() { return static_cast<int64_t>(mallinfo2().uordblks); }

}  // namespace

namespace {

using ksim::LogConfig;
using ksim::PartitionLog;
using ksim::RecordBatch;

// `records` records; with payloads, 10-byte keys and 100-byte values (off the small-string
// buffer, as real values are).
RecordBatch make_batch(int32_t records, bool payloads, int64_t ts_ms) {
  RecordBatch b;
  b.record_count = records;
  b.last_offset_delta = records - 1;
  b.first_timestamp = ts_ms;
  b.max_timestamp = ts_ms;
  b.size_bytes = ksim::kRecordBatchOverhead + records * ksim::record_size_bytes(10, 100);
  if (!payloads) return b;
  for (int32_t i = 0; i < records; i++) {
    ksim::Record r;
    r.offset_delta = i;
    r.key = "key-" + std::to_string(100000 + i);
    r.value = std::string(100, 'v');
    b.records.push_back(std::move(r));
  }
  return b;
}

ksim::TopicPartition bench_tp() { return ksim::TopicPartition{"bench", 0}; }

LogConfig bench_config() {
  LogConfig c;
  c.segment_bytes = 1 << 30;
  c.max_message_bytes = 1 << 30;
  return c;
}

// Appends one batch per iteration; a fresh log every 65536 batches bounds the memory used.
void BM_AppendAsLeader(benchmark::State& state) {
  const int32_t records = static_cast<int32_t>(state.range(0));
  const bool payloads = state.range(1) != 0;
  const RecordBatch proto = make_batch(records, payloads, 0);
  auto log = std::make_unique<PartitionLog>(bench_tp(), bench_config(), 0);
  int64_t n = 0;
  for (auto _ : state) {
    if ((++n & 0xFFFF) == 0) {
      state.PauseTiming();
      log = std::make_unique<PartitionLog>(bench_tp(), bench_config(), 0);
      state.ResumeTiming();
    }
    auto r = log->append_as_leader(proto, 1, n);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["records_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * records),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AppendAsLeader)->ArgNames({"records", "payloads"})->ArgsProduct({{1, 100}, {0, 1}});

// Reads at pseudo-random offsets of a 100k-batch log (1 record each, no payloads):
// max_bytes 0 with min_one_message (one batch), then 64 KiB (whole batches up to the limit).
void BM_Read(benchmark::State& state) {
  const int32_t max_bytes = static_cast<int32_t>(state.range(0));
  PartitionLog log(bench_tp(), bench_config(), 0);
  const RecordBatch proto = make_batch(1, false, 0);
  for (int i = 0; i < 100000; i++) (void)log.append_as_leader(proto, 1, 0);
  (void)log.update_high_watermark(log.log_end_offset());
  uint64_t x = 88172645463325252ull;  // xorshift64: deterministic offsets
  int64_t batches = 0;
  for (auto _ : state) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    ksim::Offset at = static_cast<ksim::Offset>(x % 100000);
    auto r = log.read(at, max_bytes, log.high_watermark(), true);
    batches += static_cast<int64_t>(r->batches.size());
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["batches_per_read"] =
      static_cast<double>(batches) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Read)->ArgName("max_bytes")->Arg(0)->Arg(65536);

// Heap bytes per stored batch: live bytes after appending N batches, minus before, over N.
// Without payloads this is the whole cost of a batch in the log (header struct + deque block).
void BM_MemoryPerBatch(benchmark::State& state) {
  const int32_t records = static_cast<int32_t>(state.range(0));
  const bool payloads = state.range(1) != 0;
  const int32_t kBatches = payloads ? 2000 : 100000;
  double per_batch = 0;
  for (auto _ : state) {
    const RecordBatch proto = make_batch(records, payloads, 0);
    int64_t before = live_heap_bytes();
    {
      PartitionLog log(bench_tp(), bench_config(), 0);
      for (int i = 0; i < kBatches; i++) (void)log.append_as_leader(proto, 1, 0);
      per_batch = static_cast<double>(live_heap_bytes() - before) / kBatches;
    }
  }
  state.counters["bytes_per_batch"] = per_batch;
  state.counters["sizeof_RecordBatch"] = static_cast<double>(sizeof(RecordBatch));
}
BENCHMARK(BM_MemoryPerBatch)
    ->ArgNames({"records", "payloads"})
    ->ArgsProduct({{1, 100}, {0, 1}})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
