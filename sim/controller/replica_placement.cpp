// Port of kafka.admin.AdminUtils.assignReplicasToBrokersRackUnaware (Kafka 3.x).
#include "ksim/controller/replica_placement.h"

#include <algorithm>
#include <string>

namespace ksim {
namespace {

int32_t replica_index(int32_t first, int32_t shift, int32_t j, int32_t n) {
  int32_t s = 1 + (shift + j) % (n - 1);
  return (first + s) % n;
}

}  // namespace

Result<std::vector<std::vector<int32_t>>> assign_replicas_to_brokers(const PlacementRequest& request,
                                                                     Rng& rng) {
  const int32_t n = static_cast<int32_t>(request.broker_ids.size());
  if (request.partitions < 1)
    return Status(ErrorCode::INVALID_PARTITIONS, "Number of partitions must be larger than 0.");
  if (request.replication_factor < 1)
    return Status(ErrorCode::INVALID_REPLICATION_FACTOR,
                  "Replication factor must be larger than 0.");
  if (request.replication_factor > n) {
    return Status(ErrorCode::INVALID_REPLICATION_FACTOR,
                  "Replication factor: " + std::to_string(request.replication_factor) +
                      " larger than available brokers: " + std::to_string(n) + ".");
  }
  std::vector<int32_t> brokers = request.broker_ids;
  std::sort(brokers.begin(), brokers.end());
  const int32_t start_index = static_cast<int32_t>(rng.below(static_cast<uint64_t>(n)));
  int32_t shift = static_cast<int32_t>(rng.below(static_cast<uint64_t>(n)));
  int32_t partition = std::max(0, request.start_partition_id);
  std::vector<std::vector<int32_t>> out;
  for (int32_t i = 0; i < request.partitions; i++, partition++) {
    if (partition > 0 && partition % n == 0) shift++;
    int32_t first = (partition + start_index) % n;
    std::vector<int32_t> replicas{brokers[static_cast<size_t>(first)]};
    for (int32_t j = 0; j < request.replication_factor - 1; j++)
      replicas.push_back(brokers[static_cast<size_t>(replica_index(first, shift, j, n))]);
    out.push_back(std::move(replicas));
  }
  return out;
}

}  // namespace ksim
