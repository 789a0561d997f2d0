// View-models of the presentation features: spotlight (step focus/views), breakpoint flags,
// parameter validation and the saved-session line, event severity, heartbeat tick layout.
#include <doctest/doctest.h>

#include "gui/model/heartbeat_ticks.h"
#include "gui/model/params.h"
#include "gui/model/save_session.h"
#include "gui/model/severity.h"
#include "gui/model/spotlight.h"
#include "gui/model/timeline.h"

using namespace ksim;
using namespace ksim::gui;

namespace {

NarrationItem step_at(Time t, std::vector<std::string> focus, std::vector<std::string> views) {
  return {.t = t, .text = "step", .focus = std::move(focus), .views = std::move(views)};
}

SceneNode node(std::string name, NodeKind kind, std::vector<std::string> groups = {}) {
  return {.name = std::move(name), .kind = kind, .groups = std::move(groups)};
}

}  // namespace

TEST_CASE("spotlight: the latest step's focus and views; a note keeps them; a step clears") {
  std::vector<NarrationItem> n = {step_at(1, {"c1", "group1"}, {"groups", "log:tweets-0"})};
  Spotlight s = current_spotlight(n);
  CHECK(s.step == 0);
  CHECK(s.focus == std::vector<std::string>{"c1", "group1"});
  REQUIRE(s.views.size() == 2);
  CHECK(s.views[0].panel == Panel::Groups);
  CHECK(s.views[1] == ViewRequest{.panel = Panel::Log, .topic = "tweets", .partition = 0});
  n.push_back({.t = 2, .kind = NarrationItem::Kind::Note, .text = "note"});
  CHECK(current_spotlight(n).focus.size() == 2);
  n.push_back(step_at(3, {}, {}));
  CHECK(current_spotlight(n).focus.empty());
  CHECK(current_spotlight(n).step == 2);
  CHECK(current_spotlight({}).step == -1);
}

TEST_CASE("spotlight: a focused group lights its consumers and its coordinator, dims the rest") {
  Spotlight s{.focus = {"group1", "feed"}};
  CHECK_FALSE(dimmed(s, node("c1", NodeKind::Consumer, {"group1"})));
  CHECK_FALSE(dimmed(s, node("broker-1", NodeKind::Broker, {"group1"})));
  CHECK_FALSE(dimmed(s, node("feed", NodeKind::Producer)));
  CHECK(dimmed(s, node("broker-0", NodeKind::Broker)));
  CHECK(dimmed(s, node("console", NodeKind::Consumer, {"console-consumer-1"})));
  CHECK_FALSE(dimmed(Spotlight{}, node("broker-0", NodeKind::Broker)));  // no focus: no dimming
  ClusterScene scene{.nodes = {node("c1", NodeKind::Consumer, {"group1"})}};
  CHECK(unmatched_focus(s, scene) == std::vector<std::string>{"feed"});
}

TEST_CASE("view names: every panel parses; log:<topic>-<p> keeps dashes in the topic") {
  CHECK(parse_view_name("partitions")->panel == Panel::Topics);
  CHECK(parse_view_name("params")->panel == Panel::Params);
  auto log = parse_view_name("log:my-topic-12");
  REQUIRE(log.is_ok());
  CHECK(log->topic == "my-topic");
  CHECK(log->partition == 12);
  CHECK_FALSE(parse_view_name("log:tweets").is_ok());
  CHECK_FALSE(parse_view_name("log:tweets-x").is_ok());
  CHECK_FALSE(parse_view_name("Groups").is_ok());
}

TEST_CASE("breakpoints: one flag per hit on the breakpoints lane, labelled with type and line") {
  TimelineLane lane = break_lane({{.t = 72, .type = "member.removed", .where = "t.lua:9"},
                                  {.t = 90, .type = "group.state", .where = "t.lua:10"}});
  CHECK(lane.kind == LaneKind::Breaks);
  REQUIRE(lane.marks.size() == 2);
  CHECK(lane.marks[0].t == 72);
  CHECK(lane.marks[0].style == MarkStyle::Break);
  CHECK(lane.marks[0].label == "member.removed (t.lua:9)");
}

