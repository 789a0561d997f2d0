// Replica placement for new topics and partitions. Ports Kafka's AdminRackAwareTest
// (server-common, org.apache.kafka.admin):
// testGetRackAlternatedBrokerListAndAssignReplicasToBrokers,
// testAssignmentWithRackAware*, testAssignmentWith2ReplicasRackAware*, testRackAwareExpansion,
// testLargeNumberPartitionsAssignment, testMoreReplicasThanRacks, testLessReplicasThanRacks,
// testSingleRack, testSkipBrokerWithReplicaAlreadyAssigned, testReplicaAssignment and
// testAssignReplicasToBrokersWithInvalidParameters. Kafka's "random start index" cases run here
// over several seeds of ksim's stream instead of java.util.Random.
#include <doctest/doctest.h>

#include <set>

#include "ksim/controller/replica_placement.h"

using namespace ksim;

namespace {

using RackMap = std::map<int32_t, std::string>;

PlacementRequest request_for(const RackMap& racks, int32_t partitions, int32_t rf,
                             int32_t start_partition_id = 0) {
  PlacementRequest r{.partitions = partitions, .replication_factor = rf,
                     .start_partition_id = start_partition_id};
  for (const auto& [id, rack] : racks) {
    r.broker_ids.push_back(id);
    r.racks.push_back(rack);
  }
  return r;
}

// Kafka's fixedStartIndex: one value for both the start index and the shift.
ReplicaAssignment fixed(const PlacementRequest& r, int32_t index) {
  auto out = assign_replicas_to_brokers(r, PlacementStart{.start_index = index,
                                                          .replica_shift = index});
  REQUIRE(out.is_ok());
  return out.value();
}

ReplicaAssignment seeded(const PlacementRequest& r, uint64_t seed) {
  Rng rng = Rng::derive(seed, "controller:placement");
  auto out = assign_replicas_to_brokers(r, rng);
  REQUIRE(out.is_ok());
  return out.value();
}

struct Checks {
  bool rack_aware = false;     // every partition on `rf` distinct racks
  bool leaders_even = false;   // every broker leads partitions / brokers
  bool replicas_even = false;  // every broker holds partitions * rf / brokers replicas
};

// AdminRackAwareTest.assertReplicaDistribution.
void check_distribution(const ReplicaAssignment& a, const RackMap& racks, int32_t partitions,
                        int32_t rf, Checks checks) {
  REQUIRE(static_cast<int32_t>(a.size()) == partitions);
  std::map<int32_t, int32_t> leaders, replicas;
  for (const auto& list : a) {
    CHECK(std::set<int32_t>(list.begin(), list.end()).size() == list.size());
    leaders[list.front()]++;
    std::set<std::string> on_racks;
    for (int32_t b : list) {
      replicas[b]++;
      on_racks.insert(racks.at(b));
    }
    if (checks.rack_aware) CHECK(static_cast<int32_t>(on_racks.size()) == rf);
  }
  const int32_t n = static_cast<int32_t>(racks.size());
  if (checks.leaders_even) {
    CHECK(static_cast<int32_t>(leaders.size()) == n);
    for (const auto& [b, count] : leaders) CHECK(count == partitions / n);
  }
  if (checks.replicas_even) {
    CHECK(static_cast<int32_t>(replicas.size()) == n);
    for (const auto& [b, count] : replicas) CHECK(count == partitions * rf / n);
  }
}

size_t distinct_racks(const std::vector<int32_t>& list, const RackMap& racks) {
  std::set<std::string> out;
  for (int32_t b : list) out.insert(racks.at(b));
  return out.size();
}

const RackMap kSixOnThree{{0, "rack1"}, {1, "rack2"}, {2, "rack2"},
                          {3, "rack3"}, {4, "rack3"}, {5, "rack1"}};
const RackMap kSixToElevenOnThree{{6, "rack1"}, {7, "rack2"}, {8, "rack2"},
                                  {9, "rack3"}, {10, "rack3"}, {11, "rack1"}};

}  // namespace

