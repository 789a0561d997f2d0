// The delivery-semantics checker (see anomalies.h and docs/delivery-checker.md). Each anomaly
// is computed from the producers' sends, the consumers' polls, the replicas' logs and the
// History's seeks; values identify records ("<producer>-<id>", unique per run).
#include "ksim/check/anomalies.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <variant>

namespace ksim {

const std::vector<std::string_view> kAnomalyNames = {
    "lost-write", "unseen", "duplicate", "inconsistent-offsets", "poll-skip",
    "nonmonotonic-poll", "nonmonotonic-send", "reordering", "aborted-read"};

int64_t AnomalyReport::count(std::string_view anomaly) const {
  auto it = counts.find(std::string(anomaly));
  return it == counts.end() ? 0 : it->second;
}

namespace {

using Key = std::pair<int32_t, Offset>;  // partition, offset
// A record as the group sees it: its value, or its offset in a run without payloads.
// A record's payload, or its position when it has none. Views into the clients' own records,
// which outlive the check (a checker never changes them).
using DeliveryKey = std::variant<std::string_view, Key>;

// Who polled (or processed) each record, and when.
struct Deliveries {
  std::map<DeliveryKey, std::vector<std::pair<const std::string*, Time>>> by_key;
  void add(Key k, const ConsumedRecord& rec, const std::string& consumer, Time at) {
    by_key[rec.value ? DeliveryKey{*rec.value} : DeliveryKey{k}].emplace_back(&consumer, at);
  }
};

std::string at_text(const std::string& topic, Key k) {
  return topic + "-" + std::to_string(k.first) + "@" + std::to_string(k.second);
}

// One partition's readable records on the current leader: [log start, HW).
struct LeaderView {
  const PartitionLog* log = nullptr;
  std::map<Offset, std::string> values;  // records that carry a value
  std::set<Offset> offsets;              // every record, with or without payload
};

class Checker {
 public:
  Checker(const History& h, const std::string& topic, const std::string& group)
      : h_(h), c_(h.cluster()), topic_(topic), group_(group) {
    r_.topic = topic;
    r_.group = group;
    for (std::string_view name : kAnomalyNames) r_.counts[std::string(name)] = 0;
  }

  AnomalyReport run() {
    load_logs();
    index_sends();
    check_sends();
    check_log_order();
    check_replicas();
    check_polls();
    r_.not_checked["aborted-read"] = "transactions are not modelled";
    if (!payloads_) {
      for (const char* n : {"duplicate", "reordering"})
        r_.not_checked.try_emplace(n, "the run carries no payloads (values)");
    }
    if (group_.empty()) {
      for (const char* n : {"unseen", "poll-skip", "nonmonotonic-poll"})
        r_.not_checked.try_emplace(n, "no consumer group named");
    }
    for (const auto& [reason, n] : excused_)
      r_.excused.push_back({.anomaly = reason.first, .reason = reason.second, .count = n});
    return std::move(r_);
  }

 private:
  void found(const std::string& anomaly, Time at, std::string detail) {
    int64_t& n = r_.counts[anomaly];
    n++;
    if (static_cast<size_t>(std::count_if(r_.findings.begin(), r_.findings.end(),
                                          [&](const AnomalyFinding& f) {
                                            return f.anomaly == anomaly;
                                          })) < AnomalyReport::kMaxFindings)
      r_.findings.push_back({.anomaly = anomaly, .at = at, .detail = std::move(detail)});
  }
  void excuse(const std::string& anomaly, const std::string& reason) {
    excused_[{anomaly, reason}]++;
  }

  void load_logs() {
    const TopicRegistration* t = c_.controller().topic(topic_);
    if (t == nullptr) return;
    partitions_ = static_cast<int32_t>(t->partitions.size());
    for (int32_t p = 0; p < partitions_; p++) {
      LeaderView& v = logs_[p];
      const Partition* part = c_.leader_partition({topic_, p});
      if (part == nullptr) {
        r_.not_checked.try_emplace("lost-write", "partition " + topic_ + "-" +
                                                     std::to_string(p) + " has no leader");
        continue;
      }
      v.log = &part->log();
      compacted_ = compacted_ || v.log->config().compact();
      const Offset start = v.log->log_start_offset(), hw = v.log->high_watermark();
      v.log->for_each_batch([&](const RecordBatch& b) {
        for (int32_t i = 0; i < b.record_count; i++) {
          Offset o = b.base_offset + (b.has_payloads() ? b.records[static_cast<size_t>(i)]
                                                              .offset_delta
                                                       : i);
          if (o < start || o >= hw) continue;
          v.offsets.insert(o);
          if (b.has_payloads() && b.records[static_cast<size_t>(i)].value)
            v.values[o] = *b.records[static_cast<size_t>(i)].value;
        }
      });
    }
  }

