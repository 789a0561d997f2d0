#pragma once
// Producer configuration: Kafka's ProducerConfig names, defaults (Kafka 4.0) and ranges.
#include <span>
#include <string>

#include "ksim/types/config_def.h"
#include "ksim/types/time.h"

namespace ksim {

std::span<const ConfigField> producer_config_fields();

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

  static Result<ProducerConfig> from(const ConfigMap& overrides, const std::string& name);
};

}  // namespace ksim
