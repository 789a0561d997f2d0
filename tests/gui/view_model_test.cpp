// ksim-gui view-models (no ImGui): tables agree with the CLI's text (describe_topics,
// describe_group) over the tweets fixture at several moments, and the pure helpers (save
// session, scenario cards, ui-script, timeline, checks, faults) behave as documented.
#include <doctest/doctest.h>

#include <optional>

#include "gui/model/checks.h"
#include "gui/model/fault_menu.h"
#include "gui/model/fixture.h"
#include "gui/model/group_rows.h"
#include "gui/model/log_strip.h"
#include "gui/model/save_session.h"
#include "gui/model/scenario_catalog.h"
#include "gui/model/timeline.h"
#include "gui/model/topic_rows.h"
#include "gui/model/ui_script.h"

using namespace ksim;
using namespace ksim::gui;

namespace {

void check_tables_match_cli(const Cluster& c) {
  std::vector<TopicFilter> filters(6);
  filters[1].under_replicated = true;
  filters[2].under_min_isr = true;
  filters[3].at_min_isr = true;
  filters[4].unavailable = true;
  filters[5].include_internal = true;
  for (const TopicFilter& f : filters)
    CHECK(format_topics(topic_rows(c, f), f) == describe_topics(c, f));
  std::vector<std::string> groups = c.group_ids();
  groups.push_back("no-such-group");
  for (const std::string& g : groups)
    for (GroupDescribe what : {GroupDescribe::Offsets, GroupDescribe::Members,
                               GroupDescribe::MembersVerbose, GroupDescribe::State})
      CHECK(format_group(group_tables(c, g), what) == describe_group(c, g, what));
}

}  // namespace

TEST_CASE("view-model: topic and group tables print exactly the CLI text before, during and "
          "after a consumer crash and a broker crash") {
  Session s(tweets_fixture_factory({}));
  REQUIRE(s.restart().is_ok());
  check_tables_match_cli(s.cluster());  // t = 0: groups not formed yet
  s.seek(20 * kSecond);
  check_tables_match_cli(s.cluster());
  std::optional<GroupView> g = s.cluster().group("group1");
  REQUIRE(g);
  CHECK(g->state == "Stable");
  REQUIRE(s.issue({.kind = CommandKind::ConsumerCrash, .target = "c1"}).is_ok());
  s.seek(40 * kSecond);
  check_tables_match_cli(s.cluster());
  REQUIRE(s.issue({.kind = CommandKind::BrokerCrash, .target = "broker-1"}).is_ok());
  s.seek(90 * kSecond);
  check_tables_match_cli(s.cluster());
  GroupTables t = group_tables(s.cluster(), "group1");
  CHECK(t.exists);
  CHECK(total_lag(t).has_value());
}

TEST_CASE("view-model: log strip shows every replica, HW <= LEO, group commits and positions") {
  Session s(tweets_fixture_factory({}));
  REQUIRE(s.restart().is_ok());
  s.seek(30 * kSecond);
  LogStrip strip = build_log_strip(s.cluster(), s.events(), {"tweets", 0}, 100);
  REQUIRE(strip.exists);
  CHECK(strip.rows.size() == 3);
  for (const LogStripRow& r : strip.rows) {
    CHECK(r.high_watermark <= r.log_end);
    CHECK_FALSE(r.spans.empty());
  }
  bool committed = false, position = false;
  for (const LogMarker& m : strip.markers) {
    committed = committed || m.kind == LogMarker::Kind::Committed;
    position = position || m.kind == LogMarker::Kind::Position;
  }
  CHECK(committed);
  CHECK(position);
  CHECK_FALSE(build_log_strip(s.cluster(), s.events(), {"nope", 0}, 100).exists);
}

TEST_CASE("view-model: timeline has broker, group and member lanes; group1 reaches Stable") {
  Session s(tweets_fixture_factory({}));
  REQUIRE(s.restart().is_ok());
  s.seek(20 * kSecond);
  auto lanes = timeline_lanes(s.cluster(), s.events(), {}, {}, s.now());
  int brokers = 0, members = 0;
  bool stable = false;
  for (const TimelineLane& l : lanes) {
    brokers += l.kind == LaneKind::Broker;
    members += l.kind == LaneKind::Member;
    if (l.kind == LaneKind::Group && l.name == "group1")
      for (const TimelineSegment& seg : l.segments)
        stable = stable || seg.style == SegmentStyle::Stable;
  }
  CHECK(brokers == 3);
  CHECK(members == 4);  // c1..c3 and the console consumer
  CHECK(stable);
}