  void index_sends() {
    for (const auto& p : c_.producers()) {
      for (const SendRecord& s : p->records()) {
        if (s.tp.topic != topic_) continue;
        r_.stats.sends++;
        r_.stats.acked += s.outcome == SendOutcome::Acked;
        r_.stats.failed += s.outcome == SendOutcome::Failed;
        r_.stats.unknown += s.outcome == SendOutcome::Unknown;
        r_.stats.pending += s.outcome == SendOutcome::Pending;
        if (!s.payloads) payloads_ = false;
        else sends_by_value_[s.value] = &s;
        producer_of_[&s] = p->name();
      }
    }
  }

  // lost-write, nonmonotonic-send; prepares unseen.
  void check_sends() {
    if (compacted_) {
      r_.not_checked["lost-write"] = "compaction removes records on purpose";
      r_.not_checked["unseen"] = "compaction removes records on purpose";
    }
    for (const auto& p : c_.producers()) {
      // Successive acknowledged sends of one producer to one partition (Jepsen's
      // nonmonotonic-send): each pair that goes backwards counts once.
      std::map<int32_t, std::pair<Offset, int64_t>> previous;  // partition -> offset, send id
      for (const SendRecord& s : p->records()) {
        if (s.tp.topic != topic_ || s.outcome != SendOutcome::Acked || s.offset < 0) continue;
        auto [it, first] = previous.try_emplace(s.tp.partition, s.offset, s.id);
        if (!first && s.offset < it->second.first) {
          found("nonmonotonic-send", s.acked_at,
                p->name() + " send #" + std::to_string(s.id) + " acked at " +
                    at_text(topic_, {s.tp.partition, s.offset}) + ", below its previous send #" +
                    std::to_string(it->second.second) + " at offset " +
                    std::to_string(it->second.first));
        }
        it->second = {s.offset, s.id};
        if (!compacted_) check_acked_readable(*p, s);
      }
    }
  }

  void check_acked_readable(const Producer& p, const SendRecord& s) {
    auto lv = logs_.find(s.tp.partition);
    if (lv == logs_.end() || lv->second.log == nullptr) return;
    const PartitionLog& log = *lv->second.log;
    if (s.offset < log.log_start_offset()) {
      excuse("lost-write", "removed by retention or DeleteRecords (below the log start)");
      gone_.insert(&s);
      return;
    }
    if (s.offset >= log.high_watermark()) {
      excuse("lost-write", "not readable yet (at or above the high watermark)");
      gone_.insert(&s);
      return;
    }
    if (!s.payloads) return;
    auto v = lv->second.values.find(s.offset);
    if (v != lv->second.values.end() && v->second == s.value) return;
    gone_.insert(&s);
    found("lost-write", s.acked_at,
          p.name() + " send #" + std::to_string(s.id) + " (" + s.value + ") acked at " +
              at_text(topic_, {s.tp.partition, s.offset}) + " at " + format_time(s.acked_at) +
              "; the offset now holds " +
              (v == lv->second.values.end() ? std::string("nothing") : v->second));
  }

  // duplicate (in the log) and reordering, from each leader's log in offset order.
  void check_log_order() {
    if (!payloads_) return;
    for (const auto& [p, view] : logs_) {
      std::map<std::string, Offset> first_at;
      std::map<std::string, std::pair<int64_t, Offset>> max_id;  // producer -> id, offset
      for (const auto& [o, value] : view.values) {
        auto [seen, fresh] = first_at.try_emplace(value, o);
        if (!fresh) {
          found("duplicate", c_.now(),
                value + " written twice: " + at_text(topic_, {p, seen->second}) + " and @" +
                    std::to_string(o));
          continue;
        }
        auto send = sends_by_value_.find(value);
        if (send == sends_by_value_.end()) continue;
        const std::string& producer = producer_of_.at(send->second);
        auto [m, first] = max_id.try_emplace(producer, send->second->id, o);
        if (first) continue;
        if (send->second->id < m->second.first) {
          found("reordering", c_.now(),
                value + " (send #" + std::to_string(send->second->id) + ") at " +
                    at_text(topic_, {p, o}) + " after " + producer + " send #" +
                    std::to_string(m->second.first) + " at @" + std::to_string(m->second.second));
        } else {
          m->second = {send->second->id, o};
        }
      }
    }
  }

