// Severity per trace type (docs/trace-format.md lists the types).
#include "gui/model/severity.h"

#include <set>
#include <string_view>

namespace ksim::gui {
namespace {

const std::set<std::string_view> kFaults = {
    "command", "node.crash", "node.restart", "node.pause", "broker.fenced", "broker.shutdown",
    "broker.controlled_shutdown", "broker.shutdown_requested", "replica.truncate",
    "alter_partition.timeout", "member.removed", "log.duplicate", "producer.error",
    "producer.retry", "producer.init_retry", "producer.epoch_bump", "consumer.coordinator_lost",
    "consumer.lost", "consumer.fatal", "consumer.out_of_range", "consumer.reset_offset",
    "consumer.commit_failed", "consumer.stall", "consumer.close", "group.join.retry",
    "topic.delete"};

const std::set<std::string_view> kChatter = {
    "msg", "log.append", "partition.hw", "offset.commit", "producer.ack", "producer.sent",
    "producer.record", "consumer.poll", "consumer.commit", "producer_id.assigned",
    "producer_ids.allocated", "group.join.delayed"};

}  // namespace

Severity event_severity(const std::string& type) {
  if (kFaults.count(type)) return Severity::Fault;
  if (kChatter.count(type)) return Severity::Chatter;
  return Severity::State;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Chatter: return "chatter";
    case Severity::State: return "state";
    case Severity::Fault: return "fault";
  }
  return "";
}

}  // namespace ksim::gui
