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
  int32_t correlation_id = 0;  // of the fetch in flight: a late answer to an older one is dropped
  bool backing_off = false;
};

}  // namespace ksim
