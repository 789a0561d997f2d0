// Ports of Kafka's RangeAssignorTest (clients) and AbstractPartitionAssignorTest's rack gate.
#include <doctest/doctest.h>

#include "assign_test_support.h"
#include "ksim/assign/range_assignor.h"
#include "sim/assign/client_common.h"

using namespace ksim;
using namespace ksim::assign;
using namespace ksim::assign::test;

namespace {

enum class RackConfig { NoBrokerRack, NoConsumerRack, BrokerAndConsumerRack };
constexpr RackConfig kAllRackConfigs[] = {RackConfig::NoBrokerRack, RackConfig::NoConsumerRack,
                                          RackConfig::BrokerAndConsumerRack};

// RangeAssignorTest.initializeRacks: replication factor = max consumers, brokers on that many
// racks (or none), consumer i on rack ALL_RACKS[i % racks]; preferRackAwareLogic = true.
struct RackSetup {
  RackConfig config;
  int max_consumers = 3;

  ClusterView cluster(const std::vector<std::pair<std::string, int32_t>>& topics) const {
    ClusterView view;
    const int broker_racks = config != RackConfig::NoBrokerRack ? max_consumers : 0;
    for (const auto& [topic, count] : topics) {
      view.partitions_per_topic[topic] = count;
      view.partition_racks[topic] = replica_racks_n(count, max_consumers, broker_racks, 0);
    }
    return view;
  }
  MemberSubscription subscription(const std::string& id, std::vector<std::string> topics,
                                  int index) const {
    const int broker_racks = config != RackConfig::NoBrokerRack ? max_consumers : 0;
    const int num_racks = broker_racks > 0 ? broker_racks : 6;
    const bool has_rack = config != RackConfig::NoConsumerRack;
    return member(id, std::move(topics), {.rack = has_rack ? racks(6)[index % num_racks] : ""});
  }
  RangeAssignor assignor() const { return RangeAssignor({.prefer_rack_aware_logic = true}); }
};

std::vector<TopicPartition> of(const GroupAssignment& a, const std::string& m) {
  return a.assignments.at(m).partitions;
}

}  // namespace

// Kafka: RangeAssignorTest.testOneConsumerNoTopic
TEST_CASE("range: one consumer with no topics gets nothing") {
  for (RackConfig config : {RackConfig::NoConsumerRack, RackConfig::BrokerAndConsumerRack}) {
    RackSetup s{config};
    auto result = s.assignor().assign(s.cluster({}), {{s.subscription("consumer1", {}, 0)}});
    CHECK(result.assignments.size() == 1);
    CHECK(of(result, "consumer1").empty());
  }
}

// Kafka: RangeAssignorTest.testOneConsumerNonexistentTopic
TEST_CASE("range: a nonexistent topic yields an empty assignment") {
  for (RackConfig config : {RackConfig::NoConsumerRack, RackConfig::BrokerAndConsumerRack}) {
    RackSetup s{config};
    auto result =
        s.assignor().assign(s.cluster({}), {{s.subscription("consumer1", {"topic1"}, 0)}});
    CHECK(of(result, "consumer1").empty());
  }
}

// Kafka: RangeAssignorTest.testOneConsumerOneTopic
TEST_CASE("range: one consumer takes all partitions of its topic") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config};
    auto result = s.assignor().assign(s.cluster({{"topic1", 3}}),
                                      {{s.subscription("consumer1", {"topic1"}, 0)}});
    CHECK(of(result, "consumer1") == parse("topic1-0, topic1-1, topic1-2"));
  }
}

// Kafka: RangeAssignorTest.testOnlyAssignsPartitionsFromSubscribedTopics
TEST_CASE("range: only subscribed topics are assigned") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config};
    auto result = s.assignor().assign(s.cluster({{"topic1", 3}, {"other", 3}}),
                                      {{s.subscription("consumer1", {"topic1"}, 0)}});
    CHECK(of(result, "consumer1") == parse("topic1-0, topic1-1, topic1-2"));
  }
}

// Kafka: RangeAssignorTest.testOneConsumerMultipleTopics
TEST_CASE("range: one consumer with two topics takes both") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config};
    auto result = s.assignor().assign(s.cluster({{"topic1", 1}, {"topic2", 2}}),
                                      {{s.subscription("consumer1", {"topic1", "topic2"}, 0)}});
    CHECK(of(result, "consumer1") == parse("topic1-0, topic2-0, topic2-1"));
  }
}

