#pragma once
// Partition moves recorded during a sticky rebalance, used to avoid moving partitions of a topic
// back and forth between two members (internal header). Follows
// AbstractStickyAssignor.PartitionMovements, including the HashSet<TopicPartition> order that
// getTheActualPartitionToBeMoved's iterator().next() depends on.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ksim/types/ids.h"

namespace ksim::assign {

// A java.util.HashSet<TopicPartition> reduced to what its iteration order depends on: hash
// codes, insertion sequence and the table capacity, which only grows.
class JavaHashSetModel {
 public:
  void add(const TopicPartition& tp);
  void remove(const TopicPartition& tp);
  bool empty() const { return entries_.empty(); }
  // REQUIRES: !empty(). The element iterator().next() returns.
  TopicPartition first() const;

 private:
  struct Entry {
    TopicPartition tp;
    int32_t hash = 0;
    uint64_t seq = 0;
  };
  std::vector<Entry> entries_;
  uint32_t capacity_ = 16;
  size_t threshold_ = 12;
  uint64_t next_seq_ = 0;
};

class PartitionMovements {
 public:
  using ConsumerPair = std::pair<std::string, std::string>;  // (src, dst)

  void move_partition(const TopicPartition& tp, const std::string& old_consumer,
                      const std::string& new_consumer);
  TopicPartition actual_partition_to_be_moved(const TopicPartition& tp,
                                              std::string old_consumer,
                                              const std::string& new_consumer) const;

 private:
  ConsumerPair remove_record(const TopicPartition& tp);
  void add_record(const TopicPartition& tp, const ConsumerPair& pair);

  std::map<std::string, std::map<ConsumerPair, JavaHashSetModel>> by_topic_;
  std::map<TopicPartition, ConsumerPair> movements_;
};

}  // namespace ksim::assign
