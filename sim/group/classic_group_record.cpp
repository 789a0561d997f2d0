// A classic group to and from its GroupMetadataValue record. Follows
// GroupCoordinatorRecordHelpers.newGroupMetadataRecord and ClassicGroup.fromRecord.
#include "ksim/group/classic_group.h"
#include "ksim/types/assert.h"

namespace ksim::group {

GroupMetadataRecord ClassicGroup::to_record() const {
  GroupMetadataRecord r{.group_id = group_id_,
                        .protocol_type = protocol_type_.value_or(""),
                        .generation = generation_id_,
                        .protocol_name = protocol_name_.value_or(""),
                        .leader = leader_id_.value_or(""),
                        .current_state_timestamp = state_since_};
  for (const ClassicGroupMember& m : members_) {
    MemberRecord mr{.member_id = m.member_id, .group_instance_id = m.group_instance_id,
                    .client_id = m.client_id, .client_host = m.client_host,
                    .rebalance_timeout_ms = m.rebalance_timeout_ms,
                    .session_timeout_ms = m.session_timeout_ms};
    // Kafka stores only the selected protocol's subscription bytes.
    if (const ConsumerSubscription* s = m.metadata(r.protocol_name)) mr.subscription = *s;
    mr.assignment = m.assignment.value_or(ConsumerAssignment{});
    r.members.push_back(std::move(mr));
  }
  return r;
}

void ClassicGroup::restore(const GroupMetadataRecord& record, Time now) {
  KSIM_ASSERT(record.group_id == group_id_);
  KSIM_ASSERT(!record.tombstone);
  generation_id_ = record.generation;
  protocol_type_ = record.protocol_type.empty() ? std::nullopt
                                                : std::optional<std::string>(record.protocol_type);
  protocol_name_ = record.protocol_name.empty() ? std::nullopt
                                                : std::optional<std::string>(record.protocol_name);
  leader_id_ = record.leader.empty() ? std::nullopt : std::optional<std::string>(record.leader);
  members_.clear();
  static_members_.clear();
  pending_join_members_.clear();
  pending_sync_members_.clear();
  new_member_added_ = false;
  join_timer_ = JoinTimer{};
  sync_timer_ = SyncTimer{};
  for (const MemberRecord& mr : record.members) {
    ClassicGroupMember m{.member_id = mr.member_id, .group_instance_id = mr.group_instance_id,
                         .client_id = mr.client_id, .client_host = mr.client_host,
                         .rebalance_timeout_ms = mr.rebalance_timeout_ms,
                         .session_timeout_ms = mr.session_timeout_ms,
                         .protocol_type = record.protocol_type};
    m.protocols.push_back({.name = record.protocol_name, .metadata = mr.subscription});
    m.assignment = mr.assignment;
    if (m.group_instance_id) static_members_[*m.group_instance_id] = m.member_id;
    members_.push_back(std::move(m));
  }
  // fromRecord: Empty without members, else Stable (the states a record can stand for).
  previous_state_ = state_;
  state_ = members_.empty() ? ClassicGroupState::kEmpty : ClassicGroupState::kStable;
  state_since_ = now;
}

}  // namespace ksim::group
