// `ksim assign` JSON front end: validates the problem once at the boundary, runs the named
// assignor, prints the result. See docs/assign.md for the grammar of input and output.
#include "sim/cli/assign_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include "ksim/assign/assignor.h"

namespace ksim::cli {
namespace {

using nlohmann::json;

struct Problem {
  std::string assignor;
  assign::ClusterView cluster;
  assign::GroupSubscription group;
};

// The first error found, as "field: problem"; empty while the input is valid.
struct Errors {
  std::string message;
  bool fail(const std::string& field, const std::string& problem) {
    if (message.empty()) message = field + ": " + problem;
    return false;
  }
};

bool only_keys(const json& object, const std::set<std::string>& allowed, const std::string& where,
               Errors& errors) {
  for (const auto& [key, value] : object.items()) {
    if (allowed.count(key) == 0) {
      std::string valid;
      for (const auto& k : allowed) valid += (valid.empty() ? "" : ", ") + k;
      return errors.fail(where + key, "unknown key (valid keys: " + valid + ")");
    }
  }
  return true;
}

bool is_int32(const json& v) {
  return v.is_number_integer() && v.get<int64_t>() >= INT32_MIN && v.get<int64_t>() <= INT32_MAX;
}

bool parse_topics(const json& topics, Problem& p, Errors& errors) {
  if (!topics.is_object()) return errors.fail("topics", "must be an object {\"name\": count}");
  for (const auto& [name, count] : topics.items()) {
    if (name.empty()) return errors.fail("topics", "topic names must not be empty");
    if (!is_int32(count) || count.get<int64_t>() < 0) {
      return errors.fail("topics." + name, "partition count must be an integer >= 0");
    }
    p.cluster.partitions_per_topic[name] = count.get<int32_t>();
  }
  return true;
}

bool parse_racks(const json& racks, Problem& p, Errors& errors) {
  if (!racks.is_object()) return errors.fail("partition_racks", "must be an object");
  for (const auto& [topic, partitions] : racks.items()) {
    const std::string field = "partition_racks." + topic;
    auto count = p.cluster.partitions_per_topic.find(topic);
    if (count == p.cluster.partitions_per_topic.end()) {
      return errors.fail(field, "topic is not in \"topics\"");
    }
    if (!partitions.is_array() || partitions.size() != static_cast<size_t>(count->second)) {
      return errors.fail(field, "must be an array with one rack list per partition (" +
                                    std::to_string(count->second) + ")");
    }
    auto& out = p.cluster.partition_racks[topic];
    for (const auto& replicas : partitions) {
      if (!replicas.is_array()) return errors.fail(field, "each entry must be an array of racks");
      std::vector<std::string> list;
      for (const auto& rack : replicas) {
        if (!rack.is_string()) return errors.fail(field, "racks must be strings");
        list.push_back(rack.get<std::string>());
      }
      out.push_back(std::move(list));
    }
  }
  return true;
}

bool parse_owned(const json& owned, const std::string& field, const Problem& p,
                 std::vector<TopicPartition>& out, Errors& errors) {
  if (!owned.is_array()) return errors.fail(field, "must be an array of [topic, partition]");
  for (const auto& pair : owned) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !is_int32(pair[1])) {
      return errors.fail(field, "each entry must be [\"topic\", partition]");
    }
    const TopicPartition tp{pair[0].get<std::string>(), pair[1].get<int32_t>()};
    auto count = p.cluster.partitions_per_topic.find(tp.topic);
    if (count == p.cluster.partitions_per_topic.end() || tp.partition < 0 ||
        tp.partition >= count->second) {
      return errors.fail(field, "unknown partition " + tp.to_string());
    }
    if (std::find(out.begin(), out.end(), tp) != out.end()) {
      return errors.fail(field, "duplicate partition " + tp.to_string());
    }
    out.push_back(tp);
  }
  return true;
}

bool parse_member_topics(const json& topics, const std::string& field, const Problem& p,
                         std::vector<std::string>& out, Errors& errors) {
  if (!topics.is_array()) return errors.fail(field, "must be an array of topic names");
  for (const auto& t : topics) {
    if (!t.is_string()) return errors.fail(field, "topic names must be strings");
    const std::string name = t.get<std::string>();
    if (p.cluster.partitions_per_topic.count(name) == 0) {
      return errors.fail(field, "unknown topic '" + name + "' (not in \"topics\")");
    }
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      return errors.fail(field, "duplicate topic '" + name + "'");
    }
    out.push_back(name);
  }
  return true;
}

