// `ksim run` and the inspection verbs built on the same scenario run.
#include "sim/cli/cmd_run.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "ksim/cluster/describe.h"
#include "ksim/script/scenario.h"
#include "ksim/types/presentation.h"

namespace ksim::cli {
namespace {

std::string narration_line(const script::Narration& n) {
  std::string time = format_time(n.t);
  switch (n.kind) {
    case script::Narration::Kind::Chapter: return fmt::format("\n[{}] == {} ==", time, n.text);
    case script::Narration::Kind::Note: return fmt::format("[{}]   {}", time, n.text);
    case script::Narration::Kind::Step: return fmt::format("[{}] {}", time, n.text);
  }
  return "";
}

// Checkpoints and quizzes print with the narration; pause, speed and fast-forward are GUI only.
std::string cue_text(const script::Cue& c) {
  switch (c.kind) {
    case script::Cue::Kind::Checkpoint:
      return fmt::format("# checkpoint {} at t={}", c.name, format_time(c.t));
    case script::Cue::Kind::Ask: {
      const script::Quiz& q = c.quiz;
      std::string out = fmt::format("[{}] QUIZ {}", format_time(c.t), q.question);
      for (size_t i = 0; i < q.choices.size(); i++) {
        bool answer = static_cast<int>(i) + 1 == q.answer;
        out += fmt::format("\n  {} {}. {}", answer ? "*" : " ", i + 1, q.choices[i]);
      }
      out += fmt::format("\n  answer: {}", q.answer);
      if (!q.explain.empty()) out += fmt::format(" ({})", q.explain);
      return out;
    }
    default: return "";
  }
}

// `# param name = value`, with the default, the range and the doc when the scenario gave them.
std::string param_lines(const std::vector<script::ParamInfo>& params) {
  std::string out;
  for (const script::ParamInfo& p : params) {
    out += fmt::format("# param {} = {}", p.name, p.value_text);
    if (p.overridden) out += fmt::format(" (default {})", p.default_text);
    std::string range = range_text({p.min, p.max});
    if (!range.empty()) out += ", range " + range;
    if (!p.doc.empty()) out += ": " + p.doc;
    out += "\n";
  }
  return out;
}

struct Started {
  std::unique_ptr<script::ScenarioRun> run;
  std::unique_ptr<std::ofstream> trace;
  int exit_code = 0;
};

// Starts the scenario; prints the configuration before the narration of the set-up.
Started start(const RunOptions& o, bool narrate) {
  Started s;
  script::ScenarioOptions so{.path = o.path, .seed = o.seed, .params = o.params,
                             .swarm = o.swarm, .presentation_predicates = o.stop_at_break};
  if (!o.trace_path.empty()) {
    s.trace = std::make_unique<std::ofstream>(o.trace_path);
    if (!*s.trace) {
      std::cerr << "ksim: cannot write the trace to " << o.trace_path << "\n";
      s.exit_code = 2;
      return s;
    }
    so.trace_sink = s.trace.get();
  }
  auto buffered = std::make_shared<std::vector<std::string>>();
  auto printing = std::make_shared<bool>(false);
  auto emit = [buffered, printing](const std::string& line) {
    if (*printing) std::cout << line << "\n";
    else buffered->push_back(line);
  };
  auto on_narration = [emit, narrate](const script::Narration& n) {
    if (narrate) emit(narration_line(n));
  };
  auto on_cue = [emit, narrate](const script::Cue& c) {
    std::string text = cue_text(c);
    if (narrate && !text.empty()) emit(text);
  };
  auto started = script::ScenarioRun::start(so, on_narration, {}, on_cue);
  if (auto* error = std::get_if<script::ScriptError>(&started)) {
    std::cerr << "ksim: " << error->to_string() << "\n";
    s.exit_code = 2;
    return s;
  }
  s.run = std::move(std::get<0>(started));
  std::cout << "# ksim run " << o.path << " --seed " << s.run->seed()
            << (o.swarm ? " --swarm" : "") << "\n";
  if (!s.run->info().title.empty()) std::cout << "# " << s.run->info().title << "\n";
  std::cout << param_lines(s.run->params());
  std::cout << s.run->cluster().effective_config();
  for (const std::string& line : *buffered) std::cout << line << "\n";
  *printing = true;
  return s;
}

void print_summary(const script::ScenarioRun& run) {
  const Cluster& c = run.cluster();
  std::cout << fmt::format("\n== summary at {} ==\n\n$ kafka-topics.sh --describe\n",
                           format_time(c.now()));
  std::cout << describe_topics(c, TopicFilter{});
  for (const std::string& g : c.group_ids()) {
    std::cout << "\n$ kafka-consumer-groups.sh --describe --group " << g;
    std::cout << describe_group(c, g, GroupDescribe::Offsets);
  }
}

int report(const script::ScenarioRun& run) {
  int failed = 0;
  std::cout << "\n== expectations ==\n";
  for (const script::Expectation& e : run.expectations()) {
    std::cout << fmt::format("{} {}:{} [{}] {}\n", e.passed ? "PASS" : "FAIL", e.file, e.line,
                             format_time(e.t), e.description);
    failed += e.passed ? 0 : 1;
  }
  const Cluster& c = run.cluster();
  std::cout << fmt::format("\ntrace-hash: {} ({} trace lines, {} events, seed {})\n",
                           c.kernel().trace.hash_hex(), c.kernel().trace.lines(),
                           c.kernel().scheduler.events_run(), run.seed());
  if (run.error()) {
    std::cerr << fmt::format("ksim: scenario failed at {} (seed {}): {}\n", format_time(c.now()),
                             run.seed(), run.error()->to_string());
    return 2;
  }
  if (failed > 0) {
    std::cerr << fmt::format("ksim: {} expectation(s) failed (seed {}); first: ", failed,
                             run.seed());
    for (const script::Expectation& e : run.expectations()) {
      if (e.passed) continue;
      std::cerr << fmt::format("{}:{} at {}: {}\n", e.file, e.line, format_time(e.t),
                               e.description);
      break;
    }
    return 1;
  }
  return 0;
}

constexpr int kStoppedAtBreak = 3;

// --break: runs event by event until the first break_on match, then prints it and the tables.
bool run_to_break(script::ScenarioRun& run) {
  while (!run.finished() && run.breaks().empty()) run.step();
  if (run.breaks().empty()) return false;
  const script::BreakHit& b = run.breaks().front();
  std::cout << fmt::format("\n[{}] BREAK ({}) {}\n", format_time(b.t), b.where, b.event);
  print_summary(run);
  std::cout << fmt::format("\nstopped at a breakpoint (exit {}); trace-hash so far: {}\n",
                           kStoppedAtBreak, run.cluster().kernel().trace.hash_hex());
  return true;
}

}  // namespace

int cmd_run(const RunOptions& o) {
  Started s = start(o, !o.quiet);
  if (!s.run) return s.exit_code;
  if (o.stop_at_break && run_to_break(*s.run)) return kStoppedAtBreak;
  s.run->run_to_end();
  print_summary(*s.run);
  return report(*s.run);
}

namespace {

Started run_to(const InspectOptions& o) {
  Started s = start(o.run, false);
  if (!s.run) return s;
  if (o.at.empty()) {
    s.run->run_to_end();
  } else {
    auto t = parse_duration(o.at);
    if (!t) {
      std::cerr << "ksim: --at: " << t.status().message() << "\n";
      s.exit_code = 2;
      s.run.reset();
      return s;
    }
    s.run->run_until(*t);
  }
  if (s.run->error()) {
    std::cerr << "ksim: " << s.run->error()->to_string() << "\n";
    s.exit_code = 2;
  }
  return s;
}

}  // namespace

int cmd_topics(const InspectOptions& o) {
  Started s = run_to(o);
  if (!s.run) return s.exit_code;
  std::cout << "\n# at " << format_time(s.run->cluster().now()) << "\n";
  std::cout << describe_topics(s.run->cluster(),
                               TopicFilter{.topic = o.topic, .under_replicated = o.under_replicated,
                                           .under_min_isr = o.under_min_isr,
                                           .at_min_isr = o.at_min_isr,
                                           .unavailable = o.unavailable});
  return s.exit_code;
}

int cmd_groups(const InspectOptions& o) {
  Started s = run_to(o);
  if (!s.run) return s.exit_code;
  GroupDescribe d = o.state     ? GroupDescribe::State
                    : o.verbose ? GroupDescribe::MembersVerbose
                    : o.members ? GroupDescribe::Members
                                : GroupDescribe::Offsets;
  std::cout << "\n# at " << format_time(s.run->cluster().now());
  std::cout << describe_group(s.run->cluster(), o.group, d);
  return s.exit_code;
}

}  // namespace ksim::cli
