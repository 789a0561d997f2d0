// Client-side range assignor with the KIP-881 rack-aware path. Follows
// org.apache.kafka.clients.consumer.RangeAssignor (assignPartitions, TopicAssignmentState).
#include "ksim/assign/range_assignor.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "sim/assign/client_common.h"

namespace ksim::assign {
namespace {

// RangeAssignor.TopicAssignmentState.
struct TopicState {
  std::string topic;
  int32_t num_partitions = 0;
  // Subscribed consumers in MemberInfo order, with their rack ("" = none).
  std::vector<std::pair<std::string, std::string>> consumers;
  bool needs_rack_aware = false;
  bool has_partition_racks = false;  // partitionRacks is filled only if a consumer has a rack
  std::vector<std::set<std::string>> partition_racks;
  std::set<int32_t> unassigned;      // LinkedHashSet in ascending order
  std::map<std::string, int32_t> num_assigned;
  int32_t per_consumer = 0;
  int32_t remaining_with_extra = 0;

  std::string rack_of(const std::string& consumer) const {
    for (const auto& [id, rack] : consumers) {
      if (id == consumer) return rack;
    }
    return "";
  }
  bool racks_match(const std::string& consumer, int32_t partition) const {
    const std::string rack = rack_of(consumer);
    if (rack.empty()) return true;
    if (!has_partition_racks) return false;
    return partition_racks[partition].count(rack) > 0;
  }
  int32_t max_assignable(const std::string& consumer) const {
    const int32_t max = per_consumer + (remaining_with_extra > 0 ? 1 : 0) -
                        num_assigned.at(consumer);
    return std::max(0, max);
  }
  void on_assigned(const std::string& consumer, const std::vector<int32_t>& partitions) {
    const int32_t n = num_assigned[consumer] += static_cast<int32_t>(partitions.size());
    if (n > per_consumer) --remaining_with_extra;
    for (int32_t p : partitions) unassigned.erase(p);
  }
};

TopicState make_topic_state(const std::string& topic, int32_t num_partitions,
                            const ClusterView& cluster, const GroupSubscription& group,
                            const ClientAssignorOptions& options) {
  TopicState state;
  state.topic = topic;
  state.num_partitions = num_partitions;
  std::vector<const MemberSubscription*> members;
  for (const auto& m : group.members) {
    if (subscribes_to(m, topic)) members.push_back(&m);
  }
  std::stable_sort(members.begin(), members.end(),
                   [](const auto* a, const auto* b) { return member_info_less(*a, *b); });
  std::set<std::string> consumer_racks;
  for (const auto* m : members) {
    state.consumers.emplace_back(m->member_id, m->rack);
    state.num_assigned[m->member_id] = 0;
    if (!m->rack.empty()) consumer_racks.insert(m->rack);
  }
  for (int32_t p = 0; p < num_partitions; ++p) state.unassigned.insert(p);
  const auto n = static_cast<int32_t>(members.size());
  state.per_consumer = n == 0 ? 0 : num_partitions / n;
  state.remaining_with_extra = n == 0 ? 0 : num_partitions % n;
  std::set<std::string> all_partition_racks;
  std::map<TopicPartition, std::set<std::string>> per_partition;
  if (!consumer_racks.empty()) {
    state.has_partition_racks = true;
    for (int32_t p = 0; p < num_partitions; ++p) {
      auto racks = replica_racks(cluster, {topic, p});
      all_partition_racks.insert(racks.begin(), racks.end());
      per_partition[{topic, p}] = racks;
      state.partition_racks.push_back(std::move(racks));
    }
  }
  state.needs_rack_aware = use_rack_aware_assignment(
      consumer_racks, all_partition_racks, per_partition, options.prefer_rack_aware_logic);
  return state;
}

void assign_to(const std::string& consumer, const std::vector<int32_t>& partitions,
               TopicState& state, RawAssignment& assignment) {
  for (int32_t p : partitions) assignment[consumer].push_back({state.topic, p});
  state.on_assigned(consumer, partitions);
}

using MayAssign = std::function<bool(const std::string&, int32_t)>;

// RangeAssignor.assignRanges: each consumer in order takes up to maxAssignable of the
// unassigned partitions that pass the filter.
void assign_ranges(TopicState& state, const MayAssign& may_assign, RawAssignment& assignment) {
  for (const auto& [consumer, rack] : state.consumers) {
    if (state.unassigned.empty()) break;
    const int32_t limit = state.max_assignable(consumer);
    std::vector<int32_t> assignable;
    for (int32_t p : state.unassigned) {
      if (static_cast<int32_t>(assignable.size()) >= limit) break;
      if (may_assign(consumer, p)) assignable.push_back(p);
    }
    if (assignable.empty()) continue;
    assign_to(consumer, assignable, state, assignment);
  }
}

// RangeAssignor.assignCoPartitionedWithRackMatching.
void assign_co_partitioned(const std::vector<TopicState*>& states, int32_t num_partitions,
                           RawAssignment& assignment) {
  std::vector<std::string> remaining;
  for (const auto& [consumer, rack] : states.front()->consumers) remaining.push_back(consumer);
  for (int32_t p = 0; p < num_partitions; ++p) {
    auto match = std::find_if(remaining.begin(), remaining.end(), [&](const std::string& c) {
      return std::all_of(states.begin(), states.end(), [&](const TopicState* t) {
        return t->racks_match(c, p) && t->max_assignable(c) > 0;
      });
    });
    if (match == remaining.end()) continue;
    const std::string consumer = *match;
    for (TopicState* t : states) assign_to(consumer, {p}, *t, assignment);
    const bool exhausted = std::none_of(states.begin(), states.end(), [&](const TopicState* t) {
      return t->max_assignable(consumer) > 0;
    });
    if (exhausted) {
      remaining.erase(match);
      if (remaining.empty()) break;
    }
  }
}

// RangeAssignor.assignWithRackMatching: group topics by identical subscribers, then by the size
// of partitionRacks (the partition count, or 0 when no subscriber has a rack).
void assign_with_rack_matching(std::vector<TopicState>& states, RawAssignment& assignment) {
  using Key = std::pair<std::vector<std::pair<std::string, std::string>>, int32_t>;
  std::map<Key, std::vector<TopicState*>> groups;
  for (auto& state : states) {
    const int32_t racks_size = state.has_partition_racks ? state.num_partitions : 0;
    groups[{state.consumers, racks_size}].push_back(&state);
  }
  for (auto& [key, group] : groups) {
    if (group.size() > 1) {
      assign_co_partitioned(group, key.second, assignment);
    } else if (group.front()->needs_rack_aware) {
      TopicState* state = group.front();
      assign_ranges(*state, [state](const std::string& c, int32_t p) {
        return state->racks_match(c, p);
      }, assignment);
    }
  }
}

}  // namespace

GroupAssignment RangeAssignor::assign(const ClusterView& cluster,
                                      const GroupSubscription& group) const {
  std::vector<TopicState> states;
  for (const auto& [topic, count] : subscribed_partitions_per_topic(cluster, group)) {
    states.push_back(make_topic_state(topic, count, cluster, group, options_));
  }
  RawAssignment raw;
  const bool use_rack_aware = std::any_of(states.begin(), states.end(),
                                          [](const TopicState& t) { return t.needs_rack_aware; });
  if (use_rack_aware) assign_with_rack_matching(states, raw);
  for (auto& state : states) {
    assign_ranges(state, [](const std::string&, int32_t) { return true; }, raw);
  }
  return to_group_assignment(group, raw);
}

}  // namespace ksim::assign
