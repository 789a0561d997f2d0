#pragma once
// Event severity for the event log's filter (teaching-features item 20): faults and errors
// (crashes, fencing, truncation, evictions, client errors), state changes (leaders, ISR, group
// states, assignments) and chatter (appends, HW moves, commits, polls, acks). A fixed table by
// trace type; an unknown type is a state change, so nothing new hides under "chatter".
#include <string>

namespace ksim::gui {

enum class Severity { Chatter = 0, State = 1, Fault = 2 };

Severity event_severity(const std::string& type);
const char* severity_name(Severity s);  // "chatter", "state", "fault"
// Whether an event of severity `s` shows when the filter keeps `min` and above.
inline bool severity_shown(Severity s, Severity min) {
  return static_cast<int>(s) >= static_cast<int>(min);
}

}  // namespace ksim::gui
