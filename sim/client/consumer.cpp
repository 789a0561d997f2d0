// Consumer: lifecycle and the application's poll loop (KafkaConsumer.poll semantics: the
// position advances when poll() returns records; auto-commit runs inside poll()).
#include "ksim/client/consumer.h"

#include <algorithm>

namespace ksim {

std::string_view member_state_name(MemberState s) {
  switch (s) {
    case MemberState::Unjoined: return "Unjoined";
    case MemberState::Joining: return "Joining";
    case MemberState::Syncing: return "Syncing";
    case MemberState::Stable: return "Stable";
    case MemberState::Stopped: return "Stopped";
  }
  return "?";
}

Consumer::Consumer(Kernel& kernel, std::string name, ConsumerConfig config,
                   ConsumerOptions options, std::map<BrokerId, NodeId> bootstrap)
    : ClientNode(kernel, std::move(name), std::move(bootstrap)),
      config_(std::move(config)),
      options_(std::move(options)) {
  retry_backoff = config_.retry_backoff;
  request_timeout = config_.request_timeout;
  metadata_max_age = config_.metadata_max_age;
  start();
}

Offset Consumer::position(const TopicPartition& tp) const {
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? kNoOffset : it->second.position;
}

void Consumer::start() {
  state_ = MemberState::Unjoined;
  rejoin_needed_ = true;
  last_poll_ = now();
  last_heartbeat_ack_ = now();
  next_auto_commit_ = now() + config_.auto_commit_interval;
  want_topics(options_.topics);
  TraceEvent e{.type = "consumer.start"};
  e.add("consumer", name()).add("group", config_.group_id).add("client_id", config_.client_id);
  emit(e);
  schedule_poll(0);
  set_timer(config_.heartbeat_interval, kHeartbeat);
}

void Consumer::schedule_poll(Duration after) {
  set_timer(after, kPoll, ++poll_generation_);
}

void Consumer::poll() {
  if (state_ == MemberState::Stopped || closing_) return;
  if (stalled_until_ > now()) {  // the application is stuck and does not call poll()
    set_timer_at(stalled_until_, kPoll, ++poll_generation_);
    return;
  }
  last_poll_ = now();
  in_poll_wait_ = false;
  if (config_.enable_auto_commit && options_.commit == CommitStrategy::Auto &&
      state_ == MemberState::Stable && now() >= next_auto_commit_) {
    commit(false, "auto-commit");
    next_auto_commit_ = now() + config_.auto_commit_interval;
  }
  ensure_coordinator();
  check_assignment_snapshot();
  if (rejoin_needed_ && coordinator_ >= 0 &&
      (state_ == MemberState::Unjoined || state_ == MemberState::Stable)) {
    prepare_join();
  }
  std::vector<ConsumedRecord> records;
  if (state_ == MemberState::Stable) {
    for (auto& [tp, ps] : partitions_) {
      while (!ps.buffer.empty() &&
             static_cast<int32_t>(records.size()) < config_.max_poll_records) {
        records.push_back(std::move(ps.buffer.front()));
        ps.buffer.pop_front();
      }
    }
  }
  if (records.empty()) {
    in_poll_wait_ = true;  // poll(timeout) blocks until records arrive or the timeout passes
    send_fetches();
    schedule_poll(options_.poll_timeout);
    return;
  }
  deliver(std::move(records));
}

void Consumer::deliver(std::vector<ConsumedRecord> records) {
  std::map<TopicPartition, std::pair<Offset, Offset>> ranges;
  for (ConsumedRecord& r : records) {
    r.polled_at = now();
    r.generation = generation_;
    partitions_[r.tp].position = r.offset + 1;
    auto [it, fresh] = ranges.try_emplace(r.tp, r.offset, r.offset);
    if (!fresh) it->second.second = r.offset;
  }
  for (const auto& [tp, range] : ranges) {
    TraceEvent e{.type = "consumer.poll"};
    e.add("consumer", name()).add("group", config_.group_id).add("topic", tp.topic);
    e.add("partition", int64_t{tp.partition}).add("first_offset", range.first);
    e.add("last_offset", range.second).add("generation", int64_t{generation_});
    emit(e);
  }
  batch_begin_ = batch_next_ = consumed_.size();
  consumed_.insert(consumed_.end(), std::make_move_iterator(records.begin()),
                   std::make_move_iterator(records.end()));
  batch_end_ = consumed_.size();
  send_fetches();  // pipelining: the next fetch goes out before processing
  processing_ = true;
  ++poll_generation_;  // the processing timers, not a poll timeout, move the loop on
  if (options_.commit == CommitStrategy::SyncBeforeProcessing) {
    commit(true, "commitSync before processing");  // processing starts when it returns
    return;
  }
  start_processing();
}

void Consumer::after_processing() {
  processing_ = false;
  if (state_ == MemberState::Stopped) return;  // closed while processing: nothing follows
  if (options_.commit == CommitStrategy::SyncAfterProcessing) {
    commit(true, "commitSync after processing");  // the next poll comes when it returns
    return;
  }
  schedule_poll(0);
}

void Consumer::stall_poll(Duration duration) {
  stalled_until_ = now() + duration;
  TraceEvent e{.type = "consumer.stall"};
  e.add("consumer", name()).add("until", stalled_until_);
  emit(e);
}

void Consumer::close() {
  if (state_ == MemberState::Stopped || closing_) return;
  closing_ = true;
  emit(TraceEvent{.type = "consumer.close"}.add("consumer", name()));
  // A batch waiting for its commit-before-processing is never processed.
  if (processing_ && sync_commit_) interrupt_processing("the consumer was closed");
  if (config_.enable_auto_commit && state_ == MemberState::Stable) {
    // ConsumerCoordinator.close: maybeAutoCommitOffsetsSync, bounded by the close timeout;
    // then LeaveGroup, when it returns.
    commit_sync(consumed_offsets(), std::min(kCloseTimeout, config_.default_api_timeout));
    return;
  }
  leave_group("the consumer is being closed");
  state_ = MemberState::Stopped;
  closed_ = true;
}

void Consumer::on_message(Message& m) {
  if (handle_client_message(m)) return;
  auto it = pending_.find(m.correlation_id);
  if (it == pending_.end()) return;
  PendingRequest p = it->second;
  pending_.erase(it);
  if (state_ == MemberState::Stopped && p.kind != Pending::Commit) return;
  std::visit(
      [&](auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, FindCoordinatorResponse>)
          on_find_coordinator_response(body);
        if constexpr (std::is_same_v<T, JoinGroupResponse>) on_join_response(body);
        if constexpr (std::is_same_v<T, SyncGroupResponse>) on_sync_response(body);
        if constexpr (std::is_same_v<T, HeartbeatResponse>) on_heartbeat_response(body);
        if constexpr (std::is_same_v<T, OffsetCommitResponse>) on_commit_response(p, body);
        if constexpr (std::is_same_v<T, OffsetFetchResponse>) on_offset_fetch_response(body);
        if constexpr (std::is_same_v<T, ListOffsetsResponse>) on_list_offsets_response(body);
        if constexpr (std::is_same_v<T, FetchResponse>) on_fetch_response(p.node, body);
      },
      m.body);
}

