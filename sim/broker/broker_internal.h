#pragma once
// Broker-private types shared by the broker's implementation files.
#include "ksim/broker/broker.h"

namespace ksim {

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
  bool backing_off = false;
  // The names from the last response, for the next request to copy into: their string buffers
  // are reused, sparing an allocation per partition per fetch ("__consumer_offsets" is longer
  // than std::string's inline buffer).
  std::vector<TopicPartition> spare_tps;
};

}  // namespace ksim
