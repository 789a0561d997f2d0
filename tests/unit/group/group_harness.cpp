// The transcript host for GroupCoordinator (see group_harness.h). Each cmd_* handler documents
// its command line; defaults are chosen so transcripts stay short.
#include "tests/unit/group/group_harness.h"

#include <algorithm>

#include "tests/unit/group/group_printer.h"

namespace ksim::group::testing {
namespace {

Duration duration_arg(const test::TestData& d, std::string_view key, std::string_view fallback) {
  Result<Duration> r = parse_duration(d.value(key, fallback));
  return r.is_ok() ? r.value() : -1;
}

std::optional<std::string> optional_arg(const test::TestData& d, std::string_view key) {
  if (!d.has(key)) return std::nullopt;
  return d.value(key);
}

// "t-3" -> {t, 3}.
TopicPartition parse_tp(const std::string& s) {
  size_t dash = s.rfind('-');
  return {s.substr(0, dash), std::stoi(s.substr(dash + 1))};
}

// A member id's client id: "a-1" -> "a".
std::string client_of(const std::string& member_id) {
  size_t dash = member_id.rfind('-');
  return dash == std::string::npos ? member_id : member_id.substr(0, dash);
}

}  // namespace

std::string show_time(Time t) { return t == 0 ? "0s" : format_duration(t); }

GroupHarness::GroupHarness() {
  coord_ = std::make_unique<GroupCoordinator>(GroupCoordinatorConfig{},
                                              [this] { return std::to_string(next_uuid_++); });
}

std::string GroupHarness::run(const test::TestData& d) {
  if (d.cmd == "config") return cmd_config(d);        // config group.max.size=2 ...
  if (d.cmd == "join") return cmd_join(d);            // join client=a | member=a-1 ...
  if (d.cmd == "sync") return cmd_sync(d);            // sync member=a-1 assign=(a-1:t-0)
  if (d.cmd == "heartbeat") return cmd_heartbeat(d);  // heartbeat member=a-1 gen=1
  if (d.cmd == "leave") return cmd_leave(d);          // leave members=(a-1,@i1)
  if (d.cmd == "commit") return cmd_commit(d);        // commit member=a-1 offsets=(t-0:10)
  if (d.cmd == "fetch") return cmd_fetch(d);          // fetch partitions=(t-0,t-1)
  if (d.cmd == "tick") return cmd_tick(d);            // tick 3s
  if (d.cmd == "state") return cmd_state(d);          // state [group=g]
  if (d.cmd == "timers") return cmd_timers();         // timers
  return "unknown command \"" + d.cmd + "\"\n";
}

std::string GroupHarness::group_id(const test::TestData& d) const { return d.value("group", "g"); }

GenerationId GroupHarness::generation_arg(const test::TestData& d, GenerationId fallback) const {
  if (d.has("gen")) return std::stoi(d.value("gen"));
  const ClassicGroup* g = coord_->group(group_id(d));
  return g == nullptr ? fallback : g->generation_id();
}

// config <kafka.key>=<value>...: a fresh coordinator with these configs.
std::string GroupHarness::cmd_config(const test::TestData& d) {
  std::map<std::string, std::string> props;
  for (const test::CmdArg& a : d.args) props[a.key] = a.vals.empty() ? "" : a.vals.front();
  Result<GroupCoordinatorConfig> config = GroupCoordinatorConfig::from(props);
  if (!config.is_ok()) return "error: " + config.status().to_string() + "\n";
  coord_ = std::make_unique<GroupCoordinator>(config.value(),
                                              [this] { return std::to_string(next_uuid_++); });
  timers_.clear();
  return "ok\n";
}

// join [group=g] [member=ID] [client=C] [instance=I] [protocols=range,...] [topics=t,...]
//      [session=10s] [rebalance=5m] [type=consumer] [reason="..."]
std::string GroupHarness::cmd_join(const test::TestData& d) {
  JoinGroupRequest r;
  r.group_id = group_id(d);
  r.member_id = d.value("member");
  r.client_id = d.value("client", r.member_id.empty() ? "consumer" : client_of(r.member_id));
  r.client_host = "/10.0.0.1";
  r.group_instance_id = optional_arg(d, "instance");
  r.session_timeout_ms = static_cast<int32_t>(to_ms(duration_arg(d, "session", "10s")));
  r.rebalance_timeout_ms = static_cast<int32_t>(to_ms(duration_arg(d, "rebalance", "5m")));
  r.protocol_type = d.value("type", "consumer");
  r.reason = d.value("reason");
  std::vector<std::string> topics = d.has("topics") ? d.values("topics")
                                                    : std::vector<std::string>{"t"};
  std::vector<std::string> names = d.has("protocols") ? d.values("protocols")
                                                      : std::vector<std::string>{"range"};
  for (const std::string& n : names) {
    if (n.empty()) continue;
    r.protocols.push_back({n, ConsumerSubscription{.topics = topics}});
  }
  RequestHandle h = next_handle_++;
  std::string out = "#" + std::to_string(h) + " JoinGroup sent\n";
  return out + apply(coord_->on_join_group(h, r, now_));
}

// sync member=ID [gen=N (default: the group's)] [instance=I] [protocol=P] [type=T]
//      [assign=(a-1:t-0+t-1,b-2:t-2)]
std::string GroupHarness::cmd_sync(const test::TestData& d) {
  SyncGroupRequest r;
  r.group_id = group_id(d);
  r.member_id = d.value("member");
  r.group_instance_id = optional_arg(d, "instance");
  r.generation_id = generation_arg(d, -1);
  r.protocol_type = d.value("type", "consumer");
  r.protocol_name = d.value("protocol");
  for (const std::string& entry : d.values("assign")) {
    size_t colon = entry.find(':');
    SyncGroupAssignment a;
    a.member_id = entry.substr(0, colon);
    std::string parts = colon == std::string::npos ? "" : entry.substr(colon + 1);
    for (size_t start = 0; !parts.empty() && start <= parts.size();) {
      size_t plus = std::min(parts.find('+', start), parts.size());
      a.assignment.partitions.push_back(parse_tp(parts.substr(start, plus - start)));
      start = plus + 1;
    }
    r.assignments.push_back(std::move(a));
  }
  RequestHandle h = next_handle_++;
  std::string out = "#" + std::to_string(h) + " SyncGroup sent\n";
  return out + apply(coord_->on_sync_group(h, r, now_));
}

// heartbeat member=ID [gen=N (default: the group's)] [instance=I]
std::string GroupHarness::cmd_heartbeat(const test::TestData& d) {
  HeartbeatRequest r{group_id(d), generation_arg(d, -1), d.value("member"),
                     optional_arg(d, "instance")};
  RequestHandle h = next_handle_++;
  return apply(coord_->on_heartbeat(h, r, now_));
}

// leave members=(a-1,b-2@i2,@i3) [reason="..."]: "id@instance", "@instance" = admin removal.
std::string GroupHarness::cmd_leave(const test::TestData& d) {
  LeaveGroupRequest r;
  r.group_id = group_id(d);
  for (const std::string& who : d.values("members")) {
    size_t at = who.find('@');
    LeaveGroupMember m;
    m.member_id = who.substr(0, at);
    if (at != std::string::npos) m.group_instance_id = who.substr(at + 1);
    m.reason = d.value("reason");
    r.members.push_back(std::move(m));
  }
  RequestHandle h = next_handle_++;
  return apply(coord_->on_leave_group(h, r, now_));
}

// commit [member=ID] [gen=N (default: the group's if member=, else -1)] [instance=I]
//        offsets=(t-0:10,t-1:20@3) [meta="..."]   ("@3" = leader epoch)
std::string GroupHarness::cmd_commit(const test::TestData& d) {
  OffsetCommitRequest r;
  r.group_id = group_id(d);
  r.member_id = d.value("member");
  r.group_instance_id = optional_arg(d, "instance");
  r.generation_id = r.member_id.empty() && !d.has("gen") ? -1 : generation_arg(d, -1);
  for (const std::string& entry : d.values("offsets")) {
    size_t colon = entry.find(':');
    size_t at = entry.find('@');
    OffsetCommitPartition p;
    p.tp = parse_tp(entry.substr(0, colon));
    p.committed_offset = std::stoll(entry.substr(colon + 1, at - colon - 1));
    if (at != std::string::npos) p.committed_leader_epoch = std::stoi(entry.substr(at + 1));
    p.metadata = d.value("meta");
    r.partitions.push_back(std::move(p));
  }
  RequestHandle h = next_handle_++;
  return apply(coord_->on_offset_commit(h, r, now_));
}

// fetch [partitions=(t-0,t-1)]  (none = every committed partition)
std::string GroupHarness::cmd_fetch(const test::TestData& d) {
  OffsetFetchRequest r;
  r.group_id = group_id(d);
  for (const std::string& tp : d.values("partitions")) r.partitions.push_back(parse_tp(tp));
  RequestHandle h = next_handle_++;
  return apply(coord_->on_offset_fetch(h, r, now_));
}

// tick <duration>: fires the due timers in deadline order (ties: arming order), then sets the
// clock to now + duration.
std::string GroupHarness::cmd_tick(const test::TestData& d) {
  Result<Duration> step = d.args.empty() ? Result<Duration>(Duration{0})
                                         : parse_duration(d.args.front().key);
  if (!step.is_ok()) return "error: " + step.status().to_string() + "\n";
  Time target = now_ + step.value();
  std::string out;
  for (int fired = 0; fired < 10000; fired++) {
    auto due = std::min_element(timers_.begin(), timers_.end(), [](const auto& a, const auto& b) {
      return std::pair(a.second.deadline, a.second.seq) <
             std::pair(b.second.deadline, b.second.seq);
    });
    if (due == timers_.end() || due->second.deadline > target) break;
    TimerKey key = due->first;
    now_ = std::max(now_, due->second.deadline);
    timers_.erase(due);
    out += "fire " + to_string(key) + " at " + show_time(now_) + "\n";
    std::string effects = apply(coord_->on_timer(key, now_));
    out += effects.empty() ? "  (no effects)\n" : effects;
  }
  now_ = target;
  return out + "now " + show_time(now_) + "\n";
}

std::string GroupHarness::cmd_state(const test::TestData& d) {
  const ClassicGroup* g = coord_->group(group_id(d));
  if (g == nullptr) return "group " + group_id(d) + " unknown\n";
  return print_group(*g);
}

std::string GroupHarness::cmd_timers() const {
  std::vector<std::pair<Armed, TimerKey>> sorted;
  for (const auto& [key, armed] : timers_) sorted.push_back({armed, key});
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::pair(a.first.deadline, a.first.seq) < std::pair(b.first.deadline, b.first.seq);
  });
  std::string out;
  for (const auto& [armed, key] : sorted)
    out += to_string(key) + " at " + show_time(armed.deadline) + "\n";
  return out.empty() ? "no timers\n" : out;
}

std::string GroupHarness::apply(const GroupEffects& fx) {
  std::string out;
  for (const auto& [h, response] : fx.responses) out += print_response(h, response);
  for (const auto& [key, deadline] : fx.timers) {
    timers_[key] = {deadline, next_seq_++};
    out += "timer " + to_string(key) + " at " + show_time(deadline) + "\n";
  }
  for (const TraceEvent& ev : fx.trace) out += print_trace(ev);
  return out;
}

}  // namespace ksim::group::testing
