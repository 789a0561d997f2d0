#pragma once
// Building the Session for the command line or the picker, and writing a saved session.
#include <memory>
#include <string>

#include "gui/app/app_options.h"
#include "gui/model/session.h"

namespace ksim::gui {

// A scenario path ("*.lua") or a fixture name ("tweets"). Error: unknown fixture.
Result<SourceFactory> make_factory(const std::string& scenario, const std::string& fixture,
                                   std::optional<uint64_t> seed);
// The parameter panel's factory for a scenario (null for a fixture: it has no param()).
ParamFactory make_param_factory(const std::string& scenario, std::optional<uint64_t> seed);
// "<stem>-session.lua" in the current directory.
std::string session_file_name(const Session& session);

}  // namespace ksim::gui
