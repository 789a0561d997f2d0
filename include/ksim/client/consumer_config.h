#pragma once
// Consumer configuration: Kafka's ConsumerConfig names, defaults and ranges, plus ksim's
// workload options (processing time, commit strategy) which are not Kafka settings.
#include <span>
#include <string>
#include <vector>

#include "ksim/types/config_def.h"
#include "ksim/types/time.h"

namespace ksim {

std::span<const ConfigField> consumer_config_fields();

// How the application commits (docs/scenario-api.md): Kafka's auto-commit, or commitSync()
// after processing each poll's records (at-least-once), or before processing (at-most-once).
enum class CommitStrategy { Auto, SyncAfterProcessing, SyncBeforeProcessing, None };

struct ConsumerConfig {
  ConfigMap effective;
  std::string group_id;
  std::string client_id;
  std::string group_instance_id;      // "" = dynamic member
  Duration session_timeout = 45 * kSecond;
  Duration heartbeat_interval = 3 * kSecond;
  Duration max_poll_interval = 300 * kSecond;
  int32_t max_poll_records = 500;
  bool enable_auto_commit = true;
  Duration auto_commit_interval = 5 * kSecond;
  std::string auto_offset_reset = "latest";
  std::vector<std::string> assignors{"range", "cooperative-sticky"};
  int32_t fetch_min_bytes = 1;
  Duration fetch_max_wait = 500 * kMillisecond;
  int32_t fetch_max_bytes = 52428800;
  int32_t max_partition_fetch_bytes = 1048576;
  Duration request_timeout = 30 * kSecond;
  Duration retry_backoff = 100 * kMillisecond;
  Duration metadata_max_age = 300 * kSecond;  // metadata.max.age.ms
  Duration default_api_timeout = 60 * kSecond;  // bounds commitSync() and its retries
  std::string client_rack;

  // REQUIRES: default_client_id is "consumer-<group>-<n>" (Kafka's default client.id).
  static Result<ConsumerConfig> from(const ConfigMap& overrides, const std::string& name,
                                     const std::string& default_client_id);
};

// Kafka's assignor class names map to their short names ("...RangeAssignor" -> "range").
std::string assignor_short_name(const std::string& name);

}  // namespace ksim
