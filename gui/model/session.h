#pragma once
// The run the GUI drives: a RunSource (a Lua ScenarioRun or a C++ fixture) plus the commands the
// GUI issued, with rewind by re-simulation (restart with the same seed, replay, run to t).
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/model/event_store.h"
#include "ksim/cluster/cluster.h"

namespace ksim::gui {

struct NarrationItem {           // mirrors script::Narration without linking the Lua runner
  Time t = 0;
  enum class Kind { Chapter, Step, Note } kind = Kind::Step;
  std::string text;
  bool pause = false;
  int chapter = 0;
  std::vector<std::string> focus;  // step{ focus }: node names and group ids
  std::vector<std::string> views;  // step{ views }: panel names (ksim/types/presentation.h)
};

struct BreakItem {               // mirrors script::BreakHit: a break_on match
  Time t = 0;
  std::string type;
  std::string event;             // the JSON trace line
  std::string where;             // file:line of the break_on call
};

struct ParamItem {               // mirrors script::ParamInfo: a param() the scenario read
  std::string name;
  enum class Type { Number, Boolean, String } type = Type::String;
  std::string default_text;
  std::string value_text;
  bool overridden = false;
  std::optional<double> min, max;  // param(name, default, { min =, max = })
  std::string doc;                 // param(name, default, { doc = })
};

struct QuizItem {                // mirrors script::Quiz: ask{}
  std::string question;
  std::vector<std::string> choices;
  int answer = 1;                // 1-based
  std::string explain;
};

struct CueItem {                 // mirrors script::Cue: checkpoint, pacing and quiz cues
  enum class Kind { Checkpoint, Pause, Speed, FastForward, FastForwardEnd, Ask };
  Time t = 0;
  Kind kind = Kind::Checkpoint;
  std::string name;              // Checkpoint: the name; FastForward(End): the description
  double speed = 0;              // Speed: virtual seconds per wall second
  int id = 0;                    // pairs a FastForward with its FastForwardEnd
  std::string where;             // file:line
  QuizItem quiz;                 // Ask
};

struct ExpectationItem {         // mirrors script::Expectation
  Time t = 0;
  std::string file;
  int line = 0;
  std::string description;
  bool passed = false;
};

struct ScenarioCard {            // scenario{ title, summary, learn, watch_for }
  std::string path;
  std::string title;
  std::string summary;
  std::vector<std::string> learn;
  std::vector<std::string> watch_for;
};

// One deterministic run. step()/run_until() drive the kernel the way the CLI does.
class RunSource {
 public:
  virtual ~RunSource() = default;
  virtual Cluster& cluster() = 0;
  virtual bool step() = 0;              // exactly one kernel event; false when finished
  virtual void run_until(Time t) = 0;   // every event with time <= t, then now() = t
  virtual bool finished() const = 0;
  virtual std::string error() const { return ""; }
  // Narration so far (grows as the run emits it; sources append to narration_).
  const std::vector<NarrationItem>& narration() const { return narration_; }
  // break_on matches so far (presentation only; the frame loop pauses on a new one).
  const std::vector<BreakItem>& breaks() const { return breaks_; }
  // Checkpoints, pacing and quizzes so far (presentation only; the frame loop acts on them).
  const std::vector<CueItem>& cues() const { return cues_; }
  // The scenario's param() values ("" params for a C++ fixture).
  virtual std::vector<ParamItem> params() const { return {}; }
  virtual std::vector<ExpectationItem> expectations() const { return {}; }
  virtual ScenarioCard card() const = 0;
  // The Lua source of the scenario ("" for a C++ fixture), for "save session as scenario".
  virtual std::string source_text() const { return ""; }
  virtual uint64_t seed() = 0;

 protected:
  std::vector<NarrationItem> narration_;
  std::vector<BreakItem> breaks_;
  std::vector<CueItem> cues_;
};

// Builds a fresh run from the start (same file, same seed). Error: a message to show.
using SourceFactory = std::function<Result<std::unique_ptr<RunSource>>()>;
// The factory for the same scenario with these param() values (name -> text, as --set).
using ParamFactory =
    std::function<SourceFactory(const std::map<std::string, std::string>& params)>;

struct ScheduledCommand {
  Time at = 0;                   // no kernel event has this exact time (see Session::issue)
  Command command;
};

class StoryPreview;  // gui/model/preview.h

class Session {
 public:
  // `store_events`: keep the trace in events() (the views need it; a preview does not).
  explicit Session(SourceFactory factory, bool store_events = true);
  ~Session();
  // Replaces the factory (new parameters) and restarts from t = 0; the recorded commands are
  // kept and replay at their times. On error the previous factory and run stay.
  Status restart_with(SourceFactory factory);
  // ---- Parameters (the parameter panel) ----
  void set_param_factory(ParamFactory f) { param_factory_ = std::move(f); }
  bool has_param_factory() const { return static_cast<bool>(param_factory_); }
  // Restarts from t = 0 with these values over the ones set before (commands are kept and
  // replay at their times). Error: no param factory, or the scenario refuses the values.
  Status set_params(const std::map<std::string, std::string>& values);
  const std::map<std::string, std::string>& params() const { return params_; }