TEST_CASE("view-model: invariants hold on the fixture; a failing expectation is a red row") {
  Session s(tweets_fixture_factory({}));
  REQUIRE(s.restart().is_ok());
  s.seek(15 * kSecond);
  for (const CheckRow& r : invariant_checks(s.cluster())) CHECK_MESSAGE(r.passed, r.detail);
  auto rows = expectation_checks({{.t = 5, .file = "a.lua", .line = 7, .description = "x",
                                   .passed = false}});
  REQUIRE(rows.size() == 1);
  CHECK_FALSE(rows[0].passed);
  CHECK(rows[0].where == "a.lua:7");
}

TEST_CASE("view-model: fault menu offers crash (no LeaveGroup) vs close vs stall for a consumer") {
  Session s(tweets_fixture_factory({}));
  REQUIRE(s.restart().is_ok());
  auto actions = faults_for(s.cluster(), "c2");
  std::vector<CommandKind> kinds;
  for (const FaultAction& a : actions) kinds.push_back(a.command.kind);
  for (CommandKind k : {CommandKind::ConsumerCrash, CommandKind::ConsumerClose,
                        CommandKind::ConsumerStallPoll, CommandKind::NetworkHeal})
    CHECK(std::find(kinds.begin(), kinds.end(), k) != kinds.end());
  auto broker = faults_for(s.cluster(), "broker-0");
  CHECK(broker.front().command.kind == CommandKind::BrokerCrash);
}

TEST_CASE("view-model: link delay and loss on a node's outgoing messages, applied as commands") {
  Session s(tweets_fixture_factory({}));
  REQUIRE(s.restart().is_ok());
  std::optional<FaultAction> delay, loss;
  for (const FaultAction& a : faults_for(s.cluster(), "broker-0")) {
    if (a.command.kind == CommandKind::NetworkDelay) delay = a;
    if (a.command.kind == CommandKind::NetworkLoss) loss = a;
  }
  REQUIRE(delay.has_value());
  REQUIRE(loss.has_value());
  CHECK(delay->key == 'Y');
  CHECK(loss->key == 'U');
  CHECK(delay->command.side_a == std::vector<std::string>{"broker-0"});
  CHECK(delay->command.duration == 200 * kMillisecond);
  CHECK(loss->command.loss == doctest::Approx(0.1));
  REQUIRE(s.cluster().apply(delay->command).is_ok());
  REQUIRE(s.cluster().apply(loss->command).is_ok());
  NodeId b0 = s.cluster().node_by_name("broker-0")->id();
  NodeId c1 = s.cluster().node_by_name("c1")->id();
  CHECK(s.cluster().kernel().network.link(b0, c1).extra_delay == 200 * kMillisecond);
  CHECK(s.cluster().kernel().network.link(b0, c1).loss == doctest::Approx(0.1));
  CHECK(s.cluster().kernel().network.link(c1, b0).extra_delay == 0);  // one way
}

TEST_CASE("save session: block goes right after the multi-line cluster{...} statement") {
  std::string src = "scenario{ title = \"t\" }\n-- cluster{ in a comment }\n"
                    "local c = cluster {\n  brokers = 2,\n}\nc:topic(\"x\", {})\n";
  auto end = cluster_statement_end(src);
  REQUIRE(end);
  CHECK(*end == 4);
  std::vector<ScheduledCommand> cmds{{1500001, {.kind = CommandKind::ConsumerCrash,
                                                .target = "c1"}}};
  auto lua = session_lua(src, cmds, "x.lua");
  REQUIRE(lua);
  CHECK(lua->find("}\n-- ksim-gui session") != std::string::npos);
  CHECK(lua->find("  at(\"1500001us\", function() node(\"c1\"):crash() end)\n") !=
        std::string::npos);
  CHECK_FALSE(cluster_statement_end("print(1)\n"));
}

TEST_CASE("scenario card: title, summary with concatenation stops at the first string, lists") {
  ScenarioCard card = parse_scenario_card(
      "scenario {\n  title = \"tweets\",\n  summary = [[long text]],\n"
      "  learn = { \"a\", 'b' },\n  watch_for = { \"w\" },\n}\n", "s.lua");
  CHECK(card.title == "tweets");
  CHECK(card.summary == "long text");
  CHECK(card.learn == std::vector<std::string>{"a", "b"});
  CHECK(card.watch_for == std::vector<std::string>{"w"});
}

TEST_CASE("ui-script: actions parse; an unknown word names its line") {
  auto a = parse_ui_script("# c\nwait 3\nkey space\nkey ?\nkey ctrl+s\nclick 10 20 right\n"
                           "screenshot a.png\nquit\n");
  REQUIRE(a);
  REQUIRE(a->size() == 7);
  CHECK((*a)[1].key == 32);
  CHECK((*a)[2].shift);
  CHECK((*a)[3].ctrl);
  CHECK((*a)[4].button == 1);
  auto bad = parse_ui_script("wait 1\njump 3\n");
  REQUIRE_FALSE(bad);
  CHECK(bad.status().message().find("line 2") != std::string::npos);
}
