#pragma once
// ScenarioRun's private state: the Lua VM, the main coroutine's wait, event listeners and
// scheduled callbacks. Shared by scenario.cpp and the wrap_*.cpp bindings.
#include <deque>
#include <map>
#include <optional>
#include <set>

#include "ksim/core/rng.h"
#include "ksim/script/scenario.h"

struct lua_State;

namespace ksim::script {

struct TraceFilter {
  std::string type;
  std::vector<TraceField> fields;  // every field must be present and equal
  bool matches(const TraceEvent& e) const;
};

struct ScenarioRun::Impl : EventHandler {
  enum EventKind : uint16_t { kResumeMain = 1, kCall = 2, kWaitTimeout = 3, kSwarmCommand = 4 };
  enum class Wait { None, Sleep, Event, AnyEvent };
  struct Listener {
    TraceFilter filter;
    int ref = 0;
    bool once = false;
    bool active = true;
  };
  struct Breakpoint {       // break_on(type, filter): presentation only
    TraceFilter filter;
    std::string where;      // "file:line"
  };
  // break_when(pred) / fast_forward_until(pred): presentation only. Called after events that
  // traced something, only with ScenarioOptions::presentation_predicates (evaluate_predicates).
  struct Predicate {
    enum class Kind { BreakWhen, FastForward } kind = Kind::BreakWhen;
    int ref = 0;             // the Lua function
    std::string where;       // "file:line"
    std::string description;
    int id = 0;              // FastForward: the cue id
    bool last = false;       // its value at the last call (a hit is a false -> true change)
    bool active = true;      // a fast-forward ends at its first true
  };
  struct PendingCall {
    int ref = 0;
    std::optional<TraceEvent> event;
    Duration repeat = 0;     // > 0: call again every `repeat`
    bool owned_ref = false;  // unref after the (last) call
    uint64_t id = 0;
  };

  explicit Impl(ScenarioRun* r) : run(r) {}
  // Accessors for the bindings (ScenarioRun's fields are private; Impl is its friend).
  Cluster* cluster() { return run->cluster_.get(); }
  void set_cluster(std::unique_ptr<Cluster> c) { run->cluster_ = std::move(c); }
  void set_history(std::shared_ptr<History> h) { run->history_ = std::move(h); }
  const History* history() const { return run->history_.get(); }
  uint64_t seed() const { return run->seed_; }
  void set_seed(uint64_t s) { run->seed_ = s; lua_rng = Rng::derive(s, "lua"); }
  ScenarioInfo& info() { return run->info_; }
  SwarmReport& swarm_report() { return run->swarm_; }
  const ScenarioOptions& options() const { return run->options_; }
  void add_expectation(Expectation e) { run->expectations_.push_back(std::move(e)); }
  void on_event(const Event& e) override;

  // Called once cluster{} has built the cluster: registers with the scheduler and the trace.
  void attach(Cluster& cluster);
  void on_trace(Time t, const TraceEvent& e);
  // Runs the main coroutine (start or resume) and records how it stopped.
  void handle_resume(const Resume& r);
  void fail(ScriptError error);
  uint64_t schedule_call(Time at, PendingCall call);
  void narrate(Narration n);
  // Records a presentation cue at now (checkpoint, pacing, quiz); on_cue sees it.
  void cue(Cue c);
  const std::vector<Cue>& cues() const { return run->cues_; }
  // After a kernel event: calls the presentation predicates if that event traced something.
  void evaluate_predicates();
  // Records a BreakHit when a break_on filter matches (never schedules or emits anything).
  void check_breakpoints(Time t, const TraceEvent& e);
  std::vector<ParamInfo>& params() { return run->params_; }

  ScenarioRun* run;
  std::unique_ptr<LuaVm> vm;
  Rng lua_rng{1};
  std::function<void(const Narration&)> on_narration;
  std::function<void(const BreakHit&)> on_break;
  std::function<void(const Cue&)> on_cue;
  std::vector<Breakpoint> breakpoints;
  std::vector<Predicate> predicates;
  bool predicates_due = false;   // an event traced something since the last evaluation
  uint64_t lua_draws = 0;        // math.random draws (a predicate must not draw)
  int32_t target = -1;
  int main_ref = 0;
  Wait wait = Wait::None;
  uint64_t wait_token = 0;
  TraceFilter wait_filter;
  std::optional<TraceEvent> wait_result;
  std::vector<Listener> listeners;
  std::map<uint64_t, PendingCall> calls;
  uint64_t next_call_id = 1;
  int chapter = 0;
  bool seed_fixed = false;  // scenario{} or --seed chose it; cluster{} may not change it now
  // swarm{} (wrap_swarm.cpp): the faults' commands, run as kSwarmCommand events by index.
  struct Swarm {
    std::optional<std::vector<Fault>> file_schedule;  // from swarm_schedule{}
    std::vector<TimedCommand> commands;
    std::set<std::string> crashed;                    // brokers the swarm crashed, still down
    std::set<std::string> crashed_consumers;          // consumers the swarm crashed, still down
    bool link_faulted = false;
  } swarm;
};

// Applies the swarm's command `index` (a kSwarmCommand event); wrap_swarm.cpp.
void run_swarm_command(ScenarioRun::Impl& impl, uint64_t index);

// Registers the __ksim table of C functions (wrap_*.cpp).
void register_bindings(lua_State* L, ScenarioRun::Impl* impl);
// The Impl behind a binding call.
ScenarioRun::Impl& scenario_of(lua_State* L);
// The scenario's cluster; raises "no cluster yet" (at the scenario's line) before cluster{}.
Cluster& cluster_of(lua_State* L);
// Raises `message` located at the first scenario (non-prelude, non-C) frame: "file:line: ...".
[[noreturn]] void raise_at_script(lua_State* L, const std::string& message);
// "file:line" of the scenario code that called the binding ("" when none is on the stack).
std::string script_where(lua_State* L);
// Pushes a trace event as a Lua table {t = ms, type = ..., <fields>}.
void push_event(lua_State* L, Time t, const TraceEvent& e);

}  // namespace ksim::script