void Consumer::on_timer(uint16_t kind, uint64_t arg) {
  switch (kind) {
    case kMetadataRefreshTimer:
      on_metadata_timer(arg);
      break;
    case kPoll:
      if (arg == poll_generation_ && !processing_ && !sync_commit_) poll();
      break;
    case kProcessRecord:
      if (arg == poll_generation_ && processing_) on_record_processed();
      break;
    case kCommitRetry:
      retry_sync_commit(arg);
      break;
    case kCommitDeadline:
      on_commit_deadline(arg);
      break;
    case kHeartbeat:
      heartbeat_tick();
      break;
    case kRetry:
      ensure_coordinator();
      break;
    case kRequestTimeout:
      on_request_timeout(static_cast<int32_t>(arg));
      break;
  }
}

void Consumer::on_metadata_updated() {
  if (state_ == MemberState::Stable) send_fetches();
}

void Consumer::on_crash() {
  // The process is gone: no LeaveGroup, no commit. The coordinator notices only when the
  // session times out (the point of the tweets lesson). Records of the last poll not yet
  // processed never will be by this process.
  if (processing_) interrupt_processing("the consumer crashed");
  state_ = MemberState::Stopped;
  pending_.clear();
  fetch_in_flight_.clear();
  partitions_.clear();
  reset_client_state();
}

void Consumer::on_restart() {
  // A new process: a new member (static members come back with the same group.instance.id).
  member_id_.clear();
  generation_ = -1;
  coordinator_ = -1;
  assignment_.clear();
  assignment_snapshot_.reset();
  closing_ = false;
  closed_ = false;
  processing_ = false;
  sync_commit_.reset();
  async_after_lookup_.reset();
  start();
}

// ---- Requests in flight and request.timeout.ms (NetworkClient) ----
// A request to a broker that crashed (or is cut off) never gets an answer, so the consumer gives
// up on it and recovers, as NetworkClient's request timeout and disconnect handling make a Java
// consumer do. JoinGroup and SyncGroup are parked by the coordinator, so they wait
// max.poll.interval.ms + 5 s (AbstractCoordinator's joinGroupTimeoutMs).

void Consumer::track(int32_t corr, PendingRequest p) {
  Duration timeout = config_.request_timeout;
  if (p.kind == Pending::Join || p.kind == Pending::Sync)
    timeout = std::max(timeout, config_.max_poll_interval + 5 * kSecond);
  pending_[corr] = p;
  set_timer(timeout, kRequestTimeout, static_cast<uint64_t>(corr));
}

