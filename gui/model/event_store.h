#pragma once
// The GUI's copy of the run's trace events (a Trace listener): the event log, the timeline and
// the log strip read it. Bounded; message events are counted, not stored.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ksim/core/trace.h"

namespace ksim {
class Cluster;
}

namespace ksim::gui {

struct StoredEvent {
  Time t = 0;
  TraceEvent event;

  const std::string& type() const { return event.type; }
  // The field as text ("" when absent); integers and booleans are printed.
  std::string text(std::string_view key) const;
  std::optional<int64_t> number(std::string_view key) const;
  // The node the event is about: consumer, node, broker-<id>, producer, group (in that order).
  std::string subject() const;
  // Kafka's own log line when the event carries one, else a "type k=v ..." summary.
  std::string kafka_log() const;
  std::string summary() const;     // "k=v k=v" of every field
};

struct Truncation {               // from replica.truncate
  Time t = 0;
  int32_t broker = -1;
  std::string topic;
  int32_t partition = 0;
  int64_t from = 0;               // LEO before
  int64_t to = 0;                 // LEO after
};

struct EventStoreLimits {
  size_t max_events = 200'000;    // oldest dropped first
};

class EventStore {
 public:
  explicit EventStore(EventStoreLimits limits = {}) : limits_(limits) {}
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Forgets everything and listens to the cluster's trace (messages included). The cluster
  // must outlive the listening, or reset() must be called before it is destroyed.
  void attach(Cluster& cluster);
  void reset();

  const std::deque<StoredEvent>& events() const { return events_; }
  int64_t dropped() const { return dropped_; }
  int64_t total() const { return total_; }
  const std::vector<Truncation>& truncations() const { return truncations_; }
  // The time the consumer last received a Heartbeat response, or nullopt.
  std::optional<Time> last_heartbeat_ack(const std::string& consumer) const;
  const std::map<std::string, int64_t>& messages_by_api() const { return messages_by_api_; }
  // The times the consumer sent Heartbeat requests (sorted; the newest kMaxHeartbeats kept).
  const std::vector<Time>& heartbeats(const std::string& consumer) const;
  static constexpr size_t kMaxHeartbeats = 50'000;

  void on_event(Time t, const TraceEvent& e);  // public for tests

 private:
  EventStoreLimits limits_;
  std::deque<StoredEvent> events_;
  std::vector<Truncation> truncations_;
  std::map<std::string, Time> heartbeat_acks_;
  std::map<std::string, std::vector<Time>> heartbeats_;  // per consumer, request send times
  std::map<std::string, int64_t> messages_by_api_;
  int64_t dropped_ = 0;
  int64_t total_ = 0;
  uint64_t epoch_ = 0;            // bumps on reset: listeners of older clusters go quiet
};

}  // namespace ksim::gui
