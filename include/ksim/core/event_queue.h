#pragma once
// The pending-event queue: a contiguous 4-ary min-heap ordered by (time, seq), where seq is the
// order of scheduling. Ties therefore never depend on pointers or hash order.
// Layout: the heap holds 16-byte keys (time, seq << kSlotBits | slot), so a node's four children
// fill one 64-byte cache line; the rest of each event waits in a slot of a side array (free
// list, reused). 44 bytes per pending event, no per-event heap allocation (the arrays grow
// geometrically, then are reused).
// pop() leaves a hole at the root: the next push() fills it with one sift-down instead of a
// sift-down plus a sift-up (a simulator's usual step: run an event, schedule its successor);
// the next pop() or top_time() fills it from the last leaf instead.
#include <cstddef>
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

class EventQueue {
 public:
  static constexpr int kSlotBits = 28;  // pending events < 2^28 and seq < 2^36 (asserted)

  EventQueue() = default;
  ~EventQueue();
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;

  bool empty() const { return size() == 0; }
  size_t size() const { return count_ - (hole_ ? 1 : 0); }
  // REQUIRES: !empty(). Time of the earliest event.
  Time top_time() const;
  void push(const Event& event);
  // REQUIRES: !empty(). Removes and returns the earliest event.
  Event pop();
  void reserve(size_t n);
  void clear();

 private:
  // time (sign bit flipped, so unsigned order is signed order) in the high half, then
  // seq << kSlotBits | slot: one unsigned comparison orders by (time, seq).
  __extension__ using Key = unsigned __int128;
  struct Payload {
    int32_t target;
    uint16_t kind;
    uint16_t flags;
    uint64_t a;
    uint64_t b;
  };

 public:
  static constexpr size_t kBytesPerEvent = sizeof(Key) + sizeof(Payload) + sizeof(uint32_t);

 private:
  void settle() const;
  void grow(size_t capacity);
  void sift_up(size_t i, Key key) const;
  void sift_down(size_t i, Key key) const;

  // Filling the hole does not change what the queue holds, so const queries may do it.
  mutable Key* keys_ = nullptr;  // keys_[0] is the root; see grow() for the alignment
  mutable size_t count_ = 0;     // heap positions in use, the hole included
  mutable bool hole_ = false;    // keys_[0] is empty (set by pop)
  size_t capacity_ = 0;
  std::vector<Payload> slots_;
  std::vector<uint32_t> free_slots_;
};
static_assert(EventQueue::kBytesPerEvent <= 64, "the issue bounds a pending event to 64 bytes");

}  // namespace ksim
