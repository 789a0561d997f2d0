#pragma once
// Kafka's default partitioning: murmur2 of the key bytes with the toPositive mask for keyed
// records (Utils.murmur2, Utils.toPositive, BuiltInPartitioner.partitionForKey).
#include <cstdint>
#include <string_view>

namespace ksim {

// Utils.murmur2: 32-bit two's-complement arithmetic, seed 0x9747b28c.
int32_t murmur2(std::string_view data);
// Utils.toPositive: x & 0x7fffffff (not Math.abs).
inline int32_t to_positive(int32_t x) { return x & 0x7fffffff; }
// REQUIRES: num_partitions > 0.
inline int32_t partition_for_key(std::string_view key, int32_t num_partitions) {
  return to_positive(murmur2(key)) % num_partitions;
}

}  // namespace ksim
