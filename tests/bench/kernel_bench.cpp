// Kernel benchmarks (Google Benchmark): the event queue's hold time (the classic "hold model":
// pop the earliest event, push one at its time plus a random increment) at 10^4 and 10^6
// pending events, for ksim::EventQueue and through ksim::Scheduler; the whole simulator's
// events/s on scenarios/tweets.lua and on a 60 s steady-state capacity workload; bytes per
// pending event (heap key + payload slot + free-list entry).
// Targets: <= 100 ns/hold at 10^4, <= 250 ns/hold at 10^6, >= 2 M events/s.
// Run: <build>/tests/bench/ksim_kernel_bench, or `cmake --build <build> --target bench`; to
// compare builds, --benchmark_min_time=0.3 --benchmark_repetitions=3 and read the medians. The
// 10^6 hold is memory-bound (16 MB of keys, prefetched two levels ahead): other processes'
// memory traffic moves it by up to half, so compare on a quiet machine.
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <variant>

#include "ksim/cluster/cluster.h"
#include "ksim/core/event_queue.h"
#include "ksim/core/rng.h"
#include "ksim/core/scheduler.h"
#include "ksim/script/scenario.h"

#ifndef KSIM_SOURCE_DIR
#error "KSIM_SOURCE_DIR must name the source root (set by tests/bench/CMakeLists.txt)"
#endif

