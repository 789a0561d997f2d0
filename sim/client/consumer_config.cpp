// Consumer config table. Names, defaults and ranges from Kafka's ConsumerConfig.
#include "ksim/client/consumer_config.h"

namespace ksim {
namespace {

const ConfigField kFields[] = {
    {"group.id", ConfigType::String, ""},
    {"client.id", ConfigType::String, ""},
    {"group.instance.id", ConfigType::String, ""},
    {"session.timeout.ms", ConfigType::Int, "45000"},
    {"heartbeat.interval.ms", ConfigType::Int, "3000"},
    {"max.poll.interval.ms", ConfigType::Int, "300000", 1},
    {"max.poll.records", ConfigType::Int, "500", 1},
    {"enable.auto.commit", ConfigType::Bool, "true"},
    {"auto.commit.interval.ms", ConfigType::Int, "5000", 0},
    {"auto.offset.reset", ConfigType::Enum, "latest", 0, 0, {"earliest", "latest", "none"}},
    {"partition.assignment.strategy", ConfigType::List, "range,cooperative-sticky", 0, 0,
     {"range", "roundrobin", "sticky", "cooperative-sticky"}},
    {"fetch.min.bytes", ConfigType::Int, "1", 0},
    {"fetch.max.wait.ms", ConfigType::Int, "500", 0},
    {"fetch.max.bytes", ConfigType::Int, "52428800", 0},
    {"max.partition.fetch.bytes", ConfigType::Int, "1048576", 0},
    {"request.timeout.ms", ConfigType::Int, "30000", 0},
    {"retry.backoff.ms", ConfigType::Long, "100", 0},
    {"client.rack", ConfigType::String, ""},
    {"group.protocol", ConfigType::Enum, "classic", 0, 0, {"classic"},
     "the KIP-848 'consumer' protocol is not modelled yet"},
    {"isolation.level", ConfigType::Enum, "read_uncommitted", 0, 0,
     {"read_uncommitted", "read_committed"}, "", false},
    {"default.api.timeout.ms", ConfigType::Int, "60000", 0},
    {"metadata.max.age.ms", ConfigType::Long, "300000", 0},
};

std::string normalized_assignors(const std::string& list) {
  std::string out;
  for (const std::string& item : config_list(ConfigMap{{"k", list}}, "k"))
    out += (out.empty() ? "" : ",") + assignor_short_name(item);
  return out;
}

}  // namespace

std::span<const ConfigField> consumer_config_fields() { return kFields; }

std::string assignor_short_name(const std::string& name) {
  if (name == "org.apache.kafka.clients.consumer.RangeAssignor") return "range";
  if (name == "org.apache.kafka.clients.consumer.RoundRobinAssignor") return "roundrobin";
  if (name == "org.apache.kafka.clients.consumer.StickyAssignor") return "sticky";
  if (name == "org.apache.kafka.clients.consumer.CooperativeStickyAssignor")
    return "cooperative-sticky";
  return name;
}

Result<ConsumerConfig> ConsumerConfig::from(const ConfigMap& overrides, const std::string& name,
                                            const std::string& default_client_id) {
  ConfigMap o = overrides;
  if (auto it = o.find("partition.assignment.strategy"); it != o.end())
    it->second = normalized_assignors(it->second);
  std::string owner = "consumer '" + name + "'";
  auto resolved = resolve_config(kFields, o, owner);
  if (!resolved) return resolved.status();
  const ConfigMap& m = *resolved;
  ConsumerConfig c;
  c.effective = m;
  c.group_id = m.at("group.id");
  c.client_id = m.at("client.id").empty() ? default_client_id : m.at("client.id");
  c.effective["client.id"] = c.client_id;
  c.group_instance_id = m.at("group.instance.id");
  c.session_timeout = from_ms(config_int(m, "session.timeout.ms"));
  c.heartbeat_interval = from_ms(config_int(m, "heartbeat.interval.ms"));
  c.max_poll_interval = from_ms(config_int(m, "max.poll.interval.ms"));
  c.max_poll_records = static_cast<int32_t>(config_int(m, "max.poll.records"));
  c.enable_auto_commit = config_bool(m, "enable.auto.commit");
  c.auto_commit_interval = from_ms(config_int(m, "auto.commit.interval.ms"));
  c.auto_offset_reset = m.at("auto.offset.reset");
  c.assignors = config_list(m, "partition.assignment.strategy");
  c.fetch_min_bytes = static_cast<int32_t>(config_int(m, "fetch.min.bytes"));
  c.fetch_max_wait = from_ms(config_int(m, "fetch.max.wait.ms"));
  c.fetch_max_bytes = static_cast<int32_t>(config_int(m, "fetch.max.bytes"));
  c.max_partition_fetch_bytes = static_cast<int32_t>(config_int(m, "max.partition.fetch.bytes"));
  c.request_timeout = from_ms(config_int(m, "request.timeout.ms"));
  c.retry_backoff = from_ms(config_int(m, "retry.backoff.ms"));
  c.metadata_max_age = from_ms(config_int(m, "metadata.max.age.ms"));
  c.default_api_timeout = from_ms(config_int(m, "default.api.timeout.ms"));
  c.client_rack = m.at("client.rack");
  if (c.group_id.empty())
    return Status(ErrorCode::INVALID_CONFIG, owner + " needs group.id (subscribe needs a group)");
  if (c.assignors.empty())
    return Status(ErrorCode::INVALID_CONFIG, owner + ": partition.assignment.strategy is empty");
  // GroupRebalanceConfig / KafkaConsumer: the heartbeat must be shorter than the session.
  if (c.heartbeat_interval >= c.session_timeout) {
    return Status(ErrorCode::INVALID_CONFIG, owner + ": heartbeat.interval.ms must be lower "
                                                     "than session.timeout.ms");
  }
  return c;
}

}  // namespace ksim
