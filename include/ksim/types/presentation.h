#pragma once
// Presentation vocabulary shared by the scenario API (step{ views = {...} }) and ksim-gui: the
// panel names a narration step may bring to the front. Never part of the simulation or its
// trace; the CLI validates the names and ignores them. See docs/scenario-api.md#narration.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ksim/types/result.h"

namespace ksim {

enum class Panel { Cluster, Topics, Groups, Timeline, Events, Log, Checks, Faults, Inspector,
                   Params };

// The Groups panel's tabs, as kafka-consumer-groups.sh's flags name them ("groups:members").
enum class GroupsTab { Describe, Members, State };
// The Partitions panel's filters, as kafka-topics.sh's flags name them
// ("partitions:under-replicated").
enum class TopicsFilter { UnderReplicated, UnderMinIsr, AtMinIsr, Unavailable };

struct ViewRequest {
  Panel panel = Panel::Cluster;
  std::string topic;       // Log with a partition ("log:tweets-0"): the partition to select
  int32_t partition = -1;  // -1: none named
  std::optional<GroupsTab> groups_tab;      // "groups:describe|members|state"
  std::optional<TopicsFilter> topics_filter;  // "partitions:<filter>" (the others are cleared)
  bool operator==(const ViewRequest&) const = default;
};

// "groups" -> Groups, "log:tweets-0" -> Log + tweets/0. Error (INVALID_CONFIG): the unknown name
// and the valid ones.
Result<ViewRequest> parse_view_name(std::string_view name);
// Every accepted name, for error messages and docs: "cluster, topics, ..., log:<topic>-<p>".
std::string view_names_help();

// A scenario parameter's range: param(name, default, { min = ..., max = ... }).
struct ParamRange {
  std::optional<double> min, max;
};
bool in_range(const ParamRange& range, double value);
// "[6000, 1800000]", ">= 6000", "<= 5", or "" without bounds.
std::string range_text(const ParamRange& range);

}  // namespace ksim
