#pragma once
// Producer configuration: Kafka's ProducerConfig names, defaults (Kafka 4.0) and ranges.
#include <span>
#include <string>

#include "ksim/types/config_def.h"
#include "ksim/types/time.h"

namespace ksim {

std::span<const ConfigField> producer_config_fields();
// The size ratio ksim applies to record bytes for a compression.type ("none" = 1.0).
double compression_ratio(const std::string& type);

struct ProducerConfig {
  ConfigMap effective;
  std::string client_id;
  int16_t acks = -1;                       // "all" = -1
  int32_t batch_size = 16384;
  Duration linger = 5 * kMillisecond;      // 5 ms since Kafka 4.0 (KIP-1030)
  int32_t max_in_flight = 5;
  int32_t retries = 2147483647;
  Duration retry_backoff = 100 * kMillisecond;
  Duration retry_backoff_max = kSecond;
  Duration request_timeout = 30 * kSecond;
  Duration delivery_timeout = 120 * kSecond;
  int32_t max_request_size = 1048576;
  bool enable_idempotence = false;
  bool partitioner_ignore_keys = false;
  Duration metadata_max_age = 300 * kSecond;  // metadata.max.age.ms
  bool partitioner_adaptive = true;
  int64_t buffer_memory = 33554432;
  Duration max_block = 60 * kSecond;
  std::string compression_type = "none";

  static Result<ProducerConfig> from(const ConfigMap& overrides, const std::string& name);
};

}  // namespace ksim
