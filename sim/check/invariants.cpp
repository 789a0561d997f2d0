// Replication invariants checked on the trace as the run goes (see invariants.h). The rules are
// Kafka's: UnifiedLog.maybeIncrementHighWatermark (HW forward only, <= LEO), KIP-101/KIP-279
// (one leader per epoch, ISR logs agree below the HW), and the acks=all durability contract of
// Partition.checkEnoughReplicasReachOffset with clean elections (PartitionChangeBuilder).
#include "ksim/check/invariants.h"

#include <algorithm>
#include <climits>

#include "ksim/core/trace.h"

namespace ksim {
namespace {

constexpr int32_t kReadAll = INT32_MAX;

// The batches of `log` in [from, to), whole (the first may start before `from`), in place:
// valid until the log changes, which it does not while a check runs.
std::vector<const RecordBatch*> batches_in(const PartitionLog& log, Offset from, Offset to) {
  if (from >= to) return {};
  auto r = log.read_refs(from, kReadAll, to, true);
  if (!r) return {};
  std::vector<const RecordBatch*> out = std::move(r).value();
  std::erase_if(out, [to](const RecordBatch* b) { return b->base_offset >= to; });
  return out;
}

}  // namespace

std::string InvariantViolation::to_string() const {
  return "invariant " + invariant + " violated on " + tp.to_string() + " (broker " +
         std::to_string(broker) + ") at " + format_time(at) + ", seed " + std::to_string(seed) +
         ": " + detail;
}

uint64_t batch_fingerprint(const RecordBatch& b) {
  std::string bytes;
  for (int64_t v : {b.base_offset, int64_t{b.last_offset_delta}, int64_t{b.record_count},
                    int64_t{b.size_bytes}, int64_t{b.partition_leader_epoch}, b.first_timestamp,
                    b.producer_id, int64_t{b.base_sequence}}) {
    bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  for (const Record& r : b.records) {
    bytes += r.key.value_or("\x01null");
    bytes += '\0';
    bytes += r.value.value_or("\x01null");
    bytes += '\0';
  }
  return hash_bytes(0x636f6d6d6974ULL, bytes);
}

std::optional<Offset> first_disagreement(const PartitionLog& leader, const PartitionLog& follower,
                                         Offset from, Offset to) {
  from = std::max({from, leader.log_start_offset(), follower.log_start_offset()});
  if (from >= to) return std::nullopt;
  std::vector<const RecordBatch*> a = batches_in(leader, from, to);
  std::vector<const RecordBatch*> b = batches_in(follower, from, to);
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; i++)
    if (!(*a[i] == *b[i])) return std::max(from, std::min(a[i]->base_offset, b[i]->base_offset));
  if (a.size() != b.size()) {
    const RecordBatch& extra = a.size() > n ? *a[n] : *b[n];
    return std::max(from, extra.base_offset);
  }
  return std::nullopt;
}

std::optional<Offset> first_lost_committed(const CommittedLog& committed, const PartitionLog& log) {
  for (const auto& [base, c] : committed) {
    if (c.last_offset < log.log_start_offset()) continue;  // deleted by retention, not lost
    if (base >= log.log_end_offset()) return base;
    auto r = log.read(base, 1, log.log_end_offset(), true);
    if (!r || r.value().batches.empty()) return base;
    const RecordBatch& held = r.value().batches.front();
    if (held.base_offset != base || batch_fingerprint(held) != c.fingerprint) return base;
  }
  return std::nullopt;
}

InvariantChecker::InvariantChecker(Cluster& cluster, OnViolation on_violation)
    : cluster_(cluster),
      on_violation_(std::move(on_violation)),
      // A cluster's broker config is fixed at creation: read its defaults once.
      default_cleanup_policy_(config_string(cluster.broker_config().effective,
                                            "log.cleanup.policy")),
      default_min_isr_(config_string(cluster.broker_config().effective, "min.insync.replicas")),
      default_unclean_(config_string(cluster.broker_config().effective,
                                     "unclean.leader.election.enable")) {
  listener_ = cluster_.kernel().trace.add_listener(
      [this](Time t, const TraceEvent& e) { on_event(t, e); }, false);
}

InvariantChecker::~InvariantChecker() { cluster_.kernel().trace.remove_listener(listener_); }

void InvariantChecker::on_event(Time t, const TraceEvent& e) {
  if (violation_) return;
  const std::string_view type = e.type;  // compares lengths first: most events are skipped fast
  const bool hw = type == "partition.hw", role = type == "replica.role";
  const bool truncate = type == "replica.truncate", append = type == "log.append";
  if (type == "node.restart") {
    const std::string& node = e.string_field("node");
    for (const auto& b : cluster_.brokers())
      if (b->name() == node) forget_broker(b->broker_id());
    return;
  }
  if (!hw && !role && !truncate && !append) return;
  const std::string& topic = e.string_field("topic");
  if (!checked_topic(topic)) return;
  TopicPartition tp{topic, static_cast<int32_t>(e.int_field("partition", 0))};
  checks_++;
  const BrokerId broker = static_cast<BrokerId>(e.int_field("broker", kNoBroker));
  if (truncate) {
    last_hw_.erase({broker, tp});
    std::erase_if(agreed_to_, [&](const auto& kv) { return std::get<0>(kv.first) == tp; });
    auto committed = committed_to_.find(tp);
    bool below = committed != committed_to_.end() && e.int_field("to", 0) < committed->second;
    if (below && e.string_field("reason").starts_with("crash")) lost_unflushed_[tp].insert(broker);
    return;
  }
  if (role && e.string_field("role") == "leader") {
    check_leader_epoch(t, broker, tp, static_cast<LeaderEpoch>(e.int_field("leader_epoch", -1)));
    check_committed(t, broker, tp);
  }
  if (hw) check_hw(t, broker, tp, e.int_field("high_watermark", 0));
  if (hw || append) check_isr_agreement(t, tp);
}

bool InvariantChecker::checked_topic(const std::string& topic) const {
  // Compaction rewrites each replica's log on its own schedule, so batch-level agreement is not
  // an invariant for compacted topics (__consumer_offsets included).
  const TopicRegistration* t = cluster_.controller().topic(topic);
  if (t == nullptr) return false;
  auto policy = t->configs.find("cleanup.policy");
  const std::string& p = policy != t->configs.end() ? policy->second : default_cleanup_policy_;
  return p.find("compact") == std::string::npos;
}

void InvariantChecker::forget_broker(BrokerId broker) {
  std::erase_if(last_hw_, [&](const auto& kv) { return kv.first.broker == broker; });
  std::erase_if(agreed_to_, [&](const auto& kv) {
    return std::get<1>(kv.first) == broker || std::get<2>(kv.first) == broker;
  });
}

void InvariantChecker::check_hw(Time t, BrokerId broker, const TopicPartition& tp, Offset hw) {
  const Broker* b = cluster_.broker(broker);
  const Partition* p = b != nullptr ? b->partition(tp) : nullptr;
  if (p == nullptr) return;
  if (hw > p->log().log_end_offset()) {
    return fail(t, "hw-le-leo", tp, broker,
                "high watermark " + std::to_string(hw) + " is above the log end offset " +
                    std::to_string(p->log().log_end_offset()));
  }
  auto [it, fresh] = last_hw_.try_emplace({broker, tp}, hw);
  if (!fresh && hw < it->second) {
    return fail(t, "hw-monotonic", tp, broker,
                "high watermark moved back from " + std::to_string(it->second) + " to " +
                    std::to_string(hw) + " without a truncation");
  }
  it->second = hw;
  if (p->role() == ReplicaRole::Leader && durability_applies(tp)) record_committed(tp, p->log());
}

void InvariantChecker::check_leader_epoch(Time t, BrokerId broker, const TopicPartition& tp,
                                          LeaderEpoch epoch) {
  auto [it, fresh] = epoch_leader_.try_emplace({tp, epoch}, broker);
  if (!fresh && it->second != broker) {
    fail(t, "one-leader-per-epoch", tp, broker,
         "broker " + std::to_string(broker) + " became leader in epoch " + std::to_string(epoch) +
             ", which broker " + std::to_string(it->second) + " already led");
  }
}

void InvariantChecker::check_isr_agreement(Time t, const TopicPartition& tp) {
  const TopicRegistration* topic = cluster_.controller().topic(tp.topic);
  if (topic == nullptr || tp.partition >= static_cast<int32_t>(topic->partitions.size())) return;
  const PartitionRegistration& reg = topic->partitions[static_cast<size_t>(tp.partition)];
  const Broker* lb = cluster_.broker(reg.leader);
  const Partition* leader = lb != nullptr && lb->is_up() ? lb->partition(tp) : nullptr;
  if (leader == nullptr || leader->role() != ReplicaRole::Leader ||
      leader->leader_epoch() != reg.leader_epoch)
    return;  // the new leader has not heard of its election yet
  const Offset hw = leader->log().high_watermark();
  for (BrokerId f : reg.isr) {
    const Broker* fb = cluster_.broker(f);
    if (f == reg.leader || fb == nullptr || !fb->is_up()) continue;
    const Partition* follower = fb->partition(tp);
    // Only a follower that knows the current epoch: a restarted broker's log is not its ISR
    // member's until the controller has re-admitted it (KIP-903).
    if (follower == nullptr || follower->role() != ReplicaRole::Follower ||
        follower->leader_epoch() != reg.leader_epoch)
      continue;
    const Offset leo = follower->log().log_end_offset();
    if (leo < hw) {
      return fail(t, "isr-log-agreement", tp, f,
                  "ISR member's log ends at " + std::to_string(leo) + ", below leader " +
                      std::to_string(reg.leader) + "'s high watermark " + std::to_string(hw));
    }
    Offset& from = agreed_to_[{tp, reg.leader, f}];
    if (auto bad = first_disagreement(leader->log(), follower->log(), from, hw)) {
      return fail(t, "isr-log-agreement", tp, f,
                  "ISR member's log differs from leader " + std::to_string(reg.leader) +
                      "'s at offset " + std::to_string(*bad) + " (below the HW " +
                      std::to_string(hw) + ")");
    }
    from = std::max(from, hw);
  }
}

bool InvariantChecker::durability_applies(const TopicPartition& tp) const {
  const TopicRegistration* t = cluster_.controller().topic(tp.topic);
  if (t == nullptr) return false;
  auto value = [&](const std::string& key, const std::string& fallback) -> const std::string& {
    auto it = t->configs.find(key);
    return it != t->configs.end() ? it->second : fallback;
  };
  const int64_t min_isr = std::stoll(value("min.insync.replicas", default_min_isr_));
  if (min_isr < 2 || value("unclean.leader.election.enable", default_unclean_) == "true")
    return false;
  // A crash that loses unflushed data on min.insync.replicas replicas can lose committed data
  // in Kafka too (it relies on replication, not fsync): outside the guarantee.
  auto lost = lost_unflushed_.find(tp);
  return lost == lost_unflushed_.end() || static_cast<int64_t>(lost->second.size()) < min_isr;
}

void InvariantChecker::record_committed(const TopicPartition& tp, const PartitionLog& log) {
  Offset& to = committed_to_[tp];
  const Offset hw = log.high_watermark();
  if (hw <= to) return;
  CommittedLog& committed = committed_[tp];
  for (const RecordBatch* b : batches_in(log, to, hw)) {
    if (b->base_offset < to && committed.count(b->base_offset)) continue;
    committed[b->base_offset] = {.last_offset = b->last_offset(),
                                 .epoch = b->partition_leader_epoch,
                                 .fingerprint = batch_fingerprint(*b)};
  }
  to = hw;
}

void InvariantChecker::check_committed(Time t, BrokerId broker, const TopicPartition& tp) {
  if (!durability_applies(tp)) return;
  auto committed = committed_.find(tp);
  const Broker* b = cluster_.broker(broker);
  const Partition* p = b != nullptr ? b->partition(tp) : nullptr;
  if (committed == committed_.end() || p == nullptr) return;
  if (auto lost = first_lost_committed(committed->second, p->log())) {
    fail(t, "committed-not-lost", tp, broker,
         "the new leader (epoch " + std::to_string(p->leader_epoch()) +
             ") lacks the committed batch at offset " + std::to_string(*lost) +
             " (acks=all acknowledged it; min.insync.replicas >= 2, unclean election off)");
  }
}

void InvariantChecker::fail(Time t, std::string invariant, const TopicPartition& tp,
                            BrokerId broker, std::string detail) {
  violation_ = InvariantViolation{.invariant = std::move(invariant), .tp = tp, .broker = broker,
                                  .at = t, .seed = cluster_.seed(), .detail = std::move(detail)};
  if (on_violation_) on_violation_(*violation_);
}

std::shared_ptr<InvariantChecker> install_invariant_checker(Cluster& cluster,
                                                            InvariantChecker::OnViolation f) {
  auto checker = std::make_shared<InvariantChecker>(cluster, std::move(f));
  cluster.add_observer(checker);
  return checker;
}

}  // namespace ksim
