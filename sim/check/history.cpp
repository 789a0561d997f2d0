// History: commits, assignments, rebalances and seeks recorded from the trace.
#include "ksim/check/history.h"

#include "ksim/core/trace.h"

namespace ksim {
namespace {

int64_t int_of(const TraceEvent& e, std::string_view key) {
  const TraceValue* v = e.find(key);
  return v != nullptr && std::holds_alternative<int64_t>(*v) ? std::get<int64_t>(*v) : -1;
}

std::string string_of(const TraceEvent& e, std::string_view key) {
  const TraceValue* v = e.find(key);
  return v != nullptr && std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v)
                                                                 : std::string();
}

TopicPartition tp_of(const TraceEvent& e) {
  return {string_of(e, "topic"), static_cast<int32_t>(int_of(e, "partition"))};
}

}  // namespace

History::History(Cluster& cluster) : cluster_(cluster) {
  listener_ = cluster.kernel().trace.add_listener(
      [this](Time t, const TraceEvent& e) { on_event(t, e); }, /*wants_messages=*/false);
}

History::~History() { cluster_.kernel().trace.remove_listener(listener_); }

void History::on_event(Time t, const TraceEvent& e) {
  const std::string& type = e.type;
  if (type == "consumer.commit") {
    commits_.push_back({.at = t, .consumer = string_of(e, "consumer"),
                        .group = string_of(e, "group"), .tp = tp_of(e),
                        .offset = int_of(e, "offset"),
                        .generation = static_cast<GenerationId>(int_of(e, "generation"))});
  } else if (type == "consumer.assignment") {
    assignments_.push_back({.at = t, .consumer = string_of(e, "consumer"),
                            .group = string_of(e, "group"),
                            .generation = static_cast<GenerationId>(int_of(e, "generation")),
                            .partitions = string_of(e, "partitions")});
  } else if (type == "group.rebalance") {
    rebalances_.push_back({.at = t, .group = string_of(e, "group"),
                           .generation = static_cast<GenerationId>(int_of(e, "generation")),
                           .reason = string_of(e, "reason")});
  } else if (type == "consumer.reset_offset") {
    seeks_.push_back({.at = t, .consumer = string_of(e, "consumer"), .tp = tp_of(e),
                      .offset = int_of(e, "offset"),
                      .why = "reset (auto.offset.reset=" + string_of(e, "policy") + ")"});
  } else if (type == "consumer.seek_committed") {
    seeks_.push_back({.at = t, .consumer = string_of(e, "consumer"), .tp = tp_of(e),
                      .offset = int_of(e, "offset"), .why = "committed offset"});
  }
}

std::shared_ptr<History> install_history(Cluster& cluster) {
  auto history = std::make_shared<History>(cluster);
  cluster.add_observer(history);
  return history;
}

}  // namespace ksim
