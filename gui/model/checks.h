#pragma once
// The checks panel's model: the scenario's expectations and the model's invariants, evaluated
// on the cluster at the current time (DSLabs-style live checks).
#include <string>
#include <vector>

#include "gui/model/session.h"

namespace ksim::gui {

struct CheckRow {
  std::string name;                // "HW <= LEO on every replica"
  bool passed = true;
  std::string detail;              // the first violation, or what was checked
  std::string where;               // "file:line" for expectations
  Time t = 0;
};

// Invariants: HW <= LEO and log start <= HW on every replica; at most one replica acts as
// leader of a partition in the controller's current epoch; the registered leader is in the ISR;
// each partition of a Stable group is assigned to at most one member.
std::vector<CheckRow> invariant_checks(const Cluster& cluster);
std::vector<CheckRow> expectation_checks(const std::vector<ExpectationItem>& expectations);

}  // namespace ksim::gui