bool parse_member(const json& m, const std::string& field, Problem& p, Errors& errors) {
  if (!m.is_object()) return errors.fail(field, "must be an object");
  if (!only_keys(m, {"member_id", "group_instance_id", "topics", "owned", "generation", "rack"},
                 field + ".", errors)) {
    return false;
  }
  assign::MemberSubscription member;
  if (!m.contains("member_id") || !m["member_id"].is_string() ||
      m["member_id"].get<std::string>().empty()) {
    return errors.fail(field + ".member_id", "required non-empty string");
  }
  member.member_id = m["member_id"].get<std::string>();
  if (m.contains("group_instance_id")) {
    if (!m["group_instance_id"].is_string()) {
      return errors.fail(field + ".group_instance_id", "must be a string");
    }
    member.group_instance_id = m["group_instance_id"].get<std::string>();
  }
  if (!m.contains("topics")) return errors.fail(field + ".topics", "required");
  if (!parse_member_topics(m["topics"], field + ".topics", p, member.topics, errors)) return false;
  if (m.contains("owned") &&
      !parse_owned(m["owned"], field + ".owned", p, member.owned_partitions, errors)) {
    return false;
  }
  if (m.contains("generation")) {
    if (!is_int32(m["generation"])) return errors.fail(field + ".generation", "must be int32");
    member.generation = m["generation"].get<int32_t>();
  }
  if (m.contains("rack")) {
    if (!m["rack"].is_string()) return errors.fail(field + ".rack", "must be a string");
    member.rack = m["rack"].get<std::string>();
  }
  p.group.members.push_back(std::move(member));
  return true;
}

bool parse_members(const json& members, Problem& p, Errors& errors) {
  if (!members.is_array()) return errors.fail("members", "must be an array of objects");
  std::set<std::string> ids;
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string field = "members[" + std::to_string(i) + "]";
    if (!parse_member(members[i], field, p, errors)) return false;
    if (!ids.insert(p.group.members.back().member_id).second) {
      return errors.fail(field + ".member_id",
                         "duplicate member id '" + p.group.members.back().member_id + "'");
    }
  }
  return true;
}

std::optional<Problem> parse_problem(std::string_view text, Errors& errors) {
  const json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    errors.fail("input", "not valid JSON");
    return std::nullopt;
  }
  if (!doc.is_object()) {
    errors.fail("input", "must be a JSON object");
    return std::nullopt;
  }
  Problem p;
  if (!only_keys(doc, {"assignor", "topics", "partition_racks", "members"}, "", errors)) {
    return std::nullopt;
  }
  if (!doc.contains("assignor") || !doc["assignor"].is_string()) {
    errors.fail("assignor", "required string");
    return std::nullopt;
  }
  p.assignor = doc["assignor"].get<std::string>();
  if (!doc.contains("topics")) errors.fail("topics", "required");
  if (!doc.contains("members")) errors.fail("members", "required");
  if (!errors.message.empty() || !parse_topics(doc["topics"], p, errors)) return std::nullopt;
  if (doc.contains("partition_racks") && !parse_racks(doc["partition_racks"], p, errors)) {
    return std::nullopt;
  }
  if (!parse_members(doc["members"], p, errors)) return std::nullopt;
  return p;
}

json partition_json(const TopicPartition& tp) { return json::array({tp.topic, tp.partition}); }

json result_json(const Problem& p, const assign::GroupAssignment& result) {
  json out;
  out["assignment"] = json::object();
  for (const auto& [member, assignment] : result.assignments) {
    json list = json::array();
    for (const auto& tp : assignment.partitions) list.push_back(partition_json(tp));
    out["assignment"][member] = std::move(list);
  }
  if (p.assignor == "sticky" || p.assignor == "cooperative-sticky") {
    json transfers = nullptr;  // null: Kafka's field is null on the sticky General path
    if (result.partitions_transferring_ownership) {
      transfers = json::array();
      for (const auto& [tp, owner] : *result.partitions_transferring_ownership) {
        transfers.push_back(json::array({partition_json(tp), owner}));
      }
    }
    out["partitions_transferring_ownership"] = std::move(transfers);
  }
  return out;
}

}  // namespace

int run_assign_json(std::string_view input_text, std::ostream& out, std::ostream& err) {
  Errors errors;
  std::optional<Problem> problem = parse_problem(input_text, errors);
  if (!problem) {
    err << "ksim assign: " << errors.message << "\n";
    return 2;
  }
  auto assignor = assign::make_assignor(problem->assignor);
  if (!assignor.is_ok()) {
    err << "ksim assign: assignor: " << assignor.status().message() << "\n";
    return 2;
  }
  // StickyAssignor reads the previous assignment and generation from its userData only; a
  // consumer would have put its owned partitions and generation there.
  if (problem->assignor == "sticky") {
    for (auto& m : problem->group.members) {
      if (!m.owned_partitions.empty() || m.generation) {
        m.user_data = StickyUserData{m.owned_partitions, m.generation};
      }
    }
  }
  const assign::GroupAssignment result = (*assignor)->assign(problem->cluster, problem->group);
  out << result_json(*problem, result).dump() << "\n";
  return 0;
}

}  // namespace ksim::cli