// Kafka: RangeAssignorTest.testTwoConsumersOneTopicOnePartition
TEST_CASE("range: two consumers, one partition: the first consumer takes it") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config};
    auto result = s.assignor().assign(s.cluster({{"topic1", 1}}),
                                      {{s.subscription("consumer1", {"topic1"}, 0),
                                        s.subscription("consumer2", {"topic1"}, 1)}});
    CHECK(of(result, "consumer1") == parse("topic1-0"));
    CHECK(of(result, "consumer2").empty());
  }
}

// Kafka: RangeAssignorTest.testTwoConsumersOneTopicTwoPartitions
TEST_CASE("range: two consumers, two partitions: one each") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config};
    auto result = s.assignor().assign(s.cluster({{"topic1", 2}}),
                                      {{s.subscription("consumer1", {"topic1"}, 0),
                                        s.subscription("consumer2", {"topic1"}, 1)}});
    CHECK(of(result, "consumer1") == parse("topic1-0"));
    CHECK(of(result, "consumer2") == parse("topic1-1"));
  }
}

// Kafka: RangeAssignorTest.testMultipleConsumersMixedTopics
TEST_CASE("range: mixed subscriptions are ranged per topic") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config};
    auto result = s.assignor().assign(s.cluster({{"topic1", 3}, {"topic2", 2}}),
                                      {{s.subscription("consumer1", {"topic1"}, 0),
                                        s.subscription("consumer2", {"topic1", "topic2"}, 1),
                                        s.subscription("consumer3", {"topic1"}, 2)}});
    CHECK(of(result, "consumer1") == parse("topic1-0"));
    CHECK(of(result, "consumer2") == parse("topic1-1, topic2-0, topic2-1"));
    CHECK(of(result, "consumer3") == parse("topic1-2"));
  }
}

// Kafka: RangeAssignorTest.testTwoConsumersTwoTopicsSixPartitions
TEST_CASE("range: two consumers, two topics of three: the first gets two of each") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config};
    auto result = s.assignor().assign(s.cluster({{"topic1", 3}, {"topic2", 3}}),
                                      {{s.subscription("consumer1", {"topic1", "topic2"}, 0),
                                        s.subscription("consumer2", {"topic1", "topic2"}, 1)}});
    CHECK(of(result, "consumer1") == parse("topic1-0, topic1-1, topic2-0, topic2-1"));
    CHECK(of(result, "consumer2") == parse("topic1-2, topic2-2"));
  }
}

// Kafka: RangeAssignorTest.testTwoStaticConsumersTwoTopicsSixPartitions
TEST_CASE("range: static members are ordered by instance id, not member id") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config};
    auto low = s.subscription("consumer-b", {"topic1", "topic2"}, 0);
    low.group_instance_id = "instance1";
    auto high = s.subscription("consumer-a", {"topic1", "topic2"}, 1);
    high.group_instance_id = "instance2";
    auto result = s.assignor().assign(s.cluster({{"topic1", 3}, {"topic2", 3}}), {{low, high}});
    CHECK(of(result, "consumer-b") == parse("topic1-0, topic1-1, topic2-0, topic2-1"));
    CHECK(of(result, "consumer-a") == parse("topic1-2, topic2-2"));
  }
}

// Kafka: RangeAssignorTest.testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions
TEST_CASE("range: a static member sorts before a dynamic one") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config};
    auto low = s.subscription("consumer-b", {"topic1", "topic2"}, 0);
    low.group_instance_id = "instance1";
    auto high = s.subscription("consumer-a", {"topic1", "topic2"}, 1);
    auto result = s.assignor().assign(s.cluster({{"topic1", 3}, {"topic2", 3}}), {{low, high}});
    CHECK(of(result, "consumer-b") == parse("topic1-0, topic1-1, topic2-0, topic2-1"));
    CHECK(of(result, "consumer-a") == parse("topic1-2, topic2-2"));
  }
}

