// GroupCoordinator's public entry points: each builds a Step, runs one GroupMetadataManager
// operation and returns its effects. Follows GroupCoordinatorShard's dispatch.
#include "ksim/group/group_coordinator.h"

#include "ksim/group/coordinator_partition.h"
#include "ksim/types/assert.h"
#include "step.h"

namespace ksim::group {

GroupCoordinator::GroupCoordinator(GroupCoordinatorConfig config, UuidSource next_uuid)
    : config_(config), next_uuid_(std::move(next_uuid)) {
  KSIM_ASSERT(config_.validate().is_ok());
  KSIM_ASSERT(static_cast<bool>(next_uuid_));
}

GroupEffects GroupCoordinator::on_join_group(RequestHandle h, const JoinGroupRequest& request,
                                             Time now) {
  Step step(*this, now);
  step.join(h, request);
  return std::move(step.fx);
}

GroupEffects GroupCoordinator::on_sync_group(RequestHandle h, const SyncGroupRequest& request,
                                             Time now) {
  Step step(*this, now);
  step.sync(h, request);
  return std::move(step.fx);
}

GroupEffects GroupCoordinator::on_heartbeat(RequestHandle h, const HeartbeatRequest& request,
                                            Time now) {
  Step step(*this, now);
  step.heartbeat(h, request);
  return std::move(step.fx);
}

GroupEffects GroupCoordinator::on_leave_group(RequestHandle h, const LeaveGroupRequest& request,
                                              Time now) {
  Step step(*this, now);
  step.leave(h, request);
  return std::move(step.fx);
}

GroupEffects GroupCoordinator::on_offset_commit(RequestHandle h,
                                                const OffsetCommitRequest& request, Time now) {
  Step step(*this, now);
  step.commit(h, request);
  return std::move(step.fx);
}

GroupEffects GroupCoordinator::on_offset_fetch(RequestHandle h, const OffsetFetchRequest& request,
                                               Time now) {
  Step step(*this, now);
  step.fetch(h, request);
  return std::move(step.fx);
}

GroupEffects GroupCoordinator::on_timer(const TimerKey& key, Time now) {
  Step step(*this, now);
  step.fire(key);
  return std::move(step.fx);
}

std::vector<std::string> GroupCoordinator::group_ids() const {
  std::vector<std::string> ids;
  for (const auto& [id, g] : groups_) ids.push_back(id);
  return ids;
}

const ClassicGroup* GroupCoordinator::group(std::string_view group_id) const {
  auto it = groups_.find(group_id);
  return it == groups_.end() ? nullptr : &it->second;
}

int32_t GroupCoordinator::partition_for(std::string_view group_id) const {
  return coordinator_partition_for(group_id, config_.offsets_topic_num_partitions);
}

}  // namespace ksim::group
