// Consumer commits. commitAsync (auto-commit, onJoinPrepare): one OffsetCommit, no retry; a
// retriable failure of an auto-commit brings the next one forward to retry.backoff.ms. While
// the coordinator is unknown an async commit waits for its lookup. commitSync: the same
// offsets are sent again after every retriable error (after rediscovering the coordinator when
// it moved) until default.api.timeout.ms has passed, then TimeoutException.
// Follows ConsumerCoordinator (commitOffsetsSync, commitOffsetsAsync, OffsetCommitResponseHandler,
// doAutoCommitOffsetsAsync) and AbstractCoordinator.CoordinatorResponseHandler.
#include <fmt/format.h>

#include "ksim/client/consumer.h"

namespace ksim {
namespace {

// OffsetCommitResponseHandler: which errors commitOffsetsSync retries, and which of those mark
// the coordinator unknown first.
bool coordinator_moved(ErrorCode e) {
  return e == ErrorCode::COORDINATOR_NOT_AVAILABLE || e == ErrorCode::NOT_COORDINATOR ||
         e == ErrorCode::REQUEST_TIMED_OUT;
}

bool retriable_commit_error(ErrorCode e) {
  return coordinator_moved(e) || e == ErrorCode::COORDINATOR_LOAD_IN_PROGRESS ||
         e == ErrorCode::UNKNOWN_TOPIC_OR_PARTITION;
}

bool rebalance_error(ErrorCode e) {
  return e == ErrorCode::REBALANCE_IN_PROGRESS || e == ErrorCode::ILLEGAL_GENERATION ||
         e == ErrorCode::UNKNOWN_MEMBER_ID;
}

// "{orders-0=OffsetAndMetadata{offset=12, leaderEpoch=null, metadata=''}}", as Java prints it.
std::string offsets_text(const std::map<TopicPartition, Offset>& offsets) {
  std::string out;
  for (const auto& [tp, offset] : offsets)
    out += fmt::format("{}{}=OffsetAndMetadata{{offset={}, leaderEpoch=null, metadata=''}}",
                       out.empty() ? "" : ", ", tp.to_string(), offset);
  return "{" + out + "}";
}

}  // namespace

std::map<TopicPartition, Offset> Consumer::consumed_offsets() const {
  // SubscriptionState.allConsumed(): the position of every assigned partition.
  std::map<TopicPartition, Offset> out;
  for (const TopicPartition& tp : assignment_)
    if (Offset pos = position(tp); pos != kNoOffset) out[tp] = pos;
  return out;
}

void Consumer::commit(bool sync, std::string_view why) {
  (void)why;
  if (sync) return commit_sync(consumed_offsets(), config_.default_api_timeout);
  send_async_commit(consumed_offsets());
}

void Consumer::send_async_commit(std::map<TopicPartition, Offset> offsets) {
  if (offsets.empty()) return;
  if (coordinator_ < 0) {  // commitOffsetsAsync: look the coordinator up, then send
    async_after_lookup_ = std::move(offsets);
    return ensure_coordinator();
  }
  if (state_ != MemberState::Stable) return;  // CommitFailedException: not in an active group
  OffsetCommitRequest r{.group_id = config_.group_id, .generation_id = generation_,
                        .member_id = member_id_};
  if (!config_.group_instance_id.empty()) r.group_instance_id = config_.group_instance_id;
  for (const auto& [tp, offset] : offsets)
    r.partitions.push_back({.tp = tp, .committed_offset = offset,
                            .committed_leader_epoch = leader_epoch_of(tp)});
  int32_t corr = send_request(coordinator_, std::move(r));
  track(corr, {.kind = Pending::Commit, .node = coordinator_, .generation = generation_,
               .commit_offsets = std::move(offsets)});
}

void Consumer::commit_sync(std::map<TopicPartition, Offset> offsets, Duration timeout) {
  if (offsets.empty()) {  // commitOffsetsSync: nothing to commit returns true at once
    sync_commit_.reset();
    return finish_sync_commit(CommitOutcome::Ok, "");
  }
  sync_commit_ = SyncCommit{.id = ++sync_commit_ids_, .offsets = std::move(offsets),
                            .deadline = now() + timeout, .timeout = timeout};
  set_timer_at(sync_commit_->deadline, kCommitDeadline, sync_commit_->id);
  send_sync_commit();
}

// One attempt of commitOffsetsSync's loop: find the coordinator if it is unknown (the attempt
// resumes in on_find_coordinator_response), then send the offsets under the current generation.
void Consumer::send_sync_commit() {
  SyncCommit& s = *sync_commit_;
  if (state_ == MemberState::Stopped && !closing_)
    return finish_sync_commit(CommitOutcome::Failed, "the consumer stopped");
  if (coordinator_ < 0) return ensure_coordinator();
  if (state_ != MemberState::Stable || generation_ < 0) {
    return finish_sync_commit(CommitOutcome::Failed,
                              "CommitFailedException: the consumer is not part of an active "
                              "group (it is rebalancing or was removed from the group)");
  }
  OffsetCommitRequest r{.group_id = config_.group_id, .generation_id = generation_,
                        .member_id = member_id_};
  if (!config_.group_instance_id.empty()) r.group_instance_id = config_.group_instance_id;
  for (const auto& [tp, offset] : s.offsets)
    r.partitions.push_back({.tp = tp, .committed_offset = offset,
                            .committed_leader_epoch = leader_epoch_of(tp)});
  int32_t corr = send_request(coordinator_, std::move(r));
  track(corr, {.kind = Pending::Commit, .node = coordinator_, .generation = generation_,
               .sync_commit = s.id, .commit_offsets = s.offsets});
  s.in_flight = true;
}

void Consumer::on_commit_response(const PendingRequest& p, OffsetCommitResponse& r) {
  ErrorCode first = ErrorCode::NONE;
  for (const OffsetCommitPartitionResponse& part : r.partitions) {
    bool ok = part.error == ErrorCode::NONE;
    TraceEvent e{.type = ok ? "consumer.commit" : "consumer.commit_failed"};
    e.add("consumer", name()).add("group", config_.group_id).add("topic", part.tp.topic);
    e.add("partition", int64_t{part.tp.partition}).add("generation", int64_t{p.generation});
    auto asked = p.commit_offsets.find(part.tp);
    if (asked != p.commit_offsets.end()) e.add("offset", asked->second);
    if (!ok) e.add("error", std::string(error_name(part.error)));
    emit(e);
    if (!ok && first == ErrorCode::NONE) first = part.error;
  }
  if (coordinator_moved(first)) coordinator_unknown(error_name(first));
  if (rebalance_error(first) && state_ == MemberState::Stable && !rejoin_needed_)
    request_rejoin("offset commit failed: the group has rebalanced");  // CommitFailedException
  if (p.sync_commit == 0) {
    // doAutoCommitOffsetsAsync: a retriable failure retries at the next poll after the backoff.
    if (retriable_commit_error(first))
      next_auto_commit_ = std::min(next_auto_commit_, now() + config_.retry_backoff);
    return;
  }
  if (!sync_commit_ || sync_commit_->id != p.sync_commit) return;  // that call returned already
  sync_commit_->in_flight = false;
  if (first == ErrorCode::NONE) return finish_sync_commit(CommitOutcome::Ok, "");
  if (retriable_commit_error(first)) {  // timer.sleep(retryBackoffMs), then the next attempt
    sync_commit_->backoff = true;
    set_timer(config_.retry_backoff, kCommitRetry, sync_commit_->id);
    return;
  }
  finish_sync_commit(CommitOutcome::Failed, rebalance_error(first)
                                                ? "CommitFailedException (" +
                                                      std::string(error_name(first)) + ")"
                                                : std::string(error_name(first)));
}

// The request timed out (NetworkClient disconnects): a DisconnectException, retriable.
void Consumer::on_commit_request_failed(const PendingRequest& p) {
  if (p.sync_commit == 0) {
    next_auto_commit_ = std::min(next_auto_commit_, now() + config_.retry_backoff);
    return;
  }
  if (!sync_commit_ || sync_commit_->id != p.sync_commit) return;
  sync_commit_->in_flight = false;
  sync_commit_->backoff = true;
  set_timer(config_.retry_backoff, kCommitRetry, sync_commit_->id);
}

void Consumer::retry_sync_commit(uint64_t id) {
  if (!sync_commit_ || sync_commit_->id != id || sync_commit_->in_flight) return;
  sync_commit_->backoff = false;
  TraceEvent e{.type = "consumer.commit_retry"};
  e.add("consumer", name()).add("group", config_.group_id);
  e.add("coordinator_known", coordinator_ >= 0);
  emit(e);
  send_sync_commit();
}

void Consumer::on_commit_deadline(uint64_t id) {
  if (!sync_commit_ || sync_commit_->id != id) return;
  TraceEvent e{.type = "consumer.commit_timeout"};
  e.add("consumer", name()).add("group", config_.group_id);
  const SyncCommit& s = *sync_commit_;
  e.add("kafka_log", fmt::format("TimeoutException: Timeout of {}ms expired before successfully "
                                 "committing offsets {}",
                                 to_ms(s.timeout), offsets_text(s.offsets)));
  emit(e);
  finish_sync_commit(CommitOutcome::TimedOut, "TimeoutException");
}

// commitSync() returns (or throws) to the application, which goes on: after close() the
// consumer leaves; commit-before-processing processes the batch only if the commit succeeded;
// otherwise the next poll comes.
void Consumer::finish_sync_commit(CommitOutcome outcome, std::string_view why) {
  sync_commit_.reset();
  if (closing_) {
    leave_group("the consumer is being closed");
    state_ = MemberState::Stopped;
    closed_ = true;
    return;
  }
  if (state_ == MemberState::Stopped) return;
  if (processing_) {  // commit-before-processing
    if (outcome == CommitOutcome::Ok) return start_processing();
    interrupt_processing("commitSync failed before processing: " + std::string(why));
  }
  schedule_poll(0);
}

}  // namespace ksim
