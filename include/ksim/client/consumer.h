#pragma once
// A Kafka consumer in a classic group: FindCoordinator, JoinGroup (two steps, KIP-394), the
// leader running the assignor client-side, SyncGroup, a heartbeat "thread" every
// heartbeat.interval.ms, max.poll.interval.ms enforcement (LeaveGroup for dynamic members),
// eager or cooperative rebalancing (KIP-429), OffsetFetch and auto.offset.reset, fetching with
// fetch.min.bytes/fetch.max.wait.ms, a poll loop with max.poll.records and per-record
// processing time, and commits (auto-commit, or commitSync before/after processing, retried on
// retriable errors until default.api.timeout.ms as ConsumerCoordinator.commitOffsetsSync does).
// Follows KafkaConsumer (classic), ConsumerCoordinator, AbstractCoordinator and Fetcher.
// [SECTION] consumer.cpp: lifecycle, poll loop, request timeouts;
//           consumer_processing.cpp: the application's processing of polled records;
//           consumer_group.cpp: group membership;
//           consumer_fetch.cpp: positions and fetching;
//           consumer_commit.cpp: commits (async, auto, and commitSync with its retries).
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ksim/assign/subscription.h"
#include "ksim/client/client_node.h"
#include "ksim/client/consumer_config.h"

namespace ksim {

// One record as the application received it from poll() (the history a checker reads).
struct ConsumedRecord {
  TopicPartition tp;
  Offset offset = 0;
  std::optional<std::string> key;
  std::optional<std::string> value;
  Time polled_at = 0;
  GenerationId generation = -1;
  // When the application finished processing it (docs/delivery-checker.md); -1: not processed
  // (still in processing, interrupted by a crash, or dropped after a failed commit-before).
  Time processed_at = -1;
};

struct ConsumerOptions {                      // not Kafka settings: the application's behaviour
  std::vector<std::string> topics;            // subscribe(topics)
  Duration processing_per_record = 0;
  Duration processing_per_poll = 0;
  Duration poll_timeout = 100 * kMillisecond;  // poll(Duration.ofMillis(100))
  CommitStrategy commit = CommitStrategy::Auto;
};

enum class MemberState { Unjoined, Joining, Syncing, Stable, Stopped };
std::string_view member_state_name(MemberState s);

class Consumer final : public ClientNode {
 public:
  Consumer(Kernel& kernel, std::string name, ConsumerConfig config, ConsumerOptions options,
           std::map<BrokerId, NodeId> bootstrap);

  const ConsumerConfig& config() const { return config_; }
  const ConsumerOptions& options() const { return options_; }
  MemberState state() const { return state_; }
  const std::string& member_id() const { return member_id_; }
  GenerationId generation_id() const { return generation_; }
  const std::vector<TopicPartition>& assignment() const { return assignment_; }
  // Next offset poll() will return for tp (kNoOffset while unknown).
  Offset position(const TopicPartition& tp) const;
  // Every record poll() returned, in order, with when it was processed (if it was).
  const std::vector<ConsumedRecord>& consumed() const { return consumed_; }
  // Records of the last poll still being processed (0 when the application is idle).
  int64_t in_processing() const;
  bool closed() const { return closed_; }
  Time last_poll() const { return last_poll_; }

  // close(): commits (auto-commit), sends LeaveGroup (dynamic members) and stops.
  void close();
  // The application stops calling poll() for `duration` (a stuck or slow processing loop).
  void stall_poll(Duration duration);
  // Changes the processing time per record from now on.
  void set_processing_per_record(Duration d) { options_.processing_per_record = d; }

 protected:
  void on_message(Message& message) override;
  void on_timer(uint16_t kind, uint64_t arg) override;
  void on_crash() override;
  void on_restart() override;
  void on_metadata_updated() override;
  void on_disconnected(NodeId peer) override;

 private:
  enum TimerKind : uint16_t {
    kPoll = 1,          // the application calls poll()
    kHeartbeat = 2,
    kRetry = 3,         // retry coordinator lookup / join after a backoff
    kProcessRecord = 4,   // arg: poll generation; the next record (or the batch) is processed
    kRequestTimeout = 5,  // arg: correlation id (request.timeout.ms)
    kCommitRetry = 6,     // arg: sync commit id; retry.backoff.ms after a retriable error
    kCommitDeadline = 7,  // arg: sync commit id; default.api.timeout.ms after commitSync()
  };
  enum class Pending { FindCoordinator, Join, Sync, Heartbeat, Commit, OffsetFetch, ListOffsets,
                       Fetch, Leave };
  struct PendingRequest {
    Pending kind;
    NodeId node = -1;
    GenerationId generation = -1;
    uint64_t sync_commit = 0;   // OffsetCommit of this commitSync() call (0: async)
    std::map<TopicPartition, Offset> commit_offsets;  // OffsetCommit: what was asked for
  };
  // A commitSync() in progress (ConsumerCoordinator.commitOffsetsSync): the same offsets are
  // sent again after retriable errors until the deadline; the poll loop waits for it.
  struct SyncCommit {
    uint64_t id = 0;
    std::map<TopicPartition, Offset> offsets;
    Time deadline = 0;            // the call's start + default.api.timeout.ms
    Duration timeout = 0;
    bool in_flight = false;       // an OffsetCommit of this call awaits its answer
    bool backoff = false;         // waiting retry.backoff.ms before the next attempt
  };
  enum class CommitOutcome { Ok, Failed, TimedOut };
  // KafkaConsumer.DEFAULT_CLOSE_TIMEOUT_MS: close() waits this long for its commit.
  static constexpr Duration kCloseTimeout = 30 * kSecond;
  struct PartitionState {
    Offset position = kNoOffset;
    bool fetching_offset = false;
    std::deque<ConsumedRecord> buffer;
  };