namespace {

using benchmark::Counter;

constexpr uint64_t kSeed = 0x6b73696d;    // fixed: every run draws the same increments
constexpr uint64_t kIncrementMaxUs = 1000;  // hold increments are uniform in [1, 1000] µs

// Live heap bytes as glibc counts them: in-use arena chunks plus mmapped chunks (a vector of
// 10^6 events is one mmapped chunk, which uordblks alone would miss).
int64_t live_heap_bytes() {
  struct mallinfo2 m = mallinfo2();
  return static_cast<int64_t>(m.uordblks + m.hblkhd);
}

ksim::Time increment(ksim::Rng& rng) {
  return static_cast<ksim::Time>(1 + rng.below(kIncrementMaxUs));
}

// "ns_per_hold" shown as seconds per iteration (e.g. "41.2n"); "holds/s" as a rate.
void set_hold_counters(benchmark::State& state) {
  state.counters["ns_per_hold"] =
      Counter(1, Counter::kIsIterationInvariantRate | Counter::kInvert);
  state.counters["holds/s"] = Counter(1, Counter::kIsIterationInvariantRate);
}

// ---- EventQueue hold model ----

void BM_EventQueueHold(benchmark::State& state) {
  const int64_t pending = state.range(0);
  ksim::Rng rng(kSeed);
  const int64_t heap_before = live_heap_bytes();
  auto queue = std::make_unique<ksim::EventQueue>();
  uint64_t seq = 0;
  // The hold model's classic start: every event one random increment after t = 0.
  for (int64_t i = 0; i < pending; i++)
    queue->push(ksim::Event{.time = increment(rng), .seq = seq++});
  const int64_t heap_bytes = live_heap_bytes() - heap_before;

  for (auto _ : state) {
    ksim::Event e = queue->pop();
    e.time += increment(rng);
    e.seq = seq++;
    queue->push(e);
  }
  benchmark::DoNotOptimize(queue->top_time());
  set_hold_counters(state);
  state.counters["pending"] = static_cast<double>(queue->size());
  state.counters["bytes_per_event"] = ksim::EventQueue::kBytesPerEvent;  // key + payload slot
  // Heap bytes of the queue per pending event: kBytesPerEvent times the arrays' capacity use
  // (geometric growth leaves up to half the capacity unused).
  state.counters["heap_bytes_per_pending"] =
      static_cast<double>(heap_bytes) / static_cast<double>(pending);
  state.counters["capacity_use"] = static_cast<double>(pending) * ksim::EventQueue::kBytesPerEvent /
                                   static_cast<double>(heap_bytes);
}
BENCHMARK(BM_EventQueueHold)->Arg(10'000)->Arg(1'000'000);

// ---- Scheduler hold model: a trivial handler that reschedules itself ----

class Rescheduler final : public ksim::EventHandler {
 public:
  explicit Rescheduler(ksim::Scheduler& scheduler) : scheduler_(scheduler), rng_(kSeed) {}
  void set_target(int32_t target) { target_ = target; }
  ksim::Rng& rng() { return rng_; }
  void on_event(const ksim::Event& event) override {
    scheduler_.after(increment(rng_), target_, event.kind, event.a, event.b);
  }

 private:
  ksim::Scheduler& scheduler_;
  ksim::Rng rng_;
  int32_t target_ = -1;
};

void BM_SchedulerHold(benchmark::State& state) {
  const int64_t pending = state.range(0);
  const int64_t heap_before = live_heap_bytes();
  auto scheduler = std::make_unique<ksim::Scheduler>();
  Rescheduler handler(*scheduler);
  const int32_t target = scheduler->add_handler(&handler);
  handler.set_target(target);
  for (int64_t i = 0; i < pending; i++)
    scheduler->at(increment(handler.rng()), target, 1, static_cast<uint64_t>(i), 0);
  const int64_t heap_bytes = live_heap_bytes() - heap_before;

  for (auto _ : state) {
    if (!scheduler->step()) state.SkipWithError("the scheduler stopped");
  }
  set_hold_counters(state);
  state.counters["pending"] = static_cast<double>(scheduler->pending());
  state.counters["heap_bytes_per_pending"] =
      static_cast<double>(heap_bytes) / static_cast<double>(pending);
}
BENCHMARK(BM_SchedulerHold)->Arg(10'000)->Arg(1'000'000);

// ---- The whole simulator: scenarios/tweets.lua ----

void BM_ScenarioTweets(benchmark::State& state) {
  const std::string path = std::string(KSIM_SOURCE_DIR) + "/scenarios/tweets.lua";
  uint64_t events = 0;
  int64_t lines = 0;
  ksim::Time virtual_us = 0;
  for (auto _ : state) {
    auto started = ksim::script::ScenarioRun::start({.path = path});
    if (auto* error = std::get_if<ksim::script::ScriptError>(&started)) {
      state.SkipWithError(error->headline().c_str());
      return;
    }
    auto& run = std::get<std::unique_ptr<ksim::script::ScenarioRun>>(started);
    run->run_to_end();
    if (run->error()) {
      state.SkipWithError(run->error()->headline().c_str());
      return;
    }
    events += run->cluster().kernel().scheduler.events_run();
    lines += run->cluster().kernel().trace.lines();
    virtual_us += run->cluster().now();
  }
  state.counters["events/s"] = Counter(static_cast<double>(events), Counter::kIsRate);
  state.counters["trace_lines/s"] = Counter(static_cast<double>(lines), Counter::kIsRate);
  state.counters["events/run"] = Counter(static_cast<double>(events), Counter::kAvgIterations);
  state.counters["virtual_s/run"] =
      Counter(static_cast<double>(virtual_us) / 1e6, Counter::kAvgIterations);
}
BENCHMARK(BM_ScenarioTweets)->Unit(benchmark::kMillisecond);

// ---- The whole simulator: a steady-state capacity workload built in C++ ----
// 3 brokers; topic "orders" with 6 partitions, RF 3; 2 producers at 1 record/ms each (acks=all,
// null keys, sizes only: a capacity run carries no payload bytes); one group of 3 consumers;
// 60 s of virtual time.

std::unique_ptr<ksim::Cluster> build_capacity_cluster() {
  auto created = ksim::Cluster::create({.seed = 42, .brokers = 3});
  if (!created) return nullptr;
  std::unique_ptr<ksim::Cluster> cluster = std::move(created).value();
  if (!cluster->create_topic({.name = "orders", .partitions = 6, .replication_factor = 3}))
    return nullptr;
  for (const char* name : {"producer-0", "producer-1"}) {
    auto producer = cluster->add_producer(name, {{"acks", "all"}});
    if (!producer) return nullptr;
    producer.value()->produce_every(ksim::kMillisecond, {.topic = "orders", .payloads = false});
  }
  for (const char* name : {"consumer-0", "consumer-1", "consumer-2"}) {
    ksim::ConsumerOptions options{.topics = {"orders"}};
    auto consumer = cluster->add_consumer(name, {{"group.id", "billing"}}, options);
    if (!consumer) return nullptr;
  }
  return cluster;
}

void BM_CapacitySteadyState(benchmark::State& state) {
  uint64_t events = 0;
  int64_t lines = 0;
  int64_t acked = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<ksim::Cluster> cluster = build_capacity_cluster();
    state.ResumeTiming();
    if (!cluster) {
      state.SkipWithError("building the capacity cluster failed");
      return;
    }
    cluster->run_until(60 * ksim::kSecond);
    events += cluster->kernel().scheduler.events_run();
    lines += cluster->kernel().trace.lines();
    for (const auto& p : cluster->producers()) acked += p->acked();
    state.PauseTiming();
    cluster.reset();
    state.ResumeTiming();
  }
  state.counters["events/s"] = Counter(static_cast<double>(events), Counter::kIsRate);
  state.counters["trace_lines/s"] = Counter(static_cast<double>(lines), Counter::kIsRate);
  state.counters["events/run"] = Counter(static_cast<double>(events), Counter::kAvgIterations);
  state.counters["acked/run"] = Counter(static_cast<double>(acked), Counter::kAvgIterations);
}
BENCHMARK(BM_CapacitySteadyState)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
