#pragma once
// The partition log strip's model: per replica, offset spans coloured by leader epoch, the log
// start / HW / LEO markers and truncated ranges; per group its committed offset and per consumer
// its position (RaftScope's log panel, for Kafka).
#include <string>
#include <vector>

#include "gui/model/event_store.h"
#include "ksim/cluster/cluster.h"

namespace ksim::gui {

struct LogSpan {
  Offset first = 0;
  Offset last = 0;                 // inclusive
  LeaderEpoch epoch = -1;
};

struct LogStripRow {
  BrokerId broker = kNoBroker;
  bool leader = false;
  bool online = false;
  bool in_isr = false;
  Offset log_start = 0;
  Offset high_watermark = 0;
  Offset log_end = 0;
  std::vector<LogSpan> spans;      // consecutive batches of one epoch merged
  std::vector<LogSpan> truncated;  // [to, from - 1] removed by replica.truncate
};

struct LogMarker {
  enum class Kind { Committed, Position } kind = Kind::Committed;
  std::string label;               // group id or consumer name
  Offset offset = 0;
};

struct LogStrip {
  TopicPartition tp;
  bool exists = false;
  Offset first = 0;                // the window shown: [first, last)
  Offset last = 0;
  std::vector<LogStripRow> rows;   // in assignment order
  std::vector<LogMarker> markers;
};

// window: how many offsets to show, ending at the largest LEO.
LogStrip build_log_strip(const Cluster& cluster, const EventStore& events,
                         const TopicPartition& tp, Offset window);

}  // namespace ksim::gui
