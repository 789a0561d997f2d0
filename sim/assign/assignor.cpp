// The assignor factory by name. Follows ConsumerPartitionAssignor.getAssignorInstances (client)
// and GroupCoordinatorConfig's consumer assignors (server).
#include "ksim/assign/assignor.h"

#include <string>

#include "ksim/assign/cooperative_sticky_assignor.h"
#include "ksim/assign/range_assignor.h"
#include "ksim/assign/round_robin_assignor.h"
#include "ksim/assign/server_range_assignor.h"
#include "ksim/assign/sticky_assignor.h"
#include "ksim/assign/uniform_assignor.h"

namespace ksim::assign {

std::vector<std::string_view> assignor_names() {
  return {"range", "roundrobin", "sticky", "cooperative-sticky", "uniform", "server-range"};
}

Result<std::unique_ptr<Assignor>> make_assignor(std::string_view name) {
  std::unique_ptr<Assignor> out;
  if (name == "range") out = std::make_unique<RangeAssignor>();
  if (name == "roundrobin") out = std::make_unique<RoundRobinAssignor>();
  if (name == "sticky") out = std::make_unique<StickyAssignor>();
  if (name == "cooperative-sticky") out = std::make_unique<CooperativeStickyAssignor>();
  if (name == "uniform") out = std::make_unique<UniformAssignor>();
  if (name == "server-range") out = std::make_unique<ServerRangeAssignor>();
  if (out) return out;
  std::string valid;
  for (auto n : assignor_names()) valid += (valid.empty() ? "" : ", ") + std::string(n);
  return Status(ErrorCode::INVALID_CONFIG,
                "unknown assignor '" + std::string(name) + "'; valid values: " + valid);
}

}  // namespace ksim::assign
