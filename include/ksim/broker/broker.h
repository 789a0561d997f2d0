#pragma once
// A Kafka broker: the replica manager (partitions it leads or follows, produce with acks and
// min.insync.replicas, fetch with long polling, replica fetchers), the metadata cache it serves
// clients from, and the group coordinator of the __consumer_offsets partitions it leads.
// Follows kafka.server.{KafkaApis, ReplicaManager, ReplicaFetcherThread, MetadataCache}.
// [SECTION] index of the implementation files:
//   broker.cpp          construction, dispatch, controller heartbeats, metadata, crash/restart
//   broker_produce.cpp  Produce, DelayedProduce
//   broker_fetch.cpp    Fetch (consumers and followers), DelayedFetch, ListOffsets
//   replica_fetcher.cpp follower fetching, truncation by diverging epoch, ISR proposals
//   group_host.cpp      FindCoordinator and the group APIs through the pure coordinator
//   producer_ids.cpp    InitProducerId, producer id blocks, idle producer expiry
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "ksim/broker/broker_config.h"
#include "ksim/broker/partition.h"
#include "ksim/core/node.h"
#include "ksim/group/group_coordinator.h"

namespace ksim {

class Broker final : public Node {
 public:
  Broker(Kernel& kernel, BrokerId id, const BrokerConfig& config, NodeId controller,
         std::string rack);
  ~Broker() override;

  BrokerId broker_id() const { return broker_id_; }
  const std::string& rack() const { return rack_; }
  const BrokerConfig& config() const { return config_; }
  const std::map<TopicPartition, Partition>& partitions() const { return partitions_; }
  const Partition* partition(const TopicPartition& tp) const;
  const UpdateMetadataRequest& metadata_image() const { return metadata_; }
  const group::GroupCoordinator& group_coordinator() const { return *groups_; }
  // The __consumer_offsets partition of a group (GroupCoordinatorService.partitionFor).
  int32_t offsets_partition_for(const std::string& group_id) const;
  // When set before a crash, records not yet flushed (flush.messages/flush.ms) are lost: each
  // log is truncated to its recovery point (a `replica.truncate` with reason "crash: ...").
  // The flag applies to the next crash only.
  void set_lose_unflushed_on_crash(bool lose) { lose_unflushed_on_crash_ = lose; }
  // Controlled shutdown (KRaft BrokerLifecycleManager): heartbeats carry want_shut_down; the
  // controller moves leadership away and answers should_shut_down, and the broker then stops
  // (as a crash that keeps its logs). Restart it with restart().
  void begin_controlled_shutdown();
  bool shutting_down() const { return shutting_down_; }

 protected:
  void on_message(Message& message) override;
  void on_timer(uint16_t kind, uint64_t arg) override;
  void on_crash() override;
  void on_restart() override;
  void on_disconnected(NodeId peer) override;

 private:
  enum TimerKind : uint16_t {
    kControllerHeartbeat = 1,
    kDelayedProduceExpiry = 2,
    kDelayedFetchExpiry = 3,
    kFetcherBackoff = 4,
    kIsrExpiration = 5,
    kGroupTimer = 6,
    kRetentionCheck = 7,
    kAlterPartitionTimeout = 8,
    kProducerIdExpiration = 9,
    kProducerIdBlockRetry = 10,
    kFetchRequestTimeout = 11,
  };
  struct DelayedProduce;
  struct DelayedFetch;
  using DelayedFetchMap = std::map<uint64_t, std::unique_ptr<DelayedFetch>>;
  struct FetcherState;

  void handle(Message& m, MetadataRequest& r);
  void handle(Message& m, LeaderAndIsrRequest& r);
  void handle(Message& m, UpdateMetadataRequest& r);
  void handle(Message& m, ProduceRequest& r);
  void handle(Message& m, FetchRequest& r);
  void handle(Message& m, ListOffsetsRequest& r);
  void handle(Message& m, FetchResponse& r);
  void handle(Message& m, AlterPartitionResponse& r);
  void handle(Message& m, BrokerHeartbeatResponse& r);
  void handle(Message& m, InitProducerIdRequest& r);          // producer_ids.cpp
  void handle(Message& m, AllocateProducerIdsResponse& r);
  void handle_group_message(Message& m);

  Partition& ensure_partition(const TopicPartition& tp);
  bool topic_in_metadata(const std::string& topic) const;
  void remove_deleted_topics();
  // The replica of tp here, or nullptr. Through partition_index_ (const: only the memo moves).
  Partition* find_partition(const TopicPartition& tp) const;
  [[gnu::noinline]] Partition* find_partition_slow(const TopicPartition& tp) const;
  // The topic's log config: broker log.* defaults and the topic's overrides in metadata_.
  // Cached per topic until metadata_ changes.
  const LogConfig& topic_log_config(const std::string& topic) const;
  void send_alter_partition(Partition& p, std::vector<BrokerId> isr);
  void expire_alter_partition(int32_t correlation_id);
  void send_controller_heartbeat();
  void maybe_flush(Partition& p);
  void lose_unflushed_data();
  void trace_truncate(const Partition& p, Offset from, std::string_view reason);
  void on_high_watermark_moved(const TopicPartition& tp);
  void on_log_appended(const TopicPartition& tp);

