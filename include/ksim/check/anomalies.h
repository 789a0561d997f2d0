#pragma once
// The delivery-semantics checker: named anomalies over a run's history of one topic (and one
// consumer group), each with the offending records, times and entities, and a verdict against
// the semantics a scenario declares. Observes the cluster, never mutates it. The anomalies are
// defined in docs/delivery-checker.md (after Jepsen's Kafka workload).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ksim/check/history.h"

namespace ksim {

// Every anomaly the checker knows, in report order.
extern const std::vector<std::string_view> kAnomalyNames;

struct AnomalyFinding {
  std::string anomaly;   // one of kAnomalyNames
  Time at = 0;           // when it shows: the ack, the poll, the end of the run
  std::string detail;    // the records, offsets, times and entities involved
};

// Observations that look like an anomaly but are what Kafka promises (a poll skip across a
// rebalance under subscribe, a record removed by retention, ...): counted, never failing.
struct ExcusedCount {
  std::string anomaly;
  std::string reason;
  int64_t count = 0;
};

struct HistoryStats {
  int64_t sends = 0, acked = 0, failed = 0, unknown = 0, pending = 0;
  int64_t polled = 0;     // records polled by the checked consumers
  int64_t processed = 0;  // of those, records whose processing finished
  int64_t consumers = 0, commits = 0, rebalances = 0;
};

struct AnomalyReport {
  std::string topic, group;
  HistoryStats stats;
  std::map<std::string, int64_t> counts;          // every name in kAnomalyNames
  std::vector<AnomalyFinding> findings;           // at most kMaxFindings per anomaly
  std::vector<ExcusedCount> excused;
  std::map<std::string, std::string> not_checked;  // anomaly -> why
  static constexpr size_t kMaxFindings = 20;

  int64_t count(std::string_view anomaly) const;
};

// Checks `topic` now. `group` (may be empty: no group checks) is the consumer group whose
// processed records are checked for unseen and duplicate delivery, and whose polls for poll
// skip and nonmonotonic poll.
AnomalyReport check_anomalies(const History& history, const std::string& topic,
                              const std::string& group);

enum class Semantics { AtMostOnce, AtLeastOnce, ExactlyOnce };
// "at-most-once", "at-least-once", "exactly-once"; false for anything else.
bool parse_semantics(std::string_view text, Semantics& out);
std::string_view semantics_name(Semantics s);

struct DeliveryVerdict {
  bool ok = true;
  std::vector<std::string> failing;                        // anomalies found and not allowed
  std::vector<std::pair<std::string, std::string>> allowed;  // found and allowed: name, why
};

// Which anomalies fail a run: the semantics decide (at-most-once allows loss, at-least-once
// allows duplicates, exactly-once allows neither; inconsistent offsets, nonmonotonic sends and
// reordering always fail), and `allow` names anomalies the scenario accepts on purpose.
DeliveryVerdict judge(const AnomalyReport& report, Semantics semantics,
                      const std::set<std::string>& allow);

// One anomaly's outcome under a verdict: a JUnit testcase of its own in `ksim test` (docs/ci.md).
struct AnomalyOutcome {
  enum class Kind { Failed, Allowed, NotFound, NotChecked };
  std::string anomaly;   // one of kAnomalyNames
  Kind kind = Kind::NotFound;
  std::string text;      // the count and why (failed: with the first findings)
};
// Every anomaly of kAnomalyNames, in that order.
std::vector<AnomalyOutcome> anomaly_outcomes(const AnomalyReport& report,
                                             const DeliveryVerdict& verdict, Semantics semantics);
// "failed", "allowed", "not found", "not checked".
std::string_view outcome_kind_name(AnomalyOutcome::Kind kind);

// The report as the CLI prints it: one line per anomaly, what was allowed and why, and the
// first findings.
std::string format_anomaly_report(const AnomalyReport& report, const DeliveryVerdict* verdict,
                                  std::optional<Semantics> semantics);

}  // namespace ksim