  // inconsistent-offsets across replicas: below both HWs, every replica holds the leader's value.
  void check_replicas() {
    for (const auto& b : c_.brokers()) {
      for (const auto& [tp, part] : b->partitions()) {
        if (tp.topic != topic_) continue;
        auto lv = logs_.find(tp.partition);
        if (lv == logs_.end() || lv->second.log == nullptr || &part.log() == lv->second.log)
          continue;
        const PartitionLog& log = part.log();
        const Offset hw = std::min(log.high_watermark(), lv->second.log->high_watermark());
        log.for_each_batch([&](const RecordBatch& batch) {
          for (const Record& rec : batch.records) {
            Offset o = batch.base_offset + rec.offset_delta;
            if (o < log.log_start_offset() || o >= hw || !rec.value) continue;
            auto v = lv->second.values.find(o);
            if (v != lv->second.values.end() && v->second != *rec.value)
              inconsistent({tp.partition, o}, *rec.value, "broker-" +
                           std::to_string(b->broker_id()) + "'s replica", c_.now());
          }
        });
      }
    }
  }

  void inconsistent(Key k, const std::string& other, const std::string& where, Time at) {
    if (!inconsistent_.insert(k).second) return;  // one finding per offset
    found("inconsistent-offsets", at,
          at_text(topic_, k) + " holds " + logs_.at(k.first).values.at(k.second) +
              " on the leader but " + other + " in " + where);
  }

  // Per consumer: inconsistent reads, poll skips and nonmonotonic polls (on polls); per group:
  // unseen and duplicate deliveries (on processed records, docs/delivery-checker.md).
  void check_polls() {
    for (const RebalanceEntry& e : h_.rebalances()) r_.stats.rebalances += e.group == group_;
    for (const CommitEntry& e : h_.commits())
      r_.stats.commits += e.group == group_ && e.tp.topic == topic_;
    Deliveries polled, processed;
    for (const auto& consumer : c_.consumers()) {
      bool in_group = !group_.empty() && consumer->config().group_id == group_;
      bool any = false;
      std::map<int32_t, const ConsumedRecord*> last;
      const std::vector<ConsumedRecord>& records = consumer->consumed();
      // The last poll's records still being processed when the check runs.
      const size_t busy_from = records.size() - static_cast<size_t>(consumer->in_processing());
      for (size_t i = 0; i < records.size(); i++) {
        const ConsumedRecord& rec = records[i];
        if (rec.tp.topic != topic_) continue;
        any = true;
        Key k{rec.tp.partition, rec.offset};
        check_read(k, rec, consumer->name());
        if (!in_group) continue;
        r_.stats.polled++;
        polled.add(k, rec, consumer->name(), rec.polled_at);
        if (rec.processed_at >= 0) {
          r_.stats.processed++;
          processed.add(k, rec, consumer->name(), rec.processed_at);
        } else if (i >= busy_from) {
          in_processing_.insert(rec.value ? DeliveryKey{*rec.value} : DeliveryKey{k});
        }
        const ConsumedRecord*& prev = last[rec.tp.partition];
        if (prev != nullptr) check_successive(*consumer, *prev, rec);
        prev = &rec;
      }
      r_.stats.consumers += in_group && any;
    }
    if (group_.empty()) return;
    check_duplicate_deliveries(polled, processed);
    if (!compacted_) check_unseen(polled, processed);
  }