  // Produce path.
  // Moves d.batch's records into the log (its counts and offsets stay readable in d).
  ProducePartitionResponse append_to_leader(ProducePartitionData& d, int16_t acks);
  void try_complete_produces();
  void expire_produce(uint64_t id);
  // Fetch path.
  // Leaves the result's tp empty: the caller fills it (moving it out of a request it is done
  // with spares an allocation per partition of every fetch).
  FetchPartitionData read_partition(const FetchPartition& fp, int32_t replica_id);
  // `moved`: the partition whose LEO or HW just moved, if that is why we try (checked first).
  bool try_complete_fetch(DelayedFetch& f, bool force, const TopicPartition* moved = nullptr);
  DelayedFetchMap::node_type take_fetch_node();  // from spare_fetches_, or a new one
  bool fetch_satisfiable(const FetchRequest& r, const TopicPartition* moved);
  // fetch_satisfiable's test of one partition: true when it alone completes the fetch.
  bool partition_satisfies(const FetchRequest& r, const FetchPartition& fp) const;
  // Every waiting fetch (after role changes), or only those watching tp (after its LEO or HW
  // moved): Kafka's DelayedOperationPurgatory keyed by partition.
  void try_complete_fetches();
  void try_complete_fetches(const TopicPartition& tp);
  // Replica fetchers (one per source broker: num.replica.fetchers = 1).
  void update_fetchers();
  void send_replica_fetch(BrokerId leader);
  void expire_replica_fetch(uint64_t arg);  // kFetchRequestTimeout: leader << 32 | corr
  void process_follower_data(Partition& p, FetchPartitionData& d);
  void check_isr_expiration();
  // Groups (group_host.cpp). `partition` is the __consumer_offsets partition of the step's
  // group: its records are appended there and its responses wait for their commit.
  void apply_group_effects(group::GroupEffects effects, int32_t partition);
  void load_group_partition(int32_t partition);    // became leader: replay the log
  void unload_group_partition(int32_t partition);  // stopped leading: forget its groups
  void release_group_responses(int32_t partition);  // the partition's HW moved
  template <typename Request>
  void send_not_coordinator(const Message& m, const Request& req);
  NodeId broker_node(BrokerId id) const;
  void trace_hw(const Partition& p);

  const BrokerId broker_id_;
  const BrokerConfig config_;
  const NodeId controller_;
  const std::string rack_;
  bool lose_unflushed_on_crash_ = false;
  bool shutting_down_ = false;
  int64_t registration_epoch_ = 0;  // bumped on every (re)start: KIP-903's broker epoch
  std::map<TopicPartition, Partition> partitions_;
  std::map<std::string, std::vector<Partition*>, std::less<>> partition_index_;  // by topic
  // The last topic find_partition looked up (requests name one topic many times in a row);
  // end() when unset. Reset when an index entry is erased.
  mutable decltype(partition_index_)::const_iterator index_memo_ = partition_index_.end();
  mutable std::map<std::string, LogConfig, std::less<>> log_configs_;  // topic_log_config's
  UpdateMetadataRequest metadata_;
  std::map<BrokerId, NodeId> broker_nodes_;
  std::map<uint64_t, std::unique_ptr<DelayedProduce>> delayed_produces_;
  DelayedFetchMap delayed_fetches_;
  // Map nodes of completed fetches (with their DelayedFetch), reused by the next fetches: most
  // fetches wait, and allocating two blocks for each showed in profiles.
  static constexpr size_t kSpareFetches = 16;
  std::vector<DelayedFetchMap::node_type> spare_fetches_;
  // Fetch ids waiting on each partition (stale ids are skipped). Lookup-only, never iterated,
  // so ordered by partition number, then name length, then name: most comparisons then skip
  // the string compare.
  struct PartitionFirst {
    bool operator()(const TopicPartition& a, const TopicPartition& b) const;  // broker_internal.h
  };
  std::map<TopicPartition, std::vector<uint64_t>, PartitionFirst> fetch_watchers_;
  uint64_t next_delayed_id_ = 1;
  std::map<BrokerId, std::unique_ptr<FetcherState>> fetchers_;
  std::map<int32_t, TopicPartition> pending_alters_;  // correlation id -> partition
  // RPCProducerIdManager: the block of producer ids being handed out, the next one fetched
  // ahead, and whether a fetch from the controller is under way.
  struct ProducerIdBlock {
    ProducerId next = 0;
    ProducerId end = 0;  // exclusive
    int32_t length = 0;
  };
  std::optional<ProducerIdBlock> producer_ids_, next_producer_ids_;
  bool producer_ids_in_flight_ = false;
  int32_t producer_ids_correlation_ = 0;
  void maybe_request_producer_id_block();
  void on_producer_id_block_timer(uint64_t arg);  // arg: timed-out correlation id, or 0
  void expire_producers();
  std::unique_ptr<group::GroupCoordinator> groups_;
  std::shared_ptr<Rng> group_uuid_rng_;               // kept across restarts (member ids)
  std::map<uint64_t, Message> group_requests_;        // RequestHandle -> request awaiting answer
  uint64_t next_group_handle_ = 1;
  std::map<uint64_t, group::TimerKey> group_timers_;  // timer arg -> key
  std::map<group::TimerKey, uint64_t> group_timer_latest_;  // key -> arg of the armed timer
  uint64_t next_group_timer_ = 1;
  struct HeldGroupResponses {  // a write's responses, sent when the HW reaches `required`
    Offset required = 0;
    std::vector<std::pair<Message, group::GroupResponse>> responses;
  };
  std::map<int32_t, std::deque<HeldGroupResponses>> held_group_responses_;  // by partition
};

}  // namespace ksim
