#pragma once
// The parameter panel's model (teaching-features item 25): the scenario's param() values,
// edited as text, validated (a dotted name that is a Kafka config is checked with Kafka's type
// and range from the broker/topic/producer/consumer tables), and written back into a saved
// session as a param_defaults{...} line so the saved file replays the same run.
#include <map>
#include <string>
#include <vector>

#include "gui/model/session.h"

namespace ksim::gui {

using ParamValues = std::map<std::string, std::string>;  // name -> text, as --set takes it

// "" when `value` is acceptable for the parameter, else the error to show in the panel: a
// number parameter needs a number (within the param's own { min, max } when it has them), a
// boolean true/false, and a Kafka config its valid range.
std::string param_error(const ParamItem& param, const std::string& value);
// Every row's error, by name (only the rows that have one).
std::map<std::string, std::string> param_errors(const std::vector<ParamItem>& params,
                                                const ParamValues& values);
// The values that differ from the run's current ones (what "Restart" would change).
ParamValues changed_params(const std::vector<ParamItem>& params, const ParamValues& values);
// `param_defaults { ["name"] = value, ... }` for the overridden params ("" when none), typed
// as each default is (numbers and booleans bare, strings quoted).
std::string param_defaults_lua(const std::vector<ParamItem>& params);

}  // namespace ksim::gui
