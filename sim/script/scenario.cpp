// ScenarioRun: loads a scenario, runs its main coroutine at event boundaries, dispatches
// scheduled callbacks and event listeners, and collects narration and expectations.
#include "sim/script/scenario_impl.h"

#include <algorithm>
#include <lua.hpp>
#include <stdexcept>

#include "ksim_embedded/prelude_lua.h"

namespace ksim::script {

bool TraceFilter::matches(const TraceEvent& e) const {
  if (e.type != type) return false;
  for (const TraceField& f : fields) {
    const TraceValue* v = e.find(f.key);
    if (v == nullptr || !(*v == f.value)) return false;
  }
  return true;
}

std::variant<std::unique_ptr<ScenarioRun>, ScriptError> ScenarioRun::start(
    const ScenarioOptions& options, std::function<void(const Narration&)> on_narration,
    std::function<void(const BreakHit&)> on_break, std::function<void(const Cue&)> on_cue) {
  std::unique_ptr<ScenarioRun> run(new ScenarioRun());
  run->options_ = options;
  run->impl_ = std::make_unique<Impl>(run.get());
  Impl& impl = *run->impl_;
  impl.on_narration = std::move(on_narration);
  impl.on_break = std::move(on_break);
  impl.on_cue = std::move(on_cue);
  if (options.seed) {
    run->seed_ = *options.seed;
    impl.seed_fixed = true;
  }
  impl.lua_rng = Rng::derive(run->seed_, "lua");
  impl.vm = std::make_unique<LuaVm>(
      options.limits,
      [&impl] {
        impl.lua_draws++;
        return impl.lua_rng.next();
      },
      [&impl](std::string_view text) {
        impl.narrate({.kind = Narration::Kind::Note, .text = std::string(text)});
      });
  register_bindings(impl.vm->state(), &impl);
  if (auto e = impl.vm->run_string(embedded::prelude_lua, embedded::prelude_lua_chunk_name))
    return *e;
  if (auto e = impl.vm->load_file(options.path, &impl.main_ref)) return *e;
  impl.handle_resume(impl.vm->start_main(impl.main_ref));
  if (run->error_) return *run->error_;
  if (!run->cluster_) {
    return ScriptError{.file = options.path, .line = 0,
                       .message = "the scenario never built a cluster: call cluster{ brokers = N }"
                                  " before run_for()"};
  }
  return run;
}

ScenarioRun::~ScenarioRun() = default;

bool ScenarioRun::all_expectations_passed() const {
  for (const Expectation& e : expectations_)
    if (!e.passed) return false;
  return true;
}

int64_t ScenarioRun::instructions_used() const { return impl_->vm->instructions_used(); }

bool ScenarioRun::step() {
  if (finished_) return false;
  if (!cluster_->step()) {
    impl_->fail({.file = options_.path, .message = "nothing is left to happen while the scenario "
                                                    "waits (empty event queue)"});
  }
  impl_->evaluate_predicates();
  return !finished_;
}

bool ScenarioRun::run_until(Time t) {
  Scheduler& s = cluster_->kernel().scheduler;
  while (!finished_ && s.next_event_time() <= t) {
    if (!s.step()) break;
    impl_->evaluate_predicates();
  }
  if (!finished_ && s.now() < t) s.run_until(t);  // no event due: only time passes
  return !finished_;
}

void ScenarioRun::run_to_end() {
  while (!finished_) step();
}

void ScenarioRun::Impl::attach(Cluster& cluster) {
  target = cluster.kernel().scheduler.add_handler(this);
  cluster.kernel().trace.add_listener([this](Time t, const TraceEvent& e) { on_trace(t, e); },
                                      false);
}

void ScenarioRun::Impl::narrate(Narration n) {
  n.t = run->cluster_ ? run->cluster_->now() : 0;
  if (n.kind == Narration::Kind::Chapter) chapter++;
  n.chapter = chapter;
  run->narration_.push_back(n);
  if (on_narration) on_narration(run->narration_.back());
}

void ScenarioRun::Impl::cue(Cue c) {
  if (run->cues_.size() >= kMaxCues) {
    throw std::runtime_error("more than " + std::to_string(kMaxCues) +
                             " checkpoints, pauses, speeds and quizzes in one run");
  }
  c.t = run->cluster_ ? run->cluster_->now() : 0;
  run->cues_.push_back(std::move(c));
  if (on_cue) on_cue(run->cues_.back());
}

void ScenarioRun::Impl::check_breakpoints(Time t, const TraceEvent& e) {
  // Presentation only: records the hit, schedules nothing, so the trace cannot change.
  for (const Breakpoint& b : breakpoints) {
    if (!b.filter.matches(e)) continue;
    if (run->breaks_.size() >= kMaxBreakHits) return;
    run->breaks_.push_back({.t = t, .type = e.type, .event = Trace::to_json(t, e),
                            .where = b.where});
    if (on_break) on_break(run->breaks_.back());
    return;  // one hit per event, however many breakpoints match
  }
}

void ScenarioRun::Impl::fail(ScriptError error) {
  if (run->finished_) return;
  run->error_ = std::move(error);
  run->finished_ = true;
}

uint64_t ScenarioRun::Impl::schedule_call(Time at, PendingCall call) {
  call.id = next_call_id++;
  uint64_t id = call.id;
  calls.emplace(id, std::move(call));
  run->cluster_->kernel().scheduler.at(at, target, kCall, id);
  return id;
}

void ScenarioRun::Impl::on_trace(Time t, const TraceEvent& e) {
  // Runs inside some node's event: only record and schedule; Lua runs at our own events.
  if (run->finished_) return;
  predicates_due = !predicates.empty();
  Scheduler& s = run->cluster_->kernel().scheduler;
  if ((wait == Wait::Event && wait_filter.matches(e)) || wait == Wait::AnyEvent) {
    if (wait == Wait::Event) wait_result = e;
    wait = Wait::None;
    s.at(t, target, kResumeMain, wait_token);
  }
  check_breakpoints(t, e);
  for (size_t i = 0; i < listeners.size(); i++) {
    Listener& l = listeners[i];
    if (!l.active || !l.filter.matches(e)) continue;
    if (l.once) l.active = false;
    schedule_call(t, PendingCall{.ref = l.ref, .event = e});
  }
}

void ScenarioRun::Impl::on_event(const Event& e) {
  if (run->finished_) return;
  lua_State* L = vm->main_thread();
  switch (e.kind) {
    case kResumeMain: {
      if (e.a != wait_token || !vm->main_suspended()) return;
      wait = Wait::None;
      int nargs = 0;
      if (wait_result) {
        push_event(L, run->cluster_->now(), *wait_result);
        wait_result.reset();
        nargs = 1;
      }
      handle_resume(vm->resume(nargs));
      return;
    }
    case kWaitTimeout: {
      if (e.a != wait_token || wait == Wait::None || !vm->main_suspended()) return;
      wait = Wait::None;
      lua_pushnil(L);
      handle_resume(vm->resume(1));
      return;
    }
    case kSwarmCommand:
      return run_swarm_command(*this, e.a);
    case kCall: {
      auto it = calls.find(e.a);
      if (it == calls.end()) return;
      PendingCall call = it->second;
      lua_State* S = vm->state();
      int nargs = 0;
      if (call.event) {
        push_event(S, run->cluster_->now(), *call.event);
        nargs = 1;
      }
      if (auto err = vm->call_ref(call.ref, nargs, 0)) return fail(*err);
      if (!calls.count(e.a)) return;  // cancelled from inside itself: cancel() released it
      if (call.repeat > 0) {
        Scheduler& s = run->cluster_->kernel().scheduler;
        s.at(run->cluster_->now() + call.repeat, target, kCall, e.a);
        return;
      }
      calls.erase(e.a);
      if (call.owned_ref) vm->unref(call.ref);
      return;
    }
  }
}

}  // namespace ksim::script

