#pragma once
// The RunSource of a Lua scenario: adapts ksim::script::ScenarioRun (the CLI's runner) to the
// GUI's Session, collecting narration as the run emits it.
#include <map>
#include <optional>
#include <string>

#include "gui/model/session.h"

namespace ksim::gui {

struct ScenarioSourceOptions {
  std::string path;
  std::optional<uint64_t> seed;
  std::map<std::string, std::string> params;
};

// A factory that starts the scenario afresh each time (rewind = restart + replay).
SourceFactory scenario_factory(ScenarioSourceOptions options);

}  // namespace ksim::gui
