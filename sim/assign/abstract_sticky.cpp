// The shared sticky algorithm: memberData, RackInfo and owned-partition conflict resolution.
// Follows org.apache.kafka.clients.consumer.internals.AbstractStickyAssignor.
#include "sim/assign/abstract_sticky.h"

#include <algorithm>

#include "ksim/assign/java_order.h"
#include "ksim/types/assert.h"

namespace ksim::assign {
namespace {

// The owned partitions of `member` that exist in the cluster. Kafka cannot shrink a topic, so
// an out-of-range partition only comes from bad input; we drop it rather than keep a ghost.
PartitionList existing(const PartitionList& partitions,
                       const std::map<std::string, int32_t>& partitions_per_topic) {
  PartitionList out;
  for (const auto& tp : partitions) {
    auto it = partitions_per_topic.find(tp.topic);
    if (it != partitions_per_topic.end() && tp.partition >= 0 && tp.partition < it->second) {
      out.push_back(tp);
    }
  }
  return out;
}

void remove_first(PartitionList& list, const TopicPartition& tp) {
  auto it = std::find(list.begin(), list.end(), tp);
  if (it != list.end()) list.erase(it);
}

PartitionList* owned_of(OwnedPartitions& owned, const std::string& member_id) {
  for (auto& [id, list] : owned) {
    if (id == member_id) return &list;
  }
  return nullptr;
}

bool same_topics(const std::vector<std::string>& list, const std::set<std::string>& set) {
  if (list.size() != set.size()) return false;
  return std::all_of(list.begin(), list.end(), [&](const auto& t) { return set.count(t) > 0; });
}

struct EqualityScan {
  bool all_equal = true;
  OwnedPartitions owned;
  std::set<TopicPartition> multiple_owners;
  GenerationId max_generation = kDefaultGeneration;
};

// AbstractStickyAssignor.allSubscriptionsEqual: also resolves partitions claimed by several
// members (same generation: invalidated for both; otherwise the higher generation keeps it).
EqualityScan all_subscriptions_equal(const StickyContext& context) {
  EqualityScan scan;
  std::set<std::string> subscribed;
  std::map<TopicPartition, std::string> previous_owner;
  for (const auto& member : context.group->members) {
    if (subscribed.empty()) {
      subscribed.insert(member.topics.begin(), member.topics.end());
    } else if (scan.all_equal && !same_topics(member.topics, subscribed)) {
      scan.all_equal = false;
    }
    const MemberData data = member_data(member, context.source);
    const GenerationId generation = data.generation.value_or(kDefaultGeneration);
    scan.max_generation = std::max(scan.max_generation, generation);
    scan.owned.emplace_back(member.member_id, PartitionList{});
    for (const auto& tp : existing(data.partitions, context.partitions_per_topic)) {
      auto it = previous_owner.find(tp);
      if (it == previous_owner.end()) {
        owned_of(scan.owned, member.member_id)->push_back(tp);
        previous_owner[tp] = member.member_id;
        continue;
      }
      // Kafka compares with the other member's Subscription.generationId, not its memberData.
      const std::string other = it->second;
      const GenerationId other_generation =
          context.member(other).generation.value_or(kDefaultGeneration);
      if (generation == other_generation) {
        scan.multiple_owners.insert(tp);
        remove_first(*owned_of(scan.owned, other), tp);
        previous_owner[tp] = member.member_id;
      } else if (generation > other_generation) {
        owned_of(scan.owned, member.member_id)->push_back(tp);
        remove_first(*owned_of(scan.owned, other), tp);
        previous_owner[tp] = member.member_id;
      }
    }
  }
  return scan;
}

RackInfo make_rack_info(const ClusterView& cluster, const StickyContext& context,
                        const ClientAssignorOptions& options) {
  std::map<std::string, std::vector<std::string>> consumers_by_rack;
  for (const auto& m : context.group->members) {
    if (!m.rack.empty()) consumers_by_rack[m.rack].push_back(m.member_id);
  }
  std::map<TopicPartition, std::set<std::string>> partition_racks;
  std::set<std::string> all_partition_racks;
  if (!consumers_by_rack.empty()) {
    for (const auto& [topic, count] : context.partitions_per_topic) {
      for (int32_t p = 0; p < count; ++p) {
        auto racks = replica_racks(cluster, {topic, p});
        all_partition_racks.insert(racks.begin(), racks.end());
        partition_racks[{topic, p}] = std::move(racks);
      }
    }
  }
  std::set<std::string> consumer_rack_set;
  for (const auto& [rack, consumers] : consumers_by_rack) consumer_rack_set.insert(rack);
  RackInfo info;
  // numConsumersByPartition is computed even when rack-aware assignment ends up unused.
  for (const auto& [tp, racks] : partition_racks) {
    int32_t count = 0;
    for (const auto& rack : racks) {
      auto it = consumers_by_rack.find(rack);
      if (it != consumers_by_rack.end()) count += static_cast<int32_t>(it->second.size());
    }
    info.num_consumers_by_partition[tp] = count;
  }
  if (use_rack_aware_assignment(consumer_rack_set, all_partition_racks, partition_racks,
                                options.prefer_rack_aware_logic)) {
    for (const auto& [rack, consumers] : consumers_by_rack) {
      for (const auto& c : consumers) info.consumer_racks[c] = rack;
    }
    info.partition_racks = std::move(partition_racks);
  }
  return info;
}

}  // namespace

MemberData member_data(const MemberSubscription& member, MemberDataSource source) {
  if (source == MemberDataSource::UserData) {
    if (!member.user_data) return {};
    return {member.user_data->previous_assignment, member.user_data->generation};
  }
  if (member.generation) return {member.owned_partitions, member.generation};
  if (!member.user_data) return {member.owned_partitions, std::nullopt};
  // CooperativeStickyAssignor's userData is {generation: int32}; unreadable data means
  // DEFAULT_GENERATION.
  return {member.owned_partitions, member.user_data->generation.value_or(kDefaultGeneration)};
}

bool RackInfo::racks_mismatch(const std::string& consumer, const TopicPartition& tp) const {
  auto rack = consumer_racks.find(consumer);
  if (rack == consumer_racks.end()) return false;
  auto racks = partition_racks.find(tp);
  return racks == partition_racks.end() || racks->second.count(rack->second) == 0;
}

PartitionList RackInfo::sort_partitions_by_rack_consumers(PartitionList partitions) const {
  if (num_consumers_by_partition.empty()) return partitions;
  auto count = [this](const TopicPartition& tp) {
    auto it = num_consumers_by_partition.find(tp);
    return it == num_consumers_by_partition.end() ? 0 : it->second;
  };
  std::stable_sort(partitions.begin(), partitions.end(),
                   [&](const auto& a, const auto& b) { return count(a) < count(b); });
  return partitions;
}

int32_t RackInfo::next_rack_consumer(const TopicPartition& tp,
                                     const std::vector<std::string>& consumers,
                                     int32_t first_index) const {
  auto racks = partition_racks.find(tp);
  if (racks == partition_racks.end() || racks->second.empty()) return -1;
  const auto n = static_cast<int32_t>(consumers.size());
  for (int32_t i = 0; i < n; ++i) {
    const int32_t index = (first_index + i) % n;
    auto rack = consumer_racks.find(consumers[index]);
    if (rack != consumer_racks.end() && racks->second.count(rack->second) > 0) return index;
  }
  return -1;
}

const MemberSubscription& StickyContext::member(const std::string& member_id) const {
  for (const auto& m : group->members) {
    if (m.member_id == member_id) return m;
  }
  KSIM_ASSERT_MSG(false, "unknown member id in sticky assignor");
  return group->members.front();
}

int32_t topic_partition_hash(const TopicPartition& tp) {
  uint32_t result = 31u + static_cast<uint32_t>(tp.partition);
  result = 31u * result + static_cast<uint32_t>(java_string_hash(tp.topic));
  return static_cast<int32_t>(result);
}

StickyOutcome abstract_sticky_assign(const ClusterView& cluster, const GroupSubscription& group,
                                     MemberDataSource source,
                                     const ClientAssignorOptions& options) {
  StickyContext context;
  context.group = &group;
  context.partitions_per_topic = subscribed_partitions_per_topic(cluster, group);
  context.source = source;
  context.rack_info = make_rack_info(cluster, context, options);
  EqualityScan scan = all_subscriptions_equal(context);
  context.max_generation = scan.max_generation;
  StickyOutcome outcome;
  if (group.members.empty()) return outcome;
  if (scan.all_equal) {
    std::map<TopicPartition, std::string> transferring;
    outcome.assignment = build_constrained(context, std::move(scan.owned), scan.multiple_owners,
                                           transferring);
    outcome.partitions_transferring_ownership = std::move(transferring);
  } else {
    outcome.assignment = build_general(context, std::move(scan.owned));
  }
  return outcome;
}

}  // namespace ksim::assign
