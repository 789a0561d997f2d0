// Log strip: spans per replica, markers per group and consumer, truncations from the trace.
#include "gui/model/log_strip.h"

#include <algorithm>

namespace ksim::gui {
namespace {

LogStripRow replica_row(const Cluster& c, const EventStore& events, const TopicPartition& tp,
                        const PartitionRegistration& reg, BrokerId id) {
  LogStripRow row{.broker = id, .leader = reg.leader == id};
  row.in_isr = std::find(reg.isr.begin(), reg.isr.end(), id) != reg.isr.end();
  const Broker* b = c.broker(id);
  const Partition* p = b ? b->partition(tp) : nullptr;
  row.online = b != nullptr && b->is_up();
  if (p != nullptr) {
    const PartitionLog& log = p->log();
    row.log_start = log.log_start_offset();
    row.high_watermark = log.high_watermark();
    row.log_end = log.log_end_offset();
    log.for_each_batch([&](const RecordBatch& batch) {
      if (!row.spans.empty() && row.spans.back().epoch == batch.partition_leader_epoch &&
          row.spans.back().last + 1 == batch.base_offset) {
        row.spans.back().last = batch.last_offset();
      } else {
        row.spans.push_back({batch.base_offset, batch.last_offset(),
                             batch.partition_leader_epoch});
      }
    });
  }
  for (const Truncation& t : events.truncations())
    if (t.broker == id && t.topic == tp.topic && t.partition == tp.partition && t.from > t.to)
      row.truncated.push_back({t.to, t.from - 1, -1});
  return row;
}

void add_markers(const Cluster& c, const TopicPartition& tp, LogStrip& strip) {
  for (const std::string& g : c.group_ids()) {
    std::optional<GroupView> view = c.group(g);
    if (!view) continue;
    auto it = view->committed.find(tp);
    if (it != view->committed.end() && it->second >= 0)
      strip.markers.push_back({LogMarker::Kind::Committed, g, it->second});
  }
  for (const auto& consumer : c.consumers()) {
    if (!consumer->is_up()) continue;
    Offset pos = consumer->position(tp);
    if (pos >= 0) strip.markers.push_back({LogMarker::Kind::Position, consumer->name(), pos});
  }
}

}  // namespace

LogStrip build_log_strip(const Cluster& c, const EventStore& events, const TopicPartition& tp,
                         Offset window) {
  LogStrip strip{.tp = tp};
  const TopicRegistration* t = c.controller().topic(tp.topic);
  if (t == nullptr || tp.partition < 0 ||
      tp.partition >= static_cast<int32_t>(t->partitions.size()))
    return strip;
  strip.exists = true;
  const PartitionRegistration& reg = t->partitions[static_cast<size_t>(tp.partition)];
  Offset max_leo = 0, min_start = INT64_MAX;
  for (BrokerId id : reg.replicas) {
    strip.rows.push_back(replica_row(c, events, tp, reg, id));
    max_leo = std::max(max_leo, strip.rows.back().log_end);
    min_start = std::min(min_start, strip.rows.back().log_start);
  }
  for (const LogStripRow& r : strip.rows)
    for (const LogSpan& s : r.truncated) max_leo = std::max(max_leo, s.last + 1);
  strip.last = max_leo + 1;
  strip.first = std::max<Offset>(std::min(min_start, strip.last), strip.last - window);
  add_markers(c, tp, strip);
  return strip;
}

}  // namespace ksim::gui