void Consumer::on_request_timeout(int32_t corr) {
  auto it = pending_.find(corr);
  if (it == pending_.end()) return;  // answered in time
  const NodeId node = it->second.node;
  // NetworkClient disconnects on a request timeout: every other request in flight to that node
  // fails with it (DisconnectException), so they are handled now rather than one by one, and
  // answers still on their way (or held by a network cut) are never read.
  if (node >= 0) disconnect(node);
  connection_broke(node, corr, /*timed_out=*/true);
}

void Consumer::on_disconnected(NodeId peer) {
  // The broker's host reset the connection (its process crashed): NetworkClient.
  // processDisconnection fails every request in flight to it (ConsumerNetworkClient raises a
  // DisconnectException); a coordinator request's handler marks the coordinator unknown
  // (AbstractCoordinator.CoordinatorResponseHandler.onFailure), and so does the next
  // checkAndGetCoordinator when no request was in flight (client.isUnavailable(coordinator)).
  // The group is unchanged: the coordinator's process is gone, not the member.
  ClientNode::on_disconnected(peer);
  if (state_ == MemberState::Stopped && !closing_) return;
  connection_broke(peer, 0, /*timed_out=*/false);
  if (peer == coordinator_) coordinator_unknown("null", /*disconnected=*/true);
}

void Consumer::connection_broke(NodeId node, int32_t first, bool timed_out) {
  std::vector<int32_t> gone;
  if (first != 0) gone.push_back(first);
  for (const auto& [corr, q] : pending_)
    if (q.node == node && node >= 0 && corr != first) gone.push_back(corr);
  for (int32_t corr : gone) {
    auto o = pending_.find(corr);
    if (o == pending_.end()) continue;  // failed meanwhile, by an earlier one's handling
    PendingRequest q = o->second;
    pending_.erase(o);
    fail_request(q, timed_out);
  }
}

// AbstractCoordinator.markCoordinatorUnknown: client.disconnectAsync(oldCoordinator), so the
// requests in flight to the old coordinator fail now with a DisconnectException (a heartbeat
// lost in a network partition no longer blocks the next one for request.timeout.ms).
void Consumer::disconnect_coordinator(NodeId old) {
  std::vector<int32_t> gone;
  for (const auto& [corr, p] : pending_) {
    bool to_coordinator = p.kind != Pending::FindCoordinator && p.kind != Pending::ListOffsets &&
                          p.kind != Pending::Fetch;
    if (p.node == old && to_coordinator) gone.push_back(corr);
  }
  for (int32_t corr : gone) {
    auto it = pending_.find(corr);
    if (it == pending_.end()) continue;
    PendingRequest p = it->second;
    pending_.erase(it);
    fail_request(p, /*timed_out=*/false);
  }
}

void Consumer::fail_request(const PendingRequest& p, bool timed_out) {
  static constexpr std::string_view kNames[] = {"FindCoordinator", "JoinGroup", "SyncGroup",
                                                "Heartbeat", "OffsetCommit", "OffsetFetch",
                                                "ListOffsets", "Fetch", "LeaveGroup"};
  std::string_view request = kNames[static_cast<size_t>(p.kind)];
  if (timed_out) {
    TraceEvent e{.type = "consumer.request_timeout"};
    e.add("consumer", name()).add("group", config_.group_id);
    e.add("request", std::string(request));
    e.add("kafka_log", "Disconnecting from node " + std::to_string(p.node) + " due to request "
                       "timeout.");
    emit(e);
  }
  auto unblock_offsets = [&] {
    for (auto& [tp, ps] : partitions_)
      if (ps.position == kNoOffset) ps.fetching_offset = false;
  };
  // A DisconnectException carries no message: Kafka logs "cause: null. isDisconnected: true".
  auto coordinator_lost = [&] {
    if (timed_out) coordinator_unknown("request timed out");
    else coordinator_unknown("null", /*disconnected=*/true);
  };
  switch (p.kind) {
    case Pending::FindCoordinator:
      return ensure_coordinator();
    case Pending::Join:
    case Pending::Sync:
      state_ = MemberState::Unjoined;
      rejoin_needed_ = true;
      return coordinator_lost();
    case Pending::Heartbeat:
    case Pending::Leave:
      return coordinator_lost();
    case Pending::OffsetFetch:
      unblock_offsets();
      return coordinator_lost();
    case Pending::Commit:
      // A DisconnectException: retriable (ConsumerCoordinator.commitOffsetsSync retries it
      // after rediscovering the coordinator; an async commit just fails).
      coordinator_lost();
      return on_commit_request_failed(p);
    case Pending::ListOffsets:
      unblock_offsets();
      request_metadata_update();
      return send_fetches();
    case Pending::Fetch:
      fetch_in_flight_.erase(p.node);
      request_metadata_update();
      return send_fetches();
  }
}

}  // namespace ksim
