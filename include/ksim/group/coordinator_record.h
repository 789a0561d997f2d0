#pragma once
// The records the group coordinator writes to __consumer_offsets: offset commits and group
// metadata, as key/value strings. Follows org.apache.kafka.coordinator.group
// .GroupCoordinatorRecordHelpers (newOffsetCommitRecord, newGroupMetadataRecord, tombstones)
// and GroupCoordinatorRecordSerde. ksim's encoding is text, not Kafka's binary schemas, so a
// trainer can read a record in the log (docs/consumer-groups.md, "The __consumer_offsets log").
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ksim/group/offset_store.h"
#include "ksim/protocol/consumer_protocol.h"
#include "ksim/types/ids.h"
#include "ksim/types/time.h"

namespace ksim::group {

// One record to append to __consumer_offsets-<partition> (the group's partition). A record
// without value is a tombstone (compaction removes the key).
struct CoordinatorRecord {
  int32_t partition = 0;
  std::string key;
  std::optional<std::string> value;
  bool operator==(const CoordinatorRecord&) const = default;
};

// OffsetCommitKey/OffsetCommitValue: key "offset|<group>|<topic>|<partition>".
struct OffsetCommitRecord {
  std::string group_id;
  TopicPartition tp;
  std::optional<OffsetAndMetadata> offset;  // nullopt = tombstone (offset deleted)
};

// One member in GroupMetadataValue.MemberMetadata: the selected protocol's subscription only.
struct MemberRecord {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string client_id;
  std::string client_host;
  int32_t rebalance_timeout_ms = 0;
  int32_t session_timeout_ms = 0;
  ConsumerSubscription subscription;
  ConsumerAssignment assignment;
};

// GroupMetadataKey/GroupMetadataValue: key "group|<group>".
struct GroupMetadataRecord {
  std::string group_id;
  bool tombstone = false;          // the group was deleted
  std::string protocol_type;
  GenerationId generation = 0;
  std::string protocol_name;       // "" = none (Empty group)
  std::string leader;              // "" = none
  Time current_state_timestamp = 0;
  std::vector<MemberRecord> members;  // in the group's member order
};

using DecodedRecord = std::variant<OffsetCommitRecord, GroupMetadataRecord>;

CoordinatorRecord encode(const OffsetCommitRecord& r, int32_t partition);
CoordinatorRecord encode(const GroupMetadataRecord& r, int32_t partition);

// Decodes a record read back from the log. Error (nullopt): a null key or a key or value that
// is not one of the two encodings above (ksim never writes such records; the loader skips
// them, as Kafka's serde throws on an unknown record type).
std::optional<DecodedRecord> decode(const std::optional<std::string>& key,
                                    const std::optional<std::string>& value);

// Field lists with '|' separators and '\' escapes, nestable: escape(join) round-trips.
std::string join_fields(const std::vector<std::string>& fields);
std::vector<std::string> split_fields(const std::string& text);

}  // namespace ksim::group
