// History: commits, assignments, rebalances and seeks recorded from the trace.
#include "ksim/check/history.h"

#include "ksim/core/trace.h"

namespace ksim {
namespace {

TopicPartition tp_of(const TraceEvent& e) {
  return {e.string_field("topic"), static_cast<int32_t>(e.int_field("partition", -1))};
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
    commits_.push_back({.at = t, .consumer = e.string_field("consumer"),
                        .group = e.string_field("group"), .tp = tp_of(e),
                        .offset = e.int_field("offset", -1),
                        .generation = static_cast<GenerationId>(e.int_field("generation", -1))});
  } else if (type == "consumer.assignment") {
    assignments_.push_back({.at = t, .consumer = e.string_field("consumer"),
                            .group = e.string_field("group"),
                            .generation = static_cast<GenerationId>(e.int_field("generation", -1)),
                            .partitions = e.string_field("partitions")});
  } else if (type == "group.rebalance") {
    rebalances_.push_back({.at = t, .group = e.string_field("group"),
                           .generation = static_cast<GenerationId>(e.int_field("generation", -1)),
                           .reason = e.string_field("reason")});
  } else if (type == "consumer.reset_offset") {
    seeks_.push_back({.at = t, .consumer = e.string_field("consumer"), .tp = tp_of(e),
                      .offset = e.int_field("offset", -1),
                      .why = "reset (auto.offset.reset=" + e.string_field("policy") + ")"});
  } else if (type == "consumer.seek_committed") {
    seeks_.push_back({.at = t, .consumer = e.string_field("consumer"), .tp = tp_of(e),
                      .offset = e.int_field("offset", -1), .why = "committed offset"});
  }
}

std::shared_ptr<History> install_history(Cluster& cluster) {
  auto history = std::make_shared<History>(cluster);
  cluster.add_observer(history);
  return history;
}

}  // namespace ksim
