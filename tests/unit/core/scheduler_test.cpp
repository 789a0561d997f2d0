// Kernel ordering: (time, seq) order, ties by scheduling order, chunked runs equal one run.
#include <doctest/doctest.h>

#include <vector>

#include "ksim/core/scheduler.h"

using namespace ksim;

namespace {

struct Recorder : EventHandler {
  Scheduler* scheduler = nullptr;
  std::vector<std::pair<Time, uint64_t>> seen;
  void on_event(const Event& e) override { seen.push_back({e.time, e.a}); }
};

}  // namespace

TEST_CASE("scheduler: events run in time order, ties in scheduling order") {
  Scheduler s;
  Recorder r;
  int32_t target = s.add_handler(&r);
  s.at(30, target, 0, 1);
  s.at(10, target, 0, 2);
  s.at(10, target, 0, 3);  // same time as the previous: runs after it
  s.at(20, target, 0, 4);
  s.at(10, target, 0, 5);
  while (s.step()) {
  }
  std::vector<std::pair<Time, uint64_t>> expected{{10, 2}, {10, 3}, {10, 5}, {20, 4}, {30, 1}};
  CHECK(r.seen == expected);
  CHECK(s.now() == 30);
  CHECK(s.events_run() == 5);
}

TEST_CASE("scheduler: run_until stops at the boundary and advances now") {
  Scheduler s;
  Recorder r;
  int32_t target = s.add_handler(&r);
  s.at(5, target, 0, 1);
  s.at(10, target, 0, 2);
  s.at(11, target, 0, 3);
  CHECK(s.run_until(10) == 2);
  CHECK(s.now() == 10);
  CHECK(s.next_event_time() == 11);
  CHECK(s.run_until(9) == 0);  // never moves back
  CHECK(s.now() == 10);
}

TEST_CASE("scheduler: frame-sized slices give the same order as one straight run") {
  auto run = [](Duration slice) {
    Scheduler s;
    Recorder r;
    int32_t target = s.add_handler(&r);
    for (uint64_t i = 0; i < 200; i++) s.at(static_cast<Time>((i * 7919) % 1000), target, 0, i);
    if (slice == 0) {
      s.run_until(1000);
    } else {
      for (Time t = 0; t <= 1000; t += slice) s.run_until(t);
    }
    return r.seen;
  };
  CHECK(run(0) == run(16));
  CHECK(run(0) == run(1));
}

TEST_CASE("scheduler: the event limit stops a run") {
  Scheduler s(SchedulerLimits{.max_events = 3});
  Recorder r;
  int32_t target = s.add_handler(&r);
  for (int i = 0; i < 10; i++) s.at(i, target, 0);
  s.run_until(100);
  CHECK(s.events_run() == 3);
  CHECK(s.event_limit_reached());
}

TEST_CASE("event queue: a pending event is at most 64 bytes") {
  CHECK(EventQueue::kBytesPerEvent <= 64);
}
