// The __consumer_offsets model of the coordinator: records round-trip through their text
// encoding, writes (OffsetCommit, the leader's SyncGroup, a static member's replacement) return
// records, and a fresh coordinator that replays them knows the groups and offsets again
// (GroupMetadataManagerTest.testReplay*, OffsetMetadataManagerTest.testReplay* in spirit).
#include <doctest/doctest.h>

#include <memory>

#include "ksim/group/group_coordinator.h"

namespace ksim::group {
namespace {

GroupCoordinator make() {
  auto n = std::make_shared<int>(0);
  GroupCoordinatorConfig config;
  config.group_initial_rebalance_delay_ms = 0;
  return GroupCoordinator(config, [n] { return "uuid" + std::to_string(++*n); });
}

JoinGroupRequest join_request(std::string member_id, std::optional<std::string> instance) {
  JoinGroupRequest r{.group_id = "g", .session_timeout_ms = 10000,
                     .rebalance_timeout_ms = 30000, .member_id = std::move(member_id)};
  r.group_instance_id = std::move(instance);
  r.client_id = "c";
  r.protocols.push_back({.name = "range", .metadata = {.topics = {"t"}}});
  return r;
}

// One static member "i" joins a group and becomes Stable owning t-0 and t-1 at generation 1.
std::string stabilize(GroupCoordinator& c, std::vector<CoordinatorRecord>& log) {
  auto fx = c.on_join_group(1, join_request("", "i"), 0);
  fx = c.on_timer({.group_id = "g", .kind = TimerKind::kInitialJoin}, 0);
  REQUIRE(fx.responses.size() == 1);
  const JoinGroupResponse joined = std::get<JoinGroupResponse>(fx.responses[0].second);
  SyncGroupRequest s{.group_id = "g", .generation_id = joined.generation_id,
                     .member_id = joined.member_id, .group_instance_id = "i",
                     .protocol_name = "range"};
  s.assignments.push_back({.member_id = joined.member_id,
                           .assignment = {.partitions = {{"t", 0}, {"t", 1}}}});
  fx = c.on_sync_group(2, s, 1000);
  REQUIRE(fx.records.size() == 1);  // the group metadata record with the assignment
  log.insert(log.end(), fx.records.begin(), fx.records.end());
  return joined.member_id;
}

}  // namespace

TEST_CASE("coordinator_record: fields with separators and escapes round-trip, nested") {
  std::vector<std::string> inner{"a|b", "c\\d", "", "|"};
  std::vector<std::string> outer{"x", join_fields(inner), ""};
  CHECK(split_fields(join_fields(outer)) == outer);
  CHECK(split_fields(split_fields(join_fields(outer))[1]) == inner);
}

TEST_CASE("coordinator_record: offset commit and tombstone round-trip") {
  OffsetCommitRecord r{.group_id = "g|1", .tp = {"orders", 3},
                       .offset = OffsetAndMetadata{.committed_offset = 42, .leader_epoch = 2,
                                                   .metadata = "m|x", .commit_time = 7}};
  CoordinatorRecord rec = encode(r, 5);
  CHECK(rec.partition == 5);
  auto back = decode(rec.key, rec.value);
  REQUIRE(back.has_value());
  const auto& o = std::get<OffsetCommitRecord>(*back);
  CHECK(o.group_id == "g|1");
  CHECK(o.tp == TopicPartition{"orders", 3});
  CHECK(*o.offset == *r.offset);
  auto tomb = decode(rec.key, std::nullopt);
  REQUIRE(tomb.has_value());
  CHECK_FALSE(std::get<OffsetCommitRecord>(*tomb).offset.has_value());
  CHECK_FALSE(decode(std::nullopt, rec.value).has_value());
  CHECK_FALSE(decode(std::string("bogus|x"), rec.value).has_value());
}

TEST_CASE("coordinator_record: group metadata with static and dynamic members round-trips") {
  GroupMetadataRecord g{.group_id = "g", .protocol_type = "consumer", .generation = 4,
                        .protocol_name = "cooperative-sticky", .leader = "a-1",
                        .current_state_timestamp = 99};
  MemberRecord a{.member_id = "a-1", .group_instance_id = "", .client_id = "ca",
                 .client_host = "/10.0.0.1", .rebalance_timeout_ms = 300000,
                 .session_timeout_ms = 45000};
  a.subscription = {.topics = {"t", "u"}, .user_data = StickyUserData{{{"t", 1}}, 3},
                    .owned_partitions = {{"t", 0}}, .generation_id = 3, .rack = "r1"};
  a.assignment = {.partitions = {{"t", 0}, {"u", 2}}};
  MemberRecord b{.member_id = "b-2", .client_id = "cb"};
  g.members = {a, b};
  CoordinatorRecord rec = encode(g, 0);
  auto back = decode(rec.key, rec.value);
  REQUIRE(back.has_value());
  const auto& d = std::get<GroupMetadataRecord>(*back);
  CHECK(d.generation == 4);
  CHECK(d.leader == "a-1");
  REQUIRE(d.members.size() == 2);
  CHECK(d.members[0].group_instance_id == std::optional<std::string>(""));
  CHECK_FALSE(d.members[1].group_instance_id.has_value());
  CHECK(d.members[0].subscription == a.subscription);
  CHECK(d.members[0].assignment == a.assignment);
  CHECK(d.members[1].assignment.partitions.empty());
}

TEST_CASE("coordinator load: a fresh coordinator replaying the log knows groups and offsets") {
  GroupCoordinator first = make();
  std::vector<CoordinatorRecord> log;
  std::string member = stabilize(first, log);
  OffsetCommitRequest commit{.group_id = "g", .generation_id = 1, .member_id = member,
                             .group_instance_id = "i"};
  commit.partitions.push_back({.tp = {"t", 0}, .committed_offset = 17});
  commit.partitions.push_back({.tp = {"t", 1}, .committed_offset = 5});
  auto fx = first.on_offset_commit(3, commit, 2000);
  CHECK(fx.records.size() == 2);  // one OffsetCommit record per partition
  log.insert(log.end(), fx.records.begin(), fx.records.end());

  GroupCoordinator second = make();
  int32_t partition = second.partition_for("g");
  CHECK(second.group("g") == nullptr);
  for (const CoordinatorRecord& r : log) {
    CHECK(r.partition == partition);
    second.replay(partition, r.key, r.value, 5000);
  }
  fx = second.load_complete(partition, 5000);
  const ClassicGroup* g = second.group("g");
  REQUIRE(g != nullptr);
  CHECK(g->state() == ClassicGroupState::kStable);
  CHECK(g->generation_id() == 1);
  CHECK(g->offsets().at({"t", 0}).committed_offset == 17);
  CHECK(g->offsets().at({"t", 1}).committed_offset == 5);
  REQUIRE(g->members().size() == 1);
  CHECK(g->members()[0].assignment->partitions.size() == 2);
  // onLoaded re-arms the member's session timer.
  REQUIRE(fx.timers.size() == 1);
  CHECK(fx.timers[0].first.kind == TimerKind::kHeartbeat);
  CHECK(fx.timers[0].second == 5000 + 10 * kSecond);
  // The member's heartbeat is accepted by the new coordinator (no rebalance).
  fx = second.on_heartbeat(4, {.group_id = "g", .generation_id = 1, .member_id = member,
                               .group_instance_id = "i"}, 6000);
  CHECK(std::get<HeartbeatResponse>(fx.responses[0].second).error == ErrorCode::NONE);
}

TEST_CASE("coordinator load: a static member replaced after failover keeps its assignment") {
  GroupCoordinator first = make();
  std::vector<CoordinatorRecord> log;
  stabilize(first, log);
  GroupCoordinator second = make();
  for (const CoordinatorRecord& r : log) second.replay(r.partition, r.key, r.value, 0);
  second.load_complete(second.partition_for("g"), 0);
  auto fx = second.on_join_group(9, join_request("", "i"), 100);
  REQUIRE(fx.responses.size() == 1);
  const auto& r = std::get<JoinGroupResponse>(fx.responses[0].second);
  CHECK(r.error == ErrorCode::NONE);
  CHECK(r.generation_id == 1);  // no rebalance: the same protocol is selected
  CHECK(fx.records.size() == 1);  // the replacement is written before the answer
}

TEST_CASE("coordinator unload: parked JoinGroup answers NOT_COORDINATOR, the group is gone") {
  GroupCoordinator c = make();
  auto fx = c.on_join_group(1, join_request("", "i"), 0);
  CHECK(fx.responses.empty());  // parked in the initial rebalance
  fx = c.unload(c.partition_for("g"), 10);
  REQUIRE(fx.responses.size() == 1);
  CHECK(std::get<JoinGroupResponse>(fx.responses[0].second).error == ErrorCode::NOT_COORDINATOR);
  CHECK(c.group("g") == nullptr);
  // The group's timers fire as no-ops.
  CHECK(c.on_timer({.group_id = "g", .kind = TimerKind::kInitialJoin}, 3000).trace.empty());
}

}  // namespace ksim::group
