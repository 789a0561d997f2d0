// Trace rendering (JSON Lines), running hash, sink and listeners. The hash folds a compact
// binary form of each line (see hash_input below), so a run renders JSON only for a sink.
#include "ksim/core/trace.h"

#include <algorithm>
#include <cstring>
#include <fmt/compile.h>
#include <fmt/format.h>

namespace ksim {
namespace {

void append_value(std::string& out, const TraceValue& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) {
    fmt::format_int digits(*i);
    out.append(digits.data(), digits.size());
  } else if (const auto* b = std::get_if<bool>(&value)) {
    out += *b ? "true" : "false";
  } else {
    out.push_back('"');
    append_json_escaped(out, std::get<std::string>(value));
    out.push_back('"');
  }
}

void render(std::string& out, Time t, const TraceEvent& event) {
  out.clear();
  out += "{\"t\":";
  fmt::format_int stamp(t);
  out.append(stamp.data(), stamp.size());
  out += ",\"type\":\"";
  append_json_escaped(out, event.type);
  out.push_back('"');
  for (const TraceField& f : event.fields) {
    out += ",\"";
    append_json_escaped(out, f.key);
    out += "\":";
    append_value(out, f.value);
  }
  out.push_back('}');
}

// The hash input of a line, in docs/trace-format.md's words: little-endian int64s, strings as
// a uint32 length then the bytes, each value behind a one-byte tag. Writes into a buffer kept
// across lines (grown, never shrunk) through a raw cursor: std::string appends cost more than
// the hashing itself.
class HashInput {
 public:
  explicit HashInput(std::string& buffer) : buf_(buffer) {}
  void put_int(int64_t v) { std::memcpy(room(8), &v, 8); }  // little-endian hosts only
  void put_tag(char tag) { *room(1) = tag; }
  void put_string(std::string_view s) {
    auto n = static_cast<uint32_t>(s.size());
    char* p = room(4 + s.size());
    std::memcpy(p, &n, 4);
    copy(p + 4, s.data(), s.size());
  }
  void put_field(std::string_view key, const TraceValue& value) {
    put_string(key);
    if (const auto* i = std::get_if<int64_t>(&value)) {
      put_tag('i');
      put_int(*i);
    } else if (const auto* b = std::get_if<bool>(&value)) {
      put_tag('b');
      put_tag(*b ? 1 : 0);
    } else {
      put_tag('s');
      put_string(std::get<std::string>(value));
    }
  }
  std::string_view bytes() const { return {buf_.data(), size_}; }

 private:
  // Most keys and names are short: two overlapping fixed-size moves instead of a memcpy call.
  static void copy(char* to, const char* from, size_t n) {
    auto two = [&](auto word) {
      std::memcpy(&word, from, sizeof word);
      std::memcpy(to, &word, sizeof word);
      std::memcpy(&word, from + n - sizeof word, sizeof word);
      std::memcpy(to + n - sizeof word, &word, sizeof word);
    };
    if (n > 16) std::memcpy(to, from, n);
    else if (n >= 8) two(uint64_t{});
    else if (n >= 4) two(uint32_t{});
    else for (size_t i = 0; i < n; i++) to[i] = from[i];
  }
  char* room(size_t n) {
    if (size_ + n > buf_.size()) [[unlikely]] grow(n);
    char* p = buf_.data() + size_;
    size_ += n;
    return p;
  }
  [[gnu::noinline]] void grow(size_t n) {
    buf_.resize(std::max(2 * buf_.size(), size_ + n + 256));
  }
  std::string& buf_;
  size_t size_ = 0;
};

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<int>(c));
        } else {
          out.push_back(c);
        }
    }
  }
}

uint64_t hash_bytes(uint64_t h, std::string_view bytes) {
  constexpr uint64_t kMul = 0x9e3779b97f4a7c15ULL;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);  // little-endian hosts only (x86_64, aarch64)
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  for (size_t k = 0; i < bytes.size(); i++, k++) tail |= static_cast<uint64_t>(
      static_cast<unsigned char>(bytes[i])) << (8 * k);
  h = (h ^ tail ^ (bytes.size() << 56)) * kMul;
  return h ^ (h >> 31);
}

std::string Trace::to_json(Time t, const TraceEvent& event) {
  std::string out;
  render(out, t, event);
  return out;
}

void Trace::emit(Time t, const TraceEvent& event) {
  HashInput in(hash_input_);
  in.put_int(t);
  in.put_string(event.type);
  for (const TraceField& f : event.fields) in.put_field(f.key, f.value);
  if (commit_line(in.bytes())) {
    render(line_, t, event);
    write_line();
  }
  notify(t, event, false);
}

void Trace::emit_message(Time t, std::string_view type, std::string_view api, bool response,
                         std::string_view from, std::string_view to, int64_t bytes,
                         int32_t correlation_id) {
  const std::string_view dir = response ? "resp" : "req";
  // The same hash input as emit() of the TraceEvent built below, without building it.
  HashInput in(hash_input_);
  in.put_int(t);
  in.put_string(type);
  using std::string_view_literals::operator""sv;  // keys with their lengths: no strlen
  for (auto [key, value] :
       {std::pair{"api"sv, api}, {"dir"sv, dir}, {"from"sv, from}, {"to"sv, to}}) {
    in.put_string(key);
    in.put_tag('s');
    in.put_string(value);
  }
  for (auto [key, value] : {std::pair{"bytes"sv, bytes}, {"corr"sv, int64_t{correlation_id}}}) {
    in.put_string(key);
    in.put_tag('i');
    in.put_int(value);
  }
  if (commit_line(in.bytes())) {
    line_.clear();
    fmt::format_to(std::back_inserter(line_),
                   FMT_COMPILE("{{\"t\":{},\"type\":\"{}\",\"api\":\"{}\",\"dir\":\"{}\","
                               "\"from\":\"{}\",\"to\":\"{}\",\"bytes\":{},\"corr\":{}}}"),
                   t, type, api, dir, from, to, bytes, correlation_id);
    write_line();
  }
  if (!any_message_listener_) return;
  TraceEvent event{.type = std::string(type)};
  event.add("api", std::string(api)).add("dir", response ? "resp" : "req");
  event.add("from", std::string(from)).add("to", std::string(to)).add("bytes", bytes);
  event.add("corr", correlation_id);
  notify(t, event, true);
}

bool Trace::commit_line(std::string_view hash_input) {
  hash_ = hash_bytes(hash_, hash_input);
  lines_++;
  return sink_ != nullptr && lines_ <= limits_.max_lines_written;
}

void Trace::write_line() {
  sink_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
  sink_->put('\n');
}

void Trace::notify(Time t, const TraceEvent& event, bool is_message) {
  // Index loop: a listener may add or remove listeners while being called.
  for (size_t i = 0; i < listeners_.size(); i++) {
    if (is_message && !listeners_[i].wants_messages) continue;
    Listener fn = listeners_[i].fn;
    fn(t, event);
  }
}

int Trace::add_listener(Listener listener, bool wants_messages) {
  int id = next_listener_id_++;
  listeners_.push_back({id, std::move(listener), wants_messages});
  any_message_listener_ = any_message_listener_ || wants_messages;
  return id;
}

void Trace::remove_listener(int id) {
  std::erase_if(listeners_, [id](const ListenerSlot& s) { return s.id == id; });
  any_message_listener_ = false;
  for (const ListenerSlot& s : listeners_) any_message_listener_ |= s.wants_messages;
}

std::string Trace::hash_hex() const { return fmt::format("{:016x}", hash_); }

}  // namespace ksim
