// Ports of Kafka's group-coordinator RangeAssignorTest (the KIP-848 server-side range assignor,
// "server-range" in ksim): contiguous ranges per topic, static members first, not sticky.
#include <doctest/doctest.h>

#include "assign_test_support.h"
#include "ksim/assign/server_range_assignor.h"

using namespace ksim;
using namespace ksim::assign;
using namespace ksim::assign::test;

namespace {

GroupAssignment range(const ClusterView& view, std::vector<MemberSubscription> members) {
  return ServerRangeAssignor().assign(view, GroupSubscription{std::move(members)});
}

}  // namespace

// Kafka: RangeAssignorTest.testOneMemberNoTopic (server)
TEST_CASE("server-range: a member with no topics gets nothing") {
  auto r = range(cluster({{"topic1", 3}}), {member("A", {})});
  CHECK(r.assignments.at("A").partitions.empty());
}

// Kafka: RangeAssignorTest.testFirstAssignmentTwoMembersTwoTopicsSameSubscriptions (server)
TEST_CASE("server-range: same subscriptions give co-partitioned ranges") {
  auto r = range(cluster({{"topic1", 3}, {"topic3", 2}}),
                 {member("B", {"topic1", "topic3"}), member("A", {"topic1", "topic3"})});
  CHECK(r.assignments.at("A").partitions == parse("topic1-0, topic1-1, topic3-0"));
  CHECK(r.assignments.at("B").partitions == parse("topic1-2, topic3-1"));
}

// Kafka: RangeAssignorTest.testFirstAssignmentThreeMembersThreeTopicsDifferentSubscriptions
TEST_CASE("server-range: different subscriptions are ranged per topic") {
  auto r = range(cluster({{"topic1", 3}, {"topic2", 3}, {"topic3", 2}}),
                 {member("A", {"topic1", "topic2"}), member("B", {"topic3"}),
                  member("C", {"topic2", "topic3"})});
  CHECK(r.assignments.at("A").partitions ==
        parse("topic1-0, topic1-1, topic1-2, topic2-0, topic2-1"));
  CHECK(r.assignments.at("B").partitions == parse("topic3-0"));
  CHECK(r.assignments.at("C").partitions == parse("topic2-2, topic3-1"));
}

// Modelled on server RangeAssignorTest's "more members than partitions" case (expected values
// derived from the algorithm, not copied).
TEST_CASE("server-range: more members than partitions leaves the last without a range") {
  const std::vector<std::string> both = {"topic1", "topic3"};
  auto r = range(cluster({{"topic1", 3}, {"topic3", 2}}),
                 {member("A", both), member("B", both), member("C", both)});
  CHECK(r.assignments.at("A").partitions == parse("topic1-0, topic3-0"));
  CHECK(r.assignments.at("B").partitions == parse("topic1-1, topic3-1"));
  CHECK(r.assignments.at("C").partitions == parse("topic1-2"));
}

// Kafka: server RangeAssignor Javadoc (M0/M1 -> I0/I1 example; not a test method): static
// members sort first by instance id, so a member id change keeps the ranges.
TEST_CASE("server-range: static members keep their ranges across member id changes") {
  const std::vector<std::string> both = {"T1", "T2"};
  auto r = range(cluster({{"T1", 3}, {"T2", 3}}),
                 {member("M3", both, {.instance = "I0"}), member("M2", both, {.instance = "I1"})});
  CHECK(r.assignments.at("M3").partitions == parse("T1-0, T1-1, T2-0, T2-1"));
  CHECK(r.assignments.at("M2").partitions == parse("T1-2, T2-2"));
  r = range(cluster({{"T1", 3}, {"T2", 3}}),
            {member("Z", both), member("M2", both, {.instance = "I1"})});
  CHECK(r.assignments.at("M2").partitions == parse("T1-0, T1-1, T2-0, T2-1"));
}

// kafka-semantics.md 2.6: the server range assignor of this snapshot is not sticky (no single
// Kafka test method); owned partitions are ignored.
TEST_CASE("server-range: current assignment does not influence the ranges") {
  auto r = range(cluster({{"topic1", 4}}),
                 {member("A", {"topic1"}, {.owned = parse("topic1-2, topic1-3")}),
                  member("B", {"topic1"}, {.owned = parse("topic1-0, topic1-1")})});
  CHECK(r.assignments.at("A").partitions == parse("topic1-0, topic1-1"));
  CHECK(r.assignments.at("B").partitions == parse("topic1-2, topic1-3"));
}
