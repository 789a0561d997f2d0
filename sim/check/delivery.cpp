// Delivery accounting: compares producers' acknowledgements, the leaders' logs and the
// consumers' received records.
#include "ksim/check/delivery.h"

#include <algorithm>
#include <utility>

namespace ksim {
namespace {

using Position = std::pair<int32_t, Offset>;  // (partition, offset)

// Values currently readable below the HW, by position, from each leader's log; sorted (logs
// are read partition by partition, in offset order), pointing into the logs (no copies).
std::vector<std::pair<Position, const std::string*>> readable_values(const Cluster& c,
                                                                     const std::string& topic,
                                                                     int64_t& readable) {
  std::vector<std::pair<Position, const std::string*>> out;
  const TopicRegistration* t = c.controller().topic(topic);
  if (t == nullptr) return out;
  for (int32_t p = 0; p < static_cast<int32_t>(t->partitions.size()); p++) {
    const Partition* part = c.leader_partition({topic, p});
    if (part == nullptr) continue;
    const PartitionLog& log = part->log();
    readable += log.high_watermark() - log.log_start_offset();
    log.for_each_batch([&](const RecordBatch& b) {
      for (size_t i = 0; i < b.records.size(); i++) {
        Offset o = b.base_offset + b.records[i].offset_delta;
        if (o < log.high_watermark() && b.records[i].value)
          out.push_back({{p, o}, &*b.records[i].value});
      }
    });
  }
  return out;
}

}  // namespace

DeliveryReport check_delivery(const Cluster& c, const std::string& group,
                              const std::string& topic) {
  DeliveryReport r;
  auto values = readable_values(c, topic, r.readable);
  auto value_at = [&](Position at) -> const std::string* {
    auto it = std::lower_bound(values.begin(), values.end(), at,
                               [](const auto& v, Position key) { return v.first < key; });
    return it != values.end() && it->first == at ? it->second : nullptr;
  };
  for (const auto& p : c.producers()) {
    for (const SendRecord& s : p->records()) {
      if (s.tp.topic != topic || s.outcome != SendOutcome::Acked) continue;
      r.acked++;
      const std::string* held = value_at({s.tp.partition, s.offset});
      const Partition* leader = c.leader_partition(s.tp);
      // Readable now: at or above the log start (retention and DeleteRecords remove data on
      // purpose; that is not a lost write) and below the HW.
      bool readable = leader && s.offset >= leader->log().log_start_offset() &&
                      s.offset < leader->log().high_watermark();
      if (readable && (held == nullptr || *held != s.value)) {
        r.lost_writes++;
        if (r.examples.size() < 5)
          r.examples.push_back("lost write: " + s.value + " acked at " + s.tp.to_string() + "@" +
                               std::to_string(s.offset));
      }
    }
  }
  std::vector<Position> seen;
  for (const auto& consumer : c.consumers()) {
    if (consumer->config().group_id != group) continue;
    for (const ConsumedRecord& rec : consumer->consumed())
      if (rec.tp.topic == topic) seen.push_back({rec.tp.partition, rec.offset});
  }
  r.delivered = static_cast<int64_t>(seen.size());
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  r.unique_delivered = static_cast<int64_t>(seen.size());
  r.duplicates = r.delivered - r.unique_delivered;
  for (const auto& [key, value] : values) {
    if (std::binary_search(seen.begin(), seen.end(), key)) continue;
    r.unseen++;
    if (r.examples.size() < 5)
      r.examples.push_back("unseen: " + topic + "-" + std::to_string(key.first) + "@" +
                           std::to_string(key.second));
  }
  return r;
}

}  // namespace ksim
