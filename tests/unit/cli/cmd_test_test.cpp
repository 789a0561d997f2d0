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
