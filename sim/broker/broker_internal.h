#pragma once
// Broker-private types shared by the broker's implementation files.
#include <cstring>
#include <string_view>

#include "ksim/broker/broker.h"

namespace ksim {

// Topic names are short: compare them in registers (overlapping words: three of 8 bytes cover
// 8 to 24 bytes, two of 4 cover 4 to 7) instead of through a memcmp call; find_partition runs
// for every partition of every fetch, several times.
inline bool same_name(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  auto same = [&](auto word, size_t at) {
    decltype(word) x, y;
    std::memcpy(&x, a.data() + at, sizeof x);
    std::memcpy(&y, b.data() + at, sizeof y);
    return x == y;
  };
  if (n >= 8 && n <= 24)
    return same(uint64_t{}, 0) && same(uint64_t{}, (n - 8) / 2) && same(uint64_t{}, n - 8);
  if (n >= 4 && n < 8) return same(uint32_t{}, 0) && same(uint32_t{}, n - 4);
  return a == b;
}

inline bool Broker::PartitionFirst::operator()(const TopicPartition& a,
                                               const TopicPartition& b) const {
  if (a.partition != b.partition) return a.partition < b.partition;
  if (a.topic.size() != b.topic.size()) return a.topic.size() < b.topic.size();
  return !same_name(a.topic, b.topic) && a.topic < b.topic;  // a lookup's match: no memcmp
}

// Inline here: every fetch calls it for each of its partitions, several times.
inline Partition* Broker::find_partition(const TopicPartition& tp) const {
  // The hot lookup of every request: usually the same topic as the last call, so one string
  // compare, then an index. Kept small (no spills): the rest is find_partition_slow.
  auto it = index_memo_;
  if (it == partition_index_.end() || !same_name(it->first, tp.topic)) [[unlikely]]
    return find_partition_slow(tp);
  const std::vector<Partition*>& index = it->second;
  if (tp.partition < 0 || static_cast<size_t>(tp.partition) >= index.size()) return nullptr;
  return index[static_cast<size_t>(tp.partition)];
}

struct Broker::DelayedProduce {
  uint64_t id = 0;
  Message request;                     // correlation id and source to answer
  std::vector<ProducePartitionResponse> results;
  std::vector<Offset> required_offsets;  // per partition: HW needed; kNoOffset = already done
  Time deadline = 0;
};

struct Broker::DelayedFetch {
  uint64_t id = 0;
  Message request;
  Time deadline = 0;
};

struct Broker::FetcherState {
  BrokerId leader = kNoBroker;
  bool in_flight = false;
  int32_t correlation_id = 0;  // of the fetch in flight: a late answer to an older one is dropped
  bool backing_off = false;
  // The names from the last response, for the next request to copy into: their string buffers
  // are reused, sparing an allocation per partition per fetch ("__consumer_offsets" is longer
  // than std::string's inline buffer).
  std::vector<TopicPartition> spare_tps;
};

}  // namespace ksim
