// The sticky assignment when all members subscribe to the same topics. Follows
// AbstractStickyAssignor.ConstrainedAssignmentBuilder.
#include <algorithm>
#include <deque>

#include "ksim/assign/java_order.h"
#include "sim/assign/abstract_sticky.h"

namespace ksim::assign {
namespace {

class ConstrainedBuilder {
 public:
  ConstrainedBuilder(const StickyContext& context, OwnedPartitions owned,
                     const std::set<TopicPartition>& multiple_owners,
                     std::map<TopicPartition, std::string>& transferring)
      : context_(context), owned_(std::move(owned)), multiple_owners_(multiple_owners),
        transferring_(transferring) {
    int32_t total = 0;
    for (const auto& [topic, count] : context_.partitions_per_topic) total += count;
    const auto members = static_cast<int32_t>(owned_.size());
    min_quota_ = total / members;
    max_quota_ = (total + members - 1) / members;
    expected_over_ = total % members;
    for (const auto& [member, list] : owned_) assignment_[member];
  }

  RawAssignment build() {
    assign_owned_partitions();
    PartitionList unassigned = unassigned_partitions();
    auto by_id = [](const std::string& a, const std::string& b) {
      return java_string_less(a, b);
    };
    std::sort(under_min_.begin(), under_min_.end(), by_id);
    std::sort(exactly_min_.begin(), exactly_min_.end(), by_id);
    unassigned = context_.rack_info.sort_partitions_by_rack_consumers(std::move(unassigned));
    assign_rack_aware_round_robin(unassigned);
    assign_round_robin(unassigned);
    return std::move(assignment_);
  }

 private:
  void assign_owned_partitions();
  void keep_owned(const std::string& consumer, const PartitionList& owned, size_t count);
  PartitionList unassigned_partitions() const;
  void assign_rack_aware_round_robin(PartitionList& unassigned);
  void assign_round_robin(const PartitionList& unassigned);
  int32_t assign_new_partition(const TopicPartition& tp, const std::string& consumer);

