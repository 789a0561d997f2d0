// Topic config validation by Kafka name and range. Ports LogConfigTest (storage/src/test/java/
// org/apache/kafka/storage/internals/log/LogConfigTest): testFromPropsInvalid,
// testInvalidCompactionLagConfig, shouldValidateThrottledReplicasConfig's style of checks.
#include <doctest/doctest.h>

#include "ksim/log/log_config.h"

using namespace ksim;

namespace {
std::string error_of(const std::map<std::string, std::string>& overrides) {
  Result<LogConfig> r = LogConfig::from(overrides, "topic 'orders'");
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.code() == ErrorCode::INVALID_CONFIG);
  return r.status().message();
}
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("log_config: defaults are Kafka's") {
  // LogConfigTest.ensureNoStaticInitializationOrderDependency / LogConfig.DEFAULT_*
  LogConfig c = LogConfig::from({}).value();
  CHECK(c.segment_bytes == 1073741824);
  CHECK(c.segment_ms == 604800000);
  CHECK(c.retention_ms == 604800000);
  CHECK(c.retention_bytes == -1);
  CHECK(c.delete_enabled());
  CHECK_FALSE(c.compact());
  CHECK(c.max_message_bytes == 1048588);
  CHECK(c.delete_retention_ms == 86400000);
  CHECK(c.min_cleanable_dirty_ratio == 0.5);
  CHECK(c.min_compaction_lag_ms == 0);
  CHECK(c.max_compaction_lag_ms == INT64_MAX);
  CHECK(c.min_insync_replicas == 1);
  CHECK_FALSE(c.unclean_leader_election_enable);
  CHECK(c.message_timestamp_type == TimestampType::CreateTime);
  CHECK(c.flush_messages == INT64_MAX);
  CHECK(c.non_defaults().empty());
}

TEST_CASE("log_config: out-of-range values are rejected by name with the range") {
  // LogConfigTest.testFromPropsInvalid
  std::string m = error_of({{"segment.bytes", "13"}});
  CHECK(contains(m, "segment.bytes"));
  CHECK(contains(m, "[14,...]"));
  CHECK(contains(m, "topic 'orders'"));
  CHECK(contains(error_of({{"retention.ms", "-2"}}), "[-1,...]"));
  CHECK(contains(error_of({{"min.cleanable.dirty.ratio", "1.5"}}), "[0,...,1]"));
  CHECK(contains(error_of({{"min.cleanable.dirty.ratio", "-0.1"}}), "[0,...,1]"));
  CHECK(contains(error_of({{"min.insync.replicas", "0"}}), "[1,...]"));
  CHECK(contains(error_of({{"segment.ms", "0"}}), "segment.ms"));
  CHECK(contains(error_of({{"delete.retention.ms", "-1"}}), "[0,...]"));
  CHECK(contains(error_of({{"max.compaction.lag.ms", "0"}}), "[1,...]"));
}

TEST_CASE("log_config: wrong types, lists and enums name the key") {
  CHECK(contains(error_of({{"segment.bytes", "abc"}}), "segment.bytes"));
  CHECK(contains(error_of({{"segment.bytes", "3000000000"}}), "segment.bytes"));  // > INT
  CHECK(contains(error_of({{"unclean.leader.election.enable", "yes"}}),
                 "unclean.leader.election.enable"));
  std::string policy = error_of({{"cleanup.policy", "compact,remove"}});
  CHECK(contains(policy, "cleanup.policy"));
  CHECK(contains(policy, "compact"));
  CHECK(contains(error_of({{"message.timestamp.type", "BrokerTime"}}), "LogAppendTime"));
}

TEST_CASE("log_config: unknown keys are rejected by name with a suggestion") {
  // LogConfig.validateNames: "Unknown topic config name".
  std::string m = error_of({{"retention.msec", "1"}});
  CHECK(contains(m, "retention.msec"));
  CHECK(contains(m, "retention.ms"));
}

TEST_CASE("log_config: min.compaction.lag.ms above max.compaction.lag.ms conflicts") {
  // LogConfigTest.testInvalidCompactionLagConfig
  std::string m = error_of({{"min.compaction.lag.ms", "100"}, {"max.compaction.lag.ms", "99"}});
  CHECK(contains(m, "min.compaction.lag.ms"));
  CHECK(contains(m, "max.compaction.lag.ms"));
}

TEST_CASE("log_config: cleanup.policy lists parse into delete and compact") {
  LogConfig both = LogConfig::from({{"cleanup.policy", "compact, delete"}}).value();
  CHECK(both.compact());
  CHECK(both.delete_enabled());
  LogConfig compact = LogConfig::from({{"cleanup.policy", "compact"}}).value();
  CHECK(compact.compact());
  CHECK_FALSE(compact.delete_enabled());
  CHECK(LogConfig::from({{"unclean.leader.election.enable", "true"}})
            .value()
            .unclean_leader_election_enable);
}

TEST_CASE("log_config: non_defaults lists overrides for kafka-topics --describe") {
  LogConfig c = LogConfig::from({{"cleanup.policy", "compact"},
                                 {"min.cleanable.dirty.ratio", "0.1"},
                                 {"retention.ms", "604800000"}})
                    .value();
  auto nd = c.non_defaults();
  CHECK(nd == std::map<std::string, std::string>{{"cleanup.policy", "compact"},
                                                 {"min.cleanable.dirty.ratio", "0.1"},
                                                 {"retention.ms", "604800000"}});
  CHECK(c.all_values().size() == 15);
}
