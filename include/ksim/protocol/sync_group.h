#pragma once
// SyncGroup API: the leader sends every member's assignment; everyone gets its own back.
#include <optional>
#include <string>
#include <vector>

#include "ksim/protocol/consumer_protocol.h"
#include "ksim/types/error_code.h"

namespace ksim {

struct SyncGroupAssignment {
  std::string member_id;
  ConsumerAssignment assignment;
};

struct SyncGroupRequest {
  std::string group_id;
  GenerationId generation_id = -1;
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string protocol_type = "consumer";
  std::string protocol_name;
  std::vector<SyncGroupAssignment> assignments;     // non-empty only from the leader
};

struct SyncGroupResponse {
  ErrorCode error = ErrorCode::NONE;
  std::string protocol_type;
  std::string protocol_name;
  ConsumerAssignment assignment;
};

}  // namespace ksim