TEST_CASE("placement: rack-alternated list takes each sorted rack's next broker in turn") {
  RackMap racks{{0, "rack1"}, {1, "rack3"}, {2, "rack3"}, {3, "rack2"}, {4, "rack2"},
                {5, "rack1"}};
  CHECK(rack_alternated_broker_list(racks) == std::vector<int32_t>{0, 3, 1, 5, 4, 2});
  RackMap without_5 = racks;
  without_5.erase(5);
  CHECK(rack_alternated_broker_list(without_5) == std::vector<int32_t>{0, 3, 1, 4, 2});
}

TEST_CASE("placement: rack-aware, 7 partitions rf 3, fixed start 0: the 7th shifts followers") {
  RackMap racks{{0, "rack1"}, {1, "rack3"}, {2, "rack3"}, {3, "rack2"}, {4, "rack2"},
                {5, "rack1"}};
  ReplicaAssignment expected{{0, 3, 1}, {3, 1, 5}, {1, 5, 4}, {5, 4, 2},
                             {4, 2, 0}, {2, 0, 3}, {0, 4, 2}};
  CHECK(fixed(request_for(racks, 7, 3), 0) == expected);
}

TEST_CASE("placement: rack-aware, 6 partitions rf 3 on 3 racks, fixed start 2: even spread") {
  check_distribution(fixed(request_for(kSixOnThree, 6, 3), 2), kSixOnThree, 6, 3,
                     {.rack_aware = true, .leaders_even = true, .replicas_even = true});
}

TEST_CASE("placement: rack-aware with a drawn start index and shift, over several seeds") {
  for (uint64_t seed = 1; seed <= 20; seed++) {
    CAPTURE(seed);
    check_distribution(seeded(request_for(kSixOnThree, 6, 3), seed), kSixOnThree, 6, 3,
                       {.rack_aware = true, .leaders_even = true, .replicas_even = true});
    check_distribution(seeded(request_for(kSixOnThree, 12, 2), seed), kSixOnThree, 12, 2,
                       {.rack_aware = true, .leaders_even = true, .replicas_even = true});
    check_distribution(seeded(request_for(kSixToElevenOnThree, 6, 2), seed),
                       kSixToElevenOnThree, 6, 2,
                       {.rack_aware = true, .leaders_even = true, .replicas_even = true});
    RackMap three{{0, "rack1"}, {1, "rack2"}, {4, "rack3"}};
    check_distribution(seeded(request_for(three, 3, 2), seed), three, 3, 2,
                       {.rack_aware = true, .leaders_even = true, .replicas_even = true});
  }
}

TEST_CASE("placement: rack-aware, 13 partitions (uneven replicas), fixed start 0") {
  check_distribution(fixed(request_for(kSixOnThree, 13, 3), 0), kSixOnThree, 13, 3,
                     {.rack_aware = true});
}

TEST_CASE("placement: rack-aware, uneven racks (3, 1, 2 brokers): leaders still even") {
  RackMap racks{{0, "rack1"}, {1, "rack1"}, {2, "rack2"}, {3, "rack3"}, {4, "rack3"},
                {5, "rack1"}};
  for (uint64_t seed = 1; seed <= 20; seed++) {
    CAPTURE(seed);
    check_distribution(seeded(request_for(racks, 12, 3), seed), racks, 12, 3,
                       {.rack_aware = true, .leaders_even = true});
  }
}

TEST_CASE("placement: rack-aware expansion from partition 12 keeps the spread") {
  for (uint64_t seed = 1; seed <= 20; seed++) {
    CAPTURE(seed);
    check_distribution(seeded(request_for(kSixToElevenOnThree, 12, 2, 12), seed),
                       kSixToElevenOnThree, 12, 2,
                       {.rack_aware = true, .leaders_even = true, .replicas_even = true});
  }
}

TEST_CASE("placement: rack-aware, 96 partitions rf 3 on 12 brokers in 3 racks") {
  RackMap racks{{0, "rack1"}, {1, "rack2"}, {2, "rack2"}, {3, "rack3"}, {4, "rack3"},
                {5, "rack1"}, {6, "rack1"}, {7, "rack2"}, {8, "rack2"}, {9, "rack3"},
                {10, "rack1"}, {11, "rack3"}};
  check_distribution(seeded(request_for(racks, 96, 3), 7), racks, 96, 3,
                     {.rack_aware = true, .leaders_even = true, .replicas_even = true});
}

