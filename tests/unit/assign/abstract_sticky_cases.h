#pragma once
// Ports of Kafka's AbstractStickyAssignorTest cases, run by both StickyAssignorTest and
// CooperativeStickyAssignorTest (sticky_assignor_test.cpp, cooperative_sticky_assignor_test.cpp).
// Each case runs under the NO_CONSUMER_RACK and BROKER_AND_CONSUMER_RACK configurations.
#include "sticky_test_support.h"

namespace ksim::assign::test {

using Strings = std::vector<std::string>;

inline GroupAssignment run(const StickyHarness& h, GroupSubscription& group) {
  return assign_and_verify(h, group, h.assignor()->assign(h.view, group));
}

inline bool no_transfers(const GroupAssignment& r) {
  return r.partitions_transferring_ownership && r.partitions_transferring_ownership->empty();
}

// Kafka: AbstractStickyAssignorTest.testOneConsumerOneTopic
inline void one_consumer_one_topic(StickyHarness h) {
  h.topic("topic", 3);
  auto group = hash_ordered({h.subscription("consumer", {"topic"}, 0)});
  auto r = run(h, group);
  CHECK(of(r, "consumer") == parse("topic-0, topic-1, topic-2"));
  CHECK(no_transfers(r));
  CHECK(is_fully_balanced(r));
}

// Kafka: AbstractStickyAssignorTest.testOnlyAssignsPartitionsFromSubscribedTopics
inline void only_subscribed_topics(StickyHarness h) {
  h.topic("topic", 2);
  auto group = hash_ordered({h.v2("consumer", {"topic"},
                                  parse("topic-0, topic-1, other-0, other-1"), kGenerationId, 0)});
  auto r = run(h, group);
  CHECK(of(r, "consumer") == parse("topic-0, topic-1"));
  CHECK(no_transfers(r));
}

// Kafka: AbstractStickyAssignorTest.testOneConsumerMultipleTopics
inline void one_consumer_multiple_topics(StickyHarness h) {
  h.topic("topic1", 1);
  h.topic("topic2", 2);
  auto group = hash_ordered({h.subscription("consumer", {"topic1", "topic2"}, 0)});
  auto r = run(h, group);
  CHECK(of(r, "consumer") == parse("topic1-0, topic2-0, topic2-1"));
}

// Kafka: AbstractStickyAssignorTest.testTwoConsumersOneTopicOnePartition and
// testTwoConsumersOneTopicTwoPartitions
inline void two_consumers_one_topic(StickyHarness h) {
  h.topic("topic", 1);
  auto group = hash_ordered({h.subscription("consumer1", {"topic"}, 0),
                             h.subscription("consumer2", {"topic"}, 1)});
  auto r = run(h, group);
  CHECK(no_transfers(r));
  CHECK(is_fully_balanced(r));
  h.topic("topic", 2);
  group = hash_ordered({h.subscription("consumer1", {"topic"}, 0),
                        h.subscription("consumer2", {"topic"}, 1)});
  r = run(h, group);
  CHECK(of(r, "consumer1") == parse("topic-0"));
  CHECK(of(r, "consumer2") == parse("topic-1"));
}

// Kafka: AbstractStickyAssignorTest.testMultipleConsumersMixedTopicSubscriptions
inline void mixed_topic_subscriptions(StickyHarness h) {
  h.topic("topic1", 3);
  h.topic("topic2", 2);
  auto group = hash_ordered({h.subscription("consumer1", {"topic1"}, 0),
                             h.subscription("consumer2", {"topic1", "topic2"}, 1),
                             h.subscription("consumer3", {"topic1"}, 2)});
  auto r = run(h, group);
  CHECK(of(r, "consumer1") == parse("topic1-0, topic1-2"));
  CHECK(of(r, "consumer2") == parse("topic2-0, topic2-1"));
  CHECK(of(r, "consumer3") == parse("topic1-1"));
  if (!h.cooperative) CHECK_FALSE(r.partitions_transferring_ownership.has_value());
}

// Kafka: AbstractStickyAssignorTest.testTwoConsumersTwoTopicsSixPartitions
inline void two_consumers_two_topics(StickyHarness h) {
  h.topic("topic1", 3);
  h.topic("topic2", 3);
  auto group = hash_ordered({h.subscription("consumer1", {"topic1", "topic2"}, 0),
                             h.subscription("consumer2", {"topic1", "topic2"}, 1)});
  auto r = run(h, group);
  CHECK(of(r, "consumer1") == parse("topic1-0, topic1-2, topic2-1"));
  CHECK(of(r, "consumer2") == parse("topic1-1, topic2-0, topic2-2"));
  CHECK(no_transfers(r));
}

// Kafka: AbstractStickyAssignorTest.testConsumerOwningMinQuotaExpectedMaxQuota
inline void owning_min_quota_expected_max_quota(StickyHarness h) {
  h.topic("topic1", 2);
  h.topic("topic2", 3);
  const Strings topics = {"topic1", "topic2"};
  auto group = hash_ordered({h.v2("consumer1", topics, parse("topic1-0, topic2-1"), 1, 0),
                             h.v2("consumer2", topics, parse("topic1-1, topic2-2"), 1, 1)});
  auto r = run(h, group);
  CHECK(of(r, "consumer1") == parse("topic1-0, topic2-1, topic2-0"));
  CHECK(of(r, "consumer2") == parse("topic1-1, topic2-2"));
  CHECK(no_transfers(r));
}

// Kafka: AbstractStickyAssignorTest.testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers
// HashMap order consumer3, consumer2, consumer1 lets consumer2 keep both of its partitions.
inline void max_quota_owners_exceed_expected(StickyHarness h) {
  h.topic("topic1", 2);
  h.topic("topic2", 2);
  const Strings topics = {"topic1", "topic2"};
  auto group = hash_ordered({h.v2("consumer1", topics, parse("topic1-0, topic2-0"), 1, 0),
                             h.v2("consumer2", topics, parse("topic1-1, topic2-1"), 1, 1),
                             h.v2("consumer3", topics, {}, 1, 2)});
  auto first = h.assignor()->assign(h.view, group);
  const std::map<TopicPartition, std::string> expected = {{tp("topic2", 0), "consumer3"}};
  CHECK(first.partitions_transferring_ownership == expected);
  auto r = assign_and_verify(h, group, first);
  CHECK(of(r, "consumer1") == parse("topic1-0"));
  CHECK(of(r, "consumer2") == parse("topic1-1, topic2-1"));
  CHECK(of(r, "consumer3") == parse("topic2-0"));
}

// Kafka: AbstractStickyAssignorTest.testAllConsumersAreUnderMinQuota
inline void all_consumers_under_min_quota(StickyHarness h) {
  h.topic("topic1", 2);
  h.topic("topic2", 3);
  const Strings topics = {"topic1", "topic2"};
  auto group = hash_ordered({h.v2("consumer1", topics, parse("topic1-0"), 1, 0),
                             h.v2("consumer2", topics, parse("topic1-1"), 1, 1),
                             h.v2("consumer3", topics, {}, 1, 2)});
  auto r = run(h, group);
  CHECK(no_transfers(r));
  CHECK(of(r, "consumer1") == parse("topic1-0, topic2-1"));
  CHECK(of(r, "consumer2") == parse("topic1-1, topic2-2"));
  CHECK(of(r, "consumer3") == parse("topic2-0"));
}

// Kafka: AbstractStickyAssignorTest.testAddRemoveConsumerOneTopic
inline void add_remove_consumer_one_topic(StickyHarness h) {
  h.topic("topic", 3);
  auto group = hash_ordered({h.subscription("consumer1", {"topic"}, 0)});
  auto r = run(h, group);
  CHECK(of(r, "consumer1") == parse("topic-0, topic-1, topic-2"));
  group = hash_ordered({h.v2("consumer1", {"topic"}, of(r, "consumer1"), 1, 0),
                        h.v2("consumer2", {"topic"}, {}, 1, 1)});
  auto first = h.assignor()->assign(h.view, group);
  const std::map<TopicPartition, std::string> expected = {{tp("topic", 2), "consumer2"}};
  CHECK(first.partitions_transferring_ownership == expected);
  r = assign_and_verify(h, group, first);
  CHECK(of(r, "consumer1") == parse("topic-0, topic-1"));
  CHECK(of(r, "consumer2") == parse("topic-2"));
  group = hash_ordered({h.v2("consumer2", {"topic"}, of(r, "consumer2"), 1, 1)});
  r = run(h, group);
  CHECK(of(r, "consumer2") == parse("topic-0, topic-1, topic-2"));
  CHECK(no_transfers(r));
}

// Kafka: AbstractStickyAssignorTest.testTopicBalanceAfterReassignment
inline void topic_balance_after_reassignment(StickyHarness h) {
  h.topic("topic1", 12);
  h.topic("topic2", 12);
  const Strings all = {"topic1", "topic2"};
  auto per_topic = [](const GroupAssignment& r, int32_t expected) {
    for (const auto& [id, a] : r.assignments) {
      CHECK(std::count_if(a.partitions.begin(), a.partitions.end(),
                          [](const auto& p) { return p.topic == "topic1"; }) == expected);
    }
  };
  auto group = hash_ordered({h.subscription("consumer1", all, 0)});
  auto r = run(h, group);
  per_topic(r, 12);
  group = hash_ordered({h.v2("consumer1", all, of(r, "consumer1"), 1, 0),
                        h.v2("consumer2", all, {}, 1, 1)});
  r = run(h, group);
  per_topic(r, 6);
  group = hash_ordered({h.v2("consumer1", all, of(r, "consumer1"), 1, 0),
                        h.v2("consumer2", all, of(r, "consumer2"), 1, 1),
                        h.v2("consumer3", all, {}, 1, 2), h.v2("consumer4", all, {}, 1, 3)});
  r = run(h, group);
  per_topic(r, 3);
  group = hash_ordered({h.v2("consumer3", all, of(r, "consumer3"), 1, 2),
                        h.v2("consumer4", all, of(r, "consumer4"), 1, 3)});
  r = run(h, group);
  per_topic(r, 6);
  CHECK(no_transfers(r));
}

// Kafka: AbstractStickyAssignorTest.testAddRemoveTwoConsumersTwoTopics
inline void add_remove_two_consumers_two_topics(StickyHarness h) {
  h.topic("topic1", 3);
  h.topic("topic2", 4);
  const Strings all = {"topic1", "topic2"};
  auto group = hash_ordered({h.subscription("consumer1", all, 0),
                             h.subscription("consumer2", all, 1)});
  auto r = run(h, group);
  CHECK(of(r, "consumer1") == parse("topic1-0, topic1-2, topic2-1, topic2-3"));
  CHECK(of(r, "consumer2") == parse("topic1-1, topic2-0, topic2-2"));
  group = hash_ordered({h.v2("consumer1", all, of(r, "consumer1"), 1, 0),
                        h.v2("consumer2", all, of(r, "consumer2"), 1, 1),
                        h.v2("consumer3", all, {}, 1, 2), h.v2("consumer4", all, {}, 1, 3)});
  auto first = h.assignor()->assign(h.view, group);
  const std::map<TopicPartition, std::string> expected = {
      {tp("topic1", 2), "consumer3"}, {tp("topic2", 3), "consumer3"},
      {tp("topic2", 2), "consumer4"}};
  CHECK(first.partitions_transferring_ownership == expected);
  r = assign_and_verify(h, group, first);
  CHECK(of(r, "consumer1") == parse("topic1-0, topic2-1"));
  CHECK(of(r, "consumer2") == parse("topic2-0, topic1-1"));
  CHECK(of(r, "consumer3") == parse("topic1-2, topic2-3"));
  CHECK(of(r, "consumer4") == parse("topic2-2"));
  group = hash_ordered({h.v2("consumer3", all, of(r, "consumer3"), 1, 2),
                        h.v2("consumer4", all, of(r, "consumer4"), 1, 3)});
  r = run(h, group);
  CHECK(of(r, "consumer3") == parse("topic1-2, topic2-3, topic1-0, topic2-1"));
  CHECK(of(r, "consumer4") == parse("topic2-2, topic1-1, topic2-0"));
  CHECK(no_transfers(r));
}

// Kafka: AbstractStickyAssignorTest.testPoorRoundRobinAssignmentScenario
inline void poor_round_robin_scenario(StickyHarness h) {
  for (int i = 1; i <= 5; ++i) h.topic("topic" + std::to_string(i), (i % 2) + 1);
  const Strings all = {"topic1", "topic2", "topic3", "topic4", "topic5"};
  const Strings odd = {"topic1", "topic3", "topic5"};
  auto group = hash_ordered(
      {h.subscription("consumer1", all, 0), h.subscription("consumer2", odd, 1),
       h.subscription("consumer3", odd, 2), h.subscription("consumer4", all, 3)});
  run(h, group);  // validity and balance only, as in Kafka
}

inline void run_all_abstract_sticky_cases(bool cooperative) {
  for (bool racks : {false, true}) {
    CAPTURE(racks);
    const StickyHarness h{.cooperative = cooperative, .consumer_racks = racks};
    one_consumer_one_topic(h);
    only_subscribed_topics(h);
    one_consumer_multiple_topics(h);
    two_consumers_one_topic(h);
    mixed_topic_subscriptions(h);
    two_consumers_two_topics(h);
    owning_min_quota_expected_max_quota(h);
    max_quota_owners_exceed_expected(h);
    all_consumers_under_min_quota(h);
    add_remove_consumer_one_topic(h);
    topic_balance_after_reassignment(h);
    add_remove_two_consumers_two_topics(h);
    poor_round_robin_scenario(h);
  }
}

}  // namespace ksim::assign::test
