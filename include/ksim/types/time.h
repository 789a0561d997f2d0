#pragma once
// Virtual time: int64 microseconds since the start of a run. Nothing in sim/ reads a wall clock.
// Durations from users ("250ms", "5s", "2m") are parsed in one place: parse_duration.
#include <cstdint>
#include <string>
#include <string_view>

#include "ksim/types/result.h"

namespace ksim {

using Time = int64_t;      // µs since run start
using Duration = int64_t;  // µs

constexpr Duration kMicrosecond = 1;
constexpr Duration kMillisecond = 1000;
constexpr Duration kSecond = 1000 * kMillisecond;
constexpr Duration kMinute = 60 * kSecond;
constexpr Duration kHour = 60 * kMinute;
constexpr Time kTimeNever = INT64_MAX;

constexpr Duration from_ms(int64_t ms) { return ms * kMillisecond; }
constexpr int64_t to_ms(Duration d) { return d / kMillisecond; }

// Parses "<number><unit>" with unit one of us, ms, s, m, h (e.g. "250ms", "1.5s", "2m").
// Error: INVALID_CONFIG with a message that quotes the text and lists the units.
Result<Duration> parse_duration(std::string_view text);

// "00:01:23.456789" (hours may exceed 99). Negative times are printed with a leading '-'.
std::string format_time(Time t);

// Short human form for narration: "45s", "250ms", "1m30s", "12.5ms".
std::string format_duration(Duration d);

}  // namespace ksim
