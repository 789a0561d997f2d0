#pragma once
// Which __consumer_offsets partition hosts a group's coordinator.
// Follows GroupCoordinatorService.partitionFor: Utils.abs(groupId.hashCode()) % partitions.
#include <cstdint>
#include <string_view>

namespace ksim::group {

// Java's String.hashCode over the UTF-16 code units of `utf8` (s[0]*31^(n-1) + ... + s[n-1],
// with int32 wrap-around). Invalid UTF-8 bytes count as U+FFFD, as Java's decoder does.
int32_t java_string_hash(std::string_view utf8);

// Kafka's Utils.abs: the absolute value, except Integer.MIN_VALUE maps to 0.
int32_t java_utils_abs(int32_t n);

// REQUIRES: num_partitions >= 1 (offsets.topic.num.partitions, default 50).
int32_t coordinator_partition_for(std::string_view group_id, int32_t num_partitions = 50);

}  // namespace ksim::group
