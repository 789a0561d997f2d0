// Tests of the `ksim assign` JSON front end: good input for each kind of assignor and each kind
// of bad input (exit 2 with a message naming the field).
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "sim/cli/assign_json.h"

namespace {

struct Run {
  int code = 0;
  std::string out;
  std::string err;
};

Run run(const std::string& input) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = ksim::cli::run_assign_json(input, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("assign json: range over two topics, javadoc example") {
  const Run r = run(R"({"assignor": "range", "topics": {"t0": 3, "t1": 3},
    "members": [{"member_id": "C0", "topics": ["t0", "t1"]},
                {"member_id": "C1", "topics": ["t0", "t1"]}]})");
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == R"({"assignment":{"C0":[["t0",0],["t0",1],["t1",0],["t1",1]],)"
                 R"("C1":[["t0",2],["t1",2]]}})" "\n");
}

TEST_CASE("assign json: every member is present, with [] when it gets nothing") {
  const Run r = run(R"({"assignor": "roundrobin", "topics": {"t": 1},
    "members": [{"member_id": "a", "topics": ["t"]}, {"member_id": "b", "topics": ["t"]}]})");
  CHECK(r.code == 0);
  CHECK(r.out == R"({"assignment":{"a":[["t",0]],"b":[]}})" "\n");
}

TEST_CASE("assign json: cooperative-sticky withholds a moving partition and reports it") {
  const Run r = run(R"({"assignor": "cooperative-sticky", "topics": {"t": 3},
    "members": [{"member_id": "c1", "topics": ["t"], "owned": [["t",0],["t",1],["t",2]],
                 "generation": 1},
                {"member_id": "c2", "topics": ["t"], "generation": 1}]})");
  CHECK(r.code == 0);
  CHECK(r.out == R"({"assignment":{"c1":[["t",0],["t",1]],"c2":[]},)"
                 R"("partitions_transferring_ownership":[[["t",2],"c2"]]})" "\n");
}

TEST_CASE("assign json: sticky reads owned partitions as its userData") {
  const Run r = run(R"({"assignor": "sticky", "topics": {"t": 2},
    "members": [{"member_id": "a", "topics": ["t"], "owned": [["t",1]], "generation": 3},
                {"member_id": "b", "topics": ["t"], "owned": [["t",0]], "generation": 3}]})");
  CHECK(r.code == 0);
  CHECK(r.out == R"({"assignment":{"a":[["t",1]],"b":[["t",0]]},)"
                 R"("partitions_transferring_ownership":[]})" "\n");
}

TEST_CASE("assign json: uniform and server-range with racks and instance ids") {
  Run r = run(R"({"assignor": "uniform", "topics": {"t": 2},
    "partition_racks": {"t": [["r0"], ["r1"]]},
    "members": [{"member_id": "a", "topics": ["t"], "rack": "r0"}]})");
  CHECK(r.code == 0);
  CHECK(r.out == R"({"assignment":{"a":[["t",0],["t",1]]}})" "\n");
  r = run(R"({"assignor": "server-range", "topics": {"t": 2},
    "members": [{"member_id": "z", "topics": ["t"], "group_instance_id": "i0"},
                {"member_id": "a", "topics": ["t"]}]})");
  CHECK(r.out == R"({"assignment":{"a":[["t",1]],"z":[["t",0]]}})" "\n");
}

TEST_CASE("assign json: bad input exits 2 naming the field") {
  struct Case {
    const char* input;
    const char* expected;  // substring of the error line
  };
  const Case cases[] = {
      {"not json", "input: not valid JSON"},
      {"[1]", "input: must be a JSON object"},
      {R"({"assignor": "range", "topics": {}, "members": [], "extra": 1})", "extra: unknown key"},
      {R"({"topics": {}, "members": []})", "assignor: required string"},
      {R"({"assignor": "fair", "topics": {}, "members": []})",
       "assignor: unknown assignor 'fair'; valid values: range, roundrobin, sticky, "
       "cooperative-sticky, uniform, server-range"},
      {R"({"assignor": "range", "members": []})", "topics: required"},
      {R"({"assignor": "range", "topics": {"t": -1}, "members": []})", "topics.t: partition"},
      {R"({"assignor": "range", "topics": {"t": "3"}, "members": []})", "topics.t: partition"},
      {R"({"assignor": "range", "topics": {}})", "members: required"},
      {R"({"assignor": "range", "topics": {}, "members": {}})", "members: must be an array"},
      {R"({"assignor": "range", "topics": {}, "members": [{"topics": []}]})",
       "members[0].member_id: required"},
      {R"({"assignor": "range", "topics": {}, "members": [{"member_id": "a"}]})",
       "members[0].topics: required"},
      {R"({"assignor": "range", "topics": {}, "members": [{"member_id": "a", "topics": ["x"]}]})",
       "members[0].topics: unknown topic 'x'"},
      {R"({"assignor": "range", "topics": {"t": 1}, "members": [
          {"member_id": "a", "topics": ["t"]}, {"member_id": "a", "topics": ["t"]}]})",
       "members[1].member_id: duplicate member id 'a'"},
      {R"({"assignor": "range", "topics": {"t": 1}, "members": [
          {"member_id": "a", "topics": ["t"], "owned": [["t", 5]]}]})",
       "members[0].owned: unknown partition t-5"},
      {R"({"assignor": "range", "topics": {"t": 1}, "members": [
          {"member_id": "a", "topics": ["t"], "generation": "x"}]})",
       "members[0].generation: must be int32"},
      {R"({"assignor": "range", "topics": {"t": 1}, "members": [
          {"member_id": "a", "topics": ["t"], "colour": 1}]})",
       "members[0].colour: unknown key"},
      {R"({"assignor": "range", "topics": {"t": 2}, "partition_racks": {"t": [["r"]]},
          "members": []})", "partition_racks.t: must be an array with one rack list"},
      {R"({"assignor": "range", "topics": {"t": 1}, "partition_racks": {"u": [["r"]]},
          "members": []})", "partition_racks.u: topic is not in"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    const Run r = run(c.input);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(c.expected) != std::string::npos);
    CHECK(r.err.rfind("ksim assign: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}
