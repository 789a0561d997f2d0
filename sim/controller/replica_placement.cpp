// Port of org.apache.kafka.admin.AdminUtils.assignReplicasToBrokers (rack-unaware and rack-aware,
// Kafka 3.7+ server-common; the same algorithm as kafka.admin.AdminUtils in Scala before).
#include "ksim/controller/replica_placement.h"

#include <algorithm>
#include <set>

namespace ksim {
namespace {

// AdminUtils.replicaIndex. The shift is widened as Kafka does (long), so a large shift times the
// rack count cannot overflow.
int32_t replica_index(int32_t first, int64_t shift, int32_t j, int32_t n) {
  int64_t s = 1 + (shift + j) % (n - 1);
  return static_cast<int32_t>((first + s) % n);
}

struct Brokers {
  std::vector<int32_t> ids;                 // sorted by id
  std::map<int32_t, std::string> racks;     // only when every broker has a rack
  bool rack_aware = false;
};

Result<Brokers> validate(const PlacementRequest& r) {
  const size_t n = r.broker_ids.size();
  if (r.partitions < 1)
    return Status(ErrorCode::INVALID_PARTITIONS, "Number of partitions must be larger than 0.");
  if (r.replication_factor < 1)
    return Status(ErrorCode::INVALID_REPLICATION_FACTOR,
                  "Replication factor must be larger than 0.");
  if (static_cast<size_t>(r.replication_factor) > n) {
    return Status(ErrorCode::INVALID_REPLICATION_FACTOR,
                  "Replication factor: " + std::to_string(r.replication_factor) +
                      " larger than available brokers: " + std::to_string(n) + ".");
  }
  KSIM_ASSERT(r.racks.empty() || r.racks.size() == n);
  Brokers b{.ids = r.broker_ids};
  std::sort(b.ids.begin(), b.ids.end());
  size_t with_rack = 0;
  for (const std::string& rack : r.racks) with_rack += rack.empty() ? 0 : 1;
  if (with_rack == 0) return b;
  if (with_rack != n) {
    return Status(ErrorCode::UNKNOWN_SERVER_ERROR,
                  "Not all brokers have rack information for replica rack aware assignment.");
  }
  for (size_t i = 0; i < n; i++) b.racks[r.broker_ids[i]] = r.racks[i];
  b.rack_aware = true;
  return b;
}

ReplicaAssignment rack_unaware(const PlacementRequest& r, const std::vector<int32_t>& brokers,
                               PlacementStart start) {
  const int32_t n = static_cast<int32_t>(brokers.size());
  int64_t shift = start.replica_shift;
  int32_t partition = std::max(0, r.start_partition_id);
  ReplicaAssignment out;
  for (int32_t i = 0; i < r.partitions; i++, partition++) {
    if (partition > 0 && partition % n == 0) shift++;
    int32_t first = (partition + start.start_index) % n;
    std::vector<int32_t> replicas{brokers[static_cast<size_t>(first)]};
    for (int32_t j = 0; j < r.replication_factor - 1; j++)
      replicas.push_back(brokers[static_cast<size_t>(replica_index(first, shift, j, n))]);
    out.push_back(std::move(replicas));
  }
  return out;
}

// One partition of the rack-aware pass: the leader by round robin on the alternated list, then
// each follower is the next broker (by the shifted index) on a rack without a replica yet, unless
// every rack has one; and on a broker without a replica, unless every broker has one.
std::vector<int32_t> rack_aware_replicas(const std::vector<int32_t>& arranged,
                                         const std::map<int32_t, std::string>& rack_of,
                                         size_t num_racks, int32_t first, int64_t shift,
                                         int32_t replication_factor) {
  const int32_t n = static_cast<int32_t>(arranged.size());
  int32_t leader = arranged[static_cast<size_t>(first)];
  std::vector<int32_t> replicas{leader};
  std::set<std::string> racks_with{rack_of.at(leader)};
  std::set<int32_t> brokers_with{leader};
  int32_t k = 0;
  for (int32_t j = 0; j < replication_factor - 1; j++) {
    // Bounded: within n consecutive k the index visits every broker, and one of them passes.
    for (bool done = false; !done; k++) {
      int32_t broker = arranged[static_cast<size_t>(
          replica_index(first, shift * static_cast<int64_t>(num_racks), k, n))];
      const std::string& rack = rack_of.at(broker);
      bool rack_ok = !racks_with.count(rack) || racks_with.size() == num_racks;
      bool broker_ok = !brokers_with.count(broker) || brokers_with.size() == arranged.size();
      if (rack_ok && broker_ok) {
        replicas.push_back(broker);
        racks_with.insert(rack);
        brokers_with.insert(broker);
        done = true;
      }
    }
  }
  return replicas;
}

ReplicaAssignment rack_aware(const PlacementRequest& r, const std::map<int32_t, std::string>& racks,
                             PlacementStart start) {
  std::set<std::string> distinct;
  for (const auto& [id, rack] : racks) distinct.insert(rack);
  const std::vector<int32_t> arranged = rack_alternated_broker_list(racks);
  const int32_t n = static_cast<int32_t>(arranged.size());
  int64_t shift = start.replica_shift;
  int32_t partition = std::max(0, r.start_partition_id);
  ReplicaAssignment out;
  for (int32_t i = 0; i < r.partitions; i++, partition++) {
    if (partition > 0 && partition % n == 0) shift++;
    int32_t first = (partition + start.start_index) % n;
    out.push_back(rack_aware_replicas(arranged, racks, distinct.size(), first, shift,
                                      r.replication_factor));
  }
  return out;
}

Result<ReplicaAssignment> place(const PlacementRequest& request, const Brokers& b,
                                PlacementStart start) {
  if (b.rack_aware) return rack_aware(request, b.racks, start);
  return rack_unaware(request, b.ids, start);
}

}  // namespace

std::vector<int32_t> rack_alternated_broker_list(const std::map<int32_t, std::string>& racks) {
  // getInverseMap: rack -> its brokers in id order; std::map keeps both sorted.
  std::map<std::string, std::vector<int32_t>> by_rack;
  for (const auto& [id, rack] : racks) by_rack[rack].push_back(id);
  std::vector<int32_t> out;
  for (size_t round = 0; out.size() < racks.size(); round++) {
    for (const auto& [rack, ids] : by_rack)
      if (round < ids.size()) out.push_back(ids[round]);
  }
  return out;
}

Result<ReplicaAssignment> assign_replicas_to_brokers(const PlacementRequest& request, Rng& rng) {
  auto brokers = validate(request);
  if (!brokers) return brokers.status();
  const uint64_t n = brokers->ids.size();
  // Kafka draws the start index first, then the shift, both in [0, brokers).
  PlacementStart start;
  start.start_index = static_cast<int32_t>(rng.below(n));
  start.replica_shift = static_cast<int32_t>(rng.below(n));
  return place(request, *brokers, start);
}

Result<ReplicaAssignment> assign_replicas_to_brokers(const PlacementRequest& request,
                                                     PlacementStart start) {
  KSIM_ASSERT(start.start_index >= 0);
  KSIM_ASSERT(start.replica_shift >= 0);
  auto brokers = validate(request);
  if (!brokers) return brokers.status();
  return place(request, *brokers, start);
}

}  // namespace ksim
