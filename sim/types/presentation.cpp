// Panel names for step{ views = {...} } (presentation only).
#include "ksim/types/presentation.h"

#include <charconv>
#include <utility>

namespace ksim {
namespace {

const std::pair<std::string_view, Panel> kPanels[] = {
    {"cluster", Panel::Cluster},   {"topics", Panel::Topics},     {"partitions", Panel::Topics},
    {"groups", Panel::Groups},     {"timeline", Panel::Timeline}, {"events", Panel::Events},
    {"log", Panel::Log},           {"checks", Panel::Checks},     {"faults", Panel::Faults},
    {"inspector", Panel::Inspector}, {"params", Panel::Params}};

Status unknown(std::string_view name) {
  return Status(ErrorCode::INVALID_CONFIG,
                "unknown view '" + std::string(name) + "' (valid: " + view_names_help() + ")");
}

}  // namespace

Result<ViewRequest> parse_view_name(std::string_view name) {
  for (const auto& [key, panel] : kPanels)
    if (name == key) return ViewRequest{.panel = panel};
  constexpr std::string_view kLog = "log:";
  if (!name.starts_with(kLog)) return unknown(name);
  std::string_view tp = name.substr(kLog.size());
  size_t dash = tp.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == tp.size()) return unknown(name);
  int32_t p = -1;
  std::string_view digits = tp.substr(dash + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p);
  if (ec != std::errc() || end != digits.data() + digits.size() || p < 0) return unknown(name);
  return ViewRequest{.panel = Panel::Log, .topic = std::string(tp.substr(0, dash)),
                     .partition = p};
}

std::string view_names_help() {
  std::string out;
  for (const auto& [key, panel] : kPanels) out += std::string(key) + ", ";
  return out + "log:<topic>-<partition>";
}

}  // namespace ksim