namespace ksim::script {

namespace {

std::string where_in_main(lua_State* L, const std::string& fallback) {
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
    std::string src = ar.source ? ar.source : "";
    if (!src.empty() && src[0] == '@') src.erase(0, 1);
    return src + ":" + std::to_string(ar.currentline);
  }
  return fallback;
}

}  // namespace

void ScenarioRun::Impl::handle_resume(const Resume& r) {
  lua_State* L = vm->main_thread();
  if (r.kind == Resume::Kind::kFailed) return fail(*r.error);
  if (r.kind == Resume::Kind::kFinished) {
    run->finished_ = true;
    return;
  }
  // Yielded: ("sleep", us) | ("wait", type, filter, timeout_us) | ("next", timeout_us).
  const int base = lua_gettop(L) - r.value_count + 1;
  std::string kind = lua_isstring(L, base) ? lua_tostring(L, base) : "";
  if (!run->cluster_) {
    return fail({.file = run->options_.path,
                 .message = "run_for/wait_for before cluster{}: build the cluster first"});
  }
  Scheduler& s = run->cluster_->kernel().scheduler;
  const Time now = s.now();
  wait_token++;
  if (kind == "sleep") {
    wait = Wait::Sleep;
    s.at(now + static_cast<Duration>(lua_tointeger(L, base + 1)), target, kResumeMain, wait_token);
    return;
  }
  if (kind == "wait" || kind == "next") {
    int timeout_index = kind == "wait" ? base + 3 : base + 1;
    wait = kind == "wait" ? Wait::Event : Wait::AnyEvent;
    if (kind == "wait") {
      wait_filter = TraceFilter{.type = lua_tostring(L, base + 1)};
      lua_pushnil(L);
      while (lua_next(L, base + 2) != 0) {  // filter table (keys checked by the prelude)
        std::string key = lua_tostring(L, -2);
        TraceValue v = lua_isboolean(L, -1) ? TraceValue(static_cast<bool>(lua_toboolean(L, -1)))
                       : lua_isinteger(L, -1)
                           ? TraceValue(static_cast<int64_t>(lua_tointeger(L, -1)))
                                              : TraceValue(std::string(lua_tostring(L, -1)));
        wait_filter.fields.push_back({key, v});
        lua_pop(L, 1);
      }
      std::sort(wait_filter.fields.begin(), wait_filter.fields.end(),
                [](const TraceField& a, const TraceField& b) { return a.key < b.key; });
    }
    s.at(now + static_cast<Duration>(lua_tointeger(L, timeout_index)), target, kWaitTimeout,
         wait_token);
    return;
  }
  fail({.file = run->options_.path,
        .message = "coroutine.yield() is reserved for run_for/wait_for/wait_until (" +
                   where_in_main(L, run->options_.path) + ")"});
}

}  // namespace ksim::script
