// Classic group coordinator configs by Kafka name, with Kafka's defaults and ranges.
// Follows GroupCoordinatorConfig (ConfigDef: INT types, atLeast(1) where Kafka says so).
#include "ksim/group/group_config.h"

#include <cerrno>
#include <cstdlib>
#include <string_view>

namespace ksim::group {
namespace {

struct Key {
  const char* name;
  int32_t GroupCoordinatorConfig::*field;
  int64_t min;  // Kafka's atLeast(n), or INT32_MIN where Kafka has no validator
};

constexpr Key kKeys[] = {
    {"group.initial.rebalance.delay.ms", &GroupCoordinatorConfig::group_initial_rebalance_delay_ms,
     INT32_MIN},
    {"group.max.session.timeout.ms", &GroupCoordinatorConfig::group_max_session_timeout_ms,
     INT32_MIN},
    {"group.max.size", &GroupCoordinatorConfig::group_max_size, 1},
    {"group.min.session.timeout.ms", &GroupCoordinatorConfig::group_min_session_timeout_ms,
     INT32_MIN},
    {"offset.metadata.max.bytes", &GroupCoordinatorConfig::offset_metadata_max_bytes, INT32_MIN},
    {"offsets.topic.num.partitions", &GroupCoordinatorConfig::offsets_topic_num_partitions, 1},
};

Status invalid(const std::string& key, const std::string& value, const std::string& why) {
  // Kafka's ConfigException wording.
  return Status(ErrorCode::INVALID_CONFIG,
                "Invalid value " + value + " for configuration " + key + ": " + why);
}

Status parse_int(const std::string& key, const std::string& text, int32_t& out) {
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || v < INT32_MIN ||
      v > INT32_MAX)
    return invalid(key, text, "Not a number of type INT (range [-2147483648, 2147483647])");
  out = static_cast<int32_t>(v);
  return Status::ok();
}

std::string known_keys() {
  std::string out;
  for (const Key& k : kKeys) out += (out.empty() ? "" : ", ") + std::string(k.name);
  return out;
}

}  // namespace

Result<GroupCoordinatorConfig> GroupCoordinatorConfig::from(
    const std::map<std::string, std::string>& props) {
  GroupCoordinatorConfig config;
  for (const auto& [key, value] : props) {
    const Key* found = nullptr;
    for (const Key& k : kKeys)
      if (key == k.name) found = &k;
    if (found == nullptr)
      return Status(ErrorCode::INVALID_CONFIG,
                    "Unknown group coordinator configuration \"" + key + "\" (known: " +
                        known_keys() + ")");
    Status parsed = parse_int(key, value, config.*(found->field));
    if (!parsed.is_ok()) return parsed;
  }
  Status valid = config.validate();
  if (!valid.is_ok()) return valid;
  return config;
}

Status GroupCoordinatorConfig::validate() const {
  for (const Key& k : kKeys) {
    int32_t v = this->*(k.field);
    if (v < k.min)
      return invalid(k.name, std::to_string(v), "Value must be at least " + std::to_string(k.min));
  }
  if (group_initial_rebalance_delay_ms < 0)
    return invalid("group.initial.rebalance.delay.ms",
                   std::to_string(group_initial_rebalance_delay_ms),
                   "Value must be at least 0 (a ksim rule; Kafka accepts any INT)");
  if (group_min_session_timeout_ms > group_max_session_timeout_ms)
    return invalid("group.min.session.timeout.ms", std::to_string(group_min_session_timeout_ms),
                   "Value must be at most group.max.session.timeout.ms (" +
                       std::to_string(group_max_session_timeout_ms) +
                       ") (a ksim rule; Kafka then rejects every JoinGroup)");
  return Status::ok();
}

}  // namespace ksim::group
