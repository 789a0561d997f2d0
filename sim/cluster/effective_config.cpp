// The run's full configuration, every derived default included (design: determinism rule 6).
#include <fmt/format.h>

#include "ksim/cluster/cluster.h"

namespace ksim {

std::string Cluster::effective_config() const {
  std::string out = fmt::format("seed={}\n", spec_.seed);
  out += fmt::format("cluster.brokers={}\n", spec_.brokers);
  const LinkConfig& l = spec_.link;
  out += fmt::format("network.latency={} network.jitter={} network.bandwidth.bytes.per.sec={} "
                     "network.loss={}\n",
                     format_duration(l.latency), format_duration(l.jitter),
                     l.bandwidth_bytes_per_sec, l.loss);
  for (const auto& [k, v] : broker_config_.effective) out += fmt::format("broker.{}={}\n", k, v);
  int32_t offsets_rf = std::min<int32_t>(broker_config_.offsets_topic_replication_factor,
                                         spec_.brokers);
  out += fmt::format("derived.__consumer_offsets.replication.factor={} (offsets.topic.replication"
                     ".factor capped by the broker count)\n", offsets_rf);
  for (const auto& [name, t] : controller_->topics()) {
    if (t.internal) continue;
    out += fmt::format("topic.{}.partitions={} topic.{}.replication.factor={}\n", name,
                       t.partitions.size(), name,
                       t.partitions.empty() ? 0 : t.partitions.front().replicas.size());
    for (const auto& [k, v] : t.configs) out += fmt::format("topic.{}.{}={}\n", name, k, v);
  }
  for (const auto& p : producers_)
    for (const auto& [k, v] : p->config().effective)
      out += fmt::format("producer.{}.{}={}\n", p->name(), k, v);
  for (const auto& c : consumers_) {
    for (const auto& [k, v] : c->config().effective)
      out += fmt::format("consumer.{}.{}={}\n", c->name(), k, v);
    const ConsumerOptions& o = c->options();
    out += fmt::format("consumer.{}.ksim.processing.per.record={} ksim.poll.timeout={}\n",
                       c->name(), format_duration(o.processing_per_record),
                       format_duration(o.poll_timeout));
  }
  return out;
}

}  // namespace ksim
