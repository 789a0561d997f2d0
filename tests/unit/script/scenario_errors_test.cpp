// A bad scenario fails with a clear message naming its file and line, never a crash or a hang.
// Each case is a file in tests/data/bad_scenarios/.
#include <doctest/doctest.h>

#include <string>

#include "ksim/script/scenario.h"
#include "tests/support/bad_scenario.h"

using namespace ksim;
using namespace ksim::script;
using ksim::test::failure_of;
using ksim::test::has;

TEST_CASE("bad scenario: a syntax error names file and line") {
  std::string e = failure_of("syntax_error.lua");
  CHECK(has(e, "syntax_error.lua:2:"));
  CHECK(has(e, "'}' expected"));
}

TEST_CASE("bad scenario: an unknown function names file and line") {
  std::string e = failure_of("unknown_function.lua");
  CHECK(has(e, "unknown_function.lua:3:"));
  CHECK(has(e, "producr"));
}

TEST_CASE("bad scenario: an unknown Kafka config key is rejected by name with a suggestion") {
  std::string e = failure_of("unknown_config_key.lua");
  CHECK(has(e, "unknown_config_key.lua:3:"));
  CHECK(has(e, "unknown configuration 'sesion.timeout.ms'"));
  CHECK(has(e, "did you mean 'session.timeout.ms'?"));
}

TEST_CASE("bad scenario: a session timeout outside the group range names both bounds") {
  std::string e = failure_of("session_timeout_out_of_range.lua");
  CHECK(has(e, "session_timeout_out_of_range.lua:3:"));
  CHECK(has(e, "INVALID_SESSION_TIMEOUT"));
  CHECK(has(e, "group.min.session.timeout.ms=6000"));
  CHECK(has(e, "group.max.session.timeout.ms=1800000"));
}

TEST_CASE("bad scenario: an out-of-range topic config is rejected by name and range") {
  std::string e = failure_of("bad_topic_config.lua");
  CHECK(has(e, "bad_topic_config.lua:2:"));
  CHECK(has(e, "retention.ms"));
}

TEST_CASE("bad scenario: a replication factor above the broker count") {
  std::string e = failure_of("replication_factor_too_large.lua");
  CHECK(has(e, "replication_factor_too_large.lua:2:"));
  CHECK(has(e, "INVALID_REPLICATION_FACTOR"));
}

TEST_CASE("bad scenario: an infinite loop is stopped by the instruction limit") {
  std::string e = failure_of("infinite_loop.lua", {.instructions = 5'000'000});
  CHECK(has(e, "infinite_loop.lua:3:"));
  CHECK(has(e, "instruction limit"));
}

TEST_CASE("bad scenario: a memory bomb is stopped by the memory limit") {
  std::string e = failure_of("memory_bomb.lua", {.memory_bytes = 16 << 20});
  CHECK(has(e, "memory_bomb.lua"));
  CHECK(has(e, "not enough memory"));
}

TEST_CASE("bad scenario: a wait that never completes times out with file and line") {
  std::string e = failure_of("wait_timeout.lua");
  CHECK(has(e, "wait_timeout.lua:4:"));
  CHECK(has(e, "timed out after 5s"));
}

TEST_CASE("bad scenario: the sandbox has no io") {
  std::string e = failure_of("sandbox_io.lua");
  CHECK(has(e, "sandbox_io.lua:2:"));
  CHECK(has(e, "io"));
}

TEST_CASE("bad scenario: a missing file is an error, not a crash") {
  std::string e = failure_of("does_not_exist.lua");
  CHECK(has(e, "does_not_exist.lua"));
}
