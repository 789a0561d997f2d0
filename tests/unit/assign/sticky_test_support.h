#pragma once
// The harness of Kafka's AbstractStickyAssignorTest, shared by the sticky and cooperative-sticky
// ports: subscriptions in java.util.HashMap order, V2 subscriptions that carry the previous
// assignment, and the validity/balance checks (with CooperativeStickyAssignorTest's follow-up
// rounds until no partition is withheld).
#include <memory>

#include "assign_test_support.h"
#include "ksim/assign/cooperative_sticky_assignor.h"
#include "ksim/assign/sticky_assignor.h"

namespace ksim::assign::test {

constexpr GenerationId kGenerationId = 1;

struct StickyHarness {
  bool cooperative = false;
  bool consumer_racks = false;  // RackConfig != NO_CONSUMER_RACK
  ClusterView view;

  std::unique_ptr<Assignor> assignor() const {
    const ClientAssignorOptions options{.prefer_rack_aware_logic = true};
    if (cooperative) return std::make_unique<CooperativeStickyAssignor>(options);
    return std::make_unique<StickyAssignor>(options);
  }
  // initializeRacks + partitionInfos: replication factor 3 over 3 racks, so every partition has
  // a replica on every rack and rack awareness never changes the outcome.
  void topic(const std::string& name, int32_t partitions) {
    view.partitions_per_topic[name] = partitions;
    view.partition_racks[name] = replica_racks_n(partitions, 3, 3, 0);
  }
  std::string rack(int index) const { return consumer_racks ? racks(3)[index % 3] : ""; }
  // AbstractStickyAssignorTest.subscription: no previous assignment, DEFAULT_GENERATION.
  MemberSubscription subscription(const std::string& id, std::vector<std::string> topics,
                                  int index) const {
    return member(id, std::move(topics), {.rack = rack(index)});
  }
  // buildSubscriptionV2Above: previous assignment as owned partitions and in the userData.
  MemberSubscription v2(const std::string& id, std::vector<std::string> topics,
                        std::vector<TopicPartition> owned, GenerationId generation,
                        int index) const {
    return member(id, std::move(topics),
                  {.owned = owned, .generation = generation, .rack = rack(index),
                   .user_data = StickyUserData{owned, generation}});
  }
};

// Subscriptions live in a HashMap<String, Subscription> in Kafka's tests.
inline GroupSubscription hash_ordered(std::vector<MemberSubscription> members) {
  std::vector<std::string> ids;
  for (const auto& m : members) ids.push_back(m.member_id);
  GroupSubscription group;
  for (const auto& id : java_hash_map_order(ids)) {
    for (const auto& m : members) {
      if (m.member_id == id) group.members.push_back(m);
    }
  }
  return group;
}

inline bool is_fully_balanced(const GroupAssignment& result) {
  size_t min = SIZE_MAX;
  size_t max = 0;
  for (const auto& [id, a] : result.assignments) {
    min = std::min(min, a.partitions.size());
    max = std::max(max, a.partitions.size());
  }
  return result.assignments.empty() || max - min <= 1;
}

// AbstractStickyAssignorTest.verifyValidityAndBalance.
inline void check_valid_and_balanced(const GroupSubscription& group, const GroupAssignment& r) {
  std::vector<std::string> ids;
  for (const auto& m : group.members) ids.push_back(m.member_id);
  std::sort(ids.begin(), ids.end());
  for (size_t i = 0; i < ids.size(); ++i) {
    const auto& mine = r.assignments.at(ids[i]).partitions;
    const auto& sub = std::find_if(group.members.begin(), group.members.end(),
                                   [&](const auto& m) { return m.member_id == ids[i]; })->topics;
    for (const auto& p : mine) CHECK(std::count(sub.begin(), sub.end(), p.topic) == 1);
    for (size_t j = i + 1; j < ids.size(); ++j) {
      const auto& other = r.assignments.at(ids[j]).partitions;
      for (const auto& p : mine) CHECK(std::count(other.begin(), other.end(), p) == 0);
      const auto diff = static_cast<long>(mine.size()) - static_cast<long>(other.size());
      if (std::labs(diff) <= 1) continue;
      // More and less loaded members must not share a topic, or a move would balance better.
      for (const auto& p : mine) {
        for (const auto& q : other) CHECK_MESSAGE(p.topic != q.topic, ids[i] << " vs " << ids[j]);
      }
    }
  }
}

// Runs one assignment; for the cooperative assignor, CooperativeStickyAssignorTest's
// verifyValidityAndBalance then reruns with the new owned partitions while anything is
// withheld, and returns the final state. `group` is updated to the last subscriptions.
inline GroupAssignment assign_and_verify(const StickyHarness& h, GroupSubscription& group,
                                         GroupAssignment result) {
  int rounds = 0;
  while (h.cooperative && result.partitions_transferring_ownership &&
         !result.partitions_transferring_ownership->empty()) {
    for (auto& m : group.members) {
      const std::string rack = m.rack;
      m = h.v2(m.member_id, m.topics, result.assignments.at(m.member_id).partitions,
               kGenerationId, 0);
      m.rack = rack;
    }
    result = h.assignor()->assign(h.view, group);
    REQUIRE(++rounds <= 4);
  }
  check_valid_and_balanced(group, result);
  return result;
}

inline std::vector<TopicPartition> of(const GroupAssignment& a, const std::string& m) {
  return a.assignments.at(m).partitions;
}

}  // namespace ksim::assign::test
