// KIP-848 uniform assignment when members subscribe to different topics. Follows
// org.apache.kafka.coordinator.group.assignor.UniformHeterogeneousAssignmentBuilder.
#include <algorithm>

#include "ksim/assign/java_order.h"
#include "sim/assign/server_common.h"

namespace ksim::assign {
namespace {

constexpr int32_t kMaxIterationCount = 16;  // MAX_ITERATION_COUNT

// UniformHeterogeneousAssignmentBuilder.MemberAssignmentBalancer: a least-loaded range that
// grows rightwards and a most-loaded range that grows leftwards over members sorted by size.
class MemberBalancer {
 public:
  explicit MemberBalancer(const std::vector<int32_t>& sizes) : sizes_(sizes) {}

  int32_t initialize(const std::vector<int32_t>& members) {
    sorted_ = members;
    std::sort(sorted_.begin(), sorted_.end(), [this](int32_t a, int32_t b) {
      return sizes_[a] != sizes_[b] ? sizes_[a] < sizes_[b] : a < b;
    });
    const auto n = static_cast<int32_t>(sorted_.size());
    least_end_ = 0;
    least_count_ = sizes_[sorted_.front()] - 1;
    next_least_ = 0;
    most_start_ = n;
    most_end_ = n;
    most_count_ = sizes_[sorted_.back()] + 1;
    next_most_ = n - 1;
    return sizes_[sorted_.back()] - sizes_[sorted_.front()];
  }

  int32_t next_least_loaded() {
    if (next_least_ >= least_end_) {
      ++least_count_;
      while (least_end_ < static_cast<int32_t>(sorted_.size()) &&
             sizes_[sorted_[least_end_]] == least_count_) {
        ++least_end_;
      }
      next_least_ = 0;
    }
    return sorted_[next_least_++];
  }

  int32_t next_most_loaded() {
    if (next_most_ < most_start_) {
      if (most_end_ <= most_start_ && most_start_ > 0) {
        most_count_ = sizes_[sorted_[most_start_ - 1]];
      } else {
        --most_count_;
      }
      while (most_start_ > 0 && sizes_[sorted_[most_start_ - 1]] == most_count_) --most_start_;
      next_most_ = most_end_ - 1;
    }
    if (next_most_ < 0) return -1;
    return sorted_[next_most_--];
  }

  // Kicks the member last returned by next_most_loaded() out of the most loaded range.
  void exclude_most_loaded() {
    std::swap(sorted_[next_most_ + 1], sorted_[most_end_ - 1]);
    --most_end_;
  }

  bool is_balanced() const { return most_count_ - least_count_ <= 1; }

 private:
  const std::vector<int32_t>& sizes_;
  std::vector<int32_t> sorted_;
  int32_t least_end_ = 0;
  int32_t least_count_ = -1;
  int32_t next_least_ = 0;
  int32_t most_start_ = 0;
  int32_t most_end_ = 0;
  int32_t most_count_ = 1;
  int32_t next_most_ = -1;
};

class HeterogeneousBuilder {
 public:
  explicit HeterogeneousBuilder(const GroupSpec& spec);
  GroupAssignment build();

 private:
  std::vector<std::string> sorted_topics(std::vector<std::string> topics) const;
  void maybe_revoke_partitions();
  void assign_remaining_partitions();
  void balance_topics(const std::vector<std::string>& topics);
  int32_t balance_topic(const std::string& topic, MemberBalancer& balancer);
  void assign_partition(const std::string& topic, int32_t partition, int32_t member);

