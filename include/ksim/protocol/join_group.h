#pragma once
// JoinGroup API (classic protocol; KIP-394 MEMBER_ID_REQUIRED, KIP-345 static membership).
#include <optional>
#include <string>
#include <vector>

#include "ksim/protocol/consumer_protocol.h"
#include "ksim/types/error_code.h"

namespace ksim {

struct JoinGroupProtocol {
  std::string name;                                 // assignor name: "range", "cooperative-sticky"
  ConsumerSubscription metadata;
  bool operator==(const JoinGroupProtocol&) const = default;
};

struct JoinGroupRequest {
  std::string group_id;
  int32_t session_timeout_ms = 45000;
  int32_t rebalance_timeout_ms = 300000;            // the consumer's max.poll.interval.ms
  std::string member_id;                            // "" on first join
  std::optional<std::string> group_instance_id;     // static membership
  std::string protocol_type = "consumer";
  std::vector<JoinGroupProtocol> protocols;         // in the member's preference order
  std::string client_id;
  std::string client_host;                          // "/10.0.0.7"
  std::string reason;
};

struct JoinGroupResponseMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  ConsumerSubscription metadata;
};

struct JoinGroupResponse {
  ErrorCode error = ErrorCode::NONE;
  GenerationId generation_id = -1;
  std::string protocol_type;
  std::string protocol_name;
  std::string leader;
  bool skip_assignment = false;                     // KIP-814
  std::string member_id;
  std::vector<JoinGroupResponseMember> members;     // non-empty only for the leader
};

}  // namespace ksim
