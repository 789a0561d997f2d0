// 4-ary heap: shallower than a binary heap, and a node's children share a cache line or two.
#include "ksim/core/event_queue.h"

#include "ksim/types/assert.h"

namespace ksim {

void EventQueue::push(const Event& event) {
  heap_.push_back(event);
  sift_up(heap_.size() - 1);
}

Event EventQueue::pop() {
  KSIM_ASSERT(!heap_.empty());
  Event out = heap_.front();
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
  return out;
}

void EventQueue::sift_up(size_t i) {
  Event moving = heap_[i];
  while (i > 0) {
    size_t parent = (i - 1) / 4;
    if (!before(moving, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void EventQueue::sift_down(size_t i) {
  const size_t n = heap_.size();
  Event moving = heap_[i];
  for (;;) {
    size_t first = 4 * i + 1;
    if (first >= n) break;
    size_t best = first;
    size_t last = first + 4 < n ? first + 4 : n;
    for (size_t c = first + 1; c < last; c++)
      if (before(heap_[c], heap_[best])) best = c;
    if (!before(heap_[best], moving)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = moving;
}

}  // namespace ksim
