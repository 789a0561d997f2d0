// The CI mode: pass/fail per scenario, JUnit XML with a testcase per scenario and assertion,
// golden hashes that catch a changed trace and name its first divergent line.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "sim/cli/cmd_test.h"

using namespace ksim::cli;

namespace {

const std::string kTweets = KSIM_SOURCE_DIR "/scenarios/tweets.lua";
const std::string kBad = KSIM_SOURCE_DIR "/tests/data/bad_scenarios/wait_timeout.lua";

}  // namespace

TEST_CASE("ksim test: a good scenario passes, a failing one fails with its reason") {
  std::ostringstream out;
  auto results = run_tests({.inputs = {kTweets, kBad}}, out);
  REQUIRE(results.size() == 2);
  CHECK(results[0].failure == "");
  CHECK(results[0].assertions.size() > 5);
  CHECK(results[1].failure.find("wait_timeout.lua:4:") != std::string::npos);
  CHECK(out.str().find("PASS " + kTweets) != std::string::npos);
  CHECK(out.str().find("FAIL " + kBad) != std::string::npos);
}

TEST_CASE("ksim test: JUnit XML has one testcase per scenario and per assertion") {
  std::ostringstream out, junit;
  auto results = run_tests({.inputs = {kTweets, kBad}}, out);
  write_junit(results, junit);
  std::string xml = junit.str();
  size_t testcases = 0;
  for (size_t at = xml.find("<testcase "); at != std::string::npos;
       at = xml.find("<testcase ", at + 1))
    testcases++;
  CHECK(testcases == 2 + results[0].assertions.size() + results[1].assertions.size());
  CHECK(xml.find("<failure message=") != std::string::npos);
  CHECK(xml.find("failures=\"1\"") != std::string::npos);
}

TEST_CASE("ksim test: a golden hash catches another trace and names the first divergent line") {
  auto dir = std::filesystem::temp_directory_path() / "ksim-golden-test";
  std::filesystem::remove_all(dir);
  std::ostringstream out;
  auto written =
      run_tests({.inputs = {kTweets}, .golden_dir = dir.string(), .update_golden = true}, out);
  REQUIRE(written[0].failure == "");
  auto same = run_tests({.inputs = {kTweets}, .golden_dir = dir.string()}, out);
  CHECK(same[0].failure == "");
  auto other = run_tests({.inputs = {kTweets}, .golden_dir = dir.string(), .seed = 99}, out);
  CHECK(other[0].failure.find("differs from the golden") != std::string::npos);
  CHECK(other[0].failure.find("first divergent trace line") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("ksim test: an expect_delivery is one JUnit testcase per anomaly, with its verdict") {
  const std::string unseen = KSIM_SOURCE_DIR "/tests/data/ci/expect_delivery_unseen.lua";
  std::ostringstream out, junit;
  auto results = run_tests({.inputs = {unseen}}, out);
  REQUIRE(results.size() == 1);
  CHECK(results[0].failure == "1 expectation(s) failed");
  // Nine anomalies, each its own assertion named after the expect_delivery and the anomaly.
  std::vector<AssertionResult> parts;
  for (const AssertionResult& a : results[0].assertions)
    if (a.name.find(" expect_delivery[t/g] ") != std::string::npos) parts.push_back(a);
  REQUIRE(parts.size() == 9);
  CHECK(parts[0].name.find("expect_delivery_unseen.lua:12 expect_delivery[t/g] lost-write") !=
        std::string::npos);
  CHECK(parts[0].passed);
  CHECK(parts[0].output == "none found");
  CHECK(parts[1].name.find("] unseen") != std::string::npos);
  CHECK_FALSE(parts[1].passed);
  CHECK(parts[1].message.find("20 found; at-least-once forbids it") == 0);
  CHECK(parts[1].output.find("p send #0 acked at t-0@0") != std::string::npos);
  CHECK(parts[8].name.find("] aborted-read") != std::string::npos);
  CHECK(parts[8].skipped);
  write_junit(results, junit);
  std::string xml = junit.str();
  CHECK(xml.find("name=\"" + unseen + ":12 expect_delivery[t/g] unseen\" time=\"0\"><failure "
                 "message=\"20 found; at-least-once forbids it") != std::string::npos);
  CHECK(xml.find("expect_delivery[t/g] duplicate\" time=\"0\"><system-out>none found"
                 "</system-out>") != std::string::npos);
  CHECK(xml.find("<skipped message=\"not checked: transactions are not modelled\"/>") !=
        std::string::npos);
  CHECK(xml.find("failures=\"2\" skipped=\"1\"") != std::string::npos);  // scenario + unseen
}

TEST_CASE("ksim test: an allowed anomaly passes with its count and why in system-out") {
  const std::string alo_amo = KSIM_SOURCE_DIR "/scenarios/05d_at_most_once_vs_at_least_once.lua";
  std::ostringstream out, junit;
  auto results = run_tests({.inputs = {alo_amo}}, out);
  REQUIRE(results.size() == 1);
  CHECK(results[0].failure == "");
  write_junit(results, junit);
  std::string xml = junit.str();
  CHECK(xml.find("expect_delivery[payments/alo] duplicate\" time=\"0\"><system-out>24 found, "
                 "allowed: at-least-once allows duplicates") != std::string::npos);
  CHECK(xml.find("expect_delivery[payments/amo] unseen\" time=\"0\"><system-out>27 found, "
                 "allowed: at-most-once allows loss") != std::string::npos);
}