// Kafka: RangeAssignorTest.testStaticMemberRangeAssignmentPersistent
TEST_CASE("range: static members keep their ranges when a dynamic member is replaced") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config, 5};
    const ClusterView view = s.cluster({{"topic1", 5}, {"topic2", 4}});
    GroupSubscription group;
    for (int i = 1; i <= 3; ++i) {
      auto m = s.subscription("consumer" + std::to_string(i), {"topic1", "topic2"}, i - 1);
      m.group_instance_id = "instance" + std::to_string(i);
      group.members.push_back(m);
    }
    group.members.push_back(s.subscription("consumer4", {"topic1", "topic2"}, 3));
    auto result = s.assignor().assign(view, group);
    CHECK(of(result, "consumer1") == parse("topic1-0, topic1-1, topic2-0"));
    CHECK(of(result, "consumer2") == parse("topic1-2, topic2-1"));
    CHECK(of(result, "consumer3") == parse("topic1-3, topic2-2"));
    CHECK(of(result, "consumer4") == parse("topic1-4, topic2-3"));
    group.members.pop_back();
    group.members.push_back(s.subscription("consumer5", {"topic1", "topic2"}, 4));
    result = s.assignor().assign(view, group);
    CHECK(of(result, "consumer1") == parse("topic1-0, topic1-1, topic2-0"));
    CHECK(of(result, "consumer5") == parse("topic1-4, topic2-3"));
  }
}

// Kafka: RangeAssignorTest.testStaticMemberRangeAssignmentPersistentAfterMemberIdChanges
TEST_CASE("range: static assignment survives member id changes") {
  for (RackConfig config : kAllRackConfigs) {
    RackSetup s{config};
    const ClusterView view = s.cluster({{"topic1", 5}, {"topic2", 5}});
    GroupSubscription group;
    for (int i = 1; i <= 3; ++i) {
      auto m = s.subscription("consumer" + std::to_string(i), {"topic1", "topic2"}, i - 1);
      m.group_instance_id = "instance" + std::to_string(i);
      group.members.push_back(m);
    }
    auto result = s.assignor().assign(view, group);
    CHECK(of(result, "consumer1") == parse("topic1-0, topic1-1, topic2-0, topic2-1"));
    CHECK(of(result, "consumer2") == parse("topic1-2, topic1-3, topic2-2, topic2-3"));
    CHECK(of(result, "consumer3") == parse("topic1-4, topic2-4"));
    group.members[2].member_id = "consumer4";
    group.members[1].member_id = "consumer5";
    result = s.assignor().assign(view, group);
    CHECK(of(result, "consumer5") == parse("topic1-2, topic1-3, topic2-2, topic2-3"));
    CHECK(of(result, "consumer4") == parse("topic1-4, topic2-4"));
  }
}

// Kafka: RangeAssignorTest.testRackAwareStaticMemberRangeAssignmentPersistentAfterMemberIdChanges
TEST_CASE("range: rack-aware static assignment survives member id changes") {
  ClusterView view;
  for (const std::string topic : {"topic1", "topic2"}) {
    view.partitions_per_topic[topic] = 5;
    view.partition_racks[topic] = replica_racks_n(5, 2, 3, 0);
  }
  GroupSubscription group;
  for (int i = 1; i <= 3; ++i) {
    group.members.push_back(member("consumer" + std::to_string(i), {"topic1", "topic2"},
                                   {.rack = racks(3)[i - 1],
                                    .instance = "instance" + std::to_string(i)}));
  }
  const RangeAssignor assignor({.prefer_rack_aware_logic = true});
  auto result = assignor.assign(view, group);
  CHECK(of(result, "consumer1") == parse("topic1-0, topic1-2, topic2-0, topic2-2"));
  CHECK(of(result, "consumer2") == parse("topic1-1, topic1-3, topic2-1, topic2-3"));
  CHECK(of(result, "consumer3") == parse("topic1-4, topic2-4"));
  group.members[2].member_id = "consumer4";
  group.members[1].member_id = "consumer5";
  result = assignor.assign(view, group);
  CHECK(of(result, "consumer1") == parse("topic1-0, topic1-2, topic2-0, topic2-2"));
  CHECK(of(result, "consumer5") == parse("topic1-1, topic1-3, topic2-1, topic2-3"));
  CHECK(of(result, "consumer4") == parse("topic1-4, topic2-4"));
}

