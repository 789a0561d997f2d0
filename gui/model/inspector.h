#pragma once
// The inspector (RaftScope's details modal; teaching-features item 21): one entity's fields as
// a table, read from the cluster, and for an in-flight message the command its Drop button
// issues. Pure: the view draws the rows and passes the action to Session::issue.
#include <optional>
#include <string>
#include <vector>

#include "gui/model/event_store.h"
#include "gui/model/message_fields.h"
#include "ksim/cluster/cluster.h"

namespace ksim::gui {

enum class InspectKind { None, Broker, Replica, Consumer, Producer, Controller, Message };

struct InspectTarget {
  InspectKind kind = InspectKind::None;
  std::string node;                // the node's name (Replica: the broker holding it)
  TopicPartition tp;               // Replica
  uint64_t message_id = 0;         // Message: InFlightMessage::id
  bool operator==(const InspectTarget&) const = default;
};

struct Inspection {
  std::string title;               // "member c1", "replica tweets-0 on broker-1", "message #42"
  std::vector<FieldRow> rows;      // field names as Kafka spells them
  std::string gone;                // why the entity is not there now ("delivered or dropped")
  std::optional<Command> action;   // Message: network.drop(id)
  std::string action_label;
};

// The target for a click on a node of the cluster view (kind from the node's type).
InspectTarget node_target(const Cluster& cluster, const std::string& name);
// The consumer whose client.id or member_id is `id` (a row of the group tables), or None.
InspectTarget member_target(const Cluster& cluster, const std::string& id);
Inspection inspect(const Cluster& cluster, const EventStore& events, const InspectTarget& target);

}  // namespace ksim::gui
