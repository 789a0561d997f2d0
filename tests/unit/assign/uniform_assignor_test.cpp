// Ports of Kafka's UniformHomogeneousAssignmentBuilderTest and
// UniformHeterogeneousAssignmentBuilderTest (group-coordinator). Kafka's topic ids are Uuids:
// in the homogeneous builder their HashSet order decides which new partitions come first, so
// the first member's topic list is written in the order Kafka's fixed Uuids iterate (topic3 and
// topic2 before topic1, as the expected assignments show); members are in TreeMap order.
#include <doctest/doctest.h>

#include <set>

#include "assign_test_support.h"
#include "ksim/assign/uniform_assignor.h"

using namespace ksim;
using namespace ksim::assign;
using namespace ksim::assign::test;

namespace {

GroupAssignment uniform(const ClusterView& view, std::vector<MemberSubscription> members) {
  return UniformAssignor().assign(view, GroupSubscription{std::move(members)});
}

MemberSubscription owns(const std::string& id, std::vector<std::string> topics,
                        const std::string& owned) {
  return member(id, std::move(topics), {.owned = parse(owned)});
}

// checkValidityAndBalance (homogeneous): subscribed topics only, no partition twice, sizes
// within one of each other.
void check_valid_and_balanced(const std::vector<MemberSubscription>& members,
                              const GroupAssignment& r) {
  std::set<TopicPartition> seen;
  size_t min = SIZE_MAX;
  size_t max = 0;
  for (const auto& m : members) {
    const auto& partitions = r.assignments.at(m.member_id).partitions;
    for (const auto& p : partitions) {
      CHECK(std::count(m.topics.begin(), m.topics.end(), p.topic) == 1);
      CHECK(seen.insert(p).second);
    }
    min = std::min(min, partitions.size());
    max = std::max(max, partitions.size());
  }
  CHECK(max - min <= 1);
}

}  // namespace

// Kafka: UniformHomogeneousAssignmentBuilderTest.testOneMemberNoTopicSubscription
TEST_CASE("uniform homogeneous: a member with no subscription gets nothing") {
  auto r = uniform(cluster({{"topic1", 3}}), {member("A", {})});
  CHECK(r.assignments.at("A").partitions.empty());
}

// Kafka: UniformHomogeneousAssignmentBuilderTest.testOneMemberSubscribedToNonexistentTopic
// Kafka throws PartitionAssignorException; the coordinator only passes known topic ids, so
// ksim ignores the unknown topic instead.
TEST_CASE("uniform homogeneous: an unknown topic is ignored") {
  auto r = uniform(cluster({{"topic1", 3}}), {member("A", {"topic2"})});
  CHECK(r.assignments.at("A").partitions.empty());
}

// Kafka: UniformHomogeneousAssignmentBuilderTest.
//   testFirstAssignmentTwoMembersTwoTopicsNoMemberRacks
TEST_CASE("uniform homogeneous: first assignment hands out topics in subscription-set order") {
  std::vector<MemberSubscription> members = {member("A", {"topic3", "topic1"}),
                                             member("B", {"topic3", "topic1"})};
  auto r = uniform(cluster({{"topic1", 3}, {"topic3", 2}}), members);
  CHECK(r.assignments.at("A").partitions == parse("topic3-0, topic3-1"));
  CHECK(r.assignments.at("B").partitions == parse("topic1-0, topic1-1, topic1-2"));
  check_valid_and_balanced(members, r);
}

// Kafka: UniformHomogeneousAssignmentBuilderTest.
//   testFirstAssignmentNumMembersGreaterThanTotalNumPartitions
TEST_CASE("uniform homogeneous: the last members take the extra partitions") {
  std::vector<MemberSubscription> members = {member("A", {"topic3"}), member("B", {"topic3"}),
                                             member("C", {"topic3"})};
  auto r = uniform(cluster({{"topic3", 2}}), members);
  CHECK(r.assignments.at("A").partitions.empty());
  CHECK(r.assignments.at("B").partitions == parse("topic3-0"));
  CHECK(r.assignments.at("C").partitions == parse("topic3-1"));
}

// Kafka: UniformHomogeneousAssignmentBuilderTest.testValidityAndBalanceForLargeSampleSet
TEST_CASE("uniform homogeneous: 100 topics over 49 members is valid and balanced") {
  std::map<std::string, int32_t> topics;
  std::vector<std::string> names;
  for (int i = 1; i < 101; ++i) {
    topics["topic-" + std::to_string(i)] = 3;
    names.push_back("topic-" + std::to_string(i));
  }
  std::vector<MemberSubscription> members;
  for (int i = 1; i < 50; ++i) members.push_back(member("member" + std::to_string(i), names));
  check_valid_and_balanced(members, uniform(cluster(topics), members));
}

