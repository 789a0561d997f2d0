#pragma once
// Runs one file of tests/data/bad_scenarios/ and returns the error it fails with, whether it
// fails while starting or while running ("(no error)" when it runs to its end). Shared by the
// scenario-error and presentation-API tests.
#include <string>

#include "ksim/script/scenario.h"

namespace ksim::test {

inline std::string failure_of(const std::string& name, script::LuaLimits limits = {}) {
  std::string path = KSIM_SOURCE_DIR "/tests/data/bad_scenarios/" + name;
  auto started = script::ScenarioRun::start({.path = path, .limits = limits});
  if (auto* e = std::get_if<script::ScriptError>(&started)) return e->headline();
  auto& run = *std::get<0>(started);
  run.run_to_end();
  return run.error() ? run.error()->headline() : "(no error)";
}

inline bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace ksim::test
