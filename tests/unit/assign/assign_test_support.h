#pragma once
// Helpers shared by the assignor tests: terse builders for subscriptions and clusters, and a
// port of Kafka's AbstractPartitionAssignorTest.verifyRackAssignment fixture.
#include <algorithm>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "ksim/assign/assignor.h"
#include "ksim/assign/java_order.h"

namespace ksim::assign::test {

inline TopicPartition tp(const std::string& topic, int32_t partition) {
  return {topic, partition};
}

struct MemberOptions {
  std::vector<TopicPartition> owned = {};
  std::optional<GenerationId> generation = std::nullopt;
  std::string rack = "";
  std::optional<std::string> instance = std::nullopt;
  std::optional<StickyUserData> user_data = std::nullopt;
};

inline MemberSubscription member(const std::string& id, std::vector<std::string> topics,
                                 MemberOptions options = {}) {
  return MemberSubscription{id,     options.instance,   std::move(topics), options.owned,
                            options.generation, options.rack, options.user_data};
}

inline ClusterView cluster(std::map<std::string, int32_t> partitions) {
  return ClusterView{std::move(partitions), {}};
}

// Sorted partition list from Kafka test notation: "t1-0, t1-3".
inline std::vector<TopicPartition> parse(const std::string& text) {
  std::vector<TopicPartition> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    item.erase(0, item.find_first_not_of(' '));
    if (item.empty()) continue;
    const auto dash = item.rfind('-');
    out.push_back({item.substr(0, dash), std::stoi(item.substr(dash + 1))});
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Kafka's toSortedString: "t1-0, t1-3", sorted as strings.
inline std::string to_sorted_string(const std::vector<TopicPartition>& partitions) {
  std::vector<std::string> names;
  for (const auto& p : partitions) names.push_back(p.to_string());
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

inline std::vector<std::string> racks(int n) {
  static const char* kAll[] = {"a", "b", "c", "d", "e", "f"};
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(kAll[i % 6]);
  return out;
}
inline std::vector<std::string> null_racks(int n) { return std::vector<std::string>(n); }

// AbstractPartitionAssignorTest.partitionInfos(topic, n, replicationFactor, brokerRacks, next):
// replica j of partition i sits on broker (i + j + next) % brokers.
inline std::vector<std::vector<std::string>> replica_racks(int32_t partitions, int rf,
                                                           const std::vector<std::string>& brokers,
                                                           int next) {
  std::vector<std::vector<std::string>> out;
  for (int32_t i = 0; i < partitions; ++i) {
    std::vector<std::string> replicas;
    for (int j = 0; j < rf; ++j) replicas.push_back(brokers[(i + j + next) % brokers.size()]);
    out.push_back(replicas);
  }
  return out;
}

// partitionInfos(topic, n, rf, numBrokerRacks, next): numBrokerRacks * rf brokers on racks
// a, b, ... round-robin (or rf rack-less brokers when numBrokerRacks <= 0).
inline std::vector<std::vector<std::string>> replica_racks_n(int32_t partitions, int rf,
                                                             int num_broker_racks, int next) {
  const int brokers = num_broker_racks <= 0 ? rf : num_broker_racks * rf;
  std::vector<std::string> names;
  for (int i = 0; i < brokers; ++i) {
    names.push_back(num_broker_racks <= 0 ? "" : racks(num_broker_racks)[i % num_broker_racks]);
  }
  return replica_racks(partitions, rf, names, next);
}

struct RackCase {
  std::vector<std::pair<std::string, int32_t>> topics;  // mkMap: insertion order matters
  int replication_factor = 3;
  std::vector<std::string> broker_racks;
  std::vector<std::string> consumer_racks;  // "" = no rack
  std::vector<std::vector<std::string>> consumer_topics;
  std::vector<std::string> owned = {};      // per consumer, Kafka notation
  std::vector<GenerationId> generations = {};
};

// Consumers "consumer0".. in java.util.HashMap order, partitions laid out over the brokers.
inline std::pair<ClusterView, GroupSubscription> rack_fixture(const RackCase& c) {
  ClusterView view;
  int next = 0;
  for (const auto& [topic, count] : c.topics) {
    view.partitions_per_topic[topic] = count;
    view.partition_racks[topic] = replica_racks(count, c.replication_factor, c.broker_racks, next);
    next += count;
  }
  std::vector<std::string> names;
  for (size_t i = 0; i < c.consumer_racks.size(); ++i) {
    names.push_back("consumer" + std::to_string(i));
  }
  GroupSubscription group;
  for (const auto& name : java_hash_map_order(names)) {
    const size_t i = std::stoul(name.substr(8));
    MemberOptions options{.rack = c.consumer_racks[i]};
    if (i < c.owned.size()) options.owned = parse(c.owned[i]);
    options.generation = i < c.generations.size() ? c.generations[i] : -1;
    group.members.push_back(member(name, c.consumer_topics[i], options));
  }
  return {view, group};
}

// verifyRackAssignment: the expected sorted strings per consumer index, and the number of
// partitions whose replicas are not on their consumer's rack (-1 = not checked).
inline void verify_rack_assignment(const Assignor& assignor, const RackCase& c,
                                   const std::vector<std::string>& expected,
                                   int num_mismatched) {
  auto [view, group] = rack_fixture(c);
  const GroupAssignment result = assignor.assign(view, group);
  int mismatched = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& partitions = result.assignments.at("consumer" + std::to_string(i)).partitions;
    CHECK_MESSAGE(to_sorted_string(partitions) == expected[i], "consumer" << i);
    const std::string& rack = c.consumer_racks[i];
    if (rack.empty()) continue;
    for (const auto& p : partitions) {
      const auto& replicas = view.partition_racks.at(p.topic)[p.partition];
      if (std::find(replicas.begin(), replicas.end(), rack) == replicas.end()) ++mismatched;
    }
  }
  if (num_mismatched >= 0) CHECK(mismatched == num_mismatched);
}

inline std::vector<std::string> sorted_strings(const GroupAssignment& result,
                                               const std::vector<std::string>& members) {
  std::vector<std::string> out;
  for (const auto& m : members) {
    out.push_back(to_sorted_string(result.assignments.at(m).partitions));
  }
  return out;
}

}  // namespace ksim::assign::test