  const StickyContext& context_;
  OwnedPartitions owned_;
  const std::set<TopicPartition>& multiple_owners_;
  std::map<TopicPartition, std::string>& transferring_;
  std::set<TopicPartition> all_revoked_;
  std::vector<std::string> under_min_;   // unfilledMembersWithUnderMinQuotaPartitions
  std::deque<std::string> exactly_min_;  // unfilledMembersWithExactlyMinQuotaPartitions
  int32_t min_quota_ = 0;
  int32_t max_quota_ = 0;
  int32_t expected_over_ = 0;
  int32_t current_over_ = 0;
  RawAssignment assignment_;
  std::set<TopicPartition> assigned_;
};

void ConstrainedBuilder::keep_owned(const std::string& consumer, const PartitionList& owned,
                                    size_t count) {
  for (size_t i = 0; i < owned.size(); ++i) {
    if (i < count) {
      assignment_[consumer].push_back(owned[i]);
      assigned_.insert(owned[i]);
    } else {
      all_revoked_.insert(owned[i]);
    }
  }
}

// Reassign previously owned partitions, up to the expected number per member, visiting members
// in HashMap order: the first over-quota owners keep maxQuota.
void ConstrainedBuilder::assign_owned_partitions() {
  for (const auto& [consumer, list] : owned_) {
    PartitionList owned;
    for (const auto& tp : list) {
      if (!context_.rack_info.racks_mismatch(consumer, tp)) owned.push_back(tp);
    }
    std::stable_sort(owned.begin(), owned.end(), [](const auto& a, const auto& b) {
      if (a.partition != b.partition) return a.partition < b.partition;
      return java_string_less(a.topic, b.topic);
    });
    for (const auto& tp : multiple_owners_) {
      auto it = std::find(owned.begin(), owned.end(), tp);
      if (it != owned.end()) owned.erase(it);
    }
    const auto size = static_cast<int32_t>(owned.size());
    if (size < min_quota_) {
      keep_owned(consumer, owned, owned.size());
      under_min_.push_back(consumer);
    } else if (size >= max_quota_ && current_over_ < expected_over_) {
      ++current_over_;
      if (current_over_ == expected_over_) exactly_min_.clear();
      keep_owned(consumer, owned, static_cast<size_t>(max_quota_));
    } else {
      keep_owned(consumer, owned, static_cast<size_t>(min_quota_));
      if (current_over_ < expected_over_) exactly_min_.push_back(consumer);
    }
  }
}

// All partitions sorted by (topic, partition), minus those kept.
PartitionList ConstrainedBuilder::unassigned_partitions() const {
  std::vector<std::string> topics;
  for (const auto& [topic, count] : context_.partitions_per_topic) topics.push_back(topic);
  std::sort(topics.begin(), topics.end(),
            [](const auto& a, const auto& b) { return java_string_less(a, b); });
  PartitionList out;
  for (const auto& topic : topics) {
    for (int32_t p = 0; p < context_.partitions_per_topic.at(topic); ++p) {
      if (assigned_.count({topic, p}) == 0) out.push_back({topic, p});
    }
  }
  return out;
}

// Round-robin within racks up to maxQuota for the expected members, else minQuota. Partitions
// that cannot be aligned stay in `unassigned` for the plain round-robin.
void ConstrainedBuilder::assign_rack_aware_round_robin(PartitionList& unassigned) {
  if (context_.rack_info.consumer_racks.empty()) return;
  int32_t next_unfilled = 0;
  PartitionList left;
  for (const auto& tp : unassigned) {
    std::string consumer;
    int32_t next = context_.rack_info.next_rack_consumer(tp, under_min_, next_unfilled);
    if (next >= 0) {
      consumer = under_min_[next];
      const auto count = static_cast<int32_t>(assignment_[consumer].size()) + 1;
      if (count >= min_quota_) {
        under_min_.erase(std::find(under_min_.begin(), under_min_.end(), consumer));
        if (count < max_quota_) exactly_min_.push_back(consumer);
      } else {
        ++next;
      }
      next_unfilled = under_min_.empty() ? 0 : next % static_cast<int32_t>(under_min_.size());
    } else if (!exactly_min_.empty()) {
      std::vector<std::string> exactly(exactly_min_.begin(), exactly_min_.end());
      const int32_t first = context_.rack_info.next_rack_consumer(tp, exactly, 0);
      if (first >= 0) {
        consumer = exactly[first];
        if (static_cast<int32_t>(assignment_[consumer].size()) + 1 == max_quota_) {
          exactly_min_.erase(exactly_min_.begin() + first);
        }
      }
    }
    if (consumer.empty()) {
      left.push_back(tp);
    } else {
      assign_new_partition(tp, consumer);
    }
  }
  unassigned = std::move(left);
}

// Round-robin over the members under minQuota, then the members at exactly minQuota (FIFO).
void ConstrainedBuilder::assign_round_robin(const PartitionList& unassigned) {
  size_t cursor = 0;  // the LinkedList iterator over under_min_
  for (const auto& tp : unassigned) {
    std::string consumer;
    bool from_under = true;
    if (cursor < under_min_.size()) {
      consumer = under_min_[cursor++];
    } else if (under_min_.empty() && exactly_min_.empty()) {
      return;  // Kafka throws IllegalStateException: the quotas did not add up
    } else if (under_min_.empty()) {
      consumer = exactly_min_.front();
      exactly_min_.pop_front();
      from_under = false;
    } else {
      cursor = 0;
      consumer = under_min_[cursor++];
    }
    const int32_t count = assign_new_partition(tp, consumer);
    if (count == min_quota_ && from_under) {
      under_min_.erase(under_min_.begin() + static_cast<std::ptrdiff_t>(--cursor));
      exactly_min_.push_back(consumer);
    } else if (count == max_quota_) {
      ++current_over_;
    }
  }
}

int32_t ConstrainedBuilder::assign_new_partition(const TopicPartition& tp,
                                                 const std::string& consumer) {
  PartitionList& list = assignment_[consumer];
  list.push_back(tp);
  if (all_revoked_.count(tp) > 0 || multiple_owners_.count(tp) > 0) transferring_[tp] = consumer;
  return static_cast<int32_t>(list.size());
}

}  // namespace

RawAssignment build_constrained(const StickyContext& context, OwnedPartitions owned,
                                const std::set<TopicPartition>& multiple_owners,
                                std::map<TopicPartition, std::string>& transferring) {
  ConstrainedBuilder builder(context, std::move(owned), multiple_owners, transferring);
  return builder.build();
}

}  // namespace ksim::assign
