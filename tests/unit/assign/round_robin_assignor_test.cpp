// Ports of Kafka's RoundRobinAssignorTest. Kafka asserts list order here, so these tests read
// assign_in_kafka_order(); assign() returns the same partitions sorted.
#include <doctest/doctest.h>

#include "assign_test_support.h"
#include "ksim/assign/round_robin_assignor.h"

using namespace ksim;
using namespace ksim::assign;
using namespace ksim::assign::test;

namespace {

using Lists = std::map<std::string, std::vector<TopicPartition>>;

Lists run(const ClusterView& view, const GroupSubscription& group) {
  return RoundRobinAssignor().assign_in_kafka_order(view, group);
}

std::vector<TopicPartition> list(std::initializer_list<TopicPartition> items) { return items; }

GroupSubscription static_group(const std::vector<std::string>& ids, int statics,
                               const std::vector<std::string>& topics) {
  GroupSubscription group;
  for (size_t i = 0; i < ids.size(); ++i) {
    MemberOptions options;
    if (static_cast<int>(i) < statics) options.instance = "instance" + std::to_string(i + 1);
    group.members.push_back(member(ids[i], topics, options));
  }
  return group;
}

}  // namespace

// Kafka: RoundRobinAssignorTest.testOneConsumerNoTopic
TEST_CASE("roundrobin: one consumer, no topic") {
  auto result = run(cluster({}), {{member("consumer", {})}});
  CHECK(result.size() == 1);
  CHECK(result.at("consumer").empty());
}

// Kafka: RoundRobinAssignorTest.testOneConsumerNonexistentTopic
TEST_CASE("roundrobin: one consumer, nonexistent topic") {
  auto result = run(cluster({}), {{member("consumer", {"topic"})}});
  CHECK(result.at("consumer").empty());
}

// Kafka: RoundRobinAssignorTest.testOneConsumerOneTopic
TEST_CASE("roundrobin: one consumer, one topic") {
  auto result = run(cluster({{"topic", 3}}), {{member("consumer", {"topic"})}});
  CHECK(result.at("consumer") == list({tp("topic", 0), tp("topic", 1), tp("topic", 2)}));
}

// Kafka: RoundRobinAssignorTest.testOnlyAssignsPartitionsFromSubscribedTopics
TEST_CASE("roundrobin: only subscribed topics are assigned") {
  auto result = run(cluster({{"topic", 3}, {"other", 3}}), {{member("consumer", {"topic"})}});
  CHECK(result.at("consumer") == list({tp("topic", 0), tp("topic", 1), tp("topic", 2)}));
}

// Kafka: RoundRobinAssignorTest.testOneConsumerMultipleTopics
TEST_CASE("roundrobin: one consumer, two topics, in topic order") {
  auto result =
      run(cluster({{"topic1", 1}, {"topic2", 2}}), {{member("consumer", {"topic1", "topic2"})}});
  CHECK(result.at("consumer") == list({tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)}));
}

// Kafka: RoundRobinAssignorTest.testTwoConsumersOneTopicOnePartition
TEST_CASE("roundrobin: two consumers, one partition") {
  auto result = run(cluster({{"topic", 1}}),
                    {{member("consumer1", {"topic"}), member("consumer2", {"topic"})}});
  CHECK(result.at("consumer1") == list({tp("topic", 0)}));
  CHECK(result.at("consumer2").empty());
}

// Kafka: RoundRobinAssignorTest.testTwoConsumersOneTopicTwoPartitions
TEST_CASE("roundrobin: two consumers, two partitions") {
  auto result = run(cluster({{"topic", 2}}),
                    {{member("consumer1", {"topic"}), member("consumer2", {"topic"})}});
  CHECK(result.at("consumer1") == list({tp("topic", 0)}));
  CHECK(result.at("consumer2") == list({tp("topic", 1)}));
}

// Kafka: RoundRobinAssignorTest.testMultipleConsumersMixedTopics
TEST_CASE("roundrobin: the iterator skips members not subscribed to the topic") {
  auto result = run(cluster({{"topic1", 3}, {"topic2", 2}}),
                    {{member("consumer1", {"topic1"}), member("consumer2", {"topic1", "topic2"}),
                      member("consumer3", {"topic1"})}});
  CHECK(result.at("consumer1") == list({tp("topic1", 0)}));
  CHECK(result.at("consumer2") == list({tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)}));
  CHECK(result.at("consumer3") == list({tp("topic1", 2)}));
}

