#pragma once
// Broker configs of the classic group coordinator, with Kafka's names, defaults and ranges.
// Follows org.apache.kafka.coordinator.group.GroupCoordinatorConfig (classic group configs).
#include <cstdint>
#include <map>
#include <string>

#include "ksim/types/result.h"
#include "ksim/types/time.h"

namespace ksim::group {

// ClassicGroupNewMemberJoinTimeoutMs: internal, not configurable in Kafka (5 minutes).
constexpr Duration kClassicGroupNewMemberJoinTimeout = 5 * kMinute;

struct GroupCoordinatorConfig {
  int32_t group_min_session_timeout_ms = 6000;        // group.min.session.timeout.ms
  int32_t group_max_session_timeout_ms = 1800000;     // group.max.session.timeout.ms
  int32_t group_initial_rebalance_delay_ms = 3000;    // group.initial.rebalance.delay.ms
  int32_t group_max_size = INT32_MAX;                 // group.max.size, at least 1
  int32_t offsets_topic_num_partitions = 50;          // offsets.topic.num.partitions, >= 1
  int32_t offset_metadata_max_bytes = 4096;           // offset.metadata.max.bytes

  // Builds a config from Kafka keys and string values; keys not given keep their defaults.
  // Error: INVALID_CONFIG naming the key and Kafka's range ("Invalid value 0 for configuration
  // group.max.size: Value must be at least 1"), or naming an unknown key.
  static Result<GroupCoordinatorConfig> from(const std::map<std::string, std::string>& props);

  // Kafka's ranges plus two ksim sanity rules (documented in docs/group-coordinator.md):
  // group.initial.rebalance.delay.ms >= 0 and min session timeout <= max session timeout.
  Status validate() const;

  Duration initial_rebalance_delay() const { return from_ms(group_initial_rebalance_delay_ms); }
};

}  // namespace ksim::group
