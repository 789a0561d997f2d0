// Validation of Kafka config overrides against their definitions (Kafka's ConfigDef rules).
#include "ksim/types/config_def.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace ksim {
namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

std::string range_text(const ConfigField& f) {
  auto num = [&](double v) {
    if (v == static_cast<double>(std::numeric_limits<int32_t>::max()))
      return std::string("2147483647");
    if (std::floor(v) == v) return std::to_string(static_cast<long long>(v));
    return std::to_string(v);
  };
  bool lo = std::isfinite(f.min), hi = std::isfinite(f.max);
  if (lo && hi) return "[" + num(f.min) + ",...," + num(f.max) + "]";
  if (lo) return "[" + num(f.min) + ",...]";
  if (hi) return "[...," + num(f.max) + "]";
  return "any value";
}

std::string joined(const std::vector<std::string_view>& values) {
  std::string out;
  for (std::string_view v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return "[" + out + "]";
}

Status invalid(const ConfigField& f, std::string_view value, std::string_view owner,
               std::string_view why) {
  return Status(ErrorCode::INVALID_CONFIG,
                "invalid value '" + std::string(value) + "' for configuration " +
                    std::string(f.name) + " of " + std::string(owner) + ": " + std::string(why));
}

Status check_number(const ConfigField& f, const std::string& v, std::string_view owner) {
  errno = 0;
  char* end = nullptr;
  double d = f.type == ConfigType::Double ? std::strtod(v.c_str(), &end)
                                          : static_cast<double>(std::strtoll(v.c_str(), &end, 10));
  if (v.empty() || *end != '\0' || errno == ERANGE) {
    return invalid(f, v, owner, f.type == ConfigType::Double ? "expected a number"
                                                             : "expected a whole number");
  }
  if (f.type == ConfigType::Int && (d > 2147483647.0 || d < -2147483648.0))
    return invalid(f, v, owner, "out of the 32-bit int range");
  if (d < f.min || d > f.max) return invalid(f, v, owner, "value must be in " + range_text(f));
  return Status::ok();
}

Status check_value(const ConfigField& f, const std::string& v, std::string_view owner) {
  switch (f.type) {
    case ConfigType::Int:
    case ConfigType::Long:
    case ConfigType::Double:
      return check_number(f, v, owner);
    case ConfigType::Bool:
      if (v != "true" && v != "false") return invalid(f, v, owner, "expected true or false");
      return Status::ok();
    case ConfigType::Enum:
      if (std::find(f.allowed.begin(), f.allowed.end(), v) == f.allowed.end())
        return invalid(f, v, owner, "string must be one of: " + joined(f.allowed));
      return Status::ok();
    case ConfigType::List:
      if (f.allowed.empty()) return Status::ok();
      for (const std::string& item : config_list(ConfigMap{{"k", v}}, "k")) {
        if (std::find(f.allowed.begin(), f.allowed.end(), item) == f.allowed.end())
          return invalid(f, v, owner, "'" + item + "' is not one of " + joined(f.allowed));
      }
      return Status::ok();
    case ConfigType::String:
      return Status::ok();
  }
  return Status::ok();
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); j++) prev[j] = j;
  for (size_t i = 1; i <= a.size(); i++) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); j++) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_key(std::span<const ConfigField> fields, std::string_view key) {
  std::string best;
  size_t best_distance = std::max<size_t>(3, key.size() / 4) + 1;
  for (const ConfigField& f : fields) {
    size_t d = edit_distance(key, f.name);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(f.name);
    }
  }
  return best;
}

Result<ConfigMap> resolve_config(std::span<const ConfigField> fields, const ConfigMap& overrides,
                                 std::string_view owner) {
  for (const auto& [key, value] : overrides) {
    auto it = std::find_if(fields.begin(), fields.end(),
                           [&](const ConfigField& f) { return f.name == key; });
    if (it != fields.end()) continue;
    std::string message = "unknown configuration '" + key + "' for " + std::string(owner);
    std::string suggestion = closest_key(fields, key);
    if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
    return Status(ErrorCode::INVALID_CONFIG, message);
  }
  ConfigMap effective;
  for (const ConfigField& f : fields) {
    auto it = overrides.find(std::string(f.name));
    std::string value = it != overrides.end() ? trim(it->second) : std::string(f.default_value);
    if (it != overrides.end() && !f.modelled) {
      return Status(ErrorCode::INVALID_CONFIG,
                    "configuration " + std::string(f.name) + " of " + std::string(owner) +
                        " is a Kafka setting that ksim does not model yet; remove it");
    }
    if (it != overrides.end() || !value.empty()) {
      Status s = check_value(f, value, owner);
      if (!s.is_ok()) return s;
    }
    effective.emplace(std::string(f.name), value);
  }
  return effective;
}

int64_t config_int(const ConfigMap& m, std::string_view key) {
  return std::strtoll(m.at(std::string(key)).c_str(), nullptr, 10);
}

double config_double(const ConfigMap& m, std::string_view key) {
  return std::strtod(m.at(std::string(key)).c_str(), nullptr);
}

bool config_bool(const ConfigMap& m, std::string_view key) {
  return m.at(std::string(key)) == "true";
}

const std::string& config_string(const ConfigMap& m, std::string_view key) {
  return m.at(std::string(key));
}

std::vector<std::string> config_list(const ConfigMap& m, std::string_view key) {
  std::vector<std::string> out;
  const std::string& v = m.at(std::string(key));
  size_t start = 0;
  while (start <= v.size()) {
    size_t comma = v.find(',', start);
    std::string item = trim(std::string_view(v).substr(start, comma - start));
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace ksim
