#pragma once
// `ksim run`, `ksim topics`, `ksim groups`: run a scenario headless and print what happened.
#include <map>
#include <optional>
#include <string>

namespace ksim::cli {

struct RunOptions {
  std::string path;
  std::optional<uint64_t> seed;
  std::string trace_path;                    // "" = no trace file
  bool quiet = false;                        // no narration
  bool swarm = false;                        // swarm{}: faults drawn from the seed
  bool stop_at_break = false;                // --break: the first break_on/break_when hit
  std::map<std::string, std::string> params; // --set name=value
};

// Prints the effective configuration (seed first), the narration, a summary in Kafka's CLI
// layouts, the expectations and the trace hash. Returns the exit code: 0 when every
// expectation held, 1 when one failed, 2 on a scenario error or bad input. With --break, the
// first break_on match or break_when hit stops the run (break_when's predicates are called only
// then): the event and the tables are printed, and it returns 3.
int cmd_run(const RunOptions& options);

struct InspectOptions {
  RunOptions run;
  std::string at;                            // "30s": stop there ("" = the scenario's end)
  std::string topic;                         // topics: one topic ("" = all)
  std::string group;                         // groups: the group
  bool under_replicated = false, under_min_isr = false, at_min_isr = false, unavailable = false;
  bool members = false, verbose = false, state = false;
};

// `ksim topics --describe FILE [--at T]`: kafka-topics.sh --describe at a virtual time.
int cmd_topics(const InspectOptions& options);
// `ksim groups --describe FILE --group G [--at T]`: kafka-consumer-groups.sh --describe.
int cmd_groups(const InspectOptions& options);

}  // namespace ksim::cli
