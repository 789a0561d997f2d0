// Trace: JSON Lines rendering, hash sensitivity, listeners.
#include <doctest/doctest.h>

#include <sstream>

#include "ksim/core/trace.h"

using namespace ksim;

TEST_CASE("trace: one JSON line per event, fields in insertion order, strings escaped") {
  TraceEvent e{.type = "group.state"};
  e.add("group", "group\"1").add("generation", int64_t{2}).add("stable", true);
  CHECK(Trace::to_json(1500, e) ==
        R"({"t":1500,"type":"group.state","group":"group\"1","generation":2,"stable":true})");
}

TEST_CASE("trace: the hash covers every line and changes with any byte") {
  auto hash_of = [](int64_t value) {
    Trace t;
    t.emit(1, TraceEvent{.type = "a"}.add("v", int64_t{1}));
    t.emit(2, TraceEvent{.type = "b"}.add("v", value));
    return t.hash();
  };
  CHECK(hash_of(5) == hash_of(5));
  CHECK(hash_of(5) != hash_of(6));
}

TEST_CASE("trace: the sink receives the lines; listeners see events, messages only on request") {
  std::ostringstream out;
  Trace t;
  t.set_sink(&out);
  int states = 0, messages = 0;
  t.add_listener([&](Time, const TraceEvent&) { states++; }, false);
  int id = t.add_listener([&](Time, const TraceEvent& e) { messages += e.type == "msg"; }, true);
  t.emit(0, TraceEvent{.type = "x"});
  t.emit_message(3, "msg", "Heartbeat", false, "c1", "broker-0", 88, 7);
  CHECK(states == 1);
  CHECK(messages == 1);
  t.remove_listener(id);
  t.emit_message(4, "msg", "Heartbeat", true, "broker-0", "c1", 30, 7);
  CHECK(messages == 1);
  CHECK(t.lines() == 3);
  CHECK(out.str().find(R"("api":"Heartbeat","dir":"req","from":"c1","to":"broker-0")") !=
        std::string::npos);
}
