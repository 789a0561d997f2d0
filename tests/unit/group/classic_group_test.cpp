// ClassicGroup bookkeeping: protocol selection by vote (ClassicGroupTest.testSelectProtocol and
// friends in Kafka's group-coordinator tests), leader re-election, valid transitions.
#include <doctest/doctest.h>

#include "ksim/group/classic_group.h"

namespace ksim::group {
namespace {

ClassicGroupMember member(std::string id, std::vector<std::string> protocols) {
  ClassicGroupMember m;
  m.member_id = std::move(id);
  m.protocol_type = "consumer";
  for (std::string& p : protocols) m.protocols.push_back({std::move(p), {}});
  return m;
}

}  // namespace

TEST_CASE("classic_group: selectProtocol follows the votes as members join (Kafka's test)") {
  ClassicGroup g("g", 0);
  g.add(member("m1", {"range", "roundrobin"}));
  CHECK(g.select_protocol() == "range");
  g.add(member("m2", {"roundrobin", "range"}));
  // One vote each: Java's HashMap iterates "range" before "roundrobin", and Stream.max keeps
  // the first maximum.
  CHECK(g.select_protocol() == "range");
  g.add(member("m3", {"roundrobin", "range"}));
  CHECK(g.select_protocol() == "roundrobin");
}

TEST_CASE("classic_group: only protocols every member supports are candidates") {
  ClassicGroup g("g", 0);
  g.add(member("m1", {"range", "roundrobin", "sticky"}));
  g.add(member("m2", {"sticky", "roundrobin"}));
  g.add(member("m3", {"sticky"}));
  // "range" would win m1's vote but m2/m3 lack it; everyone votes "sticky".
  CHECK(g.candidate_protocols() == std::set<std::string>{"sticky"});
  CHECK(g.select_protocol() == "sticky");
  // An Empty group accepts any non-empty list; a rebalancing one checks the candidates.
  CHECK(g.supports_protocols("consumer", {{"range", {}}}));
  g.transition_to(ClassicGroupState::kPreparingRebalance, 0);
  CHECK(g.supports_protocols("consumer", {{"sticky", {}}}));
  CHECK_FALSE(g.supports_protocols("consumer", {{"range", {}}}));
  CHECK_FALSE(g.supports_protocols("connect", {{"sticky", {}}}));
}

TEST_CASE("classic_group: default client list [range, cooperative-sticky] elects range") {
  ClassicGroup g("g", 0);
  g.add(member("a", {"range", "cooperative-sticky"}));
  g.add(member("b", {"cooperative-sticky"}));
  // candidates: {cooperative-sticky}; a's first candidate is cooperative-sticky.
  CHECK(g.select_protocol() == "cooperative-sticky");
}

TEST_CASE("classic_group: removing the leader elects the first remaining member") {
  ClassicGroup g("g", 0);
  g.add(member("a", {"range"}));
  g.add(member("b", {"range"}));
  g.add(member("c", {"range"}));
  CHECK(g.leader_id() == "a");
  g.remove("a");
  CHECK(g.leader_id() == "b");  // Kafka: first key of the members HashMap; ksim: insertion order
  g.remove("c");
  CHECK(g.leader_id() == "b");
  g.remove("b");
  CHECK_FALSE(g.leader_id().has_value());
}

TEST_CASE("classic_group: transitions follow ClassicGroupState.validPreviousStates") {
  using S = ClassicGroupState;
  CHECK(is_valid_transition(S::kEmpty, S::kPreparingRebalance));
  CHECK(is_valid_transition(S::kStable, S::kPreparingRebalance));
  CHECK(is_valid_transition(S::kPreparingRebalance, S::kCompletingRebalance));
  CHECK(is_valid_transition(S::kPreparingRebalance, S::kEmpty));
  CHECK(is_valid_transition(S::kCompletingRebalance, S::kStable));
  CHECK(is_valid_transition(S::kDead, S::kDead));
  CHECK_FALSE(is_valid_transition(S::kEmpty, S::kStable));
  CHECK_FALSE(is_valid_transition(S::kStable, S::kCompletingRebalance));
  CHECK_FALSE(is_valid_transition(S::kDead, S::kPreparingRebalance));
  CHECK(state_name(S::kCompletingRebalance) == "CompletingRebalance");
}

}  // namespace ksim::group
