// Scheduler: pops events in (time, seq) order and dispatches them to handlers by index.
#include "ksim/core/scheduler.h"

#include "ksim/types/assert.h"

namespace ksim {

int32_t Scheduler::add_handler(EventHandler* handler) {
  KSIM_ASSERT(handler != nullptr);
  handlers_.push_back(handler);
  return static_cast<int32_t>(handlers_.size() - 1);
}

uint64_t Scheduler::at(Time time, int32_t target, uint16_t kind, uint64_t a, uint64_t b) {
  KSIM_ASSERT_MSG(time >= now_, "an event may not be scheduled in the past");
  KSIM_ASSERT(target >= 0 && static_cast<size_t>(target) < handlers_.size());
  KSIM_ASSERT_MSG(queue_.size() < limits_.max_pending, "event queue limit exceeded");
  Event e{.time = time, .seq = next_seq_++, .target = target, .kind = kind, .a = a, .b = b};
  queue_.push(e);
  return e.seq;
}

bool Scheduler::step() {
  if (queue_.empty() || event_limit_reached()) return false;
  Event e = queue_.pop();
  KSIM_ASSERT(e.time >= now_);
  now_ = e.time;
  assert_context().now_us = now_;
  events_run_++;
  handlers_[static_cast<size_t>(e.target)]->on_event(e);
  return true;
}

uint64_t Scheduler::run_until(Time until) {
  uint64_t before = events_run_;
  while (!queue_.empty() && queue_.top_time() <= until && step()) {
  }
  if (until > now_ && !event_limit_reached()) now_ = until;
  assert_context().now_us = now_;
  return events_run_ - before;
}

}  // namespace ksim