  void check_read(Key k, const ConsumedRecord& rec, const std::string& consumer) {
    if (!rec.value) return;
    auto [first, fresh] = first_read_.try_emplace(k, *rec.value, &consumer);
    if (!fresh && first->second.first != *rec.value && !inconsistent_.count(k)) {
      inconsistent_.insert(k);
      found("inconsistent-offsets", rec.polled_at,
            at_text(topic_, k) + " read as " + std::string(first->second.first) + " by " +
                *first->second.second + " and as " + *rec.value + " by " + consumer + " at " +
                format_time(rec.polled_at));
      return;
    }
    auto lv = logs_.find(k.first);
    if (lv == logs_.end()) return;
    auto v = lv->second.values.find(k.second);
    if (v != lv->second.values.end() && v->second != *rec.value)
      inconsistent(k, *rec.value, "what " + consumer + " read at " + format_time(rec.polled_at),
                   rec.polled_at);
  }

  bool seek_between(const std::string& consumer, const TopicPartition& tp, Time from, Time to,
                    std::string& why) const {
    for (const SeekEntry& s : h_.seeks()) {
      if (s.consumer == consumer && s.tp == tp && s.at >= from && s.at <= to) {
        why = s.why;
        return true;
      }
    }
    return false;
  }

  void check_successive(const Consumer& consumer, const ConsumedRecord& a,
                        const ConsumedRecord& b) {
    if (b.offset == a.offset + 1) return;
    const bool rewind = b.offset <= a.offset;
    const std::string anomaly = rewind ? "nonmonotonic-poll" : "poll-skip";
    if (b.generation != a.generation) {
      excuse(anomaly, rewind ? "across a rebalance: the new owner resumes from the committed "
                               "offset (subscribe)"
                             : "across a rebalance (subscribe)");
      return;
    }
    std::string why;
    if (seek_between(consumer.name(), b.tp, a.polled_at, b.polled_at, why)) {
      excuse(anomaly, "after a seek: " + why);
      return;
    }
    std::string what = consumer.name() + " polled " + at_text(topic_, {a.tp.partition, a.offset}) +
                       " at " + format_time(a.polled_at) + ", then @" +
                       std::to_string(b.offset) + " at " + format_time(b.polled_at) +
                       " (generation " + std::to_string(b.generation) + ", no rebalance between)";
    if (rewind) {
      found(anomaly, b.polled_at, what);
      return;
    }
    // A gap is a skip only if the log holds a record inside it (compaction and retention leave
    // gaps that are not).
    auto lv = logs_.find(b.tp.partition);
    if (lv == logs_.end()) return;
    auto inside = lv->second.offsets.upper_bound(a.offset);
    if (inside != lv->second.offsets.end() && *inside < b.offset)
      found(anomaly, b.polled_at, what + "; @" + std::to_string(*inside) + " was skipped");
  }

  void check_duplicate_deliveries(const Deliveries& polled, const Deliveries& processed) {
    auto describe = [](const std::vector<std::pair<const std::string*, Time>>& list) {
      std::string out;
      for (size_t i = 0; i < list.size() && i < 3; i++)
        out += (i ? ", " : "") + *list[i].first + " at " + format_time(list[i].second);
      return out;
    };
    for (const auto& [key, list] : processed.by_key) {
      for (size_t i = 1; i < list.size(); i++)
        found("duplicate", list[i].second,
              key_text(key) + " processed " + std::to_string(list.size()) + " times by " +
                  group_ + " (" + describe(list) + ")");
    }
    for (const auto& [key, list] : polled.by_key) {
      auto p = processed.by_key.find(key);
      if (list.size() > 1 && (p == processed.by_key.end() || p->second.size() <= 1))
        excuse("duplicate", "polled again but processed once (the first processing was cut "
                            "short, or is still going on)");
    }
  }

  void check_unseen(const Deliveries& polled, const Deliveries& processed) {
    for (const auto& p : c_.producers()) {
      for (const SendRecord& s : p->records()) {
        if (s.tp.topic != topic_ || s.outcome != SendOutcome::Acked || s.offset < 0) continue;
        if (gone_.count(&s)) {
          // Lost writes are reported once, as lost; retention and the HW are excused there.
          continue;
        }
        DeliveryKey key = s.payloads ? DeliveryKey{s.value}
                                     : DeliveryKey{Key{s.tp.partition, s.offset}};
        if (processed.by_key.count(key)) continue;
        if (in_processing_.count(key)) {
          excuse("unseen", "polled, still being processed at the end of the run");
          continue;
        }
        auto poll = polled.by_key.find(key);
        std::string how = poll == polled.by_key.end()
                              ? "was never polled by " + group_
                              : "was polled by " + *poll->second.front().first + " at " +
                                    format_time(poll->second.front().second) +
                                    " but never processed by " + group_;
        found("unseen", c_.now(),
              p->name() + " send #" + std::to_string(s.id) + " acked at " +
                  at_text(topic_, {s.tp.partition, s.offset}) + " at " +
                  format_time(s.acked_at) + " " + how);
      }
    }
  }

