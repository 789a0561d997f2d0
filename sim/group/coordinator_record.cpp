// __consumer_offsets record encoding: offset commits and group metadata as escaped text field
// lists. Follows GroupCoordinatorRecordHelpers and GroupCoordinatorRecordSerde (the record
// types; not their binary layout). See docs/consumer-groups.md.
#include "ksim/group/coordinator_record.h"

#include <charconv>

namespace ksim::group {
namespace {

constexpr char kSep = '|';
constexpr char kEsc = '\\';

std::optional<int64_t> to_int(const std::string& s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// A list is its count followed by its items, so an empty list differs from one "" item.
std::string list(const std::vector<std::string>& items) {
  std::vector<std::string> fields{std::to_string(items.size())};
  fields.insert(fields.end(), items.begin(), items.end());
  return join_fields(fields);
}

std::optional<std::vector<std::string>> unlist(const std::string& text) {
  std::vector<std::string> fields = split_fields(text);
  auto n = to_int(fields[0]);
  if (!n || *n != static_cast<int64_t>(fields.size()) - 1) return std::nullopt;
  return std::vector<std::string>(fields.begin() + 1, fields.end());
}

std::string tps(const std::vector<TopicPartition>& parts) {
  std::vector<std::string> items;
  for (const TopicPartition& tp : parts)
    items.push_back(join_fields({tp.topic, std::to_string(tp.partition)}));
  return list(items);
}

std::optional<std::vector<TopicPartition>> untps(const std::string& text) {
  auto items = unlist(text);
  if (!items) return std::nullopt;
  std::vector<TopicPartition> out;
  for (const std::string& item : *items) {
    std::vector<std::string> f = split_fields(item);
    auto p = f.size() == 2 ? to_int(f[1]) : std::nullopt;
    if (!p) return std::nullopt;
    out.push_back({f[0], static_cast<int32_t>(*p)});
  }
  return out;
}

std::string user_data(const std::optional<StickyUserData>& u) {
  if (!u) return "0";
  return join_fields({"1", tps(u->previous_assignment),
                      u->generation ? std::to_string(*u->generation) : ""});
}

std::optional<std::optional<StickyUserData>> un_user_data(const std::string& text) {
  std::vector<std::string> f = split_fields(text);
  if (f.size() == 1 && f[0] == "0") return std::optional<StickyUserData>{};
  if (f.size() != 3 || f[0] != "1") return std::nullopt;
  auto prev = untps(f[1]);
  if (!prev) return std::nullopt;
  StickyUserData u{.previous_assignment = *prev, .generation = std::nullopt};
  if (!f[2].empty()) {
    auto g = to_int(f[2]);
    if (!g) return std::nullopt;
    u.generation = static_cast<GenerationId>(*g);
  }
  return std::optional<StickyUserData>{u};
}

std::string member(const MemberRecord& m) {
  const ConsumerSubscription& s = m.subscription;
  return join_fields({m.member_id, m.group_instance_id ? "1" + *m.group_instance_id : "0",
                      m.client_id, m.client_host, std::to_string(m.rebalance_timeout_ms),
                      std::to_string(m.session_timeout_ms), list(s.topics),
                      tps(s.owned_partitions), std::to_string(s.generation_id), s.rack,
                      user_data(s.user_data), tps(m.assignment.partitions),
                      user_data(m.assignment.user_data)});
}

std::optional<MemberRecord> unmember(const std::string& text) {
  std::vector<std::string> f = split_fields(text);
  if (f.size() != 13 || f[1].empty()) return std::nullopt;
  MemberRecord m{.member_id = f[0], .client_id = f[2], .client_host = f[3]};
  if (f[1][0] == '1') m.group_instance_id = f[1].substr(1);
  auto rebalance = to_int(f[4]), session = to_int(f[5]), generation = to_int(f[8]);
  auto topics = unlist(f[6]);
  auto owned = untps(f[7]), assigned = untps(f[11]);
  auto sub_data = un_user_data(f[10]), assign_data = un_user_data(f[12]);
  if (!rebalance || !session || !generation || !topics || !owned || !assigned || !sub_data ||
      !assign_data)
    return std::nullopt;
  m.rebalance_timeout_ms = static_cast<int32_t>(*rebalance);
  m.session_timeout_ms = static_cast<int32_t>(*session);
  m.subscription = {.topics = *topics, .user_data = *sub_data, .owned_partitions = *owned,
                    .generation_id = static_cast<GenerationId>(*generation), .rack = f[9]};
  m.assignment = {.partitions = *assigned, .user_data = *assign_data};
  return m;
}

std::optional<DecodedRecord> decode_offset(const std::vector<std::string>& k,
                                           const std::optional<std::string>& value) {
  auto p = k.size() == 4 ? to_int(k[3]) : std::nullopt;
  if (!p) return std::nullopt;
  OffsetCommitRecord r{.group_id = k[1], .tp = {k[2], static_cast<int32_t>(*p)}};
  if (!value) return DecodedRecord{r};
  std::vector<std::string> v = split_fields(*value);
  if (v.size() != 4) return std::nullopt;
  auto offset = to_int(v[0]), epoch = to_int(v[1]), time = to_int(v[3]);
  if (!offset || !epoch || !time) return std::nullopt;
  r.offset = OffsetAndMetadata{.committed_offset = *offset,
                               .leader_epoch = static_cast<LeaderEpoch>(*epoch),
                               .metadata = v[2], .commit_time = *time};
  return DecodedRecord{r};
}

std::optional<DecodedRecord> decode_group(const std::vector<std::string>& k,
                                          const std::optional<std::string>& value) {
  if (k.size() != 2) return std::nullopt;
  GroupMetadataRecord r{.group_id = k[1]};
  if (!value) {
    r.tombstone = true;
    return DecodedRecord{r};
  }
  std::vector<std::string> v = split_fields(*value);
  if (v.size() != 6) return std::nullopt;
  auto generation = to_int(v[1]), since = to_int(v[4]);
  auto members = unlist(v[5]);
  if (!generation || !since || !members) return std::nullopt;
  r.protocol_type = v[0];
  r.generation = static_cast<GenerationId>(*generation);
  r.protocol_name = v[2];
  r.leader = v[3];
  r.current_state_timestamp = *since;
  for (const std::string& text : *members) {
    auto m = unmember(text);
    if (!m) return std::nullopt;
    r.members.push_back(std::move(*m));
  }
  return DecodedRecord{r};
}

}  // namespace

std::string join_fields(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); i++) {
    if (i > 0) out += kSep;
    for (char ch : fields[i]) {
      if (ch == kSep || ch == kEsc) out += kEsc;
      out += ch;
    }
  }
  return out;
}

