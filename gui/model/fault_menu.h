#pragma once
// The faults a node offers (right-click menu, faults panel, one-key shortcuts), each as the
// Command it issues: broker crash/restart/isolate; consumer crash (no LeaveGroup) vs close
// (LeaveGroup) vs stalled poll; producer start/stop; GC pause; network partition/heal.
#include <string>
#include <vector>

#include "ksim/cluster/cluster.h"

namespace ksim::gui {

struct FaultAction {
  std::string label;               // "Crash (no LeaveGroup)"
  char key = 0;                    // the one-key shortcut ('K'), 0 = none
  std::string help;                // what the learner should watch
  Command command;
};

// Actions for the node named `name` ("" or unknown: only network heal).
std::vector<FaultAction> faults_for(const Cluster& cluster, const std::string& name);

}  // namespace ksim::gui
