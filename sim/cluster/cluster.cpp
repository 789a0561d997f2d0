// Cluster: building, commands, lookups and group views.
#include "ksim/cluster/cluster.h"

#include <algorithm>
#include <cctype>

#include "ksim/group/coordinator_partition.h"
#include "ksim/group/group_coordinator.h"

namespace ksim {
namespace {

const std::string kOffsetsTopic = "__consumer_offsets";

}  // namespace

Cluster::Cluster(const ClusterSpec& spec, BrokerConfig config)
    : spec_(spec),
      broker_config_(std::move(config)),
      kernel_(std::make_unique<Kernel>(spec.seed)),
      console_rng_(kernel_->stream("console-consumer")) {}

Cluster::~Cluster() = default;

Result<std::unique_ptr<Cluster>> Cluster::create(const ClusterSpec& spec) {
  if (spec.brokers < 1 || spec.brokers > 1000)
    return Status(ErrorCode::INVALID_CONFIG, "brokers must be between 1 and 1000");
  if (!spec.racks.empty() && static_cast<int32_t>(spec.racks.size()) != spec.brokers)
    return Status(ErrorCode::INVALID_CONFIG, "racks must name one rack per broker");
  auto config = BrokerConfig::from(spec.broker_config);
  if (!config) return config.status();
  std::unique_ptr<Cluster> c(new Cluster(spec, std::move(config).value()));
  Kernel& k = *c->kernel_;
  assert_context().seed = spec.seed;
  assert_context().active = true;
  k.network.set_default_link(spec.link);
  k.trace.set_sink(spec.trace_sink);
  c->controller_ = std::make_unique<Controller>(k, c->broker_config_);
  for (BrokerId id = 0; id < spec.brokers; id++) {
    std::string rack = spec.racks.empty() ? "" : spec.racks[static_cast<size_t>(id)];
    auto b = std::make_unique<Broker>(k, id, c->broker_config_, c->controller_->id(), rack);
    c->controller_->register_broker(id, b->id(), rack);
    c->brokers_.push_back(std::move(b));
  }
  // The offsets topic exists from the start (Kafka creates it on the first FindCoordinator).
  // Its replication factor is capped by the broker count: a derived default, printed as such.
  int32_t rf = std::min<int32_t>(c->broker_config_.offsets_topic_replication_factor, spec.brokers);
  auto created = c->controller_->create_topic(
      {.name = kOffsetsTopic, .partitions = c->broker_config_.offsets_topic_num_partitions,
       .replication_factor = rf,
       .configs = {{"cleanup.policy", "compact"}, {"segment.bytes", "104857600"}},
       .internal = true});
  if (!created) return created.status();
  return c;
}

Result<std::string> Cluster::create_topic(const TopicSpec& spec) {
  if (spec.name.empty() || spec.name.size() > 249 || spec.name == "." || spec.name == "..")
    return Status(ErrorCode::INVALID_TOPIC_EXCEPTION, "invalid topic name '" + spec.name + "'");
  for (char ch : spec.name) {
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == '-')) {
      return Status(ErrorCode::INVALID_TOPIC_EXCEPTION,
                    "Topic name \"" + spec.name + "\" is illegal, it contains a character other "
                    "than ASCII alphanumerics, '.', '_' and '-'");
    }
  }
  std::map<std::string, std::string> log_props = spec.configs;
  auto log_config = LogConfig::from(log_props, spec.name);
  if (!log_config) return log_config.status();
  return controller_->create_topic(spec);
}

std::map<BrokerId, NodeId> Cluster::bootstrap() const {
  std::map<BrokerId, NodeId> out;
  for (const auto& b : brokers_) out[b->broker_id()] = b->id();
  return out;
}

Status Cluster::check_node_name(const std::string& name) const {
  // Names appear in traces, tables and Lua: letters, digits, '.', '_' and '-' only.
  bool ok = !name.empty() && name.size() <= 249;
  for (char ch : name)
    ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' ||
                ch == '-');
  if (!ok) {
    return Status(ErrorCode::INVALID_CONFIG, "invalid node name '" + name +
                                                 "': use letters, digits, '.', '_' and '-'");
  }
  if (node_by_name(name))
    return Status(ErrorCode::INVALID_CONFIG, "duplicate node name '" + name + "'");
  return Status::ok();
}

Result<Producer*> Cluster::add_producer(const std::string& name, const ConfigMap& config) {
  if (Status s = check_node_name(name); !s.is_ok()) return s;
  auto pc = ProducerConfig::from(config, name);
  if (!pc) return pc.status();
  producers_.push_back(
      std::make_unique<Producer>(*kernel_, name, std::move(pc).value(), bootstrap()));
  return producers_.back().get();
}

