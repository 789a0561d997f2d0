#pragma once
// Seeded random streams. Every stream is derived from the run's seed and a name
// ("broker-0", "link:broker-0->client-3", "uuid:consumer"), so adding an entity never changes
// another entity's draws. Generator: xoshiro256** seeded through splitmix64.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ksim {

uint64_t splitmix64(uint64_t& state);
uint64_t fnv1a64(std::string_view text);

class Rng {
 public:
  explicit Rng(uint64_t seed = 0);
  // The stream named `name` of the run seeded with `run_seed`.
  static Rng derive(uint64_t run_seed, std::string_view name);

  uint64_t next();
  // Uniform in [0, n). REQUIRES: n > 0. Unbiased (Lemire's method with rejection).
  uint64_t below(uint64_t n);
  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int64_t between(int64_t lo, int64_t hi);
  // Uniform in [0, 1) with 53 bits.
  double uniform01();
  bool chance(double probability) { return uniform01() < probability; }

  // A random (version 4) UUID as Java's UUID.toString() prints it: 8-4-4-4-12 lower-case hex.
  std::string uuid();
  // A random Kafka Uuid (topic ids) as Kafka prints it: URL-safe base64 without padding.
  std::string kafka_uuid_base64();

 private:
  std::array<uint64_t, 4> s_{};
};

}  // namespace ksim
