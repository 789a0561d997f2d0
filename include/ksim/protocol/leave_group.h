#pragma once
// LeaveGroup API (v3+: batch of members, KIP-345).
#include <optional>
#include <string>
#include <vector>

#include "ksim/types/error_code.h"

namespace ksim {

struct LeaveGroupMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string reason;
};

struct LeaveGroupRequest {
  std::string group_id;
  std::vector<LeaveGroupMember> members;
};

struct LeaveGroupMemberResponse {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  ErrorCode error = ErrorCode::NONE;
};

struct LeaveGroupResponse {
  ErrorCode error = ErrorCode::NONE;
  std::vector<LeaveGroupMemberResponse> members;
};

}  // namespace ksim
