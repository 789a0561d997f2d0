// A classic consumer group's membership bookkeeping. Follows
// org.apache.kafka.coordinator.group.classic.ClassicGroup / ClassicGroupMember / ClassicGroupState.
#include "ksim/group/classic_group.h"

#include <algorithm>

#include "ksim/group/coordinator_partition.h"
#include "ksim/types/assert.h"

namespace ksim::group {
namespace {

// The iteration order of a java.util.HashMap<String, V> filled with `keys` in this order and
// never shrunk: buckets by (h ^ h >>> 16) & (capacity - 1), insertion order within a bucket
// (resizes split buckets without reordering). Capacity starts at 16 and doubles past 75% load.
std::vector<std::string> java_hash_map_order(std::vector<std::string> keys) {
  uint32_t capacity = 16;
  while (keys.size() > capacity * 3 / 4) capacity *= 2;
  auto bucket = [capacity](const std::string& k) {
    uint32_t h = static_cast<uint32_t>(java_string_hash(k));
    return (h ^ (h >> 16)) & (capacity - 1);
  };
  std::stable_sort(keys.begin(), keys.end(), [&](const std::string& a, const std::string& b) {
    return bucket(a) < bucket(b);
  });
  return keys;
}

}  // namespace

std::string_view state_name(ClassicGroupState state) {
  switch (state) {
    case ClassicGroupState::kEmpty: return "Empty";
    case ClassicGroupState::kPreparingRebalance: return "PreparingRebalance";
    case ClassicGroupState::kCompletingRebalance: return "CompletingRebalance";
    case ClassicGroupState::kStable: return "Stable";
    case ClassicGroupState::kDead: return "Dead";
  }
  return "Unknown";
}

bool is_valid_transition(ClassicGroupState from, ClassicGroupState to) {
  using S = ClassicGroupState;
  switch (to) {
    case S::kEmpty: return from == S::kPreparingRebalance;
    case S::kPreparingRebalance:
      return from == S::kStable || from == S::kCompletingRebalance || from == S::kEmpty;
    case S::kCompletingRebalance: return from == S::kPreparingRebalance;
    case S::kStable: return from == S::kCompletingRebalance;
    case S::kDead: return true;
  }
  return false;
}

// ---- ClassicGroupMember ----

bool ClassicGroupMember::has_satisfied_heartbeat() const {
  if (is_new) return false;  // new members can be expired even while awaiting join
  return is_awaiting_join() || is_awaiting_sync();
}

bool ClassicGroupMember::matches(const std::vector<JoinGroupProtocol>& other) const {
  return protocols == other;
}

std::string ClassicGroupMember::vote(const std::set<std::string>& candidates) const {
  for (const JoinGroupProtocol& p : protocols)
    if (candidates.count(p.name)) return p.name;
  return "";
}

const ConsumerSubscription* ClassicGroupMember::metadata(std::string_view protocol) const {
  for (const JoinGroupProtocol& p : protocols)
    if (p.name == protocol) return &p.metadata;
  return nullptr;
}

// ---- ClassicGroup views ----

ClassicGroup::ClassicGroup(std::string group_id, Time now)
    : group_id_(std::move(group_id)), state_since_(now) {}

const ClassicGroupMember* ClassicGroup::member(std::string_view member_id) const {
  for (const ClassicGroupMember& m : members_)
    if (m.member_id == member_id) return &m;
  return nullptr;
}

ClassicGroupMember* ClassicGroup::mutable_member(std::string_view member_id) {
  for (ClassicGroupMember& m : members_)
    if (m.member_id == member_id) return &m;
  return nullptr;
}

bool ClassicGroup::is_leader(std::string_view member_id) const {
  return leader_id_.has_value() && *leader_id_ == member_id;
}

bool ClassicGroup::is_pending_member(std::string_view member_id) const {
  return pending_join_members_.find(std::string(member_id)) != pending_join_members_.end();
}

const std::string* ClassicGroup::static_member_id(std::string_view instance_id) const {
  auto it = static_members_.find(std::string(instance_id));
  return it == static_members_.end() ? nullptr : &it->second;
}

int32_t ClassicGroup::num_awaiting_join() const {
  return static_cast<int32_t>(std::count_if(members_.begin(), members_.end(),
                                            [](const auto& m) { return m.is_awaiting_join(); }));
}

bool ClassicGroup::has_all_members_joined() const {
  return num_members() == num_awaiting_join() && pending_join_members_.empty();
}

int32_t ClassicGroup::rebalance_timeout_ms() const {
  int32_t max_ms = 0;
  for (const ClassicGroupMember& m : members_) max_ms = std::max(max_ms, m.rebalance_timeout_ms);
  return max_ms;
}

bool ClassicGroup::can_rebalance() const {
  return is_valid_transition(state_, ClassicGroupState::kPreparingRebalance) &&
         state_ != ClassicGroupState::kDead;
}

std::set<std::string> ClassicGroup::candidate_protocols() const {
  std::set<std::string> candidates;
  if (members_.empty()) return candidates;
  for (const JoinGroupProtocol& p : members_.front().protocols) {
    bool everyone = std::all_of(members_.begin(), members_.end(),
                                [&](const auto& m) { return m.metadata(p.name) != nullptr; });
    if (everyone) candidates.insert(p.name);
  }
  return candidates;
}

bool ClassicGroup::supports_protocols(std::string_view type,
                                      const std::vector<JoinGroupProtocol>& protocols) const {
  if (is(ClassicGroupState::kEmpty)) return !type.empty() && !protocols.empty();
  if (!protocol_type_.has_value() || *protocol_type_ != type) return false;
  std::set<std::string> candidates = candidate_protocols();
  return std::any_of(protocols.begin(), protocols.end(),
                     [&](const auto& p) { return candidates.count(p.name) > 0; });
}

std::string ClassicGroup::select_protocol() const {
  KSIM_ASSERT(!members_.empty());
  std::set<std::string> candidates = candidate_protocols();
  std::vector<std::string> voted;  // in first-vote order = HashMap insertion order
  std::map<std::string, int32_t> votes;
  for (const ClassicGroupMember& m : members_) {
    std::string choice = m.vote(candidates);
    KSIM_ASSERT(!choice.empty());
    if (votes[choice]++ == 0) voted.push_back(choice);
  }
  std::string best;
  int32_t best_votes = -1;
  for (const std::string& name : java_hash_map_order(voted)) {
    if (votes[name] > best_votes) {  // strict: the first maximum wins, as Stream.max keeps it
      best = name;
      best_votes = votes[name];
    }
  }
  return best;
}

ErrorCode ClassicGroup::validate_member(std::string_view member_id,
                                        const std::optional<std::string>& instance_id) const {
  if (instance_id.has_value()) {
    const std::string* existing = static_member_id(*instance_id);
    if (existing == nullptr) return ErrorCode::UNKNOWN_MEMBER_ID;
    if (*existing != member_id) return ErrorCode::FENCED_INSTANCE_ID;
  }
  return has_member(member_id) ? ErrorCode::NONE : ErrorCode::UNKNOWN_MEMBER_ID;
}

// ---- ClassicGroup mutators ----

void ClassicGroup::transition_to(ClassicGroupState to, Time now) {
  KSIM_ASSERT(is_valid_transition(state_, to));
  previous_state_ = state_;
  state_ = to;
  state_since_ = now;
}

void ClassicGroup::add(ClassicGroupMember member) {
  if (member.group_instance_id.has_value()) {
    KSIM_ASSERT(static_members_.count(*member.group_instance_id) == 0);
    static_members_[*member.group_instance_id] = member.member_id;
  }
  if (members_.empty()) protocol_type_ = member.protocol_type;
  KSIM_ASSERT(protocol_type_ == member.protocol_type);
  KSIM_ASSERT(supports_protocols(member.protocol_type, member.protocols));
  KSIM_ASSERT(!has_member(member.member_id));
  if (!leader_id_.has_value()) leader_id_ = member.member_id;
  pending_join_members_.erase(member.member_id);
  members_.push_back(std::move(member));
}

void ClassicGroup::remove(std::string_view member_id) {
  auto it = std::find_if(members_.begin(), members_.end(),
                         [&](const auto& m) { return m.member_id == member_id; });
  if (it != members_.end()) {
    if (it->group_instance_id.has_value()) static_members_.erase(*it->group_instance_id);
    members_.erase(it);
  }
  if (is_leader(member_id)) {
    if (members_.empty()) leader_id_.reset();
    else leader_id_ = members_.front().member_id;
  }
  pending_join_members_.erase(std::string(member_id));
  remove_pending_sync_member(member_id);
}

ClassicGroupMember& ClassicGroup::replace_static_member(const std::string& instance_id,
                                                        std::string_view old_id,
                                                        const std::string& new_id) {
  ClassicGroupMember* m = mutable_member(old_id);
  KSIM_ASSERT(m != nullptr);
  KSIM_ASSERT(!has_member(new_id));
  bool was_leader = is_leader(old_id);
  // Kafka leaves old_id in pendingSyncMembers; so do we (expirePendingSync then rebalances).
  m->member_id = new_id;
  m->awaiting_join.reset();
  m->awaiting_sync.reset();
  m->is_new = false;
  m->heartbeat_deadline = kTimeNever;
  if (was_leader) leader_id_ = new_id;
  static_members_[instance_id] = new_id;
  return *m;
}

void ClassicGroup::add_pending_member(const std::string& member_id, Time deadline) {
  KSIM_ASSERT(!has_member(member_id));
  pending_join_members_[member_id] = deadline;
}

void ClassicGroup::set_pending_member_deadline(std::string_view member_id, Time deadline) {
  auto it = pending_join_members_.find(std::string(member_id));
  if (it != pending_join_members_.end()) it->second = deadline;
}

void ClassicGroup::add_pending_sync_member(const std::string& member_id) {
  KSIM_ASSERT(has_member(member_id));
  if (std::find(pending_sync_members_.begin(), pending_sync_members_.end(), member_id) ==
      pending_sync_members_.end())
    pending_sync_members_.push_back(member_id);
}

void ClassicGroup::remove_pending_sync_member(std::string_view member_id) {
  auto it = std::find(pending_sync_members_.begin(), pending_sync_members_.end(), member_id);
  if (it != pending_sync_members_.end()) pending_sync_members_.erase(it);
}

bool ClassicGroup::maybe_elect_new_joined_leader() {
  if (!leader_id_.has_value()) return false;
  const ClassicGroupMember* leader = member(*leader_id_);
  KSIM_ASSERT(leader != nullptr);
  if (leader->is_awaiting_join()) return true;
  for (const ClassicGroupMember& m : members_) {
    if (m.is_awaiting_join()) {
      leader_id_ = m.member_id;
      return true;
    }
  }
  return false;
}

void ClassicGroup::init_next_generation(Time now) {
  generation_id_++;
  if (!members_.empty()) {
    protocol_name_ = select_protocol();
    transition_to(ClassicGroupState::kCompletingRebalance, now);
  } else {
    protocol_name_.reset();
    transition_to(ClassicGroupState::kEmpty, now);
  }
  clear_pending_sync_members();
}

}  // namespace ksim::group