  // Builds the run from scratch; keeps the issued commands as a schedule to replay.
  Status restart();
  // Replaces the schedule and restarts from t = 0 (a preview replays its session's commands).
  Status restart_with_schedule(std::vector<ScheduledCommand> schedule);
  const SourceFactory& factory() const { return factory_; }

  // ---- The story ahead (gui/model/preview.h) ----
  // Changes whenever what the run will do changes: a command issued, a fork undone, new
  // parameters. Rewinds and replays keep it (determinism: the same story again).
  uint64_t story_version() const { return story_version_; }
  // A headless run of the same scenario and commands to its end, for the totals, the chapter
  // menu and the timeline flags ahead of the playhead. Restarted when the story changes; runs
  // at most `max_events` more events per call (the frame loop calls it every frame).
  const StoryPreview& preview() const;
  void update_preview(uint64_t max_events);
  bool ok() const { return source_ != nullptr; }
  RunSource& source() { return *source_; }
  const RunSource& source() const { return *source_; }
  Cluster& cluster() { return source_->cluster(); }
  const Cluster& cluster() const { return source_->cluster(); }
  Time now() const { return cluster().now(); }
  uint64_t events_run() const { return cluster().kernel().scheduler.events_run(); }
  bool finished() const { return source_->finished(); }
  EventStore& events() { return events_; }
  const EventStore& events() const { return events_; }
  int64_t restarts() const { return restarts_; }

  // ---- Forward (exact: the same events a straight run_until would run) ----
  // Runs at most max_events events with time <= t; if none remain below t, now() becomes t.
  // `stop`, when given, is asked after each event and ends the advance early when true.
  // Returns true when now() == t (or the run finished); false when the budget or stop ended it.
  bool advance_to(Time t, uint64_t max_events, const std::function<bool()>& stop = {});
  // Runs exactly one kernel event (after any scheduled command due before it).
  bool step_event();

  // ---- Backward (restart + replay; determinism makes it exact) ----
  Status seek(Time t);                 // t < now(): rewinds; t >= now(): runs forward
  Status seek_events(uint64_t count);  // the state after exactly `count` events
  Status step_back();                  // one event back

  // ---- Acting: the one function through which the GUI changes the model ----
  // Moves to a clean instant (now + 1 µs when no event is due then), applies the command with
  // Cluster::apply and schedules it for replays. Issuing in the past discards later commands
  // (a fork); the schedule before the fork is kept for undo_fork().
  Status issue(const Command& command);
  const std::vector<ScheduledCommand>& schedule() const { return schedule_; }

  // ---- Forks (teaching-features item 7) ----
  // The commands issue() would discard now: those scheduled after the playhead.
  size_t commands_after_now() const { return schedule_.size() - next_command_; }
  bool would_fork() const { return commands_after_now() > 0; }
  bool can_undo_fork() const { return before_fork_.has_value(); }
  // Puts back the schedule the last fork discarded (the fork's own command goes) and
  // re-simulates to the current time on that branch. No-op without a fork to undo.
  Status undo_fork();

 private:
  void apply_due(Time up_to);          // scheduled commands with at <= up_to, in order
  Time next_event_time() const { return cluster().kernel().scheduler.next_event_time(); }
  Status move_to_clean_instant();
  Status restore_schedule(std::vector<ScheduledCommand> schedule);

  SourceFactory factory_;
  std::unique_ptr<RunSource> source_;
  EventStore events_;
  std::vector<ScheduledCommand> schedule_;
  size_t next_command_ = 0;            // schedule_[next_command_] is not yet applied
  std::optional<std::vector<ScheduledCommand>> before_fork_;  // the schedule a fork replaced
  int64_t restarts_ = 0;
  bool store_events_ = true;
  uint64_t story_version_ = 0;
  std::unique_ptr<StoryPreview> preview_;
  ParamFactory param_factory_;
  std::map<std::string, std::string> params_;  // set through set_params
};

}  // namespace ksim::gui