// Kafka: UniformHomogeneousAssignmentBuilderTest.
//   testReassignmentForTwoMembersTwoTopicsGivenUnbalancedPrevAssignment
TEST_CASE("uniform homogeneous: an over-quota member gives up its last partitions") {
  std::vector<MemberSubscription> members = {
      owns("A", {"topic2", "topic1"}, "topic1-0, topic1-1, topic2-0, topic2-1"),
      owns("B", {"topic2", "topic1"}, "topic1-2, topic2-2")};
  // mkOrderedAssignment: topic1 first in each member's current assignment.
  auto r = uniform(cluster({{"topic1", 3}, {"topic2", 3}}), members);
  CHECK(r.assignments.at("A").partitions == parse("topic1-0, topic1-1, topic2-0"));
  CHECK(r.assignments.at("B").partitions == parse("topic1-2, topic2-1, topic2-2"));
  check_valid_and_balanced(members, r);
}

// Kafka: UniformHomogeneousAssignmentBuilderTest.
//   testReassignmentWhenPartitionsAreAddedForTwoMembersTwoTopics
TEST_CASE("uniform homogeneous: added partitions go to members under quota") {
  std::vector<MemberSubscription> members = {
      owns("A", {"topic2", "topic1"}, "topic1-0, topic1-2, topic2-0"),
      owns("B", {"topic2", "topic1"}, "topic1-1, topic2-1, topic2-2")};
  auto r = uniform(cluster({{"topic1", 6}, {"topic2", 5}}), members);
  CHECK(r.assignments.at("A").partitions ==
        parse("topic1-0, topic1-2, topic2-0, topic2-3, topic2-4"));
  CHECK(r.assignments.at("B").partitions ==
        parse("topic1-1, topic1-3, topic1-4, topic1-5, topic2-1, topic2-2"));
  check_valid_and_balanced(members, r);
}

// Kafka: UniformHomogeneousAssignmentBuilderTest.
//   testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics
TEST_CASE("uniform homogeneous: a new member receives the revoked excess") {
  std::vector<MemberSubscription> members = {
      owns("A", {"topic2", "topic1"}, "topic1-0, topic1-2, topic2-0"),
      owns("B", {"topic2", "topic1"}, "topic1-1, topic2-1, topic2-2"),
      member("C", {"topic2", "topic1"})};
  auto r = uniform(cluster({{"topic1", 3}, {"topic2", 3}}), members);
  CHECK(r.assignments.at("A").partitions == parse("topic1-0, topic1-2"));
  CHECK(r.assignments.at("B").partitions == parse("topic1-1, topic2-1"));
  CHECK(r.assignments.at("C").partitions == parse("topic2-0, topic2-2"));
  check_valid_and_balanced(members, r);
}

// Kafka: UniformHomogeneousAssignmentBuilderTest.
//   testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithThreeMembersTwoTopics
TEST_CASE("uniform homogeneous: a removed member's partitions are spread") {
  std::vector<MemberSubscription> members = {
      owns("A", {"topic2", "topic1"}, "topic1-0, topic2-0"),
      owns("B", {"topic2", "topic1"}, "topic1-1, topic2-1")};
  auto r = uniform(cluster({{"topic1", 3}, {"topic2", 3}}), members);
  CHECK(r.assignments.at("A").partitions == parse("topic1-0, topic2-0, topic2-2"));
  CHECK(r.assignments.at("B").partitions == parse("topic1-1, topic1-2, topic2-1"));
}

// Kafka: UniformHomogeneousAssignmentBuilderTest.
//   testReassignmentWhenOneSubscriptionRemovedAfterInitialAssignmentWithTwoMembersTwoTopics
TEST_CASE("uniform homogeneous: an unsubscribed topic is dropped") {
  std::vector<MemberSubscription> members = {owns("A", {"topic2"}, "topic1-0, topic2-0"),
                                             owns("B", {"topic2"}, "topic1-1, topic2-1")};
  auto r = uniform(cluster({{"topic1", 2}, {"topic2", 2}}), members);
  CHECK(r.assignments.at("A").partitions == parse("topic2-0"));
  CHECK(r.assignments.at("B").partitions == parse("topic2-1"));
}

// Kafka: UniformHeterogeneousAssignmentBuilderTest.testFirstAssignmentTwoMembersTwoTopics
TEST_CASE("uniform heterogeneous: first assignment balances across overlapping topics") {
  auto r = uniform(cluster({{"topic1", 3}, {"topic3", 6}}),
                   {member("A", {"topic1", "topic3"}), member("B", {"topic3"})});
  CHECK(r.assignments.at("A").partitions == parse("topic1-0, topic1-1, topic1-2, topic3-4"));
  CHECK(r.assignments.at("B").partitions ==
        parse("topic3-0, topic3-1, topic3-2, topic3-3, topic3-5"));
}

