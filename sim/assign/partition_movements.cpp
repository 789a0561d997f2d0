// Partition moves of a sticky rebalance. Follows AbstractStickyAssignor.PartitionMovements.
#include "sim/assign/partition_movements.h"

#include <algorithm>

#include "sim/assign/abstract_sticky.h"

namespace ksim::assign {
namespace {

uint32_t bucket(int32_t hash, uint32_t capacity) {
  const auto u = static_cast<uint32_t>(hash);
  return (u ^ (u >> 16)) & (capacity - 1);
}

}  // namespace

void JavaHashSetModel::add(const TopicPartition& tp) {
  for (const auto& e : entries_) {
    if (e.tp == tp) return;
  }
  const int32_t hash = topic_partition_hash(tp);
  const uint32_t b = bucket(hash, capacity_);
  const auto bin = std::count_if(entries_.begin(), entries_.end(),
                                 [&](const Entry& e) { return bucket(e.hash, capacity_) == b; });
  entries_.push_back({tp, hash, next_seq_++});
  if (bin >= 8 && capacity_ < 64) {  // HashMap.treeifyBin resizes a small table instead
    capacity_ *= 2;
    threshold_ *= 2;
  }
  if (entries_.size() > threshold_) {
    capacity_ *= 2;
    threshold_ *= 2;
  }
}

void JavaHashSetModel::remove(const TopicPartition& tp) {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [&](const Entry& e) { return e.tp == tp; }),
                 entries_.end());
}

TopicPartition JavaHashSetModel::first() const {
  const Entry* best = &entries_.front();
  for (const auto& e : entries_) {
    const uint32_t eb = bucket(e.hash, capacity_);
    const uint32_t bb = bucket(best->hash, capacity_);
    if (eb < bb || (eb == bb && e.seq < best->seq)) best = &e;
  }
  return best->tp;
}

PartitionMovements::ConsumerPair PartitionMovements::remove_record(const TopicPartition& tp) {
  const ConsumerPair pair = movements_.at(tp);
  movements_.erase(tp);
  auto& for_topic = by_topic_.at(tp.topic);
  auto& set = for_topic.at(pair);
  set.remove(tp);
  if (set.empty()) for_topic.erase(pair);
  if (for_topic.empty()) by_topic_.erase(tp.topic);
  return pair;
}

void PartitionMovements::add_record(const TopicPartition& tp, const ConsumerPair& pair) {
  movements_[tp] = pair;
  by_topic_[tp.topic][pair].add(tp);
}

void PartitionMovements::move_partition(const TopicPartition& tp,
                                        const std::string& old_consumer,
                                        const std::string& new_consumer) {
  if (movements_.count(tp) > 0) {
    // The partition moved before; collapse src -> old -> new into src -> new.
    const ConsumerPair existing = remove_record(tp);
    if (existing.first != new_consumer) add_record(tp, {existing.first, new_consumer});
  } else {
    add_record(tp, {old_consumer, new_consumer});
  }
}

TopicPartition PartitionMovements::actual_partition_to_be_moved(
    const TopicPartition& tp, std::string old_consumer, const std::string& new_consumer) const {
  auto topic = by_topic_.find(tp.topic);
  if (topic == by_topic_.end()) return tp;
  auto moved = movements_.find(tp);
  if (moved != movements_.end()) old_consumer = moved->second.first;
  auto reverse = topic->second.find({new_consumer, old_consumer});
  if (reverse == topic->second.end()) return tp;
  return reverse->second.first();
}

}  // namespace ksim::assign
