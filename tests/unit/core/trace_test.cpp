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

TEST_CASE("trace: the hash does not depend on whether a sink renders the lines") {
  auto run = [](std::ostream* sink) {
    Trace t;
    t.set_sink(sink);
    t.emit(1, TraceEvent{.type = "a"}.add("s", "x\"y").add("b", false));
    t.emit_message(2, "msg", "Fetch", true, "broker-0", "c1", 120, 9);
    return t.hash();
  };
  std::ostringstream out;
  CHECK(run(nullptr) == run(&out));
  CHECK(out.str().find(R"("s":"x\"y")") != std::string::npos);
}

TEST_CASE("trace: a message line hashes like the same event emitted as a TraceEvent") {
  Trace fast, slow;
  fast.emit_message(7, "msg", "Produce", false, "p1", "broker-1", 300, 4);
  TraceEvent e{.type = "msg"};
  e.add("api", "Produce").add("dir", "req").add("from", "p1").add("to", "broker-1");
  e.add("bytes", int64_t{300}).add("corr", 4);
  slow.emit(7, e);
  CHECK(fast.hash() == slow.hash());
}

TEST_CASE("trace: the hash input separates fields (no ambiguity from concatenation)") {
  auto hash_of = [](const char* a, const char* b) {
    Trace t;
    t.emit(0, TraceEvent{.type = "x"}.add("k", a).add("l", b));
    return t.hash();
  };
  CHECK(hash_of("ab", "c") != hash_of("a", "bc"));
}
