// OffsetCommit and OffsetFetch for classic groups (no transactions). Follows
// OffsetMetadataManager.validateOffsetCommit / commitOffset / fetchOffsets / fetchAllOffsets
// and ClassicGroup.validateOffsetCommit / validateOffsetFetch.
#include "ksim/types/assert.h"
#include "step.h"

namespace ksim::group {

using S = ClassicGroupState;

void GroupCoordinator::Step::commit(RequestHandle h, const OffsetCommitRequest& r) {
  ErrorCode error = ErrorCode::NONE;
  ClassicGroup* g = nullptr;
  if (r.group_id.empty()) {
    error = ErrorCode::INVALID_GROUP_ID;
  } else if (g = find(r.group_id); g == nullptr) {
    // Generation -1 (admin client, manual assignment) creates a "simple" Empty group without a
    // protocol type. Otherwise OffsetCommit < v9 answers ILLEGAL_GENERATION (v9+ would say
    // GROUP_ID_NOT_FOUND, which the classic consumer does not expect).
    if (r.generation_id < 0) g = &get_or_create(r.group_id);
    else error = ErrorCode::ILLEGAL_GENERATION;
  } else {
    error = validate_offset_commit(*g, r);
  }

  OffsetCommitResponse response;
  std::string summary;
  for (const OffsetCommitPartition& p : r.partitions) {
    ErrorCode e = error;
    if (e == ErrorCode::NONE &&
        static_cast<int64_t>(p.metadata.size()) > config().offset_metadata_max_bytes)
      e = ErrorCode::OFFSET_METADATA_TOO_LARGE;
    if (e == ErrorCode::NONE) {
      OffsetAndMetadata& o = g->mutable_offsets()[p.tp];
      o = {.committed_offset = p.committed_offset, .leader_epoch = p.committed_leader_epoch,
           .metadata = p.metadata, .commit_time = now};
      persist_offset(*g, p.tp, o);  // one OffsetCommit record per partition
      summary += (summary.empty() ? "" : ",") + p.tp.to_string() + "=" +
                 std::to_string(p.committed_offset);
    }
    response.partitions.push_back({p.tp, e});
  }
  if (g != nullptr) {
    // In the classic protocol a commit keeps the session alive in Stable/PreparingRebalance.
    if (error == ErrorCode::NONE && (g->is(S::kStable) || g->is(S::kPreparingRebalance)))
      reschedule_heartbeat(*g, *g->mutable_member(r.member_id));
    trace("offset.commit", *g)
        .add("member", r.member_id)
        .add("generation", r.generation_id)
        .add("error", std::string(error_name(error)))
        .add("offsets", summary);
  }
  respond(h, std::move(response));
}

ErrorCode GroupCoordinator::Step::validate_offset_commit(const ClassicGroup& g,
                                                         const OffsetCommitRequest& r) const {
  if (g.is(S::kDead)) return ErrorCode::COORDINATOR_NOT_AVAILABLE;
  // Generation -1 into an Empty group: admin client or manual assignment.
  if (r.generation_id < 0 && g.is(S::kEmpty)) return ErrorCode::NONE;
  if (r.generation_id >= 0 || !r.member_id.empty() || r.group_instance_id.has_value()) {
    ErrorCode error = g.validate_member(r.member_id, r.group_instance_id);
    if (error != ErrorCode::NONE) return error;
    if (r.generation_id != g.generation_id()) return ErrorCode::ILLEGAL_GENERATION;
  } else if (!g.is(S::kEmpty)) {
    // No member id and no generation: only accepted while the group is Empty.
    return ErrorCode::UNKNOWN_MEMBER_ID;
  }
  // A valid member of the new generation committing before SyncGroup completed.
  if (g.is(S::kCompletingRebalance)) return ErrorCode::REBALANCE_IN_PROGRESS;
  return ErrorCode::NONE;
}

void GroupCoordinator::Step::fetch(RequestHandle h, const OffsetFetchRequest& r) {
  OffsetFetchResponse response;
  if (r.group_id.empty()) {
    response.error = ErrorCode::INVALID_GROUP_ID;
    return respond(h, std::move(response));
  }
  // An unknown or Dead group answers like a group without offsets.
  const ClassicGroup* g = find(r.group_id);
  const OffsetStore* store = (g != nullptr && !g->is(S::kDead)) ? &g->offsets() : nullptr;
  auto answer = [](const TopicPartition& tp, const OffsetAndMetadata* o) {
    OffsetFetchPartitionResponse p;
    p.tp = tp;
    if (o != nullptr) {
      p.committed_offset = o->committed_offset;
      p.committed_leader_epoch = o->leader_epoch;
      p.metadata = o->metadata;
    }
    return p;
  };
  if (r.partitions.empty()) {
    if (store != nullptr)
      for (const auto& [tp, o] : *store) response.partitions.push_back(answer(tp, &o));
  } else {
    for (const TopicPartition& tp : r.partitions) {
      auto it = store != nullptr ? store->find(tp) : OffsetStore::const_iterator{};
      bool found = store != nullptr && it != store->end();
      response.partitions.push_back(answer(tp, found ? &it->second : nullptr));
    }
  }
  respond(h, std::move(response));
}

}  // namespace ksim::group