Result<Consumer*> Cluster::add_consumer(const std::string& name, const ConfigMap& config,
                                        const ConsumerOptions& options) {
  if (Status s = check_node_name(name); !s.is_ok()) return s;
  auto group = config.find("group.id");
  std::string group_id = group == config.end() ? "" : group->second;
  // Kafka: "consumer-" + groupId + "-" + CONSUMER_CLIENT_ID_SEQUENCE (one JVM-wide counter),
  // drawn only when client.id is not set.
  auto client_id = config.find("client.id");
  std::string default_client_id;
  if (client_id == config.end() || client_id->second.empty())
    default_client_id = "consumer-" + group_id + "-" + std::to_string(++consumer_client_sequence_);
  auto cc = ConsumerConfig::from(config, name, default_client_id);
  if (!cc) return cc.status();
  // The coordinator would refuse the join with INVALID_SESSION_TIMEOUT: say so now, by name.
  int64_t min = config_int(broker_config_.effective, "group.min.session.timeout.ms");
  int64_t max = config_int(broker_config_.effective, "group.max.session.timeout.ms");
  int64_t session = to_ms(cc->session_timeout);
  if (session < min || session > max) {
    return Status(ErrorCode::INVALID_SESSION_TIMEOUT,
                  "session.timeout.ms=" + std::to_string(session) + " of consumer '" + name +
                      "' is outside [group.min.session.timeout.ms=" + std::to_string(min) +
                      ", group.max.session.timeout.ms=" + std::to_string(max) +
                      "]: the coordinator would answer INVALID_SESSION_TIMEOUT");
  }
  if (options.topics.empty())
    return Status(ErrorCode::INVALID_CONFIG, "consumer '" + name + "' subscribes to no topic");
  consumers_.push_back(std::make_unique<Consumer>(*kernel_, name, std::move(cc).value(), options,
                                                  bootstrap()));
  return consumers_.back().get();
}

Result<Consumer*> Cluster::add_console_consumer(const std::string& name, const std::string& topic,
                                                bool from_beginning) {
  std::string group = "console-consumer-" + std::to_string(console_rng_.below(100000));
  // ConsoleConsumerOptions: client.id "console-consumer" unless given.
  ConfigMap config{{"group.id", group}, {"client.id", "console-consumer"},
                   {"auto.offset.reset", from_beginning ? "earliest" : "latest"}};
  return add_consumer(name, config, ConsumerOptions{.topics = {topic}});
}

Node* Cluster::node_by_name(const std::string& name) const {
  for (const auto& b : brokers_)
    if (b->name() == name) return b.get();
  for (const auto& p : producers_)
    if (p->name() == name) return p.get();
  for (const auto& c : consumers_)
    if (c->name() == name) return c.get();
  if (controller_ && controller_->name() == name) return controller_.get();
  return nullptr;
}

Broker* Cluster::broker(BrokerId id) const {
  for (const auto& b : brokers_)
    if (b->broker_id() == id) return b.get();
  return nullptr;
}

Producer* Cluster::producer(const std::string& name) const {
  for (const auto& p : producers_)
    if (p->name() == name) return p.get();
  return nullptr;
}

Consumer* Cluster::consumer(const std::string& name) const {
  for (const auto& c : consumers_)
    if (c->name() == name) return c.get();
  return nullptr;
}

const Broker* Cluster::leader_broker(const TopicPartition& tp) const {
  const TopicRegistration* t = controller_->topic(tp.topic);
  if (t == nullptr || tp.partition < 0 ||
      tp.partition >= static_cast<int32_t>(t->partitions.size()))
    return nullptr;
  return broker(t->partitions[static_cast<size_t>(tp.partition)].leader);
}

const Partition* Cluster::leader_partition(const TopicPartition& tp) const {
  const Broker* b = leader_broker(tp);
  if (b == nullptr || !b->is_up()) return nullptr;
  const Partition* p = b->partition(tp);
  return p != nullptr && p->role() == ReplicaRole::Leader ? p : nullptr;
}

std::vector<std::string> Cluster::group_ids() const {
  std::vector<std::string> out;
  for (const auto& c : consumers_) out.push_back(c->config().group_id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<GroupView> Cluster::group(const std::string& group_id) const {
  int32_t p =
      group::coordinator_partition_for(group_id, broker_config_.offsets_topic_num_partitions);
  const Broker* b = leader_broker({kOffsetsTopic, p});
  GroupView view{.group_id = group_id};
  if (b == nullptr || !b->is_up()) return view;
  view.coordinator = b->broker_id();
  const group::ClassicGroup* g = b->group_coordinator().group(group_id);
  if (g == nullptr) return view;
  view.state = std::string(group::state_name(g->state()));
  view.generation_id = g->generation_id();
  view.protocol = g->protocol_name().value_or("");
  view.leader = g->leader_id().value_or("");
  for (const group::ClassicGroupMember& m : g->members()) {
    view.members.push_back({.member_id = m.member_id,
                            .group_instance_id = m.group_instance_id.value_or(""),
                            .client_id = m.client_id, .host = m.client_host,
                            .assignment = m.assignment ? m.assignment->partitions
                                                       : std::vector<TopicPartition>{}});
  }
  for (const auto& [tp, o] : g->offsets()) view.committed[tp] = o.committed_offset;
  return view;
}

}  // namespace ksim