namespace {

// RangeAssignorTest.verifyNonRackAwareAssignment.
void verify_non_rack_aware(const RackCase& base, const std::vector<std::string>& expected) {
  const RangeAssignor plain;
  const RangeAssignor prefer({.prefer_rack_aware_logic = true});
  auto with = [&](int rf, std::vector<std::string> brokers, std::vector<std::string> consumers) {
    RackCase c = base;
    c.replication_factor = rf;
    c.broker_racks = std::move(brokers);
    c.consumer_racks = std::move(consumers);
    return c;
  };
  verify_rack_assignment(plain, with(3, null_racks(3), racks(3)), expected, -1);
  verify_rack_assignment(plain, with(3, racks(3), null_racks(3)), expected, -1);
  verify_rack_assignment(plain, with(3, racks(3), racks(3)), expected, 0);
  verify_rack_assignment(plain, with(4, racks(4), racks(3)), expected, 0);
  verify_rack_assignment(plain, with(3, racks(3), {"d", "e", "f"}), expected, -1);
  verify_rack_assignment(plain, with(3, racks(3), {"", "e", "f"}), expected, -1);
  verify_rack_assignment(prefer, with(3, racks(3), racks(3)), expected, 0);
}

RackCase rack_case(std::vector<std::pair<std::string, int32_t>> topics, int rf,
                   std::vector<std::string> brokers, std::vector<std::string> consumers,
                   std::vector<std::vector<std::string>> consumer_topics) {
  return RackCase{std::move(topics), rf, std::move(brokers), std::move(consumers),
                  std::move(consumer_topics)};
}

}  // namespace

// Kafka: RangeAssignorTest.testRackAwareAssignmentWithUniformSubscription
TEST_CASE("range: rack-aware with uniform subscription aligns racks best-effort") {
  const std::vector<std::pair<std::string, int32_t>> topics = {{"t1", 6}, {"t2", 7}, {"t3", 2}};
  const std::vector<std::string> all = {"t1", "t2", "t3"};
  const std::vector<std::vector<std::string>> subs = {all, all, all};
  verify_non_rack_aware(rack_case(topics, 3, {}, {}, subs),
                        {"t1-0, t1-1, t2-0, t2-1, t2-2, t3-0", "t1-2, t1-3, t2-3, t2-4, t3-1",
                         "t1-4, t1-5, t2-5, t2-6"});
  const RangeAssignor assignor;
  verify_rack_assignment(assignor, rack_case(topics, 1, racks(3), racks(3), subs),
                         {"t1-0, t1-3, t2-0, t2-3, t2-6", "t1-1, t1-4, t2-1, t2-4, t3-0",
                          "t1-2, t1-5, t2-2, t2-5, t3-1"}, 0);
  verify_rack_assignment(assignor, rack_case(topics, 2, racks(3), racks(3), subs),
                         {"t1-0, t1-2, t2-0, t2-2, t2-3, t3-1",
                          "t1-1, t1-3, t2-1, t2-4, t3-0",
                          "t1-4, t1-5, t2-5, t2-6"}, 1);
  verify_rack_assignment(assignor, rack_case(topics, 3, racks(2), racks(3), subs),
                         {"t1-0, t1-1, t2-0, t2-1, t2-2, t3-0", "t1-2, t1-3, t2-3, t2-4, t3-1",
                          "t1-4, t1-5, t2-5, t2-6"}, 4);
}

// Kafka: RangeAssignorTest.testRackAwareAssignmentWithNonEqualSubscription
TEST_CASE("range: rack-aware with non-equal subscriptions") {
  const std::vector<std::pair<std::string, int32_t>> topics = {{"t1", 6}, {"t2", 7}, {"t3", 2}};
  const std::vector<std::string> all = {"t1", "t2", "t3"};
  const std::vector<std::vector<std::string>> subs = {all, all, {"t1", "t3"}};
  verify_non_rack_aware(rack_case(topics, 3, {}, {}, subs),
                        {"t1-0, t1-1, t2-0, t2-1, t2-2, t2-3, t3-0",
                         "t1-2, t1-3, t2-4, t2-5, t2-6, t3-1", "t1-4, t1-5"});
  const RangeAssignor assignor;
  verify_rack_assignment(assignor, rack_case(topics, 1, racks(3), racks(3), subs),
                         {"t1-0, t1-3, t2-0, t2-2, t2-3, t2-6",
                          "t1-1, t1-4, t2-1, t2-4, t2-5, t3-0", "t1-2, t1-5, t3-1"}, 2);
  verify_rack_assignment(assignor, rack_case(topics, 2, racks(3), racks(3), subs),
                         {"t1-0, t1-2, t2-0, t2-2, t2-3, t2-5, t3-1",
                          "t1-1, t1-3, t2-1, t2-4, t2-6, t3-0", "t1-4, t1-5"}, 0);
  verify_rack_assignment(assignor, rack_case(topics, 3, racks(2), racks(3), subs),
                         {"t1-0, t1-1, t2-0, t2-1, t2-2, t2-3, t3-0",
                          "t1-2, t1-3, t2-4, t2-5, t2-6, t3-1", "t1-4, t1-5"}, 2);
}

