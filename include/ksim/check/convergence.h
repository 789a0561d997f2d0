#pragma once
// The swarm's liveness condition (docs/swarm.md): once every fault is healed the cluster must
// converge: every broker is up and unfenced, every partition has a leader and its full replica
// set in the ISR, every consumer group with running members is Stable, every group's committed
// offsets reach the high watermark (kafka-consumer-groups.sh shows LAG 0), and no producer has
// a send outstanding.
// Observes the cluster, never mutates it.
#include <string>
#include <vector>

#include "ksim/cluster/cluster.h"

namespace ksim {

// What keeps the cluster from having converged, one line each in a stable order (brokers,
// topics and partitions, groups, producers; sorted); empty once it has converged.
std::vector<std::string> convergence_problems(const Cluster& cluster);

}  // namespace ksim
