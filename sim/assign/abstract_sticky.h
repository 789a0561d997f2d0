#pragma once
// The shared sticky algorithm of StickyAssignor and CooperativeStickyAssignor (internal header).
// Follows org.apache.kafka.clients.consumer.internals.AbstractStickyAssignor: owned-partition
// cleaning, RackInfo, and the choice between the Constrained and General builders.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/assign/client_common.h"

namespace ksim::assign {

constexpr GenerationId kDefaultGeneration = -1;  // AbstractStickyAssignor.DEFAULT_GENERATION

// Where memberData() reads a member's previous partitions and generation.
enum class MemberDataSource {
  UserData,         // StickyAssignor: StickyUserData only
  OwnedPartitions,  // CooperativeStickyAssignor: ownedPartitions + generationId (or userData)
};

struct MemberData {  // AbstractStickyAssignor.MemberData
  PartitionList partitions;
  std::optional<GenerationId> generation;
};
MemberData member_data(const MemberSubscription& member, MemberDataSource source);

// AbstractStickyAssignor.RackInfo. Empty maps when rack-aware assignment is not used.
struct RackInfo {
  std::map<std::string, std::string> consumer_racks;
  std::map<TopicPartition, std::set<std::string>> partition_racks;
  std::map<TopicPartition, int32_t> num_consumers_by_partition;

  bool racks_mismatch(const std::string& consumer, const TopicPartition& tp) const;
  // Stable sort by the number of consumers on the partition's racks, ascending.
  PartitionList sort_partitions_by_rack_consumers(PartitionList partitions) const;
  // Index of the first consumer, cyclically from first_index, whose rack holds a replica; -1.
  int32_t next_rack_consumer(const TopicPartition& tp, const std::vector<std::string>& consumers,
                             int32_t first_index) const;
};

// The owned partitions per member after conflict resolution, in member (HashMap) order.
using OwnedPartitions = std::vector<std::pair<std::string, PartitionList>>;

struct StickyContext {
  const GroupSubscription* group = nullptr;
  std::map<std::string, int32_t> partitions_per_topic;
  RackInfo rack_info;
  MemberDataSource source = MemberDataSource::UserData;
  GenerationId max_generation = kDefaultGeneration;

  const MemberSubscription& member(const std::string& member_id) const;
};

struct StickyOutcome {
  RawAssignment assignment;
  // AbstractStickyAssignor.partitionsTransferringOwnership: set on the Constrained path only.
  std::optional<std::map<TopicPartition, std::string>> partitions_transferring_ownership;
};

// AbstractStickyAssignor.assignPartitions.
StickyOutcome abstract_sticky_assign(const ClusterView& cluster, const GroupSubscription& group,
                                     MemberDataSource source,
                                     const ClientAssignorOptions& options);

// ConstrainedAssignmentBuilder.build. Records transfers into `transferring`.
RawAssignment build_constrained(const StickyContext& context, OwnedPartitions owned,
                                const std::set<TopicPartition>& multiple_owners,
                                std::map<TopicPartition, std::string>& transferring);

// GeneralAssignmentBuilder.build.
RawAssignment build_general(const StickyContext& context, OwnedPartitions owned);

// Java's TopicPartition.hashCode(): 31 * (31 + partition) + topic.hashCode().
int32_t topic_partition_hash(const TopicPartition& tp);

}  // namespace ksim::assign