  // consumer.cpp: in-flight requests and request.timeout.ms (NetworkClient).
  void track(int32_t corr, PendingRequest p);
  void on_request_timeout(int32_t corr);
  // The connection to `node` broke (NetworkClient.cancelInFlightRequests): every request in
  // flight to it fails now, `first` (a correlation id, or 0) first. After a request timeout
  // each is traced as timed out; after a reset, as disconnected.
  void connection_broke(NodeId node, int32_t first, bool timed_out);
  void fail_request(const PendingRequest& p, bool timed_out);
  void disconnect_coordinator(NodeId old);
  // consumer.cpp: the poll loop.
  void start();
  void poll();
  void schedule_poll(Duration after);
  void after_processing();
  void deliver(std::vector<ConsumedRecord> records);
  // consumer_processing.cpp: the application's processing of a poll's records.
  void start_processing();
  void on_record_processed();
  void trace_batch(std::string_view type, size_t from, size_t to, std::string_view reason);
  void interrupt_processing(std::string_view reason);
  // consumer_group.cpp: membership.
  void ensure_coordinator();
  void send_join();
  void on_join_response(JoinGroupResponse& r);
  void on_sync_response(SyncGroupResponse& r);
  void on_heartbeat_response(HeartbeatResponse& r);
  void on_find_coordinator_response(FindCoordinatorResponse& r);
  std::map<std::string, ConsumerAssignment> run_assignor(const JoinGroupResponse& r);
  // The leader's MetadataSnapshot: partitions per topic of the group's subscription.
  std::map<std::string, int32_t> metadata_snapshot() const;
  // ConsumerCoordinator.rejoinNeededOrPending: the leader rejoins when the metadata it
  // assigned from has changed (a subscribed topic appeared or gained partitions).
  void check_assignment_snapshot();
  void heartbeat_tick();
  void request_rejoin(std::string_view reason);
  void prepare_join();
  void revoke(std::vector<TopicPartition> partitions, std::string_view how);
  void assign(const std::vector<TopicPartition>& partitions);
  void reset_generation(bool reset_member_id, std::string_view reason);
  // AbstractCoordinator.markCoordinatorUnknown; `disconnected`: the connection to it broke.
  void coordinator_unknown(std::string_view reason, bool disconnected = false);
  void leave_group(std::string_view reason);
  bool cooperative() const;
  // consumer_fetch.cpp: offsets, fetches, commits.
  void fetch_committed_offsets();
  void on_offset_fetch_response(OffsetFetchResponse& r);
  void reset_offsets(const std::vector<TopicPartition>& tps);
  void on_list_offsets_response(ListOffsetsResponse& r);
  void send_fetches();
  void on_fetch_response(NodeId from, FetchResponse& r);
  std::map<TopicPartition, Offset> consumed_offsets() const;
  void commit(bool sync, std::string_view why);
  // consumer_commit.cpp: commitSync's retries and its end.
  void commit_sync(std::map<TopicPartition, Offset> offsets, Duration timeout);
  void send_sync_commit();
  void send_async_commit(std::map<TopicPartition, Offset> offsets);
  void on_commit_response(const PendingRequest& p, OffsetCommitResponse& r);
  void on_commit_request_failed(const PendingRequest& p);
  void retry_sync_commit(uint64_t id);
  void on_commit_deadline(uint64_t id);
  void finish_sync_commit(CommitOutcome outcome, std::string_view why);
  void trace_member(std::string_view type, std::string_view kafka_log);

  ConsumerConfig config_;
  ConsumerOptions options_;
  MemberState state_ = MemberState::Unjoined;
  std::string member_id_;
  GenerationId generation_ = -1;
  std::string protocol_;
  NodeId coordinator_ = -1;
  std::vector<TopicPartition> assignment_;
  std::map<TopicPartition, PartitionState> partitions_;
  std::map<int32_t, PendingRequest> pending_;      // by correlation id
  std::set<NodeId> fetch_in_flight_;
  std::vector<ConsumedRecord> consumed_;
  bool rejoin_needed_ = true;
  // Set while this member is the leader: the group's topics and, per topic known then, its
  // partition count when it assigned (assignmentSnapshot), with the metadata version.
  std::set<std::string> snapshot_topics_;
  std::optional<std::map<std::string, int32_t>> assignment_snapshot_;
  uint64_t assignment_snapshot_version_ = 0;
  bool closed_ = false;
  bool closing_ = false;
  bool in_poll_wait_ = false;       // the application is blocked in poll() waiting for records
  bool processing_ = false;         // the application is processing the last poll's records
  size_t batch_begin_ = 0, batch_next_ = 0, batch_end_ = 0;  // that batch in consumed_
  std::optional<SyncCommit> sync_commit_;
  uint64_t sync_commit_ids_ = 0;
  // commitAsync() while the coordinator is unknown: sent once it is found (the pending async
  // commits of ConsumerCoordinator.commitOffsetsAsync).
  std::optional<std::map<TopicPartition, Offset>> async_after_lookup_;
  Time last_poll_ = 0;
  Time next_auto_commit_ = 0;
  Time last_heartbeat_ack_ = 0;
  Time stalled_until_ = 0;
  uint64_t poll_generation_ = 0;
  std::optional<StickyUserData> assignor_user_data_;  // echoed on the next join (sticky)
};

}  // namespace ksim
