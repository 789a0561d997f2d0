// ksim: the command-line front end (run, topics, groups, assign). See README.md.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "sim/cli/assign_json.h"
#include "sim/cli/cmd_run.h"
#include "sim/cli/cmd_swarm.h"
#include "sim/cli/cmd_test.h"

namespace {

int cmd_assign(const std::string& file) {
  std::stringstream text;
  if (file.empty() || file == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(file);
    if (!in) {
      std::cerr << "ksim assign: cannot read " << file << "\n";
      return 2;
    }
    text << in.rdbuf();
  }
  return ksim::cli::run_assign_json(text.str(), std::cout, std::cerr);
}

void add_run_options(CLI::App* cmd, ksim::cli::RunOptions& o, std::vector<std::string>& sets) {
  cmd->add_option("file", o.path, "scenario file (scenarios/*.lua)")->required();
  cmd->add_option("--seed", o.seed, "seed of the run (default: the scenario's)");
  cmd->add_option("--set", sets, "param override, name=value (repeatable)");
}

bool parse_sets(const std::vector<std::string>& sets, ksim::cli::RunOptions& o) {
  for (const std::string& s : sets) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "ksim: --set expects name=value, got '" << s << "'\n";
      return false;
    }
    o.params[s.substr(0, eq)] = s.substr(eq + 1);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ksim: a deterministic simulator of an Apache Kafka cluster"};
  app.require_subcommand(1);
  ksim::cli::RunOptions run;
  std::vector<std::string> sets;
  CLI::App* run_cmd = app.add_subcommand("run", "run a scenario headless");
  add_run_options(run_cmd, run, sets);
  run_cmd->add_option("--trace", run.trace_path, "write the JSON Lines trace to this file");
  run_cmd->add_flag("--quiet", run.quiet, "no narration");
  run_cmd->add_flag("--swarm", run.swarm, "swarm{}: draw the faults from the seed (docs/swarm.md)");
  run_cmd->add_flag("--break", run.stop_at_break,
                    "stop at the first break_on match or break_when hit: print it and the "
                    "tables, exit 3");

  ksim::cli::InspectOptions inspect;
  bool describe_flag = false;
  CLI::App* topics = app.add_subcommand("topics", "kafka-topics.sh --describe at a virtual time");
  add_run_options(topics, inspect.run, sets);
  topics->add_flag("--describe", describe_flag, "describe (the only action)");
  topics->add_option("--at", inspect.at, "virtual time, e.g. 30s (default: the scenario's end)");
  topics->add_option("--topic", inspect.topic, "one topic");
  topics->add_flag("--under-replicated-partitions", inspect.under_replicated);
  topics->add_flag("--under-min-isr-partitions", inspect.under_min_isr);
  topics->add_flag("--at-min-isr-partitions", inspect.at_min_isr);
  topics->add_flag("--unavailable-partitions", inspect.unavailable);

  CLI::App* groups = app.add_subcommand("groups", "kafka-consumer-groups.sh --describe at a time");
  add_run_options(groups, inspect.run, sets);
  groups->add_flag("--describe", describe_flag, "describe (the only action)");
  groups->add_option("--group", inspect.group, "the group")->required();
  groups->add_option("--at", inspect.at, "virtual time, e.g. 30s (default: the scenario's end)");
  groups->add_flag("--members", inspect.members);
  groups->add_flag("--verbose", inspect.verbose);
  groups->add_flag("--state", inspect.state);

  std::string assign_file;
  CLI::App* assign =
      app.add_subcommand("assign", "run one assignor on a JSON problem (docs/assign.md)");
  assign->add_option("file", assign_file, "JSON file, or - for stdin");

  ksim::cli::TestOptions test;
  CLI::App* test_cmd = app.add_subcommand("test", "CI mode: run scenarios twice, JUnit, goldens");
  test_cmd->add_option("inputs", test.inputs, "scenario files or folders")->required();
  test_cmd->add_option("--junit", test.junit_path, "write JUnit XML here");
  test_cmd->add_option("--golden", test.golden_dir, "compare trace hashes with DIR/<name>.hash");
  test_cmd->add_flag("--update-golden", test.update_golden, "write the golden files instead");
  test_cmd->add_option("--seed", test.seed, "run every scenario with this seed");

  ksim::cli::SwarmOptions swarm;
  std::vector<std::string> swarm_sets;
  bool no_shrink = false;
  CLI::App* swarm_cmd = app.add_subcommand("swarm", "run swarm{} under many seeds (docs/swarm.md)");
  swarm_cmd->add_option("file", swarm.path, "scenario file with a swarm{ ... }")->required();
  swarm_cmd->add_option("--seeds", swarm.seeds, "how many seeds")->required()
      ->check(CLI::PositiveNumber);
  swarm_cmd->add_option("--from", swarm.from, "first seed (default 1)");
  swarm_cmd->add_option("--workers", swarm.workers, "worker processes (default 1)")
      ->check(CLI::PositiveNumber);
  swarm_cmd->add_flag("--shrink", swarm.shrink, "shrink the first failing seed (the default)");
  swarm_cmd->add_flag("--no-shrink", no_shrink, "do not shrink");
  swarm_cmd->add_option("--shrink-out", swarm.shrink_out, "write the shrunk scenario here");
  swarm_cmd->add_option("--junit", swarm.junit_path, "write JUnit XML here (one case per seed)");
  swarm_cmd->add_option("--set", swarm_sets, "param override, name=value (repeatable)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (*assign) return cmd_assign(assign_file);
  if (*test_cmd) return ksim::cli::cmd_test(test);
  if (*swarm_cmd) {
    ksim::cli::RunOptions params;
    if (!parse_sets(swarm_sets, params)) return 2;
    swarm.params = params.params;
    swarm.shrink = !no_shrink;
    return ksim::cli::cmd_swarm(swarm);
  }
  if (*run_cmd) return parse_sets(sets, run) ? ksim::cli::cmd_run(run) : 2;
  if (!parse_sets(sets, inspect.run)) return 2;
  if (*topics) return ksim::cli::cmd_topics(inspect);
  return ksim::cli::cmd_groups(inspect);
}
