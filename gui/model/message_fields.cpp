// Message fields: one generic visitor over every API body, keyed on the fields each struct has
// (C++20 requires-expressions), so a new API shows its common fields without new code here.
#include "gui/model/message_fields.h"

#include <type_traits>

namespace ksim::gui {
namespace {

std::string text(const std::string& s) { return s.empty() ? "\"\"" : s; }
std::string text(const std::optional<std::string>& s) { return s ? *s : "null"; }
std::string text(ErrorCode e) { return std::string(error_name(e)); }
std::string text(const TopicPartition& tp) { return tp.to_string(); }
template <typename T>
  requires std::is_integral_v<T>
std::string text(T n) {
  return std::to_string(n);
}
std::string text(const std::vector<int32_t>& ids) {
  std::string out = "[";
  out += ids_text(ids);
  out += ']';
  return out;
}

// "tweets-0 fetch_offset=42 ..." for one element of a partitions list.
template <typename P>
std::string partition_summary(const P& p) {
  if constexpr (std::is_same_v<P, TopicPartition>) {
    return p.to_string();
  } else {
    std::string out = p.tp.to_string();
    auto add = [&](const char* k, const std::string& v) { out += std::string(" ") + k + "=" + v; };
    if constexpr (requires { p.error; })
      if (p.error != ErrorCode::NONE) add("error", text(p.error));
    if constexpr (requires { p.fetch_offset; }) add("fetch_offset", text(p.fetch_offset));
    if constexpr (requires { p.committed_offset; }) add("offset", text(p.committed_offset));
    if constexpr (requires { p.base_offset; }) add("base_offset", text(p.base_offset));
    if constexpr (requires { p.high_watermark; }) add("high_watermark", text(p.high_watermark));
    if constexpr (requires { p.batch.record_count; }) add("records", text(p.batch.record_count));
    if constexpr (requires { p.batches; }) {
      int64_t n = 0;
      for (const auto& b : p.batches) n += b.record_count;
      add("records", text(n));
    }
    if constexpr (requires { p.leader; }) add("leader", text(p.leader));
    if constexpr (requires { p.leader_epoch; }) add("leader_epoch", text(p.leader_epoch));
    if constexpr (requires { p.isr; }) add("isr", text(p.isr));
    return out;
  }
}

template <typename M>
std::string member_summary(const M& m) {
  std::string out = m.member_id;
  if constexpr (requires { m.group_instance_id; })
    if (m.group_instance_id) out += " instance=" + *m.group_instance_id;
  if constexpr (requires { m.error; })
    if (m.error != ErrorCode::NONE) out += " error=" + text(m.error);
  if constexpr (requires { m.assignment.partitions; })
    out += " partitions=" + std::to_string(m.assignment.partitions.size());
  return out;
}

struct Collector {
  std::vector<FieldRow>& rows;
  size_t max_list;

  void add(std::string field, std::string value) {
    rows.push_back({std::move(field), std::move(value)});
  }
  template <typename L, typename F>
  void add_list(const std::string& name, const L& list, F summary) {
    add(name, std::to_string(list.size()));
    for (size_t i = 0; i < list.size() && i < max_list; i++)
      add("  " + name + "[" + std::to_string(i) + "]", summary(list[i]));
    if (list.size() > max_list) add("  ...", std::to_string(list.size() - max_list) + " more");
  }

  template <typename B>
  void operator()(const B& b) {
    if constexpr (requires { b.error; }) add("error", text(b.error));
    if constexpr (requires { b.group_id; }) add("group_id", text(b.group_id));
    if constexpr (requires { b.key; }) add("key", text(b.key));
    if constexpr (requires { b.generation_id; }) add("generation_id", text(b.generation_id));
    if constexpr (requires { b.member_id; }) add("member_id", text(b.member_id));
    if constexpr (requires { b.group_instance_id; })
      add("group_instance_id", text(b.group_instance_id));
    if constexpr (requires { b.leader; }) add("leader", text(b.leader));
    if constexpr (requires { b.protocol_name; }) add("protocol_name", text(b.protocol_name));
    if constexpr (requires { b.session_timeout_ms; })
      add("session_timeout_ms", text(b.session_timeout_ms));
    if constexpr (requires { b.rebalance_timeout_ms; })
      add("rebalance_timeout_ms", text(b.rebalance_timeout_ms));
    if constexpr (requires { b.reason; }) add("reason", text(b.reason));
    if constexpr (requires { b.acks; }) add("acks", text(b.acks));
    if constexpr (requires { b.timeout_ms; }) add("timeout_ms", text(b.timeout_ms));
    if constexpr (requires { b.replica_id; }) add("replica_id", text(b.replica_id));
    if constexpr (requires { b.max_wait_ms; }) add("max_wait_ms", text(b.max_wait_ms));
    if constexpr (requires { b.min_bytes; }) add("min_bytes", text(b.min_bytes));
    if constexpr (requires { b.broker_id; }) add("broker_id", text(b.broker_id));
    if constexpr (requires { b.tp; }) add("partition", text(b.tp));
    if constexpr (requires { b.leader_epoch; }) add("leader_epoch", text(b.leader_epoch));
    if constexpr (requires { b.new_isr; }) add("new_isr", text(b.new_isr));
    if constexpr (requires { b.isr; }) add("isr", text(b.isr));
    if constexpr (requires { b.node_id; }) add("node_id", text(b.node_id));
    if constexpr (requires { b.assignment.partitions; })
      add_list("assignment", b.assignment.partitions, [](const auto& tp) { return text(tp); });
    if constexpr (requires { b.partitions; })
      add_list("partitions", b.partitions, [](const auto& p) { return partition_summary(p); });
    if constexpr (requires { b.members; })
      add_list("members", b.members, [](const auto& m) { return member_summary(m); });
    if constexpr (requires { b.assignments; })
      add_list("assignments", b.assignments, [](const auto& m) { return member_summary(m); });
    if constexpr (requires { b.topics.size(); }) add("topics", std::to_string(b.topics.size()));
  }
};

}  // namespace

std::string ids_text(const std::vector<int32_t>& ids) {
  std::string out;
  for (int32_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::string partitions_text(const std::vector<TopicPartition>& tps) {
  std::string out;
  for (const TopicPartition& tp : tps) {
    if (!out.empty()) out += ',';
    out += tp.to_string();
  }
  return out.empty() ? "-" : out;
}

std::vector<FieldRow> message_fields(const MessageBody& body, size_t max_list) {
  std::vector<FieldRow> rows;
  std::visit(Collector{rows, max_list}, body);
  return rows;
}

}  // namespace ksim::gui
