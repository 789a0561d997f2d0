#pragma once
// The consumer embedded protocol carried inside JoinGroup/SyncGroup
// (ConsumerProtocolSubscription v3 / ConsumerProtocolAssignment, KIP-429, KIP-792, KIP-881).
// Kafka sends these as bytes; we carry them as values. user_data is the assignor's own data
// (for example StickyAssignor's previous assignment and generation).
#include <optional>
#include <string>
#include <vector>

#include "ksim/types/ids.h"

namespace ksim {

struct StickyUserData {  // StickyAssignor / CooperativeStickyAssignor userData
  std::vector<TopicPartition> previous_assignment;  // empty for cooperative-sticky
  std::optional<GenerationId> generation;
  bool operator==(const StickyUserData&) const = default;
};

struct ConsumerSubscription {
  std::vector<std::string> topics;                  // sorted
  std::optional<StickyUserData> user_data;
  std::vector<TopicPartition> owned_partitions;     // v1+
  GenerationId generation_id = -1;                  // v2+ (-1 = unknown)
  std::string rack;                                 // v3+ ("" = none)
  bool operator==(const ConsumerSubscription&) const = default;
};

struct ConsumerAssignment {
  std::vector<TopicPartition> partitions;           // sorted
  std::optional<StickyUserData> user_data;
  bool operator==(const ConsumerAssignment&) const = default;
};

}  // namespace ksim
