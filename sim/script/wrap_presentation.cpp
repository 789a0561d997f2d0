// Lua bindings for the presentation cues of the scenario API (checkpoint, pause, speed,
// fast_forward_until, ask, break_when) and the evaluation of their predicates. None is a trace
// event, none schedules anything: the trace and its hash are the same with or without them, and
// with or without the predicates being called (docs/scenario-api.md#presentation-cues).
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "ksim/script/lua_check.h"
#include "sim/script/lua_values.h"
#include "sim/script/scenario_impl.h"

namespace ksim::script {
namespace {

constexpr double kMinSpeed = 0.001;   // the GUI's speed slider: 1/1000x ... 1000x
constexpr double kMaxSpeed = 1000.0;

std::string required_text(lua_State* L, int idx, const std::string& what) {
  if (lua_type(L, idx) != LUA_TSTRING) raise_at_script(L, what + ": expected a string");
  std::string text = lua_tostring(L, idx);
  if (text.empty()) raise_at_script(L, what + ": must not be empty");
  return text;
}

// checkpoint(name): a named point of the run; names are unique in a run.
int w_checkpoint(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  std::string name = required_text(L, 1, "checkpoint(name)");
  if (name.find('\n') != std::string::npos)
    raise_at_script(L, "checkpoint(name): a name is one line");
  for (const Cue& c : impl.cues())
    if (c.kind == Cue::Kind::Checkpoint && c.name == name)
      raise_at_script(L, "checkpoint '" + name + "' already exists (" + c.where +
                             "): checkpoint names must be unique in a run");
  impl.cue({.kind = Cue::Kind::Checkpoint, .name = name, .where = script_where(L)});
  return 0;
}

int w_pause(lua_State* L) {
  scenario_of(L).cue({.kind = Cue::Kind::Pause, .where = script_where(L)});
  return 0;
}

// speed(x): x virtual seconds per wall second, in [0.001, 1000].
int w_speed(lua_State* L) {
  if (lua_type(L, 1) != LUA_TNUMBER) raise_at_script(L, "speed(x): expected a number");
  double x = lua_tonumber(L, 1);
  if (!(x >= kMinSpeed && x <= kMaxSpeed)) {
    raise_at_script(L, "speed(x): x is virtual seconds per wall second, from 0.001 to 1000; got " +
                           std::string(lua_tostring(L, 1)));
  }
  scenario_of(L).cue({.kind = Cue::Kind::Speed, .speed = x, .where = script_where(L)});
  return 0;
}

// predicate(kind, fn, description): break_when / fast_forward_until.
int w_predicate(lua_State* L) {
  ScenarioRun::Impl& impl = scenario_of(L);
  int kind = check_enum(L, 1, "predicate", {"break_when", "fast_forward_until"});
  std::string what = kind == 0 ? "break_when" : "fast_forward_until";
  if (lua_type(L, 2) != LUA_TFUNCTION)
    raise_at_script(L, what + "(pred): pred must be a function");
  if (!lua_isnoneornil(L, 3) && lua_type(L, 3) != LUA_TSTRING)
    raise_at_script(L, what + "(pred, description): description must be a string");
  ScenarioRun::Impl::Predicate p{.where = script_where(L),
                                 .description = luaL_optstring(L, 3, "")};
  if (kind == 1) {
    p.kind = ScenarioRun::Impl::Predicate::Kind::FastForward;
    p.id = static_cast<int>(impl.cues().size()) + 1;
    impl.cue({.kind = Cue::Kind::FastForward, .name = p.description, .id = p.id,
              .where = p.where});
  }
  if (!impl.options().presentation_predicates) return 0;  // recorded, never called
  lua_pushvalue(L, 2);
  p.ref = luaL_ref(L, LUA_REGISTRYINDEX);
  impl.predicates.push_back(std::move(p));
  return 0;
}

// ask(question, choices, answer, explain): the prelude checked the keys of ask{}.
int w_ask(lua_State* L) {
  Quiz q{.question = required_text(L, 1, "ask{ question }")};
  if (!lua_istable(L, 2)) raise_at_script(L, "ask{ choices }: expected a list of strings");
  q.choices = string_list(L, 2, "ask{ choices }");
  if (q.choices.size() < 2) raise_at_script(L, "ask{ choices }: give at least two choices");
  lua_Integer answer = 0;
  if (!lua_isinteger(L, 3)) raise_at_script(L, "ask{ answer }: expected the number of a choice");
  answer = lua_tointeger(L, 3);
  if (answer < 1 || answer > static_cast<lua_Integer>(q.choices.size())) {
    raise_at_script(L, "ask{ answer }: " + std::to_string(answer) + " is not a choice (1 to " +
                           std::to_string(q.choices.size()) + ")");
  }
  q.answer = static_cast<int>(answer);
  if (!lua_isnoneornil(L, 4)) q.explain = required_text(L, 4, "ask{ explain }");
  scenario_of(L).cue({.kind = Cue::Kind::Ask, .where = script_where(L), .quiz = std::move(q)});
  return 0;
}

// What a predicate call may not change: a predicate only reads.
struct Footprint {
  uint64_t trace_hash = 0;
  size_t pending = 0, calls = 0, listeners = 0, narration = 0, expectations = 0, breakpoints = 0;
  size_t predicates = 0, cues = 0;
  uint64_t draws = 0;
  bool operator==(const Footprint&) const = default;
};

// A failure located at a predicate's "file:line".
ScriptError error_at(const std::string& where, const std::string& fallback_file,
                     std::string message) {
  ScriptError e{.file = fallback_file, .message = std::move(message)};
  size_t colon = where.rfind(':');
  if (colon == std::string::npos) return e;
  e.file = where.substr(0, colon);
  e.line = std::atoi(where.c_str() + colon + 1);
  return e;
}

}  // namespace

// Defined here rather than in scenario.cpp: the predicates belong to the presentation cues.
void ScenarioRun::Impl::evaluate_predicates() {
  if (!predicates_due || run->finished_) return;
  predicates_due = false;
  auto footprint = [this] {
    const Cluster& c = *run->cluster_;
    return Footprint{c.kernel().trace.hash(), c.kernel().scheduler.pending(), calls.size(),
                     listeners.size(), run->narration_.size(), run->expectations_.size(),
                     breakpoints.size(), predicates.size(), run->cues_.size(), lua_draws};
  };
  lua_State* L = vm->state();
  for (size_t i = 0; i < predicates.size() && !run->finished_; i++) {
    Predicate& p = predicates[i];
    if (!p.active) continue;
    Footprint before = footprint();
    if (auto err = vm->call_ref_uncharged(p.ref, 0, 1)) return fail(*err);
    bool value = lua_toboolean(L, -1) != 0;
    lua_pop(L, 1);
    if (!(footprint() == before)) {
      return fail(error_at(p.where, run->options_.path,
                           std::string("the predicate of ") +
                               (p.kind == Predicate::Kind::BreakWhen ? "break_when"
                                                                     : "fast_forward_until") +
                               " changed the run; a presentation predicate may only read "
                               "(no actions, narration, expectations or math.random)"));
    }
    bool became_true = value && !p.last;
    p.last = value;
    if (!became_true) continue;
    Time now = run->cluster_->now();
    if (p.kind == Predicate::Kind::FastForward) {
      p.active = false;
      if (run->cues_.size() < kMaxCues) {
        run->cues_.push_back({.t = now, .kind = Cue::Kind::FastForwardEnd, .name = p.description,
                              .id = p.id, .where = p.where});
        if (on_cue) on_cue(run->cues_.back());
      }
    } else if (run->breaks_.size() < kMaxBreakHits) {
      std::string what = p.description.empty() ? "condition became true" : p.description;
      run->breaks_.push_back({.t = now, .type = "break_when", .event = "break_when: " + what,
                              .where = p.where});
      if (on_break) on_break(run->breaks_.back());
    }
  }
}

void register_presentation_bindings(lua_State* L) {
  static const luaL_Reg kFunctions[] = {
      {"checkpoint", protect<w_checkpoint>}, {"pause", protect<w_pause>},
      {"speed", protect<w_speed>},           {"predicate", protect<w_predicate>},
      {"ask", protect<w_ask>},               {nullptr, nullptr}};
  luaL_setfuncs(L, kFunctions, 0);
}

}  // namespace ksim::script
