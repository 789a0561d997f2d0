#pragma once
// Topic-level log configuration: Kafka's topic config names, types, defaults and valid ranges.
// Follows org.apache.kafka.storage.internals.log.LogConfig (its ConfigDef) and TopicConfig.
// Validation happens once, in LogConfig::from; the rest of the log trusts a LogConfig value.
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "ksim/types/config_def.h"
#include "ksim/types/result.h"

namespace ksim {

// message.timestamp.type. Enumerator names are Kafka's strings ("CreateTime", "LogAppendTime").
enum class TimestampType : int8_t { CreateTime = 0, LogAppendTime = 1 };

struct LogConfig {
  // Defaults are Kafka's (LogConfig.DEFAULT_*, ServerLogConfigs.*_DEFAULT).
  static constexpr int32_t kDefaultSegmentBytes = 1073741824;   // 1 GiB
  static constexpr int64_t kDefaultSegmentMs = 604800000;       // 7 days
  static constexpr int64_t kDefaultRetentionMs = 604800000;     // 7 days
  static constexpr int64_t kDefaultRetentionBytes = -1;         // unlimited
  static constexpr int32_t kDefaultMaxMessageBytes = 1048588;   // 1 MiB + 12
  static constexpr int64_t kDefaultDeleteRetentionMs = 86400000;  // 1 day
  static constexpr double kDefaultMinCleanableDirtyRatio = 0.5;
  static constexpr int64_t kDefaultMinCompactionLagMs = 0;
  static constexpr int64_t kDefaultMaxCompactionLagMs = INT64_MAX;
  static constexpr int64_t kDefaultFlushMessages = INT64_MAX;
  static constexpr int64_t kDefaultFlushMs = INT64_MAX;
  // segment.bytes: atLeast(LegacyRecord.RECORD_OVERHEAD_V0 = 14) up to Kafka 3.9. Kafka 4.0
  // raised the minimum to 1 MiB (KIP-1030); ksim keeps 14 so that teaching scenarios can roll
  // segments every few batches.
  static constexpr int32_t kMinSegmentBytes = 14;

  int32_t segment_bytes = kDefaultSegmentBytes;           // segment.bytes
  int64_t segment_ms = kDefaultSegmentMs;                 // segment.ms
  int64_t retention_ms = kDefaultRetentionMs;             // retention.ms (-1 = unlimited)
  int64_t retention_bytes = kDefaultRetentionBytes;       // retention.bytes (<0 = unlimited)
  bool cleanup_delete = true;                             // cleanup.policy contains "delete"
  bool cleanup_compact = false;                           // cleanup.policy contains "compact"
  int32_t max_message_bytes = kDefaultMaxMessageBytes;    // max.message.bytes
  int64_t delete_retention_ms = kDefaultDeleteRetentionMs;  // delete.retention.ms
  double min_cleanable_dirty_ratio = kDefaultMinCleanableDirtyRatio;
  int64_t min_compaction_lag_ms = kDefaultMinCompactionLagMs;
  int64_t max_compaction_lag_ms = kDefaultMaxCompactionLagMs;
  int32_t min_insync_replicas = 1;                        // min.insync.replicas
  bool unclean_leader_election_enable = false;            // unclean.leader.election.enable
  TimestampType message_timestamp_type = TimestampType::CreateTime;
  int64_t flush_messages = kDefaultFlushMessages;         // flush.messages (maybe_flush)
  int64_t flush_ms = kDefaultFlushMs;                     // flush.ms (maybe_flush)
  // Keys given to from(), Kafka's LogConfig.overriddenConfigs. Sorted, so iteration is stable.
  std::set<std::string> overridden;

  // Parses topic overrides on top of the defaults (see log_config_fields()). Error:
  // INVALID_CONFIG naming the key, the value and Kafka's valid range, e.g. "invalid value '5'
  // for configuration segment.bytes of topic 'orders': value must be in [14,...]", or an
  // unknown key with a did-you-mean. `owner` names the topic in messages. Cross-field rule
  // (LogConfig.validateValues): min.compaction.lag.ms <= max.compaction.lag.ms.
  static Result<LogConfig> from(const std::map<std::string, std::string>& overrides,
                                std::string_view owner = "topic");

  // The `Configs:` column of kafka-topics.sh --describe: every overridden key, plus any field
  // that differs from its default, as Kafka would print it ("cleanup.policy" -> "compact").
  std::map<std::string, std::string> non_defaults() const;

  // All keys and their current values, in Kafka's spelling (for describe --all and the GUI).
  std::map<std::string, std::string> all_values() const;

  bool compact() const { return cleanup_compact; }
  bool delete_enabled() const { return cleanup_delete; }
};

// The topic config keys ksim models, with Kafka's defaults and validators (for docs, help and
// did-you-mean).
std::span<const ConfigField> log_config_fields();

// "CreateTime" / "LogAppendTime".
const char* timestamp_type_name(TimestampType type);

}  // namespace ksim
