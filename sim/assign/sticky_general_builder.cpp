// The sticky assignment when members subscribe to different topics. Follows
// AbstractStickyAssignor.GeneralAssignmentBuilder (balance, performReassignments, isBalanced).
#include <algorithm>
#include <cstdlib>

#include "ksim/assign/java_order.h"
#include "sim/assign/abstract_sticky.h"
#include "sim/assign/partition_movements.h"

namespace ksim::assign {
namespace {

struct GenerationOwner {  // ConsumerGenerationPair
  std::string consumer;
  GenerationId generation = kDefaultGeneration;
};

// The TreeSet<String> ordered by (assignment size, member id), keyed explicitly so that a
// member is always removed before its size changes and re-added after, as Kafka does.
struct SizeOrder {
  bool operator()(const std::pair<int32_t, std::string>& a,
                  const std::pair<int32_t, std::string>& b) const {
    if (a.first != b.first) return a.first < b.first;
    return java_string_less(a.second, b.second);
  }
};
using SortedSubscriptions = std::set<std::pair<int32_t, std::string>, SizeOrder>;

class GeneralBuilder {
 public:
  GeneralBuilder(const StickyContext& context, OwnedPartitions owned);
  RawAssignment build();

 private:
  void prepopulate_previous_assignment();
  PartitionList assign_owned_partitions();
  bool contains(const std::vector<std::string>& list, const std::string& s) const {
    return std::find(list.begin(), list.end(), s) != list.end();
  }
  int32_t size_of(const std::string& c) const {
    return static_cast<int32_t>(current_.at(c).size());
  }
  void sorted_remove(const std::string& c) { sorted_.erase({size_of(c), c}); }
  void sorted_add(const std::string& c) { sorted_.insert({size_of(c), c}); }
  int32_t max_assignment_size(const std::string& consumer) const;
  bool can_consumer_participate(const std::string& consumer) const;
  bool is_balanced() const;
  bool consumer_can_take_more(const std::string& consumer,
                              const std::map<TopicPartition, std::string>& owners) const;
  bool maybe_assign_partition(const TopicPartition& tp, bool match_racks);
  void maybe_assign(PartitionList& partitions, bool match_racks, bool remove_assigned);
  void balance(PartitionList& unassigned);
  bool perform_reassignments(const PartitionList& partitions);
  bool try_move_to_lighter(const TopicPartition& tp, const std::string& consumer);
  void reassign_partition(const TopicPartition& tp);
  void reassign_partition(const TopicPartition& tp, const std::string& new_consumer);
  int32_t balance_score(const RawAssignment& assignment) const;

