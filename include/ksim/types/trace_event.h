#pragma once
// A trace event as a value. Pure libraries return these in their effects; the kernel stamps
// the virtual time and appends them to the run's trace (JSON Lines, docs/trace-format.md).
// Fields keep their insertion order, which is the order they are written in the JSON line.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ksim {

using TraceValue = std::variant<int64_t, std::string, bool>;

struct TraceField {
  std::string key;
  TraceValue value;
  bool operator==(const TraceField&) const = default;
};

struct TraceEvent {
  std::string type;                 // dotted, lower case: "group.state", "member.removed"
  std::vector<TraceField> fields;

  TraceEvent& add(std::string key, int64_t v) { return push(std::move(key), TraceValue(v)); }
  TraceEvent& add(std::string key, int32_t v) { return add(std::move(key), int64_t{v}); }
  TraceEvent& add(std::string key, bool v) { return push(std::move(key), TraceValue(v)); }
  TraceEvent& add(std::string key, std::string v) {
    return push(std::move(key), TraceValue(std::move(v)));
  }
  TraceEvent& add(std::string key, const char* v) { return add(std::move(key), std::string(v)); }
  // The value of a field, or nullptr.
  const TraceValue* find(std::string_view key) const {
    for (const TraceField& f : fields)
      if (f.key == key) return &f.value;
    return nullptr;
  }
  // A field's value when it has that type, else the fallback (checkers read events this way).
  int64_t int_field(std::string_view key, int64_t fallback) const {
    const TraceValue* v = find(key);
    return v != nullptr && std::holds_alternative<int64_t>(*v) ? std::get<int64_t>(*v)
                                                                : fallback;
  }
  const std::string& string_field(std::string_view key) const {
    static const std::string kEmpty;
    const TraceValue* v = find(key);
    return v != nullptr && std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v)
                                                                   : kEmpty;
  }

 private:
  TraceEvent& push(std::string key, TraceValue v) {
    if (fields.capacity() == 0) fields.reserve(8);  // one allocation for a typical event
    fields.emplace_back(std::move(key), std::move(v));  // built in place: no temporary field
    return *this;
  }
};

}  // namespace ksim
