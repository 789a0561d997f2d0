#pragma once
// The run's trace: one JSON Lines event per delivered message and per state change, with a
// running hash over every line (over a binary form of its content: the JSON text is rendered
// only when a sink wants it). Same scenario + seed + build => same hash.
// Format: docs/trace-format.md. Listeners (Lua's on/wait_for, the GUI event log, checkers) see
// every event as a value; they must not change what is traced.
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "ksim/types/time.h"
#include "ksim/types/trace_event.h"

namespace ksim {

struct TraceLimits {
  int64_t max_lines_written = 50'000'000;  // lines written to the sink; the hash covers all lines
};

class Trace {
 public:
  using Listener = std::function<void(Time t, const TraceEvent& event)>;

  explicit Trace(TraceLimits limits = {}) : limits_(limits) {}

  // Appends one event at virtual time t.
  void emit(Time t, const TraceEvent& event);
  // Fast path for delivered/dropped messages (the bulk of a run): formats without building a
  // TraceEvent unless a listener asked for messages.
  void emit_message(Time t, std::string_view type, std::string_view api, bool response,
                    std::string_view from, std::string_view to, int64_t bytes,
                    int32_t correlation_id);

  // Writes every line to `sink` (may be null). The stream must outlive the trace's use.
  void set_sink(std::ostream* sink) { sink_ = sink; }
  // Returns an id for remove_listener. wants_messages: also called for message events.
  int add_listener(Listener listener, bool wants_messages);
  void remove_listener(int id);

  uint64_t hash() const { return hash_; }
  int64_t lines() const { return lines_; }
  // "ksim-trace-hash: 0123abcd..." (16 hex digits).
  std::string hash_hex() const;
  // The JSON line of an event (no newline). Exposed for tests and the GUI.
  static std::string to_json(Time t, const TraceEvent& event);

 private:
  struct ListenerSlot {
    int id;
    Listener fn;
    bool wants_messages;
  };
  // Folds a line's hash input into the hash and counts the line; true when the sink wants the
  // line's text.
  bool commit_line(std::string_view hash_input);
  void write_line();  // line_ to the sink
  void notify(Time t, const TraceEvent& event, bool is_message);

  TraceLimits limits_;
  std::ostream* sink_ = nullptr;
  std::string line_;        // reused buffer: the JSON text, for the sink
  std::string hash_input_;  // reused buffer: the line's binary form, for the hash (see .cpp)
  uint64_t hash_ = 0x6b73696d2d747263ULL;
  int64_t lines_ = 0;
  std::vector<ListenerSlot> listeners_;
  int next_listener_id_ = 1;
  bool any_message_listener_ = false;
};

// Appends `text` to a JSON string literal body (escaping quotes, backslashes, control chars).
void append_json_escaped(std::string& out, std::string_view text);
// A fast 64-bit hash step over bytes (8 at a time); deterministic across runs and platforms.
uint64_t hash_bytes(uint64_t h, std::string_view bytes);

}  // namespace ksim
