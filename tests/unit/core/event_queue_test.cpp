// EventQueue against a sorted reference: (time, seq) order, payload kept, the root hole left by
// pop() filled by push(), pop() or top_time(), and heaps deep enough for the prefetching path.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "ksim/core/event_queue.h"
#include "ksim/core/rng.h"

using namespace ksim;

namespace {

bool before(const Event& x, const Event& y) {
  return x.time < y.time || (x.time == y.time && x.seq < y.seq);
}

Event make(Time t, uint64_t seq) {
  return Event{.time = t, .seq = seq, .target = static_cast<int32_t>(seq % 7),
               .kind = static_cast<uint16_t>(seq % 5), .flags = 3, .a = seq * 11, .b = ~seq};
}

void check_same(const Event& got, const Event& want) {
  CHECK(got.time == want.time);
  CHECK(got.seq == want.seq);
  CHECK(got.target == want.target);
  CHECK(got.kind == want.kind);
  CHECK(got.flags == want.flags);
  CHECK(got.a == want.a);
  CHECK(got.b == want.b);
}

// Random pushes and pops (several pushes after a pop, pops in a row, top_time() on a hole),
// each pop checked against the least element of a plain vector.
void run_against_reference(size_t warm, int steps, Time spread) {
  Rng rng(99);
  EventQueue q;
  std::vector<Event> ref;
  uint64_t seq = 0;
  Time now = 0;
  auto push = [&] {
    Event e = make(now + static_cast<Time>(rng.below(static_cast<uint64_t>(spread))), seq++);
    q.push(e);
    ref.push_back(e);
  };
  for (size_t i = 0; i < warm; i++) push();
  for (int step = 0; step < steps; step++) {
    uint64_t action = rng.below(8);
    if (action < 3 && !ref.empty()) {
      auto least = std::min_element(ref.begin(), ref.end(), before);
      if (action == 0) CHECK(q.top_time() == least->time);
      Event got = q.pop();
      check_same(got, *least);
      now = got.time;
      ref.erase(least);
    } else {
      for (uint64_t k = rng.below(3); k-- > 0;) push();
    }
    REQUIRE(q.size() == ref.size());
  }
  std::sort(ref.begin(), ref.end(), before);
  for (const Event& want : ref) check_same(q.pop(), want);
  CHECK(q.empty());
}

}  // namespace

TEST_CASE("event queue: ties in time pop in seq order, payload intact") {
  EventQueue q;
  q.push(make(5, 0));
  q.push(make(3, 1));
  q.push(make(5, 2));
  q.push(make(3, 3));
  check_same(q.pop(), make(3, 1));
  check_same(q.pop(), make(3, 3));
  q.push(make(4, 4));  // fills the hole left by the pop
  check_same(q.pop(), make(4, 4));
  check_same(q.pop(), make(5, 0));
  CHECK(q.top_time() == 5);
  check_same(q.pop(), make(5, 2));
  CHECK(q.empty());
  q.push(make(9, 5));  // the hole of an emptied queue
  CHECK(q.size() == 1);
  check_same(q.pop(), make(9, 5));
}

TEST_CASE("event queue: negative and large times order as signed values") {
  EventQueue q;
  q.push(make(INT64_MAX, 0));
  q.push(make(-7, 1));
  q.push(make(0, 2));
  CHECK(q.pop().time == -7);
  CHECK(q.pop().time == 0);
  CHECK(q.pop().time == INT64_MAX);
}

TEST_CASE("event queue: matches a sorted reference, small heap with many ties") {
  run_against_reference(50, 20000, 4);
}

TEST_CASE("event queue: matches a sorted reference, 40000 pending (prefetching path)") {
  run_against_reference(40000, 3000, 1000);
}
