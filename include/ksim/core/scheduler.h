#pragma once
// The discrete-event scheduler: virtual time, one thread, events run in (time, seq) order.
// Handlers are registered once and addressed by index, so no pointer value reaches behaviour.
#include <cstdint>
#include <vector>

#include "ksim/core/event_queue.h"

namespace ksim {

class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void on_event(const Event& event) = 0;
};

struct SchedulerLimits {
  uint64_t max_events = 4'000'000'000ULL;  // per run; exceeding it stops the run with an error
  size_t max_pending = 50'000'000;         // pending events; exceeding it is an invariant failure
};

class Scheduler {
 public:
  explicit Scheduler(SchedulerLimits limits = {}) : limits_(limits) {}

  Time now() const { return now_; }
  // Registers a handler; returns its target index. The handler must outlive the scheduler's use.
  int32_t add_handler(EventHandler* handler);

  // Schedules an event. REQUIRES: time >= now(). Returns the event's seq.
  uint64_t at(Time time, int32_t target, uint16_t kind, uint64_t a = 0, uint64_t b = 0);
  uint64_t after(Duration delay, int32_t target, uint16_t kind, uint64_t a = 0, uint64_t b = 0) {
    return at(now_ + delay, target, kind, a, b);
  }

  // Runs the next event, if any. Returns false when the queue is empty or the event limit hit.
  bool step();
  // Runs every event with time <= until, then sets now() = until. Returns events run.
  uint64_t run_until(Time until);
  // Time of the next pending event, or kTimeNever.
  Time next_event_time() const { return queue_.empty() ? kTimeNever : queue_.top_time(); }

  uint64_t events_run() const { return events_run_; }
  size_t pending() const { return queue_.size(); }
  bool event_limit_reached() const { return events_run_ >= limits_.max_events; }

 private:
  SchedulerLimits limits_;
  EventQueue queue_;
  std::vector<EventHandler*> handlers_;
  Time now_ = 0;
  uint64_t next_seq_ = 0;
  uint64_t events_run_ = 0;
};

}  // namespace ksim