  const StickyContext& context_;
  std::map<std::string, std::vector<std::string>> topic_consumers_;  // topic2AllPotentialConsumers
  std::map<std::string, std::vector<std::string>> consumer_topics_;  // consumer2AllPotentialTopics
  RawAssignment current_;                                            // currentAssignment
  std::map<TopicPartition, std::string> partition_consumer_;         // currentPartitionConsumer
  PartitionList sorted_all_partitions_;
  SortedSubscriptions sorted_;                                       // sortedCurrentSubscriptions
  std::map<TopicPartition, GenerationOwner> previous_;               // prevAssignment
  PartitionMovements movements_;
  bool revocation_required_ = false;
  int32_t total_partitions_ = 0;
};

GeneralBuilder::GeneralBuilder(const StickyContext& context, OwnedPartitions owned)
    : context_(context) {
  for (const auto& [topic, count] : context_.partitions_per_topic) {
    topic_consumers_[topic];
    total_partitions_ += count;
  }
  for (auto& [member, list] : owned) current_[member] = std::move(list);
  for (const auto& m : context_.group->members) {
    auto& topics = consumer_topics_[m.member_id];
    for (const auto& topic : m.topics) {
      if (context_.partitions_per_topic.count(topic) == 0) continue;
      topics.push_back(topic);
      topic_consumers_[topic].push_back(m.member_id);
    }
    current_[m.member_id];
  }
  for (const auto& [member, list] : current_) {
    for (const auto& tp : list) partition_consumer_[tp] = member;
  }
  std::vector<std::string> topics;
  for (const auto& [topic, consumers] : topic_consumers_) topics.push_back(topic);
  std::sort(topics.begin(), topics.end(), [this](const auto& a, const auto& b) {
    const size_t na = topic_consumers_.at(a).size();
    const size_t nb = topic_consumers_.at(b).size();
    if (na != nb) return na < nb;
    return java_string_less(a, b);
  });
  for (const auto& topic : topics) {
    for (int32_t p = 0; p < context_.partitions_per_topic.at(topic); ++p) {
      sorted_all_partitions_.push_back({topic, p});
    }
  }
}

RawAssignment GeneralBuilder::build() {
  prepopulate_previous_assignment();
  const PartitionList assigned = assign_owned_partitions();
  const std::set<TopicPartition> assigned_set(assigned.begin(), assigned.end());
  PartitionList unassigned;
  for (const auto& tp : sorted_all_partitions_) {
    if (assigned_set.count(tp) == 0) unassigned.push_back(tp);
  }
  for (const auto& [member, list] : current_) sorted_add(member);
  balance(unassigned);
  return std::move(current_);
}

// Remember, for members of an older generation, what they owned: a partition may move back to
// its previous owner when that improves balance.
void GeneralBuilder::prepopulate_previous_assignment() {
  for (const auto& member : context_.group->members) {
    const MemberData data = member_data(member, context_.source);
    GenerationId generation = kDefaultGeneration;
    if (data.generation && *data.generation < context_.max_generation) {
      generation = *data.generation;
    } else if (!data.generation && context_.max_generation > kDefaultGeneration) {
      generation = kDefaultGeneration;
    } else {
      continue;
    }
    for (const auto& tp : data.partitions) {
      auto it = previous_.find(tp);
      if (it == previous_.end() || generation > it->second.generation) {
        previous_[tp] = {member.member_id, generation};
      }
    }
  }
}

PartitionList GeneralBuilder::assign_owned_partitions() {
  PartitionList assigned;
  for (auto& [consumer, list] : current_) {
    const MemberSubscription& subscription = context_.member(consumer);
    PartitionList kept;
    for (const auto& tp : list) {
      if (topic_consumers_.count(tp.topic) == 0) {
        partition_consumer_.erase(tp);
      } else if (!contains(subscription.topics, tp.topic) ||
                 context_.rack_info.racks_mismatch(consumer, tp)) {
        revocation_required_ = true;  // the stale partition_consumer_ entry stays, as in Kafka
      } else {
        kept.push_back(tp);
        assigned.push_back(tp);
      }
    }
    list = std::move(kept);
  }
  return assigned;
}

int32_t GeneralBuilder::max_assignment_size(const std::string& consumer) const {
  const auto& topics = consumer_topics_.at(consumer);
  if (topics.size() == context_.partitions_per_topic.size()) return total_partitions_;
  int32_t sum = 0;
  for (const auto& topic : topics) sum += context_.partitions_per_topic.at(topic);
  return sum;
}

bool GeneralBuilder::can_consumer_participate(const std::string& consumer) const {
  if (size_of(consumer) < max_assignment_size(consumer)) return true;
  const auto& list = current_.at(consumer);
  return std::any_of(list.begin(), list.end(), [this](const TopicPartition& tp) {
    return topic_consumers_.at(tp.topic).size() >= 2;
  });
}

bool GeneralBuilder::consumer_can_take_more(
    const std::string& consumer, const std::map<TopicPartition, std::string>& owners) const {
  const int32_t count = size_of(consumer);
  const auto& mine = current_.at(consumer);
  for (const auto& topic : consumer_topics_.at(consumer)) {
    for (int32_t p = 0; p < context_.partitions_per_topic.at(topic); ++p) {
      const TopicPartition tp{topic, p};
      if (std::find(mine.begin(), mine.end(), tp) != mine.end()) continue;
      auto owner = owners.find(tp);
      if (owner == owners.end() || current_.count(owner->second) == 0) continue;
      if (count + 1 < size_of(owner->second)) return true;
    }
  }
  return false;
}

bool GeneralBuilder::is_balanced() const {
  if (sorted_.empty()) return true;
  const int32_t min = sorted_.begin()->first;
  const int32_t max = sorted_.rbegin()->first;
  if (min >= max - 1) return true;
  std::map<TopicPartition, std::string> owners;
  for (const auto& [consumer, list] : current_) {
    for (const auto& tp : list) owners[tp] = consumer;
  }
  for (const auto& [size, consumer] : sorted_) {
    if (size == max_assignment_size(consumer)) continue;
    if (consumer_can_take_more(consumer, owners)) return false;
  }
  return true;
}

bool GeneralBuilder::maybe_assign_partition(const TopicPartition& tp, bool match_racks) {
  for (const auto& [size, consumer] : sorted_) {
    if (!contains(consumer_topics_.at(consumer), tp.topic)) continue;
    if (match_racks && context_.rack_info.racks_mismatch(consumer, tp)) continue;
    const std::string chosen = consumer;  // copy: the set entry is erased below
    sorted_remove(chosen);
    current_[chosen].push_back(tp);
    partition_consumer_[tp] = chosen;
    sorted_add(chosen);
    return true;
  }
  return false;
}

void GeneralBuilder::maybe_assign(PartitionList& partitions, bool match_racks,
                                  bool remove_assigned) {
  PartitionList left;
  for (const auto& tp : partitions) {
    if (topic_consumers_.at(tp.topic).empty()) {
      left.push_back(tp);
      continue;
    }
    const bool assigned = maybe_assign_partition(tp, match_racks);
    if (!(assigned && remove_assigned)) left.push_back(tp);
  }
  partitions = std::move(left);
}

int32_t GeneralBuilder::balance_score(const RawAssignment& assignment) const {
  std::vector<int32_t> sizes;
  for (const auto& [consumer, list] : assignment) {
    sizes.push_back(static_cast<int32_t>(list.size()));
  }
  int32_t score = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    for (size_t j = i + 1; j < sizes.size(); ++j) score += std::abs(sizes[i] - sizes[j]);
  }
  return score;
}

void GeneralBuilder::balance(PartitionList& unassigned) {
  const bool initializing = current_.at(sorted_.rbegin()->second).empty();
  // First assign with rack matching, then whatever is left without.
  PartitionList to_assign = unassigned;
  if (!context_.rack_info.consumer_racks.empty()) maybe_assign(to_assign, true, true);
  maybe_assign(to_assign, false, false);

  // Narrow the reassignment scope to topics with 2+ consumers and members that can move.
  auto is_fixed = [this](const TopicPartition& tp) {
    return topic_consumers_.at(tp.topic).size() < 2;
  };
  std::erase_if(sorted_all_partitions_, is_fixed);
  std::erase_if(unassigned, is_fixed);
  RawAssignment fixed;
  for (const auto& [consumer, topics] : consumer_topics_) {
    if (can_consumer_participate(consumer)) continue;
    sorted_remove(consumer);
    fixed[consumer] = std::move(current_.at(consumer));
    current_.erase(consumer);
  }
  const RawAssignment pre_balance = current_;
  const auto pre_balance_owners = partition_consumer_;
  if (!revocation_required_) perform_reassignments(unassigned);
  const bool reassigned = perform_reassignments(sorted_all_partitions_);
  // Keep the moves only if they made the assignment more balanced.
  if (!initializing && reassigned && balance_score(current_) >= balance_score(pre_balance)) {
    current_ = pre_balance;
    partition_consumer_ = pre_balance_owners;
  }
  for (auto& [consumer, list] : fixed) current_[consumer] = std::move(list);
}

// Moves `tp` to a member holding 2+ fewer partitions, preferring members on a replica's rack.
bool GeneralBuilder::try_move_to_lighter(const TopicPartition& tp, const std::string& consumer) {
  const auto& racks = context_.rack_info;
  const auto& candidates = topic_consumers_.at(tp.topic);
  auto lighter = [&](const std::string& other) {
    return current_.count(other) > 0 && size_of(consumer) > size_of(other) + 1;
  };
  auto rack = racks.consumer_racks.find(consumer);
  auto partition_racks = racks.partition_racks.find(tp);
  if (rack != racks.consumer_racks.end() && partition_racks != racks.partition_racks.end() &&
      !partition_racks->second.empty() && partition_racks->second.count(rack->second) > 0) {
    for (const auto& other : candidates) {
      auto other_rack = racks.consumer_racks.find(other);
      if (other_rack == racks.consumer_racks.end()) continue;
      if (partition_racks->second.count(other_rack->second) == 0) continue;
      if (lighter(other)) {
        reassign_partition(tp);
        return true;
      }
    }
  }
  for (const auto& other : candidates) {
    if (lighter(other)) {
      reassign_partition(tp);
      return true;
    }
  }
  return false;
}

bool GeneralBuilder::perform_reassignments(const PartitionList& partitions) {
  bool performed = false;
  bool modified = true;
  while (modified) {
    modified = false;
    for (const auto& tp : partitions) {
      if (is_balanced()) break;
      const std::string consumer = partition_consumer_.at(tp);
      auto previous = previous_.find(tp);
      if (previous != previous_.end() && current_.count(previous->second.consumer) > 0 &&
          size_of(consumer) > size_of(previous->second.consumer) + 1) {
        reassign_partition(tp, previous->second.consumer);
        performed = modified = true;
        continue;
      }
      if (try_move_to_lighter(tp, consumer)) performed = modified = true;
    }
  }
  return performed;
}

void GeneralBuilder::reassign_partition(const TopicPartition& tp) {
  for (const auto& [size, consumer] : sorted_) {
    if (contains(consumer_topics_.at(consumer), tp.topic)) {
      const std::string chosen = consumer;
      reassign_partition(tp, chosen);
      return;
    }
  }
}

void GeneralBuilder::reassign_partition(const TopicPartition& tp,
                                        const std::string& new_consumer) {
  const std::string consumer = partition_consumer_.at(tp);
  const TopicPartition moved = movements_.actual_partition_to_be_moved(tp, consumer, new_consumer);
  const std::string old_consumer = partition_consumer_.at(moved);
  sorted_remove(old_consumer);
  sorted_remove(new_consumer);
  movements_.move_partition(moved, old_consumer, new_consumer);
  auto& old_list = current_.at(old_consumer);
  old_list.erase(std::find(old_list.begin(), old_list.end(), moved));
  current_.at(new_consumer).push_back(moved);
  partition_consumer_[moved] = new_consumer;
  sorted_add(new_consumer);
  sorted_add(old_consumer);
}

}  // namespace

RawAssignment build_general(const StickyContext& context, OwnedPartitions owned) {
  GeneralBuilder builder(context, std::move(owned));
  return builder.build();
}

}  // namespace ksim::assign
