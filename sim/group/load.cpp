// Loading and unloading the groups of one __consumer_offsets partition, and writing the
// records that make them durable. Follows CoordinatorLoaderImpl (replay the log on becoming
// leader), GroupMetadataManager.replay / onLoaded / onUnloaded and
// GroupCoordinatorRecordHelpers (the records a write appends).
#include "ksim/types/assert.h"
#include "step.h"

namespace ksim::group {

using S = ClassicGroupState;

void GroupCoordinator::replay(int32_t partition, const std::optional<std::string>& key,
                              const std::optional<std::string>& value, Time now) {
  replayed_[partition]++;
  std::optional<DecodedRecord> record = decode(key, value);
  if (!record) {
    skipped_[partition]++;
    return;
  }
  if (auto* o = std::get_if<OffsetCommitRecord>(&*record)) {
    KSIM_ASSERT(partition_for(o->group_id) == partition);
    auto it = groups_.find(o->group_id);
    if (it == groups_.end()) {
      if (!o->offset) return;
      it = groups_.emplace(o->group_id, ClassicGroup(o->group_id, now)).first;
    }
    if (o->offset) it->second.mutable_offsets()[o->tp] = *o->offset;
    else it->second.mutable_offsets().erase(o->tp);
    return;
  }
  const GroupMetadataRecord& g = std::get<GroupMetadataRecord>(*record);
  KSIM_ASSERT(partition_for(g.group_id) == partition);
  if (g.tombstone) {
    groups_.erase(g.group_id);
    return;
  }
  auto it = groups_.find(g.group_id);
  if (it == groups_.end()) it = groups_.emplace(g.group_id, ClassicGroup(g.group_id, now)).first;
  it->second.restore(g, now);
}

GroupEffects GroupCoordinator::load_complete(int32_t partition, Time now) {
  Step step(*this, now);
  for (auto& [id, g] : groups_) {
    if (partition_for(id) != partition) continue;
    // onLoaded: a Stable group's members get a fresh session; they keep heartbeating to us.
    if (g.is(S::kStable))
      for (ClassicGroupMember& m : g.mutable_members()) step.reschedule_heartbeat(g, m);
    step.trace("group.loaded", g)
        .add("partition", int64_t{partition})
        .add("state", std::string(state_name(g.state())))
        .add("generation", g.generation_id())
        .add("members", int64_t{g.num_members()})
        .add("offsets", static_cast<int64_t>(g.offsets().size()))
        .add("kafka_log", slf4j("Loaded group {} with {} members.",
                                {id, std::to_string(g.num_members())}));
  }
  TraceEvent done{.type = "coordinator.loaded", .fields = {}};
  done.add("partition", int64_t{partition}).add("records", replayed_[partition]);
  done.add("skipped", skipped_[partition]);
  step.fx.trace.push_back(std::move(done));
  replayed_.erase(partition);
  skipped_.erase(partition);
  return std::move(step.fx);
}

GroupEffects GroupCoordinator::unload(int32_t partition, Time now) {
  Step step(*this, now);
  for (auto it = groups_.begin(); it != groups_.end();) {
    if (partition_for(it->first) != partition) {
      ++it;
      continue;
    }
    ClassicGroup& g = it->second;
    // onUnloaded: parked requests learn that we are no longer the coordinator.
    for (ClassicGroupMember& m : g.mutable_members()) {
      JoinGroupResponse join;
      join.error = ErrorCode::NOT_COORDINATOR;
      join.member_id = m.member_id;
      step.complete_join(m, std::move(join));
      SyncGroupResponse sync;
      sync.error = ErrorCode::NOT_COORDINATOR;
      step.complete_sync(m, std::move(sync));
    }
    step.trace("group.unloaded", g)
        .add("partition", int64_t{partition})
        .add("state", std::string(state_name(g.state())))
        .add("generation", g.generation_id())
        .add("kafka_log", slf4j("Unloaded group {} (partition {}).",
                                {it->first, std::to_string(partition)}));
    it = groups_.erase(it);
  }
  return std::move(step.fx);
}

// ---- Writes (Step) ----

void GroupCoordinator::Step::persist_offset(const ClassicGroup& g, const TopicPartition& tp,
                                            const OffsetAndMetadata& offset) {
  fx.records.push_back(encode(
      OffsetCommitRecord{.group_id = g.group_id(), .tp = tp, .offset = offset}, partition(g)));
}

void GroupCoordinator::Step::persist_group(const ClassicGroup& g) {
  fx.records.push_back(encode(g.to_record(), partition(g)));
}

}  // namespace ksim::group
