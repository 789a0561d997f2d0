#pragma once
// "Save session as scenario": the loaded scenario's Lua source with the GUI's commands inserted
// as at("<t>us", function() <command_to_lua> end) lines in a do ... end block right after the
// statement that builds the cluster, so the file replays the same run. See docs/gui.md.
#include <string>
#include <vector>

#include "gui/model/session.h"

namespace ksim::gui {

// The 0-based line index after which the block goes: the line where the first
// `cluster{`/`cluster(` call (outside comments) closes its braces. Error when there is none.
Result<size_t> cluster_statement_end(const std::string& source);

// The Lua block alone (a comment line, then do / at(...) lines / end).
std::string session_block(const std::vector<ScheduledCommand>& commands);

// source with the block inserted, and, when parameters were set in the GUI, a
// param_defaults{...} line first (params.h). Error: no cluster{...} statement found.
Result<std::string> session_lua(const std::string& source,
                                const std::vector<ScheduledCommand>& commands,
                                const std::string& origin,
                                const std::vector<ParamItem>& params = {});

}  // namespace ksim::gui

namespace ksim::gui {

// Writes the session of `session` to `path`: the scenario source with the block inserted, or,
// for a C++ fixture (no Lua source), the block alone under a comment. Returns the path.
Result<std::string> write_session_file(const Session& session, const std::string& path);

}  // namespace ksim::gui
