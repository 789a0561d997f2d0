#pragma once
// Delivery accounting for one group on one topic, from what producers were told and what the
// group's consumers received (observes the cluster, never mutates it). The first slice of the
// delivery-semantics checker: lost writes, unseen and duplicate deliveries.
#include <string>
#include <vector>

#include "ksim/cluster/cluster.h"

namespace ksim {

struct DeliveryReport {
  int64_t acked = 0;            // records producers saw acknowledged (with an offset)
  int64_t readable = 0;         // offsets below the HW of the topic's partition leaders
  int64_t delivered = 0;        // deliveries to the group's consumers (duplicates included)
  int64_t unique_delivered = 0;
  int64_t duplicates = 0;       // deliveries beyond the first of the same (partition, offset)
  int64_t lost_writes = 0;      // acked records whose offset, still readable (at or above the
                                // log start, below the HW), no longer holds their value
  int64_t unseen = 0;           // readable offsets the group never received
  std::vector<std::string> examples;  // a few offending records, for narration
};

DeliveryReport check_delivery(const Cluster& cluster, const std::string& group,
                              const std::string& topic);

}  // namespace ksim
