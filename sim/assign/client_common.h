#pragma once
// Shared grunt work of the client-side assignors. Follows
// org.apache.kafka.clients.consumer.internals.AbstractPartitionAssignor (internal header).
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ksim/assign/assignor.h"

namespace ksim::assign {

using PartitionList = std::vector<TopicPartition>;
using RawAssignment = std::map<std::string, PartitionList>;

// AbstractPartitionAssignor.assign: the subscribed topics present in metadata with at least one
// partition, with their partition counts.
std::map<std::string, int32_t> subscribed_partitions_per_topic(const ClusterView& cluster,
                                                               const GroupSubscription& group);

// The distinct non-empty racks of tp's replicas (Node.rack() != null).
std::set<std::string> replica_racks(const ClusterView& cluster, const TopicPartition& tp);

// AbstractPartitionAssignor.useRackAwareAssignment.
bool use_rack_aware_assignment(const std::set<std::string>& consumer_racks,
                               const std::set<std::string>& partition_racks,
                               const std::map<TopicPartition, std::set<std::string>>& per_partition,
                               bool prefer_rack_aware_logic);

// AbstractPartitionAssignor.MemberInfo.compareTo: static members first by group.instance.id,
// then dynamic members by member id (String.compareTo).
bool member_info_less(const MemberSubscription& a, const MemberSubscription& b);

bool subscribes_to(const MemberSubscription& member, const std::string& topic);

// Wraps raw per-member lists into the result: every member present, lists sorted.
GroupAssignment to_group_assignment(const GroupSubscription& group, const RawAssignment& raw);

}  // namespace ksim::assign
