// Inspector view-models over the tweets fixture: a member's ids and deadlines agree with the
// consumer and its coordinator, a follower's lag and caught-up time with the leader's
// FollowerFetchState, a message's fields with its body; Drop issues network.drop through the
// session, and the message never arrives.
#include <doctest/doctest.h>

#include <algorithm>

#include "gui/model/cluster_scene.h"
#include "gui/model/fixture.h"
#include "gui/model/inspector.h"

using namespace ksim;
using namespace ksim::gui;

namespace {

std::string field(const Inspection& in, const std::string& name) {
  for (const FieldRow& r : in.rows)
    if (r.field == name) return r.value;
  return "<absent>";
}

std::unique_ptr<Session> started_at(Time t) {
  auto s = std::make_unique<Session>(tweets_fixture_factory({}));
  REQUIRE(s->restart().is_ok());
  s->seek(t);
  return s;
}

}  // namespace

TEST_CASE("inspector: a member shows member_id, group_instance_id, generation, assignment and "
          "the coordinator's session deadline") {
  std::unique_ptr<Session> session = started_at(20 * kSecond);
  Session& s = *session;
  const Consumer& c1 = *s.cluster().consumer("c1");
  InspectTarget t = node_target(s.cluster(), "c1");
  CHECK(t.kind == InspectKind::Consumer);
  CHECK(member_target(s.cluster(), c1.config().client_id) == t);
  Inspection in = inspect(s.cluster(), s.events(), t);
  CHECK(in.title == "member c1");
  CHECK(in.gone.empty());
  REQUIRE_FALSE(c1.member_id().empty());
  CHECK(field(in, "member_id") == c1.member_id());
  CHECK(field(in, "group_instance_id") == "null (dynamic member)");
  CHECK(field(in, "generation_id") == std::to_string(c1.generation_id()));
  CHECK(field(in, "state") == "Stable");
  CHECK(field(in, "assignment") == partitions_text(c1.assignment()));
  const group::ClassicGroupMember* m = coordinator_member(s.cluster(), c1);
  REQUIRE(m != nullptr);
  std::string deadline = field(in, "session deadline (coordinator)");
  CHECK(deadline.rfind(format_time(m->heartbeat_deadline), 0) == 0);
  CHECK(field(in, "poll deadline (max.poll.interval.ms)")
            .rfind(format_time(c1.last_poll() + c1.config().max_poll_interval), 0) == 0);
  REQUIRE(s.issue({.kind = CommandKind::ConsumerCrash, .target = "c1"}).is_ok());
  CHECK(field(inspect(s.cluster(), s.events(), t), "state") == "crashed");
}

TEST_CASE("inspector: a lagging follower shows LEO, HW, lag and the leader's last caught-up "
          "time; the leader shows no lag row") {
  std::unique_ptr<Session> session = started_at(10 * kSecond);
  Session& s = *session;
  const Broker* leader = s.cluster().leader_broker({"tweets", 0});
  REQUIRE(leader != nullptr);
  BrokerId follower_id = -1;
  for (const auto& b : s.cluster().brokers())
    if (b.get() != leader) follower_id = b->broker_id();
  std::string follower = "broker-" + std::to_string(follower_id);
  REQUIRE(s.issue({.kind = CommandKind::NetworkCut, .side_a = {leader->name()},
                   .side_b = {follower}}).is_ok());
  s.seek(15 * kSecond);  // the follower stops receiving fetch answers: it falls behind
  Inspection in = inspect(s.cluster(), s.events(),
                          {.kind = InspectKind::Replica, .node = follower, .tp = {"tweets", 0}});
  const Partition* lp = s.cluster().leader_partition({"tweets", 0});
  const Partition* fp = s.cluster().broker(follower_id)->partition({"tweets", 0});
  REQUIRE(lp != nullptr);
  REQUIRE(fp != nullptr);
  CHECK(field(in, "role") == "follower");
  CHECK(field(in, "log_end_offset") == std::to_string(fp->log().log_end_offset()));
  CHECK(field(in, "high_watermark") == std::to_string(fp->log().high_watermark()));
  Offset lag = lp->log().log_end_offset() - fp->log().log_end_offset();
  CHECK(lag > 0);
  CHECK(field(in, "lag (leader LEO - LEO)") == std::to_string(lag));
  Time caught_up = lp->followers().at(follower_id).last_caught_up;
  CHECK(field(in, "last caught-up time (leader)").rfind(format_time(caught_up), 0) == 0);
  Inspection lead = inspect(s.cluster(), s.events(), {.kind = InspectKind::Replica,
                                                      .node = leader->name(),
                                                      .tp = {"tweets", 0}});
  CHECK(field(lead, "role") == "leader");
  CHECK(field(lead, "lag (leader LEO - LEO)") == "<absent>");
}