// Kafka: RoundRobinAssignorTest.testTwoConsumersTwoTopicsSixPartitions
TEST_CASE("roundrobin: two consumers alternate over all partitions of both topics") {
  auto result = run(cluster({{"topic1", 3}, {"topic2", 3}}),
                    {{member("consumer1", {"topic1", "topic2"}),
                      member("consumer2", {"topic1", "topic2"})}});
  CHECK(result.at("consumer1") == list({tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)}));
  CHECK(result.at("consumer2") == list({tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)}));
}

// Kafka: RoundRobinAssignorTest.testTwoStaticConsumersTwoTopicsSixPartitions
TEST_CASE("roundrobin: static members are ordered by instance id") {
  auto group = static_group({"consumer-b", "consumer-a"}, 2, {"topic1", "topic2"});
  auto result = run(cluster({{"topic1", 3}, {"topic2", 3}}), group);
  CHECK(result.at("consumer-b") == list({tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)}));
  CHECK(result.at("consumer-a") == list({tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)}));
}

// Kafka: RoundRobinAssignorTest.testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions
TEST_CASE("roundrobin: a static member comes before a dynamic one") {
  auto group = static_group({"consumer-b", "consumer-a"}, 1, {"topic1", "topic2"});
  auto result = run(cluster({{"topic1", 3}, {"topic2", 3}}), group);
  CHECK(result.at("consumer-b") == list({tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)}));
  CHECK(result.at("consumer-a") == list({tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)}));
}

// Kafka: RoundRobinAssignorTest.testStaticMemberRoundRobinAssignmentPersistent
TEST_CASE("roundrobin: static members keep their partitions when a dynamic one is replaced") {
  const ClusterView view = cluster({{"topic1", 3}, {"topic2", 3}});
  auto group = static_group({"consumer1", "consumer2", "consumer3", "consumer4"}, 3,
                            {"topic1", "topic2"});
  auto result = run(view, group);
  CHECK(result.at("consumer1") == list({tp("topic1", 0), tp("topic2", 1)}));
  CHECK(result.at("consumer2") == list({tp("topic1", 1), tp("topic2", 2)}));
  CHECK(result.at("consumer3") == list({tp("topic1", 2)}));
  CHECK(result.at("consumer4") == list({tp("topic2", 0)}));
  group.members.back().member_id = "consumer5";
  result = run(view, group);
  CHECK(result.at("consumer1") == list({tp("topic1", 0), tp("topic2", 1)}));
  CHECK(result.at("consumer5") == list({tp("topic2", 0)}));
}

// Kafka: RoundRobinAssignorTest.testStaticMemberRoundRobinAssignmentPersistentAfterMemberIdChanges
TEST_CASE("roundrobin: static assignment survives member id changes") {
  const ClusterView view = cluster({{"topic1", 5}, {"topic2", 5}});
  auto group = static_group({"consumer1", "consumer2", "consumer3"}, 3, {"topic1", "topic2"});
  auto by_instance = [&](const GroupSubscription& g) {
    auto result = run(view, g);
    std::map<std::string, std::vector<TopicPartition>> out;
    for (const auto& m : g.members) out[*m.group_instance_id] = result.at(m.member_id);
    return out;
  };
  const auto first = by_instance(group);
  CHECK(first.at("instance1") ==
        list({tp("topic1", 0), tp("topic1", 3), tp("topic2", 1), tp("topic2", 4)}));
  CHECK(first.at("instance2") == list({tp("topic1", 1), tp("topic1", 4), tp("topic2", 2)}));
  CHECK(first.at("instance3") == list({tp("topic1", 2), tp("topic2", 0), tp("topic2", 3)}));
  group.members[2].member_id = "consumer4";
  group.members[1].member_id = "consumer5";
  CHECK(by_instance(group) == first);
}

// RoundRobinAssignor Javadoc (kafka-semantics.md 2.5).
TEST_CASE("roundrobin: javadoc example with unequal subscriptions; assign() sorts lists") {
  auto group = GroupSubscription{{member("C0", {"t0"}), member("C1", {"t0", "t1"}),
                                  member("C2", {"t0", "t1", "t2"})}};
  const ClusterView view = cluster({{"t0", 1}, {"t1", 2}, {"t2", 3}});
  auto result = run(view, group);
  CHECK(result.at("C0") == list({tp("t0", 0)}));
  CHECK(result.at("C1") == list({tp("t1", 0)}));
  CHECK(result.at("C2") == list({tp("t1", 1), tp("t2", 0), tp("t2", 1), tp("t2", 2)}));
  CHECK(RoundRobinAssignor().assign(view, group).assignments.at("C2").partitions ==
        parse("t1-1, t2-0, t2-1, t2-2"));
}