TEST_CASE("params: Kafka configs are validated with Kafka's ranges; types are checked") {
  ParamItem poll{.name = "max.poll.interval.ms", .type = ParamItem::Type::Number};
  CHECK(param_error(poll, "60000").empty());
  std::string e = param_error(poll, "0");
  CHECK(e.find("max.poll.interval.ms") != std::string::npos);
  CHECK(param_error(poll, "abc").find("expected a number") != std::string::npos);
  ParamItem reset{.name = "auto.offset.reset", .type = ParamItem::Type::String};
  CHECK(param_error(reset, "earliest").empty());
  CHECK_FALSE(param_error(reset, "oldest").empty());
  ParamItem acks{.name = "acks", .type = ParamItem::Type::String};
  CHECK_FALSE(param_error(acks, "2").empty());
  ParamItem mine{.name = "records.per.second", .type = ParamItem::Type::Number};
  CHECK(param_error(mine, "50").empty());  // not a Kafka config: the scenario's own
  ParamItem flag{.name = "verbose", .type = ParamItem::Type::Boolean};
  CHECK_FALSE(param_error(flag, "yes").empty());
}

TEST_CASE("params: only changed values restart; errors are listed by name") {
  std::vector<ParamItem> params = {
      {.name = "session.timeout.ms", .type = ParamItem::Type::Number, .value_text = "45000"},
      {.name = "max.poll.interval.ms", .type = ParamItem::Type::Number, .value_text = "300000"}};
  ParamValues edits = {{"session.timeout.ms", "10000"}, {"max.poll.interval.ms", "300000"}};
  CHECK(changed_params(params, edits) == ParamValues{{"session.timeout.ms", "10000"}});
  CHECK(param_errors(params, edits).empty());
  edits["max.poll.interval.ms"] = "-1";
  CHECK(param_errors(params, edits).count("max.poll.interval.ms") == 1);
}

TEST_CASE("save session: overridden params become a param_defaults line before the script") {
  std::vector<ParamItem> params = {
      {.name = "session.timeout.ms", .type = ParamItem::Type::Number, .value_text = "10000",
       .overridden = true},
      {.name = "label", .type = ParamItem::Type::String, .value_text = "a \"b\"",
       .overridden = true},
      {.name = "other", .type = ParamItem::Type::Number, .value_text = "1"}};
  CHECK(param_defaults_lua(params) ==
        "param_defaults { [\"session.timeout.ms\"] = 10000, [\"label\"] = \"a \\\"b\\\"\" }"
        "  -- ksim-gui session: parameters set in the GUI\n");
  CHECK(param_defaults_lua({params[2]}).empty());
  auto lua = session_lua("local c = cluster { brokers = 1 }\n", {}, "x.lua", params);
  REQUIRE(lua.is_ok());
  CHECK(lua->find("param_defaults {") < lua->find("local c = cluster"));
}

TEST_CASE("severity: faults, state changes and chatter; unknown types are state changes") {
  CHECK(event_severity("node.crash") == Severity::Fault);
  CHECK(event_severity("member.removed") == Severity::Fault);
  CHECK(event_severity("group.state") == Severity::State);
  CHECK(event_severity("partition.change") == Severity::State);
  CHECK(event_severity("log.append") == Severity::Chatter);
  CHECK(event_severity("something.new") == Severity::State);
  CHECK(severity_shown(Severity::Fault, Severity::State));
  CHECK_FALSE(severity_shown(Severity::Chatter, Severity::State));
  CHECK(std::string(severity_name(Severity::Fault)) == "fault");
}

TEST_CASE("heartbeat ticks: individual while 4 px apart, else a density bar; range clips") {
  std::vector<Time> every_3s;
  for (Time t = 0; t <= 60 * kSecond; t += 3 * kSecond) every_3s.push_back(t);
  TickLayout sparse = layout_ticks(every_3s, {0, 60 * kSecond}, 600);
  CHECK_FALSE(sparse.dense);
  CHECK(sparse.xs.size() == 21);
  CHECK(sparse.xs[1] == doctest::Approx(0.05));
  TickLayout dense = layout_ticks(every_3s, {0, 60 * kSecond}, 40);
  REQUIRE(dense.dense);
  CHECK(dense.density.size() == 10);
  CHECK(*std::max_element(dense.density.begin(), dense.density.end()) == doctest::Approx(1.0));
  TickLayout clipped = layout_ticks(every_3s, {10 * kSecond, 20 * kSecond}, 600);
  CHECK(clipped.xs.size() == 3);  // 12 s, 15 s, 18 s
}
