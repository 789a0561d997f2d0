#pragma once
// Heartbeat API (classic group protocol).
#include <optional>
#include <string>

#include "ksim/types/error_code.h"
#include "ksim/types/ids.h"

namespace ksim {

struct HeartbeatRequest {
  std::string group_id;
  GenerationId generation_id = -1;
  std::string member_id;
  std::optional<std::string> group_instance_id;
};

struct HeartbeatResponse {
  ErrorCode error = ErrorCode::NONE;
};

}  // namespace ksim
