// Panel names for step{ views = {...} } (presentation only).
#include "ksim/types/presentation.h"

#include <array>
#include <charconv>
#include <utility>

namespace ksim {
namespace {

const std::pair<std::string_view, Panel> kPanels[] = {
    {"cluster", Panel::Cluster},   {"topics", Panel::Topics},     {"partitions", Panel::Topics},
    {"groups", Panel::Groups},     {"timeline", Panel::Timeline}, {"events", Panel::Events},
    {"log", Panel::Log},           {"checks", Panel::Checks},     {"faults", Panel::Faults},
    {"inspector", Panel::Inspector}, {"params", Panel::Params}};

const std::pair<std::string_view, GroupsTab> kGroupsTabs[] = {
    {"describe", GroupsTab::Describe},
    {"members", GroupsTab::Members},
    {"state", GroupsTab::State}};
const std::pair<std::string_view, TopicsFilter> kTopicsFilters[] = {
    {"under-replicated", TopicsFilter::UnderReplicated},
    {"under-min-isr", TopicsFilter::UnderMinIsr},
    {"at-min-isr", TopicsFilter::AtMinIsr},
    {"unavailable", TopicsFilter::Unavailable}};

std::string number_text(double d) {
  std::array<char, 32> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), d);
  return ec == std::errc() ? std::string(buf.data(), end) : "?";
}

Status unknown(std::string_view name) {
  return Status(ErrorCode::INVALID_CONFIG,
                "unknown view '" + std::string(name) + "' (valid: " + view_names_help() + ")");
}

}  // namespace

Result<ViewRequest> parse_view_name(std::string_view name) {
  for (const auto& [key, panel] : kPanels)
    if (name == key) return ViewRequest{.panel = panel};
  if (name.starts_with("groups:")) {
    for (const auto& [key, tab] : kGroupsTabs)
      if (name.substr(7) == key) return ViewRequest{.panel = Panel::Groups, .groups_tab = tab};
    return unknown(name);
  }
  for (std::string_view prefix : {"partitions:", "topics:"}) {
    if (!name.starts_with(prefix)) continue;
    for (const auto& [key, filter] : kTopicsFilters)
      if (name.substr(prefix.size()) == key)
        return ViewRequest{.panel = Panel::Topics, .topics_filter = filter};
    return unknown(name);
  }
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
  for (const auto& [key, tab] : kGroupsTabs) out += "groups:" + std::string(key) + ", ";
  for (const auto& [key, filter] : kTopicsFilters) out += "partitions:" + std::string(key) + ", ";
  return out + "log:<topic>-<partition>";
}

bool in_range(const ParamRange& r, double value) {
  return (!r.min || value >= *r.min) && (!r.max || value <= *r.max);
}

std::string range_text(const ParamRange& r) {
  if (r.min && r.max) return "[" + number_text(*r.min) + ", " + number_text(*r.max) + "]";
  if (r.min) return ">= " + number_text(*r.min);
  if (r.max) return "<= " + number_text(*r.max);
  return "";
}

}  // namespace ksim
