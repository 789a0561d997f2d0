// Parsing and formatting of virtual durations; the only place that reads "250ms" or "5s".
#include "ksim/types/time.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstdio>

namespace ksim {
namespace {

Status duration_error(std::string_view text, std::string_view why) {
  return Status(ErrorCode::INVALID_CONFIG,
                "invalid duration \"" + std::string(text) + "\": " + std::string(why) +
                    " (expected a number and a unit: us, ms, s, m or h, as in \"250ms\" or "
                    "\"5s\")");
}

Duration unit_scale(std::string_view unit) {
  if (unit == "us") return kMicrosecond;
  if (unit == "ms") return kMillisecond;
  if (unit == "s") return kSecond;
  if (unit == "m" || unit == "min") return kMinute;
  if (unit == "h") return kHour;
  return 0;
}

}  // namespace

Result<Duration> parse_duration(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
    i++;
  if (i == 0) return duration_error(text, "no number");
  std::string number(text.substr(0, i));
  if (number.find('.') != number.rfind('.')) return duration_error(text, "two decimal points");
  Duration scale = unit_scale(text.substr(i));
  if (i == text.size()) return duration_error(text, "no unit");
  if (scale == 0)
    return duration_error(text, "unknown unit \"" + std::string(text.substr(i)) + "\"");
  double value = std::strtod(number.c_str(), nullptr);
  double us = value * static_cast<double>(scale);
  if (!(us < 9.0e18)) return duration_error(text, "too large");
  double rounded = std::round(us);
  if (std::fabs(rounded - us) > 1e-6 * std::max(1.0, us))
    return duration_error(text, "finer than one microsecond");
  return static_cast<Duration>(rounded);
}

std::string format_time(Time t) {
  std::string sign = t < 0 ? "-" : "";
  uint64_t u = t < 0 ? static_cast<uint64_t>(-(t + 1)) + 1 : static_cast<uint64_t>(t);
  uint64_t us = u % 1000000, s = (u / 1000000) % 60, m = (u / 60000000) % 60, h = u / 3600000000ULL;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%02llu:%02llu:%02llu.%06llu", sign.c_str(),
                static_cast<unsigned long long>(h), static_cast<unsigned long long>(m),
                static_cast<unsigned long long>(s), static_cast<unsigned long long>(us));
  return buf;
}

std::string format_duration(Duration d) {
  if (d < 0) return "-" + format_duration(-d);
  char buf[64];
  if (d < kMillisecond) {
    std::snprintf(buf, sizeof buf, "%lldus", static_cast<long long>(d));
  } else if (d < kSecond) {
    std::snprintf(buf, sizeof buf, "%gms", static_cast<double>(d) / kMillisecond);
  } else if (d < kMinute) {
    std::snprintf(buf, sizeof buf, "%gs", static_cast<double>(d) / kSecond);
  } else {
    long long minutes = d / kMinute;
    double seconds = static_cast<double>(d % kMinute) / kSecond;
    if (seconds == 0) std::snprintf(buf, sizeof buf, "%lldm", minutes);
    else std::snprintf(buf, sizeof buf, "%lldm%gs", minutes, seconds);
  }
  return buf;
}

}  // namespace ksim
