// EventStore: the GUI's bounded copy of trace events, heartbeat acks and truncations.
#include "gui/model/event_store.h"

#include <fmt/format.h>

#include "ksim/cluster/cluster.h"

namespace ksim::gui {
namespace {

std::string value_text(const TraceValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return std::get<bool>(v) ? "true" : "false";
}

}  // namespace

std::string StoredEvent::text(std::string_view key) const {
  const TraceValue* v = event.find(key);
  return v ? value_text(*v) : "";
}

std::optional<int64_t> StoredEvent::number(std::string_view key) const {
  const TraceValue* v = event.find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* i = std::get_if<int64_t>(v)) return *i;
  return std::nullopt;
}

std::string StoredEvent::subject() const {
  for (std::string_view key : {"consumer", "node", "producer", "target"}) {
    std::string s = text(key);
    if (!s.empty()) return s;
  }
  if (auto b = number("broker")) return "broker-" + std::to_string(*b);
  std::string g = text("group");
  if (!g.empty()) return g;
  if (type().rfind("partition.", 0) == 0) return "controller";
  return "";
}

std::string StoredEvent::summary() const {
  std::string out;
  for (const TraceField& f : event.fields) {
    if (f.key == "kafka_log") continue;
    out += (out.empty() ? "" : " ") + f.key + "=" + value_text(f.value);
  }
  return out;
}

std::string StoredEvent::kafka_log() const {
  std::string line = text("kafka_log");
  if (!line.empty()) return line;
  return type() + " " + summary();
}

void EventStore::reset() {
  events_.clear();
  truncations_.clear();
  heartbeat_acks_.clear();
  heartbeats_.clear();
  messages_by_api_.clear();
  dropped_ = 0;
  total_ = 0;
  epoch_++;
}

void EventStore::attach(Cluster& cluster) {
  reset();
  uint64_t epoch = epoch_;
  cluster.kernel().trace.add_listener(
      [this, epoch](Time t, const TraceEvent& e) {
        if (epoch == epoch_) on_event(t, e);
      },
      /*wants_messages=*/true);
}

const std::vector<Time>& EventStore::heartbeats(const std::string& consumer) const {
  static const std::vector<Time> kNone;
  auto it = heartbeats_.find(consumer);
  return it == heartbeats_.end() ? kNone : it->second;
}

std::optional<Time> EventStore::last_heartbeat_ack(const std::string& consumer) const {
  auto it = heartbeat_acks_.find(consumer);
  if (it == heartbeat_acks_.end()) return std::nullopt;
  return it->second;
}

void EventStore::on_event(Time t, const TraceEvent& e) {
  total_++;
  if (e.type == "msg") {
    const TraceValue* api = e.find("api");
    const TraceValue* dir = e.find("dir");
    const TraceValue* to = e.find("to");
    if (api == nullptr || dir == nullptr || to == nullptr) return;
    const std::string& api_name = std::get<std::string>(*api);
    messages_by_api_[api_name]++;
    if (api_name == "Heartbeat" && std::get<std::string>(*dir) == "resp")
      heartbeat_acks_[std::get<std::string>(*to)] = t;
    const TraceValue* from = e.find("from");
    if (api_name == "Heartbeat" && std::get<std::string>(*dir) == "req" && from != nullptr) {
      std::vector<Time>& sent = heartbeats_[std::get<std::string>(*from)];
      if (sent.size() >= kMaxHeartbeats) sent.erase(sent.begin(), sent.begin() + 1000);
      sent.push_back(t);
    }
    return;
  }
  StoredEvent stored{t, e};
  if (e.type == "replica.truncate") {
    truncations_.push_back({.t = t,
                            .broker = static_cast<int32_t>(stored.number("broker").value_or(-1)),
                            .topic = stored.text("topic"),
                            .partition =
                                static_cast<int32_t>(stored.number("partition").value_or(0)),
                            .from = stored.number("from").value_or(0),
                            .to = stored.number("to").value_or(0)});
  }
  events_.push_back(std::move(stored));
  while (events_.size() > limits_.max_events) {
    events_.pop_front();
    dropped_++;
  }
}

}  // namespace ksim::gui