// Kafka: RangeAssignorTest.testRackAwareAssignmentWithUniformPartitions
TEST_CASE("range: co-partitioning wins over rack alignment for equal partition counts") {
  const std::vector<std::pair<std::string, int32_t>> topics = {{"t1", 5}, {"t2", 5}, {"t3", 5}};
  const std::vector<std::string> all = {"t1", "t2", "t3"};
  const std::vector<std::vector<std::string>> subs = {all, all, all};
  const std::vector<std::string> expected = {"t1-0, t1-1, t2-0, t2-1, t3-0, t3-1",
                                             "t1-2, t1-3, t2-2, t2-3, t3-2, t3-3",
                                             "t1-4, t2-4, t3-4"};
  verify_non_rack_aware(rack_case(topics, 3, {}, {}, subs), expected);
  const RangeAssignor assignor;
  verify_rack_assignment(assignor, rack_case(topics, 1, racks(3), racks(3), subs), expected, 10);
  verify_rack_assignment(assignor, rack_case(topics, 2, racks(3), racks(3), subs), expected, 5);
  verify_rack_assignment(assignor, rack_case(topics, 3, racks(2), racks(3), subs), expected, 3);
}

// Kafka: RangeAssignorTest.testRackAwareAssignmentWithUniformPartitionsNonEqualSubscription
TEST_CASE("range: rack-aware, equal partition counts, non-equal subscriptions") {
  const std::vector<std::pair<std::string, int32_t>> topics = {{"t1", 5}, {"t2", 5}, {"t3", 5}};
  const std::vector<std::string> all = {"t1", "t2", "t3"};
  const std::vector<std::vector<std::string>> subs = {all, all, {"t1", "t3"}};
  verify_non_rack_aware(rack_case(topics, 3, {}, {}, subs),
                        {"t1-0, t1-1, t2-0, t2-1, t2-2, t3-0, t3-1",
                         "t1-2, t1-3, t2-3, t2-4, t3-2, t3-3", "t1-4, t3-4"});
  const RangeAssignor assignor;
  verify_rack_assignment(assignor, rack_case(topics, 1, racks(3), racks(3), subs),
                         {"t1-0, t1-1, t2-0, t2-1, t2-4, t3-0, t3-1",
                          "t1-2, t1-3, t2-2, t2-3, t3-2, t3-3", "t1-4, t3-4"}, 9);
  verify_rack_assignment(assignor, rack_case(topics, 2, racks(3), racks(3), subs),
                         {"t1-2, t2-0, t2-1, t2-3, t3-2", "t1-0, t1-3, t2-2, t2-4, t3-0, t3-3",
                          "t1-1, t1-4, t3-1, t3-4"}, 0);
  verify_rack_assignment(assignor, rack_case(topics, 3, racks(2), racks(3), subs),
                         {"t1-0, t1-1, t2-0, t2-1, t2-2, t3-0, t3-1",
                          "t1-2, t1-3, t2-3, t2-4, t3-2, t3-3", "t1-4, t3-4"}, 2);
}

// Kafka: RangeAssignorTest.testRackAwareAssignmentWithCoPartitioning
TEST_CASE("range: rack-aware co-partitioned topics move together") {
  const std::vector<std::pair<std::string, int32_t>> topics = {
      {"t1", 6}, {"t2", 6}, {"t3", 2}, {"t4", 2}};
  const std::vector<std::string> consumer_racks = {"a", "b", "b", "a"};
  std::vector<std::vector<std::string>> subs = {{"t1", "t2"}, {"t1", "t2"}, {"t3", "t4"},
                                                {"t3", "t4"}};
  std::vector<std::string> plain = {"t1-0, t1-1, t1-2, t2-0, t2-1, t2-2",
                                    "t1-3, t1-4, t1-5, t2-3, t2-4, t2-5", "t3-0, t4-0",
                                    "t3-1, t4-1"};
  const RangeAssignor assignor;
  verify_rack_assignment(assignor, rack_case(topics, 3, racks(2), consumer_racks, subs), plain, -1);
  verify_rack_assignment(assignor, rack_case(topics, 2, racks(2), consumer_racks, subs), plain, 0);
  verify_rack_assignment(assignor, rack_case(topics, 1, racks(2), consumer_racks, subs),
                         {"t1-0, t1-2, t1-4, t2-0, t2-2, t2-4",
                          "t1-1, t1-3, t1-5, t2-1, t2-3, t2-5",
                          "t3-1, t4-1", "t3-0, t4-0"}, 0);
  const std::vector<std::string> all = {"t1", "t2", "t3", "t4"};
  subs = {all, all, all, all};
  plain = {"t1-0, t1-1, t2-0, t2-1, t3-0, t4-0", "t1-2, t1-3, t2-2, t2-3, t3-1, t4-1",
           "t1-4, t2-4", "t1-5, t2-5"};
  verify_rack_assignment(assignor, rack_case(topics, 3, racks(2), consumer_racks, subs), plain, -1);
  verify_rack_assignment(assignor, rack_case(topics, 2, racks(2), consumer_racks, subs), plain, 0);
  verify_rack_assignment(assignor, rack_case(topics, 1, racks(2), consumer_racks, subs),
                         {"t1-0, t1-2, t2-0, t2-2, t3-0, t4-0",
                          "t1-1, t1-3, t2-1, t2-3, t3-1, t4-1",
                          "t1-5, t2-5", "t1-4, t2-4"}, 0);
  verify_rack_assignment(assignor, rack_case(topics, 1, racks(3), consumer_racks, subs),
                         {"t1-0, t1-3, t2-0, t2-3, t3-0, t4-0",
                          "t1-1, t1-4, t2-1, t2-4, t3-1, t4-1",
                          "t1-2, t2-2", "t1-5, t2-5"}, 6);
}