  const GroupSpec& spec_;
  std::map<std::string, std::vector<int32_t>> subscribers_;  // topicSubscribers, ascending
  std::vector<int32_t> sizes_;                               // memberTargetAssignmentSizes
  std::map<std::string, std::vector<int32_t>> owners_;       // targetAssignmentPartitionOwners
  std::vector<std::map<std::string, std::set<int32_t>>> target_;
};

HeterogeneousBuilder::HeterogeneousBuilder(const GroupSpec& spec)
    : spec_(spec), sizes_(spec.members.size(), 0), target_(spec.members.size()) {
  for (size_t i = 0; i < spec_.members.size(); ++i) {
    for (const auto& topic : spec_.members[i].topics) {
      subscribers_[topic].push_back(static_cast<int32_t>(i));
    }
  }
  for (const auto& [topic, members] : subscribers_) {
    owners_[topic].assign(static_cast<size_t>(spec_.partitions_per_topic.at(topic)), -1);
  }
}

// Partitions per subscriber descending, then subscriber count ascending, then topic id (name).
std::vector<std::string> HeterogeneousBuilder::sorted_topics(
    std::vector<std::string> topics) const {
  std::sort(topics.begin(), topics.end(), [this](const std::string& a, const std::string& b) {
    const auto pa = static_cast<double>(spec_.partitions_per_topic.at(a));
    const auto pb = static_cast<double>(spec_.partitions_per_topic.at(b));
    const auto sa = static_cast<double>(subscribers_.at(a).size());
    const auto sb = static_cast<double>(subscribers_.at(b).size());
    if (pa / sa != pb / sb) return pa / sa > pb / sb;
    if (sa != sb) return sa < sb;
    return java_string_less(a, b);
  });
  return topics;
}

// Keep owned partitions of subscribed topics; drop the other topics.
void HeterogeneousBuilder::maybe_revoke_partitions() {
  for (size_t i = 0; i < spec_.members.size(); ++i) {
    const SpecMember& member = spec_.members[i];
    for (const auto& [topic, partitions] : member.assignment) {
      if (std::find(member.topics.begin(), member.topics.end(), topic) == member.topics.end()) {
        continue;
      }
      sizes_[i] += static_cast<int32_t>(partitions.size());
      for (int32_t p : partitions) owners_[topic][p] = static_cast<int32_t>(i);
      target_[i][topic].insert(partitions.begin(), partitions.end());
    }
  }
}

void HeterogeneousBuilder::assign_remaining_partitions() {
  std::map<std::string, std::vector<int32_t>> unassigned;
  for (const auto& [topic, owners] : owners_) {
    for (int32_t p = 0; p < static_cast<int32_t>(owners.size()); ++p) {
      if (owners[p] == -1) unassigned[topic].push_back(p);
    }
  }
  std::vector<std::string> topics;
  for (const auto& [topic, partitions] : unassigned) topics.push_back(topic);
  MemberBalancer balancer(sizes_);
  for (const auto& topic : sorted_topics(topics)) {
    balancer.initialize(subscribers_.at(topic));
    for (int32_t p : unassigned.at(topic)) assign_partition(topic, p, balancer.next_least_loaded());
  }
}

// Loops over the topics until a full pass moves nothing, or the iteration limit is hit.
void HeterogeneousBuilder::balance_topics(const std::vector<std::string>& topics) {
  const std::vector<std::string> sorted = sorted_topics(topics);
  int32_t last_rebalanced = -1;
  MemberBalancer balancer(sizes_);
  for (int32_t i = 0; i < kMaxIterationCount; ++i) {
    for (int32_t t = 0; t < static_cast<int32_t>(sorted.size()); ++t) {
      if (t == last_rebalanced) return;
      const int32_t moved = balance_topic(sorted[t], balancer);
      if (moved > 0 || last_rebalanced == -1) last_rebalanced = t;
    }
  }
}

// Moves partitions of `topic` from its most loaded subscribers to its least loaded ones.
int32_t HeterogeneousBuilder::balance_topic(const std::string& topic, MemberBalancer& balancer) {
  int32_t moved = 0;
  if (balancer.initialize(subscribers_.at(topic)) <= 1) return moved;
  const std::vector<int32_t>& owners = owners_.at(topic);
  std::vector<int32_t> partitions(owners.size());
  for (size_t p = 0; p < owners.size(); ++p) partitions[p] = static_cast<int32_t>(p);
  std::stable_sort(partitions.begin(), partitions.end(),
                   [&](int32_t a, int32_t b) { return owners[a] < owners[b]; });
  std::map<int32_t, int32_t> start;
  std::map<int32_t, int32_t> end;  // exclusive
  for (int32_t i = 0; i < static_cast<int32_t>(partitions.size()); ++i) {
    start.try_emplace(owners[partitions[i]], i);
    end[owners[partitions[i]]] = i + 1;
  }
  while (!balancer.is_balanced()) {
    int32_t most = -1;
    while ((most = balancer.next_most_loaded()) != -1) {
      if (end.count(most) > 0 && end.at(most) - start.at(most) > 0) break;
      balancer.exclude_most_loaded();
    }
    if (most == -1) break;
    const int32_t partition = partitions[--end.at(most)];
    const int32_t least = balancer.next_least_loaded();
    if (balancer.is_balanced()) break;
    assign_partition(topic, partition, least);
    ++moved;
  }
  return moved;
}

void HeterogeneousBuilder::assign_partition(const std::string& topic, int32_t partition,
                                            int32_t member) {
  int32_t& owner = owners_.at(topic)[partition];
  if (owner != -1) {
    auto& old = target_[owner][topic];
    old.erase(partition);
    if (old.empty()) target_[owner].erase(topic);
    --sizes_[owner];
  }
  target_[member][topic].insert(partition);
  owner = member;
  ++sizes_[member];
}

GroupAssignment HeterogeneousBuilder::build() {
  if (subscribers_.empty()) return to_server_assignment(spec_, {});
  maybe_revoke_partitions();
  assign_remaining_partitions();
  std::vector<std::string> movable;
  for (const auto& [topic, members] : subscribers_) {
    if (members.size() >= 2) movable.push_back(topic);
  }
  if (!movable.empty()) balance_topics(movable);
  std::vector<TopicAssignment> out(target_.size());
  for (size_t i = 0; i < target_.size(); ++i) {
    for (const auto& [topic, ids] : target_[i]) {
      out[i].emplace_back(topic, std::vector<int32_t>(ids.begin(), ids.end()));
    }
  }
  return to_server_assignment(spec_, out);
}

}  // namespace

GroupAssignment build_uniform_heterogeneous(const GroupSpec& spec) {
  HeterogeneousBuilder builder(spec);
  return builder.build();
}

}  // namespace ksim::assign
