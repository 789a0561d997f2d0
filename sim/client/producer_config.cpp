// Producer config table. Names, defaults and ranges from Kafka's ProducerConfig (4.0).
#include "ksim/client/producer_config.h"

namespace ksim {
namespace {

const ConfigField kFields[] = {
    {"client.id", ConfigType::String, ""},
    {"acks", ConfigType::Enum, "all", 0, 0, {"all", "-1", "0", "1"}},
    {"batch.size", ConfigType::Int, "16384", 0},
    {"linger.ms", ConfigType::Long, "5", 0},
    {"max.in.flight.requests.per.connection", ConfigType::Int, "5", 1},
    {"retries", ConfigType::Int, "2147483647", 0},
    {"retry.backoff.ms", ConfigType::Long, "100", 0},
    {"retry.backoff.max.ms", ConfigType::Long, "1000", 0},
    {"request.timeout.ms", ConfigType::Int, "30000", 0},
    {"delivery.timeout.ms", ConfigType::Int, "120000", 0},
    {"max.request.size", ConfigType::Int, "1048576", 0},
    // true by default since Kafka 3.0 (KIP-679); see ProducerConfig::from for the conflicts.
    {"enable.idempotence", ConfigType::Bool, "true"},
    {"partitioner.ignore.keys", ConfigType::Bool, "false"},
    // How often the producer refreshes metadata even without errors: a topic's new partitions
    // are used only after the next refresh.
    {"metadata.max.age.ms", ConfigType::Long, "300000", 0},
    {"compression.type", ConfigType::Enum, "none", 0, 0,
     {"none", "gzip", "snappy", "lz4", "zstd"}, "modelled as a size ratio (compression_ratio)"},
    {"buffer.memory", ConfigType::Long, "33554432", 0},
    {"max.block.ms", ConfigType::Long, "60000", 0},
    {"transactional.id", ConfigType::String, "", 0, 0, {}, "", false},
    {"partitioner.adaptive.partitioning.enable", ConfigType::Bool, "true"},
    {"partitioner.availability.timeout.ms", ConfigType::Long, "0", 0, 9.2e18, {}, "", false},
};

}  // namespace

double compression_ratio(const std::string& type) {
  // Typical ratios for JSON-like text payloads; an assumption of the capacity model
  // (docs/producer.md), not Kafka behaviour: Kafka compresses the bytes it is given.
  if (type == "gzip") return 0.35;
  if (type == "snappy") return 0.55;
  if (type == "lz4") return 0.55;
  if (type == "zstd") return 0.30;
  return 1.0;
}

std::span<const ConfigField> producer_config_fields() { return kFields; }

namespace {

// ProducerConfig.postProcessAndValidateIdempotenceConfigs (Kafka 3.2+, KAFKA-13673): asked for
// explicitly, idempotence rejects conflicting settings; left at its default, it is quietly
// turned off by them (the effective config then says false).
Status resolve_idempotence(ProducerConfig& c, bool explicit_setting, const std::string& name) {
  c.enable_idempotence = config_bool(c.effective, "enable.idempotence");
  if (!c.enable_idempotence) return Status::ok();
  const char* conflict = nullptr;
  if (c.max_in_flight > 5)
    conflict = "Must set max.in.flight.requests.per.connection to at most 5 when using the "
               "idempotent producer.";
  else if (c.retries == 0)
    conflict = "Must set retries to non-zero when using the idempotent producer.";
  else if (c.acks != -1)
    conflict = "Must set acks to all in order to use the idempotent producer. Otherwise we "
               "cannot guarantee idempotence.";
  if (conflict == nullptr) return Status::ok();
  if (explicit_setting)
    return Status(ErrorCode::INVALID_CONFIG, "producer '" + name + "': " + conflict);
  c.enable_idempotence = false;
  c.effective["enable.idempotence"] = "false";
  return Status::ok();
}

}  // namespace

Result<ProducerConfig> ProducerConfig::from(const ConfigMap& overrides, const std::string& name) {
  auto resolved = resolve_config(kFields, overrides, "producer '" + name + "'");
  if (!resolved) return resolved.status();
  const ConfigMap& m = *resolved;
  ProducerConfig c;
  c.effective = m;
  c.client_id = m.at("client.id").empty() ? name : m.at("client.id");
  c.effective["client.id"] = c.client_id;
  const std::string& acks = m.at("acks");
  c.acks = acks == "all" ? -1 : static_cast<int16_t>(std::stoi(acks));
  c.batch_size = static_cast<int32_t>(config_int(m, "batch.size"));
  c.linger = from_ms(config_int(m, "linger.ms"));
  c.max_in_flight = static_cast<int32_t>(config_int(m, "max.in.flight.requests.per.connection"));
  c.retries = static_cast<int32_t>(config_int(m, "retries"));
  c.retry_backoff = from_ms(config_int(m, "retry.backoff.ms"));
  c.retry_backoff_max = from_ms(config_int(m, "retry.backoff.max.ms"));
  c.request_timeout = from_ms(config_int(m, "request.timeout.ms"));
  c.delivery_timeout = from_ms(config_int(m, "delivery.timeout.ms"));
  c.max_request_size = static_cast<int32_t>(config_int(m, "max.request.size"));
  c.partitioner_ignore_keys = config_bool(m, "partitioner.ignore.keys");
  c.metadata_max_age = from_ms(config_int(m, "metadata.max.age.ms"));
  c.partitioner_adaptive = config_bool(m, "partitioner.adaptive.partitioning.enable");
  c.buffer_memory = config_int(m, "buffer.memory");
  c.max_block = from_ms(config_int(m, "max.block.ms"));
  c.compression_type = m.at("compression.type");
  Status idempotence = resolve_idempotence(c, overrides.contains("enable.idempotence"), name);
  if (!idempotence.is_ok()) return idempotence;
  // ProducerConfig: delivery.timeout.ms should be >= linger.ms + request.timeout.ms.
  if (c.delivery_timeout < c.linger + c.request_timeout) {
    return Status(ErrorCode::INVALID_CONFIG,
                  "delivery.timeout.ms of producer '" + name +
                      "' should be equal to or larger than linger.ms + request.timeout.ms");
  }
  return c;
}

}  // namespace ksim
