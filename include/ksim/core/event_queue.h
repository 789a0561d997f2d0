#pragma once
// The pending-event queue: a contiguous 4-ary min-heap ordered by (time, seq), where seq is the
// order of scheduling. Ties therefore never depend on pointers or hash order. 40 bytes per
// pending event, no per-event heap allocation (the vector grows geometrically, then is reused).
#include <cstdint>
#include <vector>

#include "ksim/types/time.h"

namespace ksim {

struct Event {
  Time time = 0;
  uint64_t seq = 0;       // scheduling order; unique per run
  int32_t target = 0;     // index of the handler (a node) in the scheduler
  uint16_t kind = 0;      // meaning chosen by the target
  uint16_t flags = 0;
  uint64_t a = 0;         // payload words, meaning chosen by the target
  uint64_t b = 0;
};
static_assert(sizeof(Event) <= 64, "the issue bounds a pending event to 64 bytes");

class EventQueue {
 public:
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  // REQUIRES: !empty().
  const Event& top() const { return heap_.front(); }
  Time top_time() const { return heap_.front().time; }
  static constexpr size_t kBytesPerEvent = sizeof(Event);
  void push(const Event& event);
  // REQUIRES: !empty(). Removes and returns the earliest event.
  Event pop();
  void reserve(size_t n) { heap_.reserve(n); }
  void clear() { heap_.clear(); }

 private:
  static bool before(const Event& x, const Event& y) {
    return x.time < y.time || (x.time == y.time && x.seq < y.seq);
  }
  void sift_up(size_t i);
  void sift_down(size_t i);

  std::vector<Event> heap_;
};

}  // namespace ksim
