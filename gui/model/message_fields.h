#pragma once
// The key fields of a Kafka API message body as (field, value) text, for the inspector. Field
// names are Kafka's (group_id, generation_id, member_id, acks, fetch_offset, error, ...). Pure.
#include <string>
#include <vector>

#include "ksim/protocol/message.h"

namespace ksim::gui {

struct FieldRow {
  std::string field;
  std::string value;
  bool operator==(const FieldRow&) const = default;
};

// One row per field the body carries, in a fixed order; lists (partitions, members) become one
// row each with a short summary ("tweets-0 fetch_offset=42 epoch=3"), at most `max_list` rows.
std::vector<FieldRow> message_fields(const MessageBody& body, size_t max_list);

// "1,0,2" (broker ids) and "tweets-0,tweets-1" ("-" when empty), as kafka-topics.sh lists them.
std::string ids_text(const std::vector<int32_t>& ids);
std::string partitions_text(const std::vector<TopicPartition>& tps);

}  // namespace ksim::gui