TEST_CASE("inspector: a message shows API, ends, times and body fields; Drop issues "
          "network.drop(id) and the message never arrives") {
  std::unique_ptr<Session> session = started_at(20 * kSecond);
  Session& s = *session;
  // A Heartbeat request from a consumer: its body names group, generation and member.
  std::optional<InFlightMessage> hb;
  for (int i = 0; i < 5000 && !hb; i++) {
    s.step_event();
    for (const InFlightMessage& m : s.cluster().kernel().network.in_flight())
      if (m.api == ApiKey::Heartbeat && !m.response && m.arrives_at > s.now() + 10) hb = m;
  }
  REQUIRE(hb);
  const Network& net = s.cluster().kernel().network;
  Inspection in = inspect(s.cluster(), s.events(),
                          {.kind = InspectKind::Message, .message_id = hb->id});
  CHECK(in.title == "message #" + std::to_string(hb->id));
  CHECK(field(in, "api") == "Heartbeat");
  CHECK(field(in, "direction") == "request");
  CHECK(field(in, "from") == net.node_name(hb->source));
  CHECK(field(in, "to") == net.node_name(hb->destination));
  CHECK(field(in, "size (bytes)") == std::to_string(hb->bytes));
  CHECK(field(in, "group_id") == "group1");
  const Consumer* sender = s.cluster().consumer(net.node_name(hb->source));
  REQUIRE(sender != nullptr);
  CHECK(field(in, "member_id") == sender->member_id());
  CHECK(field(in, "generation_id") == std::to_string(sender->generation_id()));
  REQUIRE(in.action);
  CHECK(in.action->kind == CommandKind::NetworkDrop);
  CHECK(command_to_lua(*in.action) == "network.drop(" + std::to_string(hb->id) + ")");
  REQUIRE(s.issue(*in.action).is_ok());
  CHECK(s.schedule().back().command.message_id == hb->id);
  Inspection after = inspect(s.cluster(), s.events(),
                             {.kind = InspectKind::Message, .message_id = hb->id});
  CHECK_FALSE(after.gone.empty());
  CHECK_FALSE(after.action);
  bool traced = false;
  for (const StoredEvent& e : s.events().events())
    traced = traced || (e.type() == "net.drop" && e.text("reason") == "command" &&
                        e.text("id") == std::to_string(hb->id));
  CHECK(traced);
  // Dropping it again is refused (not in flight), and nothing is recorded.
  size_t recorded = s.schedule().size();
  CHECK_FALSE(s.issue(*in.action).is_ok());
  CHECK(s.schedule().size() == recorded);
}

TEST_CASE("message fields: Produce lists partitions with record counts; FetchResponse errors") {
  ProduceRequest p{.acks = -1, .timeout_ms = 30000};
  p.partitions.push_back({.tp = {"tweets", 0}, .batch = {.record_count = 5}});
  std::vector<FieldRow> rows = message_fields(p, 8);
  CHECK(std::find(rows.begin(), rows.end(), FieldRow{"acks", "-1"}) != rows.end());
  CHECK(std::find(rows.begin(), rows.end(), FieldRow{"partitions", "1"}) != rows.end());
  CHECK(std::find(rows.begin(), rows.end(),
                  FieldRow{"  partitions[0]", "tweets-0 records=5"}) != rows.end());
  FetchResponse f;
  for (int i = 0; i < 4; i++)
    f.partitions.push_back({.tp = {"t", i}, .error = ErrorCode::NOT_LEADER_OR_FOLLOWER,
                            .high_watermark = 10});
  rows = message_fields(f, 2);
  CHECK(std::find(rows.begin(), rows.end(),
                  FieldRow{"  partitions[1]",
                           "t-1 error=NOT_LEADER_OR_FOLLOWER high_watermark=10 records=0"}) !=
        rows.end());
  CHECK(std::find(rows.begin(), rows.end(), FieldRow{"  ...", "2 more"}) != rows.end());
}
