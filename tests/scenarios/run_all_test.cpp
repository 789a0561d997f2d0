// Every scenario in scenarios/ runs twice and must give the same trace hash with every
// expectation holding; another seed must give another hash; running in frame-sized slices (as
// the GUI does) must give the same hash as one straight run.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ksim/script/scenario.h"

using namespace ksim;
using namespace ksim::script;

namespace {

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  // scenarios/swarm/ too: their plain run (no --swarm) is fault-free and must pass.
  for (const char* dir : {KSIM_SOURCE_DIR "/scenarios", KSIM_SOURCE_DIR "/scenarios/swarm"})
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.is_regular_file() && e.path().extension() == ".lua") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

struct Outcome {
  std::string hash;
  std::string error;
  std::vector<std::string> failed;
  int64_t expectations = 0;
};

Outcome run(const std::string& path, std::optional<uint64_t> seed, Duration slice = 0) {
  Outcome o;
  auto started = ScenarioRun::start({.path = path, .seed = seed});
  if (auto* e = std::get_if<ScriptError>(&started)) {
    o.error = e->to_string();
    return o;
  }
  auto& r = *std::get<0>(started);
  if (slice == 0) {
    r.run_to_end();
  } else {
    for (Time t = slice; r.run_until(t); t += slice) {
    }
  }
  if (r.error()) o.error = r.error()->to_string();
  for (const Expectation& e : r.expectations())
    if (!e.passed) o.failed.push_back(e.file + ":" + std::to_string(e.line) + " " + e.description);
  o.expectations = static_cast<int64_t>(r.expectations().size());
  o.hash = r.cluster().kernel().trace.hash_hex();
  return o;
}

}  // namespace

TEST_CASE("scenarios: there are scenarios to run") {
  CHECK(scenario_files().size() >= 2);
}

TEST_CASE("scenarios: each runs twice with the same trace hash and all expectations holding") {
  for (const std::string& path : scenario_files()) {
    CAPTURE(path);
    Outcome a = run(path, std::nullopt), b = run(path, std::nullopt);
    CHECK(a.error == "");
    CHECK(a.failed == std::vector<std::string>{});
    CHECK(a.expectations > 0);  // every scenario checks itself
    CHECK(a.hash == b.hash);
  }
}

TEST_CASE("scenarios: a different seed gives a different trace hash") {
  for (const std::string& path : scenario_files()) {
    CAPTURE(path);
    CHECK(run(path, 1001).hash != run(path, 1002).hash);
  }
}

TEST_CASE("scenarios: frame-sized slices give the same hash as a straight run") {
  const std::string path = KSIM_SOURCE_DIR "/scenarios/tweets.lua";
  std::string straight = run(path, std::nullopt).hash;
  CHECK(run(path, std::nullopt, 16 * kMillisecond).hash == straight);  // a 60 Hz GUI at 1x
  CHECK(run(path, std::nullopt, 333 * kMillisecond).hash == straight);
}