  std::string key_text(const DeliveryKey& key) const {
    if (const std::string_view* v = std::get_if<std::string_view>(&key)) return std::string(*v);
    return at_text(topic_, std::get<Key>(key));
  }

  const History& h_;
  const Cluster& c_;
  const std::string topic_, group_;
  AnomalyReport r_;
  int32_t partitions_ = 0;
  bool payloads_ = true;
  bool compacted_ = false;
  std::map<int32_t, LeaderView> logs_;
  std::map<std::string, const SendRecord*> sends_by_value_;
  std::map<const SendRecord*, std::string> producer_of_;
  std::set<const SendRecord*> gone_;  // acked but lost, removed or not yet readable
  std::set<Key> inconsistent_;
  // value, consumer: views into the clients' records and names
  std::map<Key, std::pair<std::string_view, const std::string*>> first_read_;
  std::set<DeliveryKey> in_processing_;  // polled, still being processed at the end
  std::map<std::pair<std::string, std::string>, int64_t> excused_;
};

enum class Rule { Fail, Allow };

struct SemanticsRule {
  std::string_view anomaly;
  Rule at_most_once, at_least_once, exactly_once;
  std::string_view why_allowed;
};

constexpr SemanticsRule kRules[] = {
    {"lost-write", Rule::Allow, Rule::Fail, Rule::Fail, "at-most-once allows loss"},
    {"unseen", Rule::Allow, Rule::Fail, Rule::Fail, "at-most-once allows loss"},
    {"duplicate", Rule::Fail, Rule::Allow, Rule::Fail, "at-least-once allows duplicates"},
    {"inconsistent-offsets", Rule::Fail, Rule::Fail, Rule::Fail, ""},
    {"poll-skip", Rule::Allow, Rule::Fail, Rule::Fail, "at-most-once allows loss"},
    {"nonmonotonic-poll", Rule::Fail, Rule::Allow, Rule::Fail,
     "at-least-once allows reading a record again"},
    {"nonmonotonic-send", Rule::Fail, Rule::Fail, Rule::Fail, ""},
    {"reordering", Rule::Fail, Rule::Fail, Rule::Fail, ""},
    {"aborted-read", Rule::Fail, Rule::Fail, Rule::Fail, ""},
};

}  // namespace

AnomalyReport check_anomalies(const History& history, const std::string& topic,
                              const std::string& group) {
  return Checker(history, topic, group).run();
}

bool parse_semantics(std::string_view text, Semantics& out) {
  if (text == "at-most-once") out = Semantics::AtMostOnce;
  else if (text == "at-least-once") out = Semantics::AtLeastOnce;
  else if (text == "exactly-once") out = Semantics::ExactlyOnce;
  else return false;
  return true;
}

std::string_view semantics_name(Semantics s) {
  switch (s) {
    case Semantics::AtMostOnce: return "at-most-once";
    case Semantics::AtLeastOnce: return "at-least-once";
    case Semantics::ExactlyOnce: return "exactly-once";
  }
  return "?";
}

DeliveryVerdict judge(const AnomalyReport& report, Semantics semantics,
                      const std::set<std::string>& allow) {
  DeliveryVerdict v;
  for (const SemanticsRule& rule : kRules) {
    std::string name(rule.anomaly);
    if (report.count(name) == 0) continue;
    Rule r = semantics == Semantics::AtMostOnce    ? rule.at_most_once
             : semantics == Semantics::AtLeastOnce ? rule.at_least_once
                                                   : rule.exactly_once;
    if (allow.count(name)) v.allowed.emplace_back(name, "allowed by the scenario");
    else if (r == Rule::Allow) v.allowed.emplace_back(name, std::string(rule.why_allowed));
    else v.failing.push_back(name);
  }
  v.ok = v.failing.empty();
  return v;
}

std::string_view outcome_kind_name(AnomalyOutcome::Kind kind) {
  switch (kind) {
    case AnomalyOutcome::Kind::Failed: return "failed";
    case AnomalyOutcome::Kind::Allowed: return "allowed";
    case AnomalyOutcome::Kind::NotFound: return "not found";
    case AnomalyOutcome::Kind::NotChecked: return "not checked";
  }
  return "?";
}

std::vector<AnomalyOutcome> anomaly_outcomes(const AnomalyReport& r, const DeliveryVerdict& v,
                                             Semantics semantics) {
  std::vector<AnomalyOutcome> out;
  for (std::string_view name : kAnomalyNames) {
    AnomalyOutcome o{.anomaly = std::string(name)};
    const int64_t n = r.count(name);
    std::string expected, findings;
    for (const ExcusedCount& e : r.excused)
      if (e.anomaly == o.anomaly)
        expected += " (" + std::to_string(e.count) + " expected: " + e.reason + ")";
    auto nc = r.not_checked.find(o.anomaly);
    if (n == 0 && nc != r.not_checked.end()) {
      o.kind = AnomalyOutcome::Kind::NotChecked;
      o.text = "not checked: " + nc->second;
    } else if (n == 0) {
      o.kind = AnomalyOutcome::Kind::NotFound;
      o.text = "none found" + expected;
    } else if (std::find(v.failing.begin(), v.failing.end(), o.anomaly) != v.failing.end()) {
      o.kind = AnomalyOutcome::Kind::Failed;
      o.text = std::to_string(n) + " found; " + std::string(semantics_name(semantics)) +
               " forbids it" + expected;
      int shown = 0;
      for (const AnomalyFinding& f : r.findings)
        if (f.anomaly == o.anomaly && shown++ < 3) o.text += "\n" + f.detail;
    } else {
      o.kind = AnomalyOutcome::Kind::Allowed;
      o.text = std::to_string(n) + " found, allowed";
      for (const auto& [a, why] : v.allowed)
        if (a == o.anomaly) o.text += ": " + why;
      o.text += expected;
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::string format_anomaly_report(const AnomalyReport& r, const DeliveryVerdict* verdict,
                                  std::optional<Semantics> semantics) {
  std::string out = "delivery of " + r.topic + (r.group.empty() ? "" : " to " + r.group);
  if (semantics) out += " (" + std::string(semantics_name(*semantics)) + ")";
  if (verdict) out += verdict->ok ? ": ok" : ": FAILED";
  out += "\n  sends " + std::to_string(r.stats.sends) + " (acked " +
         std::to_string(r.stats.acked) + ", failed " + std::to_string(r.stats.failed) +
         ", unknown " + std::to_string(r.stats.unknown) + ", pending " +
         std::to_string(r.stats.pending) + "); polled " + std::to_string(r.stats.polled) +
         " (processed " + std::to_string(r.stats.processed) + ") by " +
         std::to_string(r.stats.consumers) + " consumers; commits " +
         std::to_string(r.stats.commits) + "; rebalances " + std::to_string(r.stats.rebalances) +
         "\n";
  for (std::string_view name : kAnomalyNames) {
    std::string n(name);
    char line[64];
    auto nc = r.not_checked.find(n);
    if (nc != r.not_checked.end() && r.count(n) == 0) {
      std::snprintf(line, sizeof line, "  %-21s %6s", n.c_str(), "-");
      out += line + std::string("  not checked: ") + nc->second + "\n";
      continue;
    }
    std::snprintf(line, sizeof line, "  %-21s %6lld", n.c_str(),
                  static_cast<long long>(r.count(n)));
    out += line;
    if (verdict) {
      for (const auto& [a, why] : verdict->allowed)
        if (a == n) out += "  allowed: " + why;
      for (const std::string& f : verdict->failing)
        if (f == n) out += "  FAILS";
    }
    for (const ExcusedCount& e : r.excused)
      if (e.anomaly == n)
        out += "  (" + std::to_string(e.count) + " expected: " + e.reason + ")";
    out += "\n";
  }
  std::map<std::string, int> shown;
  for (const AnomalyFinding& f : r.findings) {
    if (shown[f.anomaly]++ >= 3) continue;
    out += "  " + f.anomaly + ": " + f.detail + "\n";
  }
  return out;
}

}  // namespace ksim
