#pragma once
// Text renderings of coordinator responses, trace events and group state for transcripts.
#include <string>

#include "ksim/group/classic_group.h"
#include "ksim/group/group_effects.h"

namespace ksim::group::testing {

// "#2 JoinGroup NONE member=a-1 gen=1 protocol=range leader=a-1 members=[a-1]"
std::string print_response(RequestHandle h, const GroupResponse& response);
// "trace group.state group=g from=Empty ..." plus an indented "kafka: ..." line.
std::string print_trace(const TraceEvent& ev);
// Multi-line dump of one group.
std::string print_group(const ClassicGroup& g);

}  // namespace ksim::group::testing
