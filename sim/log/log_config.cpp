// Topic config table and typed LogConfig. Keys, defaults and validators follow LogConfig's
// ConfigDef (storage module, LogConfig.CONFIG); validation and messages are the shared
// resolve_config (ksim/types/config_def.h), so topic, broker and client configs read alike.
#include "ksim/log/log_config.h"

#include <charconv>
#include <cmath>

#include "ksim/types/config_def.h"

namespace ksim {
namespace {

constexpr double kIntMax = 2147483647.0;
constexpr double kLongMax = 9223372036854775807.0;

// ConfigField{name, type, default, min, max, allowed, doc}. Bounds are ConfigDef's validators:
// atLeast(n) -> {n, +inf}; between(a, b) -> {a, b}; none -> unbounded.
const ConfigField kFields[] = {
    {"cleanup.policy", ConfigType::List, "delete", -kIntMax, kIntMax, {"compact", "delete"}},
    {"delete.retention.ms", ConfigType::Long, "86400000", 0},
    {"flush.messages", ConfigType::Long, "9223372036854775807", 1, kLongMax, {},
     "records above the last flush are lost by a crash with lose_unflushed"},
    {"flush.ms", ConfigType::Long, "9223372036854775807", 0, kLongMax, {},
     "records above the last flush are lost by a crash with lose_unflushed"},
    {"max.compaction.lag.ms", ConfigType::Long, "9223372036854775807", 1},
    {"max.message.bytes", ConfigType::Int, "1048588", 0},
    {"message.timestamp.type", ConfigType::Enum, "CreateTime", -kIntMax, kIntMax,
     {"CreateTime", "LogAppendTime"}},
    {"min.cleanable.dirty.ratio", ConfigType::Double, "0.5", 0, 1},
    {"min.compaction.lag.ms", ConfigType::Long, "0", 0},
    {"min.insync.replicas", ConfigType::Int, "1", 1},
    // retention.bytes has no validator in Kafka: any negative value means unlimited.
    {"retention.bytes", ConfigType::Long, "-1"},
    {"retention.ms", ConfigType::Long, "604800000", -1},
    // atLeast(LegacyRecord.RECORD_OVERHEAD_V0 = 14) before Kafka 4.0; 4.0 raised it to 1 MiB
    // (KIP-1030). ksim keeps 14 so that scenarios can roll a segment every few batches.
    {"segment.bytes", ConfigType::Int, "1073741824", LogConfig::kMinSegmentBytes},
    {"segment.ms", ConfigType::Long, "604800000", 1},
    {"unclean.leader.election.enable", ConfigType::Bool, "false"},
};

std::string format_double(double v) {
  char buf[32];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  KSIM_ASSERT(ec == std::errc());
  return std::string(buf, ptr);
}

void apply_policy(LogConfig& c, const ConfigMap& m) {
  c.cleanup_compact = false;
  c.cleanup_delete = false;
  for (const std::string& item : config_list(m, "cleanup.policy")) {
    if (item == "compact") c.cleanup_compact = true;
    if (item == "delete") c.cleanup_delete = true;
  }
}

LogConfig typed(const ConfigMap& m) {
  LogConfig c;
  apply_policy(c, m);
  c.delete_retention_ms = config_int(m, "delete.retention.ms");
  c.flush_messages = config_int(m, "flush.messages");
  c.flush_ms = config_int(m, "flush.ms");
  c.max_compaction_lag_ms = config_int(m, "max.compaction.lag.ms");
  c.max_message_bytes = static_cast<int32_t>(config_int(m, "max.message.bytes"));
  c.message_timestamp_type = config_string(m, "message.timestamp.type") == "LogAppendTime"
                                 ? TimestampType::LogAppendTime
                                 : TimestampType::CreateTime;
  c.min_cleanable_dirty_ratio = config_double(m, "min.cleanable.dirty.ratio");
  c.min_compaction_lag_ms = config_int(m, "min.compaction.lag.ms");
  c.min_insync_replicas = static_cast<int32_t>(config_int(m, "min.insync.replicas"));
  c.retention_bytes = config_int(m, "retention.bytes");
  c.retention_ms = config_int(m, "retention.ms");
  c.segment_bytes = static_cast<int32_t>(config_int(m, "segment.bytes"));
  c.segment_ms = config_int(m, "segment.ms");
  c.unclean_leader_election_enable = config_bool(m, "unclean.leader.election.enable");
  return c;
}

std::string policy_text(const LogConfig& c) {
  if (c.cleanup_compact && c.cleanup_delete) return "compact,delete";
  if (c.cleanup_compact) return "compact";
  return c.cleanup_delete ? "delete" : "";
}

// The owner as messages name it. A bare topic name ("orders": topic names have no spaces or
// quotes) becomes "topic 'orders'"; "topic" (the default) and worded owners stay as given.
std::string owner_text(std::string_view owner) {
  if (owner.empty() || owner == "topic" || owner.find_first_of(" '") != std::string_view::npos)
    return std::string(owner);
  return "topic '" + std::string(owner) + "'";
}

}  // namespace

std::span<const ConfigField> log_config_fields() { return kFields; }

const char* timestamp_type_name(TimestampType type) {
  return type == TimestampType::LogAppendTime ? "LogAppendTime" : "CreateTime";
}

Result<LogConfig> LogConfig::from(const std::map<std::string, std::string>& overrides,
                                  std::string_view owner) {
  const std::string who = owner_text(owner);
  Result<ConfigMap> resolved = resolve_config(kFields, overrides, who);
  if (!resolved.is_ok()) return resolved.status();
  LogConfig config = typed(resolved.value());
  for (const auto& [key, value] : overrides) config.overridden.insert(key);
  if (config.min_compaction_lag_ms > config.max_compaction_lag_ms) {
    // LogConfig.validateValues.
    return Status(ErrorCode::INVALID_CONFIG,
                  "conflict topic config setting min.compaction.lag.ms (" +
                      std::to_string(config.min_compaction_lag_ms) + ") > max.compaction.lag.ms (" +
                      std::to_string(config.max_compaction_lag_ms) + ") of " + who);
  }
  return config;
}

std::map<std::string, std::string> LogConfig::all_values() const {
  return {
      {"cleanup.policy", policy_text(*this)},
      {"delete.retention.ms", std::to_string(delete_retention_ms)},
      {"flush.messages", std::to_string(flush_messages)},
      {"flush.ms", std::to_string(flush_ms)},
      {"max.compaction.lag.ms", std::to_string(max_compaction_lag_ms)},
      {"max.message.bytes", std::to_string(max_message_bytes)},
      {"message.timestamp.type", timestamp_type_name(message_timestamp_type)},
      {"min.cleanable.dirty.ratio", format_double(min_cleanable_dirty_ratio)},
      {"min.compaction.lag.ms", std::to_string(min_compaction_lag_ms)},
      {"min.insync.replicas", std::to_string(min_insync_replicas)},
      {"retention.bytes", std::to_string(retention_bytes)},
      {"retention.ms", std::to_string(retention_ms)},
      {"segment.bytes", std::to_string(segment_bytes)},
      {"segment.ms", std::to_string(segment_ms)},
      {"unclean.leader.election.enable", unclean_leader_election_enable ? "true" : "false"},
  };
}

std::map<std::string, std::string> LogConfig::non_defaults() const {
  static const std::map<std::string, std::string> defaults = LogConfig{}.all_values();
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : all_values())
    if (overridden.count(key) > 0 || defaults.at(key) != value) out[key] = value;
  return out;
}

}  // namespace ksim
