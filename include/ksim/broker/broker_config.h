#pragma once
// Broker (and controller) configuration: Kafka's server config names, defaults and ranges
// (KafkaConfig, ReplicationConfigs, GroupCoordinatorConfig, KRaftConfigs, ServerLogConfigs).
#include <span>

#include "ksim/types/config_def.h"
#include "ksim/types/time.h"

namespace ksim {

std::span<const ConfigField> broker_config_fields();

struct BrokerConfig {
  ConfigMap effective;  // every key, defaults included (printed with the seed)

  int32_t num_partitions = 1;
  int16_t default_replication_factor = 1;
  int32_t min_insync_replicas = 1;
  bool unclean_leader_election_enable = false;
  Duration replica_lag_time_max = 30 * kSecond;
  Duration replica_fetch_wait_max = 500 * kMillisecond;
  int32_t replica_fetch_max_bytes = 1048576;
  int32_t replica_fetch_min_bytes = 1;
  Duration replica_fetch_backoff = kSecond;
  int32_t message_max_bytes = 1048588;
  int32_t offsets_topic_num_partitions = 50;
  int16_t offsets_topic_replication_factor = 3;
  Duration broker_heartbeat_interval = 2 * kSecond;
  Duration broker_session_timeout = 9 * kSecond;
  bool auto_leader_rebalance_enable = true;
  bool auto_create_topics_enable = true;

  // Validates overrides (unknown key or out-of-range value: INVALID_CONFIG by name).
  static Result<BrokerConfig> from(const ConfigMap& overrides);
};

}  // namespace ksim
