// Broker config table. Defaults and ranges follow Kafka's server configs (see the header).
#include "ksim/broker/broker_config.h"

namespace ksim {
namespace {

constexpr double kIntMax = 2147483647.0;

const ConfigField kFields[] = {
    {"num.partitions", ConfigType::Int, "1", 1},
    {"default.replication.factor", ConfigType::Int, "1", 1, 32767},
    {"min.insync.replicas", ConfigType::Int, "1", 1},
    {"unclean.leader.election.enable", ConfigType::Bool, "false"},
    {"replica.lag.time.max.ms", ConfigType::Long, "30000", 0},
    {"replica.fetch.wait.max.ms", ConfigType::Int, "500", 0},
    {"replica.fetch.max.bytes", ConfigType::Int, "1048576", 0},
    {"replica.fetch.min.bytes", ConfigType::Int, "1", 0},
    {"replica.fetch.backoff.ms", ConfigType::Int, "1000", 0},
    {"num.replica.fetchers", ConfigType::Int, "1", 1, 1,
     {}, "only 1 is modelled: one fetcher per source broker"},
    {"message.max.bytes", ConfigType::Int, "1048588", 0},
    {"group.min.session.timeout.ms", ConfigType::Int, "6000", 0},
    {"group.max.session.timeout.ms", ConfigType::Int, "1800000", 0},
    {"group.initial.rebalance.delay.ms", ConfigType::Int, "3000", 0},
    {"group.max.size", ConfigType::Int, "2147483647", 1},
    {"offsets.topic.num.partitions", ConfigType::Int, "50", 1},
    {"offsets.topic.replication.factor", ConfigType::Int, "3", 1, 32767},
    {"broker.heartbeat.interval.ms", ConfigType::Int, "2000", 1},
    {"broker.session.timeout.ms", ConfigType::Int, "9000", 1},
    {"auto.leader.rebalance.enable", ConfigType::Bool, "true"},
    {"leader.imbalance.check.interval.seconds", ConfigType::Long, "300", 1},
    {"leader.imbalance.per.broker.percentage", ConfigType::Int, "10", 0, 100},
    {"auto.create.topics.enable", ConfigType::Bool, "true"},
    {"log.segment.bytes", ConfigType::Int, "1073741824", 14},
    {"log.retention.ms", ConfigType::Long, "604800000", -1},
    {"log.retention.bytes", ConfigType::Long, "-1", -1},
    {"log.retention.check.interval.ms", ConfigType::Long, "300000", 1},
    // ProducerStateManagerConfig (TransactionLogConfig): idle idempotent producers are
    // forgotten after producer.id.expiration.ms, checked every ...check.interval.ms.
    {"producer.id.expiration.ms", ConfigType::Int, "86400000", 1},
    {"producer.id.expiration.check.interval.ms", ConfigType::Int, "600000", 1},
    {"log.cleanup.policy", ConfigType::List, "delete", -kIntMax, kIntMax, {"delete", "compact"}},
};

}  // namespace

std::span<const ConfigField> broker_config_fields() { return kFields; }

Result<BrokerConfig> BrokerConfig::from(const ConfigMap& overrides) {
  auto resolved = resolve_config(kFields, overrides, "the brokers");
  if (!resolved) return resolved.status();
  const ConfigMap& m = *resolved;
  BrokerConfig c;
  c.effective = m;
  c.num_partitions = static_cast<int32_t>(config_int(m, "num.partitions"));
  c.default_replication_factor = static_cast<int16_t>(config_int(m, "default.replication.factor"));
  c.min_insync_replicas = static_cast<int32_t>(config_int(m, "min.insync.replicas"));
  c.unclean_leader_election_enable = config_bool(m, "unclean.leader.election.enable");
  c.replica_lag_time_max = from_ms(config_int(m, "replica.lag.time.max.ms"));
  c.replica_fetch_wait_max = from_ms(config_int(m, "replica.fetch.wait.max.ms"));
  c.replica_fetch_max_bytes = static_cast<int32_t>(config_int(m, "replica.fetch.max.bytes"));
  c.replica_fetch_min_bytes = static_cast<int32_t>(config_int(m, "replica.fetch.min.bytes"));
  c.replica_fetch_backoff = from_ms(config_int(m, "replica.fetch.backoff.ms"));
  c.message_max_bytes = static_cast<int32_t>(config_int(m, "message.max.bytes"));
  c.offsets_topic_num_partitions =
      static_cast<int32_t>(config_int(m, "offsets.topic.num.partitions"));
  c.offsets_topic_replication_factor =
      static_cast<int16_t>(config_int(m, "offsets.topic.replication.factor"));
  c.broker_heartbeat_interval = from_ms(config_int(m, "broker.heartbeat.interval.ms"));
  c.broker_session_timeout = from_ms(config_int(m, "broker.session.timeout.ms"));
  c.auto_leader_rebalance_enable = config_bool(m, "auto.leader.rebalance.enable");
  c.auto_create_topics_enable = config_bool(m, "auto.create.topics.enable");
  return c;
}

}  // namespace ksim
