#pragma once
// A scenario run: a Lua scenario (scenarios/*.lua) driving a Cluster. The script's main chunk
// runs as a coroutine at event boundaries: run_for/wait_for/wait_until yield to the kernel and
// are resumed by scheduled events; at/after/every/on callbacks run as plain functions at their
// events. Narration and other presentation calls never change the simulation or its trace.
// The CLI (ksim run/test) and the GUI (ksim-gui) both drive this class. See docs/scenario-api.md.
#include <functional>
#include <ostream>
#include <variant>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ksim/cluster/cluster.h"
#include "ksim/cluster/fault_policy.h"
#include "ksim/script/lua_vm.h"

namespace ksim {
class History;  // check/history.h
}  // namespace ksim

namespace ksim::script {

struct ScenarioOptions {
  std::string path;                          // the scenario file
  std::optional<uint64_t> seed;              // overrides scenario{ seed = ... }
  std::map<std::string, std::string> params; // --set name=value, read by param()
  LuaLimits limits;
  std::ostream* trace_sink = nullptr;        // JSON Lines trace, from t=0 (may be null)
  // swarm{} (docs/swarm.md): false runs its safety phase without faults; true draws them from
  // the seed and the scenario's policy (`ksim run --swarm`, `ksim swarm`). `schedule` replays
  // exactly these faults instead (the shrinker), over any swarm_schedule{} in the file.
  bool swarm = false;
  std::optional<std::vector<Fault>> schedule;
  // Evaluate the presentation predicates of break_when and fast_forward_until after each event
  // that traced something (ksim-gui; `ksim run --break` for break_when). Off: they are
  // validated and recorded, never called. Either way the trace and its hash are the same.
  bool presentation_predicates = false;
};

// What a run's swarm{} did: its policy, its faults, and the liveness phase's outcome.
struct SwarmReport {
  bool declared = false;                     // the scenario called swarm{}
  std::string source = "none";               // where the faults came from: none, seed, schedule
  FaultPolicy policy;
  std::vector<Fault> faults;
  Time began = -1, healed = -1;              // the safety phase's start, the heal
  Time converged = -1;                       // -1: did not converge within the bound
  std::vector<std::string> problems;         // at the liveness bound, when it did not converge
};

// A break_on(type, filter) match, or a break_when(pred) predicate becoming true: presentation
// only (the GUI pauses, `ksim run --break` stops).
struct BreakHit {
  Time t = 0;
  std::string type;                          // the trace event's type; "break_when" for a pred
  std::string event;                         // the event as its JSON trace line; break_when:
                                             // "break_when: <description>"
  std::string where;                         // "file:line" of the break_on/break_when call
};

// A param(name, default) the scenario read: the GUI's parameter panel lists them.
struct ParamInfo {
  std::string name;
  enum class Type { Number, Boolean, String } type = Type::String;
  std::string default_text;                  // the default, as --set would spell it
  std::string value_text;                    // the value used (the override, or the default)
  bool overridden = false;                   // --set (or the GUI) gave a value
  std::optional<double> min, max;            // param(name, default, { min =, max = })
  std::string doc;                           // param(name, default, { doc = })
};

struct ScenarioInfo {                        // scenario{ ... }
  std::string title;
  std::string summary;
  std::vector<std::string> learn;
  std::vector<std::string> watch_for;
};

struct Narration {
  Time t = 0;
  enum class Kind { Chapter, Step, Note } kind = Kind::Step;
  std::string text;
  bool pause = false;                        // the GUI pauses here (step{ pause = true })
  int chapter = 0;                           // 1-based chapter number
  std::vector<std::string> focus;            // step{ focus }: node names and group ids
  std::vector<std::string> views;            // step{ views }: panel names (presentation.h)
};

// ask{ question, choices, answer, explain }: a quiz (the GUI pauses; the CLI prints Q and A).
struct Quiz {
  std::string question;
  std::vector<std::string> choices;          // at least two
  int answer = 1;                            // 1-based index into choices
  std::string explain;                       // "" when none
};

// A presentation cue beside the narration: never a trace event, so never in the hash. The GUI
// acts on them as the playhead passes; the CLI prints checkpoints and quizzes and ignores the
// pacing. See docs/scenario-api.md#presentation-cues.
struct Cue {
  enum class Kind {
    Checkpoint,      // checkpoint "name": a named point (unique per run)
    Pause,           // pause(): the GUI stops playing here
    Speed,           // speed(x): the GUI plays at x virtual seconds per wall second
    FastForward,     // fast_forward_until(pred) was called: the GUI plays at top speed...
    FastForwardEnd,  // ...until pred() became true here (same id; needs presentation_predicates)
    Ask,             // ask{}: a quiz
  };
  Time t = 0;
  Kind kind = Kind::Checkpoint;
  std::string name;                          // Checkpoint: the name; FastForward: description
  double speed = 0;                          // Speed
  int id = 0;                                // FastForward and its FastForwardEnd
  std::string where;                         // "file:line" of the call
  Quiz quiz;                                 // Ask
};

// One named part of an expectation with its own verdict: each anomaly an expect_delivery
// checks (docs/ci.md: one JUnit testcase per part).
struct ExpectationPart {
  enum class Verdict { Failed, Allowed, NotFound, NotChecked };
  std::string name;                          // "expect_delivery[payments/alo] duplicate"
  Verdict verdict = Verdict::NotFound;
  std::string text;                          // the count and why
};

struct Expectation {
  Time t = 0;
  std::string file;
  int line = 0;
  std::string description;
  bool passed = false;
  std::vector<ExpectationPart> parts;        // empty for a plain expect()
};

class ScenarioRun {
 public:
  // Loads the file and runs its main chunk up to the first yield (building the cluster).
  // Errors (file:line) come back as a ScriptError: a syntax error, a bad config, no cluster{}.
  static std::variant<std::unique_ptr<ScenarioRun>, ScriptError> start(
      const ScenarioOptions& options, std::function<void(const Narration&)> on_narration = {},
      std::function<void(const BreakHit&)> on_break = {},
      std::function<void(const Cue&)> on_cue = {});
  ~ScenarioRun();

