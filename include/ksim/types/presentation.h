#pragma once
// Presentation vocabulary shared by the scenario API (step{ views = {...} }) and ksim-gui: the
// panel names a narration step may bring to the front. Never part of the simulation or its
// trace; the CLI validates the names and ignores them. See docs/scenario-api.md#narration.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ksim/types/result.h"

namespace ksim {

enum class Panel { Cluster, Topics, Groups, Timeline, Events, Log, Checks, Faults, Inspector,
                   Params };

struct ViewRequest {
  Panel panel = Panel::Cluster;
  std::string topic;       // Log with a partition ("log:tweets-0"): the partition to select
  int32_t partition = -1;  // -1: none named
  bool operator==(const ViewRequest&) const = default;
};

// "groups" -> Groups, "log:tweets-0" -> Log + tweets/0. Error (INVALID_CONFIG): the unknown name
// and the valid ones.
Result<ViewRequest> parse_view_name(std::string_view name);
// Every accepted name, for error messages and docs: "cluster, topics, ..., log:<topic>-<p>".
std::string view_names_help();

}  // namespace ksim
