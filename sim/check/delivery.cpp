// Delivery accounting: compares producers' acknowledgements, the leaders' logs and the
// consumers' received records.
#include "ksim/check/delivery.h"

#include <map>
#include <set>

namespace ksim {
namespace {

// Values currently readable below the HW, by (partition, offset), from each leader's log.
std::map<std::pair<int32_t, Offset>, std::string> readable_values(const Cluster& c,
                                                                   const std::string& topic,
                                                                   int64_t& readable) {
  std::map<std::pair<int32_t, Offset>, std::string> out;
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
        if (o < log.high_watermark() && b.records[i].value) out[{p, o}] = *b.records[i].value;
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
  for (const auto& p : c.producers()) {
    for (const SendRecord& s : p->records()) {
      if (s.tp.topic != topic || s.outcome != SendOutcome::Acked) continue;
      r.acked++;
      auto it = values.find({s.tp.partition, s.offset});
      const Partition* leader = c.leader_partition(s.tp);
      // Readable now: at or above the log start (retention and DeleteRecords remove data on
      // purpose; that is not a lost write) and below the HW.
      bool readable = leader && s.offset >= leader->log().log_start_offset() &&
                      s.offset < leader->log().high_watermark();
      if (readable && (it == values.end() || it->second != s.value)) {
        r.lost_writes++;
        if (r.examples.size() < 5)
          r.examples.push_back("lost write: " + s.value + " acked at " + s.tp.to_string() + "@" +
                               std::to_string(s.offset));
      }
    }
  }
  std::map<std::pair<int32_t, Offset>, int64_t> seen;
  for (const auto& consumer : c.consumers()) {
    if (consumer->config().group_id != group) continue;
    for (const ConsumedRecord& rec : consumer->consumed()) {
      if (rec.tp.topic != topic) continue;
      r.delivered++;
      if (++seen[{rec.tp.partition, rec.offset}] > 1) r.duplicates++;
    }
  }
  r.unique_delivered = static_cast<int64_t>(seen.size());
  for (const auto& [key, value] : values) {
    if (seen.count(key)) continue;
    r.unseen++;
    if (r.examples.size() < 5)
      r.examples.push_back("unseen: " + topic + "-" + std::to_string(key.first) + "@" +
                           std::to_string(key.second));
  }
  return r;
}

}  // namespace ksim