  Cluster& cluster() { return *cluster_; }
  const Cluster& cluster() const { return *cluster_; }
  uint64_t seed() const { return seed_; }
  const ScenarioInfo& info() const { return info_; }
  const std::string& path() const { return options_.path; }

  // Runs events up to virtual time t (or until the script ends). Returns false once finished.
  bool run_until(Time t);
  // Runs exactly one kernel event (the GUI's "step"). Returns false once finished.
  bool step();
  // Runs until the script ends.
  void run_to_end();
  bool finished() const { return finished_; }
  // The failure that ended the run (script error, failed wait, invariant), if any.
  const std::optional<ScriptError>& error() const { return error_; }

  const std::vector<Narration>& narration() const { return narration_; }
  const std::vector<Expectation>& expectations() const { return expectations_; }
  // break_on matches so far (at most kMaxBreakHits are kept; later ones are only counted).
  const std::vector<BreakHit>& breaks() const { return breaks_; }
  static constexpr size_t kMaxBreakHits = 10000;
  // Checkpoints, pacing and quizzes so far, in order (at most kMaxCues; then an error).
  const std::vector<Cue>& cues() const { return cues_; }
  static constexpr size_t kMaxCues = 10000;
  // Every param() read so far, in first-read order.
  const std::vector<ParamInfo>& params() const { return params_; }
  // The delivery checker's history (check/history.h), once cluster{} has run; else null.
  const History* history() const { return history_.get(); }
  bool all_expectations_passed() const;
  const SwarmReport& swarm() const { return swarm_; }
  int64_t instructions_used() const;

  struct Impl;  // sim/script/scenario_impl.h; public so the Lua C functions can reach it

 private:
  ScenarioRun() = default;
  friend struct Impl;

  ScenarioOptions options_;
  uint64_t seed_ = 1;
  ScenarioInfo info_;
  std::unique_ptr<Cluster> cluster_;
  std::shared_ptr<History> history_;  // after cluster_: released before the cluster goes
  std::unique_ptr<Impl> impl_;
  bool finished_ = false;
  std::optional<ScriptError> error_;
  std::vector<Narration> narration_;
  std::vector<Expectation> expectations_;
  SwarmReport swarm_;
  std::vector<BreakHit> breaks_;
  std::vector<ParamInfo> params_;
  std::vector<Cue> cues_;
};

}  // namespace ksim::script