TEST_CASE("placement: more replicas than racks: every rack gets one, then brokers repeat racks") {
  RackMap racks{{0, "rack1"}, {1, "rack2"}, {2, "rack2"}, {3, "rack3"}, {4, "rack3"},
                {5, "rack2"}};
  for (const auto& list : seeded(request_for(racks, 6, 5), 3)) {
    CHECK(list.size() == 5);
    CHECK(distinct_racks(list, racks) == 3);
  }
}

TEST_CASE("placement: fewer replicas than racks: each replica on its own rack") {
  RackMap racks{{0, "rack1"}, {1, "rack2"}, {2, "rack2"}, {3, "rack3"}, {4, "rack3"},
                {5, "rack2"}};
  for (const auto& list : seeded(request_for(racks, 6, 2), 3)) {
    CHECK(list.size() == 2);
    CHECK(distinct_racks(list, racks) == 2);
  }
}

TEST_CASE("placement: a single rack degenerates to one leader per broker") {
  RackMap racks{{0, "rack1"}, {1, "rack1"}, {2, "rack1"}, {3, "rack1"}, {4, "rack1"},
                {5, "rack1"}};
  ReplicaAssignment a = seeded(request_for(racks, 6, 3), 5);
  std::map<int32_t, int32_t> leaders;
  for (const auto& list : a) {
    CHECK(list.size() == 3);
    leaders[list.front()]++;
  }
  CHECK(leaders.size() == 6);
}

TEST_CASE("placement: rf 4 over racks a,b,c,a,a skips brokers that already hold a replica") {
  RackMap racks{{0, "a"}, {1, "b"}, {2, "c"}, {3, "a"}, {4, "a"}};
  check_distribution(fixed(request_for(racks, 6, 4), 2), racks, 6, 4, {});
}

TEST_CASE("placement: rack-unaware, 10 partitions rf 3 on 5 brokers, fixed start 0") {
  PlacementRequest r{.broker_ids = {0, 1, 2, 3, 4}, .partitions = 10, .replication_factor = 3};
  ReplicaAssignment expected{{0, 1, 2}, {1, 2, 3}, {2, 3, 4}, {3, 4, 0}, {4, 0, 1},
                             {0, 2, 3}, {1, 3, 4}, {2, 4, 0}, {3, 0, 1}, {4, 1, 2}};
  CHECK(fixed(r, 0) == expected);
}

TEST_CASE("placement: the seeded overload equals the fixed one with the two values it drew") {
  PlacementRequest r{.broker_ids = {4, 2, 0, 1, 3}, .partitions = 8, .replication_factor = 3};
  Rng draws = Rng::derive(11, "controller:placement");
  int32_t index = static_cast<int32_t>(draws.below(5));
  int32_t shift = static_cast<int32_t>(draws.below(5));
  auto expected = assign_replicas_to_brokers(r, PlacementStart{index, shift});
  REQUIRE(expected.is_ok());
  CHECK(seeded(r, 11) == expected.value());
  CHECK(seeded(r, 11) == seeded(r, 11));
}

TEST_CASE("placement: invalid partitions, replication factor and partial racks, by Kafka's name") {
  PlacementRequest r = request_for({{0, "rack1"}, {1, "rack3"}, {2, "rack3"}, {3, "rack2"},
                                    {4, ""}}, 10, 5);
  Rng rng(1);
  r.partitions = 0;
  CHECK(assign_replicas_to_brokers(r, rng).status().code() == ErrorCode::INVALID_PARTITIONS);
  r.partitions = 10;
  r.replication_factor = 0;
  CHECK(assign_replicas_to_brokers(r, rng).status().code() ==
        ErrorCode::INVALID_REPLICATION_FACTOR);
  r.replication_factor = 6;
  auto too_many = assign_replicas_to_brokers(r, rng);
  CHECK(too_many.status().code() == ErrorCode::INVALID_REPLICATION_FACTOR);
  CHECK(too_many.status().message() == "Replication factor: 6 larger than available brokers: 5.");
  r.replication_factor = 5;
  auto partial = assign_replicas_to_brokers(r, rng);
  CHECK(partial.status().code() == ErrorCode::UNKNOWN_SERVER_ERROR);
  CHECK(partial.status().message() ==
        "Not all brokers have rack information for replica rack aware assignment.");
}