std::vector<std::string> split_fields(const std::string& text) {
  std::vector<std::string> out(1);
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] == kEsc && i + 1 < text.size()) {
      out.back() += text[++i];
    } else if (text[i] == kSep) {
      out.emplace_back();
    } else {
      out.back() += text[i];
    }
  }
  return out;
}

CoordinatorRecord encode(const OffsetCommitRecord& r, int32_t partition) {
  CoordinatorRecord out{.partition = partition,
                        .key = join_fields({"offset", r.group_id, r.tp.topic,
                                            std::to_string(r.tp.partition)})};
  if (r.offset) {
    const OffsetAndMetadata& o = *r.offset;
    out.value = join_fields({std::to_string(o.committed_offset), std::to_string(o.leader_epoch),
                             o.metadata, std::to_string(o.commit_time)});
  }
  return out;
}

CoordinatorRecord encode(const GroupMetadataRecord& r, int32_t partition) {
  CoordinatorRecord out{.partition = partition, .key = join_fields({"group", r.group_id})};
  if (r.tombstone) return out;
  std::vector<std::string> members;
  for (const MemberRecord& m : r.members) members.push_back(member(m));
  out.value = join_fields({r.protocol_type, std::to_string(r.generation), r.protocol_name,
                           r.leader, std::to_string(r.current_state_timestamp), list(members)});
  return out;
}

std::optional<DecodedRecord> decode(const std::optional<std::string>& key,
                                    const std::optional<std::string>& value) {
  if (!key) return std::nullopt;
  std::vector<std::string> k = split_fields(*key);
  if (k[0] == "offset") return decode_offset(k, value);
  if (k[0] == "group") return decode_group(k, value);
  return std::nullopt;
}

}  // namespace ksim::group