// Kafka: UniformHeterogeneousAssignmentBuilderTest.
//   testFirstAssignmentNumMembersGreaterThanTotalNumPartitions
TEST_CASE("uniform heterogeneous: more subscribers than partitions") {
  auto r = uniform(cluster({{"topic1", 2}, {"topic3", 1}}),
                   {member("A", {"topic3"}), member("B", {"topic3"}), member("C", {"topic1"})});
  CHECK(r.assignments.at("A").partitions == parse("topic3-0"));
  CHECK(r.assignments.at("B").partitions.empty());
  CHECK(r.assignments.at("C").partitions == parse("topic1-0, topic1-1"));
}

// Kafka: UniformHeterogeneousAssignmentBuilderTest.
//   testReassignmentForTwoMembersThreeTopicsGivenUnbalancedPrevAssignment
TEST_CASE("uniform heterogeneous: unbalanced previous assignment is evened out") {
  auto r = uniform(cluster({{"topic1", 6}, {"topic2", 4}, {"topic3", 4}}),
                   {owns("A", {"topic1"}, "topic1-0, topic1-1, topic1-2"),
                    owns("B", {"topic1", "topic2"}, "topic1-3, topic2-0"),
                    owns("C", {"topic1", "topic2", "topic3"},
                         "topic1-4, topic1-5, topic2-1, topic2-2, topic2-3, topic3-0, topic3-1, "
                         "topic3-2, topic3-3")});
  CHECK(r.assignments.at("A").partitions == parse("topic1-0, topic1-1, topic1-2, topic1-5"));
  CHECK(r.assignments.at("B").partitions ==
        parse("topic1-3, topic2-0, topic2-1, topic2-2, topic2-3"));
  CHECK(r.assignments.at("C").partitions ==
        parse("topic1-4, topic3-0, topic3-1, topic3-2, topic3-3"));
}

// Kafka: UniformHeterogeneousAssignmentBuilderTest.
//   testReassignmentWhenPartitionsAreAddedForTwoMembers
TEST_CASE("uniform heterogeneous: added partitions stay with sole subscribers") {
  auto r = uniform(cluster({{"topic1", 6}, {"topic2", 5}, {"topic3", 3}, {"topic4", 3}}),
                   {owns("A", {"topic1", "topic3"}, "topic1-0, topic1-1, topic1-2, topic1-3, "
                                                     "topic3-0, topic3-1"),
                    owns("B", {"topic1", "topic2", "topic3", "topic4"},
                         "topic2-0, topic2-1, topic2-2, topic4-0, topic4-1, topic4-2")});
  CHECK(r.assignments.at("A").partitions ==
        parse("topic1-0, topic1-1, topic1-2, topic1-3, topic1-4, topic1-5, topic3-0, topic3-1, "
              "topic3-2"));
  CHECK(r.assignments.at("B").partitions ==
        parse("topic2-0, topic2-1, topic2-2, topic2-3, topic2-4, topic4-0, topic4-1, topic4-2"));
}

// Kafka: UniformHeterogeneousAssignmentBuilderTest.
//   testReassignmentWhenOneMemberAddedAndPartitionsAddedTwoMembersTwoTopics
TEST_CASE("uniform heterogeneous: a new member and new partitions") {
  auto r = uniform(cluster({{"topic1", 6}, {"topic2", 7}}),
                   {owns("A", {"topic1"}, "topic1-0, topic1-2, topic2-0"),
                    owns("B", {"topic1", "topic2"}, "topic1-1, topic2-1, topic2-2"),
                    member("C", {"topic1", "topic2"})});
  CHECK(r.assignments.at("A").partitions ==
        parse("topic1-0, topic1-2, topic1-3, topic1-4, topic1-5"));
  CHECK(r.assignments.at("B").partitions == parse("topic1-1, topic2-1, topic2-2, topic2-6"));
  CHECK(r.assignments.at("C").partitions == parse("topic2-0, topic2-3, topic2-4, topic2-5"));
}

// Kafka: UniformHeterogeneousAssignmentBuilderTest.
//   testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithThreeMembersThreeTopics
TEST_CASE("uniform heterogeneous: a removed member's partitions go to remaining subscribers") {
  auto r = uniform(cluster({{"topic1", 3}, {"topic2", 8}, {"topic3", 3}}),
                   {owns("A", {"topic1", "topic3"},
                         "topic1-0, topic1-1, topic1-2, topic3-0, topic3-1"),
                    owns("B", {"topic2"}, "topic2-3, topic2-4, topic2-5, topic2-6")});
  CHECK(r.assignments.at("A").partitions ==
        parse("topic1-0, topic1-1, topic1-2, topic3-0, topic3-1, topic3-2"));
  CHECK(r.assignments.at("B").partitions ==
        parse("topic2-0, topic2-1, topic2-2, topic2-3, topic2-4, topic2-5, topic2-6, topic2-7"));
}