// Kafka: RangeAssignorTest.testCoPartitionedAssignmentWithSameSubscription
TEST_CASE("range: co-partitioned groups of topics with the same subscription") {
  const std::vector<std::pair<std::string, int32_t>> topics = {
      {"t1", 6}, {"t2", 6}, {"t3", 2}, {"t4", 2}, {"t5", 4}, {"t6", 4}};
  const std::vector<std::string> list = {"t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"};
  const std::vector<std::vector<std::string>> subs = {list, list, list};
  const std::vector<std::string> consumer_racks = {"a", "b", "c"};
  const std::vector<std::string> plain = {
      "t1-0, t1-1, t2-0, t2-1, t3-0, t4-0, t5-0, t5-1, t6-0, t6-1",
      "t1-2, t1-3, t2-2, t2-3, t3-1, t4-1, t5-2, t6-2", "t1-4, t1-5, t2-4, t2-5, t5-3, t6-3"};
  verify_rack_assignment(RangeAssignor(),
                         rack_case(topics, 3, null_racks(3), consumer_racks, subs), plain, -1);
  const RangeAssignor prefer({.prefer_rack_aware_logic = true});
  verify_rack_assignment(prefer, rack_case(topics, 3, racks(3), consumer_racks, subs), plain, 0);
  verify_rack_assignment(prefer, rack_case(topics, 2, racks(3), consumer_racks, subs),
                         {"t1-0, t1-2, t2-0, t2-2, t3-0, t4-0, t5-1, t6-1",
                          "t1-1, t1-3, t2-1, t2-3, t3-1, t4-1, t5-2, t6-2",
                          "t1-4, t1-5, t2-4, t2-5, t5-0, t5-3, t6-0, t6-3"}, 0);
}

// Kafka: AbstractPartitionAssignorTest.testUseRackAwareAssignment
TEST_CASE("range: the rack gate needs consumer racks, overlap and uneven replica racks") {
  const std::set<std::string> all = {"a", "b", "c"};
  const std::set<std::string> two = {"a", "b"};
  std::map<TopicPartition, std::set<std::string>> on_all;
  std::map<TopicPartition, std::set<std::string>> on_subset;
  for (int i = 0; i < 10; ++i) {
    on_all[{"topic", i}] = all;
    on_subset[{"topic", i}] = {std::string(1, static_cast<char>('a' + i % 3))};
  }
  for (bool prefer : {false, true}) {
    CHECK_FALSE(use_rack_aware_assignment({}, {}, on_all, prefer));
    CHECK_FALSE(use_rack_aware_assignment({}, all, on_all, prefer));
    CHECK_FALSE(use_rack_aware_assignment(all, {}, {}, prefer));
    CHECK_FALSE(use_rack_aware_assignment({"d"}, all, on_all, prefer));
    CHECK(use_rack_aware_assignment(all, all, on_all, prefer) == prefer);
    CHECK(use_rack_aware_assignment(two, all, on_all, prefer) == prefer);
    CHECK(use_rack_aware_assignment(all, all, on_subset, prefer));
    CHECK(use_rack_aware_assignment(two, all, on_subset, prefer));
  }
  CHECK_FALSE(use_rack_aware_assignment({"a", "d"}, all, on_all, false));
  CHECK(use_rack_aware_assignment({"a", "d"}, all, on_subset, false));
}
