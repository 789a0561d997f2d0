#pragma once
// FindCoordinator API (key_type 0 = group).
#include <string>

#include "ksim/types/error_code.h"
#include "ksim/types/ids.h"

namespace ksim {

struct FindCoordinatorRequest {
  std::string key;
  int8_t key_type = 0;
};

struct FindCoordinatorResponse {
  ErrorCode error = ErrorCode::NONE;
  BrokerId node_id = kNoBroker;
  std::string host;
  int32_t port = 9092;
};

}  // namespace ksim
