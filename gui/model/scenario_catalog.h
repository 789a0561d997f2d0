#pragma once
// The scenario picker's cards: each scenarios/*.lua's scenario{ title, summary, learn,
// watch_for } read cheaply from the text (no Lua run), sorted by file name.
#include <string>
#include <vector>

#include "gui/model/session.h"

namespace ksim::gui {

// Parses the first scenario{ ... } table of a Lua source; fields missing stay empty.
ScenarioCard parse_scenario_card(const std::string& source, const std::string& path);
// Every *.lua in dir, sorted by name. A missing directory gives an empty list.
std::vector<ScenarioCard> scan_scenarios(const std::string& dir);

}  // namespace ksim::gui
