#pragma once
// Kafka-style config definitions: each key with its type, default and valid range, as Kafka's
// ConfigDef declares them. Overrides are validated once at the boundary; an unknown key or an
// out-of-range value is rejected by name, with Kafka's range and a did-you-mean suggestion.
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ksim/types/result.h"

namespace ksim {

enum class ConfigType { Int, Long, Double, Bool, String, Enum, List };

struct ConfigField {
  std::string_view name;
  ConfigType type = ConfigType::Int;
  std::string_view default_value;            // as Kafka documents it; "" for null strings
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::vector<std::string_view> allowed;     // Enum: valid values; List: valid items (empty = any)
  std::string_view doc;
  // False for a Kafka key that ksim knows but does not model yet: overriding it is an error
  // that says so, rather than a setting that silently does nothing.
  bool modelled = true;
};

using ConfigMap = std::map<std::string, std::string>;

// Applies `overrides` over the defaults of `fields`. Returns every key with its effective value,
// or INVALID_CONFIG naming the key, the value and the valid range ("for consumer 'c1'").
Result<ConfigMap> resolve_config(std::span<const ConfigField> fields, const ConfigMap& overrides,
                                 std::string_view owner);

// The closest key by edit distance, or "" when none is close (for "did you mean …?").
std::string closest_key(std::span<const ConfigField> fields, std::string_view key);
size_t edit_distance(std::string_view a, std::string_view b);

// Typed reads of an effective map. REQUIRES: the key exists and was validated.
int64_t config_int(const ConfigMap& m, std::string_view key);
double config_double(const ConfigMap& m, std::string_view key);
bool config_bool(const ConfigMap& m, std::string_view key);
const std::string& config_string(const ConfigMap& m, std::string_view key);
std::vector<std::string> config_list(const ConfigMap& m, std::string_view key);

}  // namespace ksim
