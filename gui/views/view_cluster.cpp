// Cluster view (ImDrawList): brokers with replicas, controller, clients, messages in flight as
// dots coloured by API, countdown arcs; a table when the cluster is too big to draw.
#include <algorithm>
#include <cmath>

#include "gui/model/fault_menu.h"
#include "gui/model/spotlight.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

constexpr int kTableAboveBrokers = 50;
constexpr float kDotHitRadius = 8.0f;  // pixels: a click this close to a dot picks it

ImVec2 box_size(const SceneNode& n, float line, float canvas_w, size_t brokers, size_t clients) {
  float rows = static_cast<float>(1 + n.roles.size()) + 0.4f;
  if (n.kind == NodeKind::Controller) return ImVec2(line * 7.0f, line * 1.4f);
  if (n.kind != NodeKind::Broker)
    return ImVec2(std::min(line * 9.0f, canvas_w / static_cast<float>(clients + 1)), line * rows);
  float w = std::min(line * 15.0f, canvas_w / static_cast<float>(brokers + 1));
  return ImVec2(w, line * (2.4f + static_cast<float>(n.replicas.size() + n.roles.size())));
}

void draw_arc(ImDrawList* dl, ImVec2 c, float r, float remaining, ImU32 color) {
  const float start = -static_cast<float>(M_PI) / 2;
  dl->AddCircle(c, r, palette::with_alpha(color, 0.25f), 24, 3.0f);
  if (remaining <= 0) return;
  dl->PathArcTo(c, r, start, start + 2 * static_cast<float>(M_PI) * remaining, 24);
  dl->PathStroke(color, false, 3.0f);
}

std::string replica_line(const ReplicaBadge& r, const Glyphs& g) {
  std::string glyph = !r.online ? g.offline : r.leader ? g.leader : r.in_isr ? g.follower
                                                                            : g.out_of_isr;
  std::string role = !r.online ? "offline" : r.leader ? "leader" : r.in_isr ? "isr" : "out of ISR";
  std::string out = glyph + " " + r.tp.to_string() + " " + role + " e" +
                    std::to_string(r.leader_epoch) + " LEO " + std::to_string(r.log_end);
  if (!r.leader && r.lag > 0) out += " lag " + std::to_string(r.lag);
  return out;
}

const char* kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::Controller: return "controller";
    case NodeKind::Broker: return "broker";
    case NodeKind::Producer: return "producer";
    case NodeKind::Consumer: return "consumer";
  }
  return "";
}

void legend() {
  ImGui::SameLine();
  ImGui::TextDisabled("Legend");
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  const ApiKey apis[] = {ApiKey::Produce, ApiKey::Fetch, ApiKey::Heartbeat, ApiKey::JoinGroup,
                         ApiKey::SyncGroup, ApiKey::LeaveGroup, ApiKey::OffsetCommit,
                         ApiKey::FindCoordinator, ApiKey::LeaderAndIsr};
  for (ApiKey a : apis)
    ImGui::TextColored(palette::to_vec4(palette::api_color(a)), "o %s",
                       std::string(api_name(a)).c_str());
  ImGui::TextUnformatted("filled dot = request, ring = response");
  ImGui::TextUnformatted("arcs: session.timeout.ms, max.poll.interval.ms, rebalance timeout,");
  ImGui::TextUnformatted("      replica.lag.time.max.ms (hover an arc for its name)");
  ImGui::TextUnformatted("click a dot, replica or node: inspector; right-click a node: faults");
  ImGui::EndTooltip();
}

}  // namespace

bool ClusterView::dot_position(uint64_t id, ImVec2& at) const {
  for (const DotHit& d : dot_hits_) {
    if (d.id != id) continue;
    at = d.at;
    return true;
  }
  return false;
}

bool ClusterView::node_rect(const std::string& name, ImVec2& min, ImVec2& max) const {
  for (const Hit& h : hits_) {
    if (h.name != name) continue;
    min = h.min;
    max = h.max;
    return true;
  }
  return false;
}

// Multiplies the alpha of every vertex added since `first` (ImDrawList ignores style alpha).
void ClusterView::fade_vertices(ImDrawList* dl, size_t first, float alpha) {
  for (int i = static_cast<int>(first); i < dl->VtxBuffer.Size; i++) {
    ImU32& c = dl->VtxBuffer[i].col;
    ImU32 a = static_cast<ImU32>(static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) * alpha);
    c = (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
  }
}

void ClusterView::ring_node(ImDrawList* dl, const std::string& name) {
  for (const Hit& h : hits_) {
    if (h.name != name) continue;
    ImVec2 min(h.min.x - 5, h.min.y - 5), max(h.max.x + 5, h.max.y + 5);
    dl->AddRect(min, max, palette::kOrange, 8.0f, 0, 3.0f);
    focus_rings_.push_back(name);
  }
}

void ClusterView::draw_content(ViewContext& ctx) {
  UiState& ui = ctx.ui;
  ImGui::Checkbox("Heartbeats", &ui.show_heartbeats);
  ImGui::SameLine();
  ImGui::Checkbox("Fetches", &ui.show_fetches);
  ImGui::SameLine();
  ImGui::Checkbox("__consumer_offsets", &ui.show_internal);
  legend();
  ClusterScene scene = build_scene(ctx.session.cluster(), ctx.session.events(),
                                   {.show_heartbeats = ui.show_heartbeats,
                                    .show_fetches = ui.show_fetches,
                                    .include_internal = ui.show_internal});
  if (static_cast<int>(ctx.session.cluster().brokers().size()) > kTableAboveBrokers)
    draw_table(ctx, scene);
  else
    draw_canvas(ctx, scene);
  node_menu(ctx);
}

void ClusterView::draw_canvas(ViewContext& ctx, const ClusterScene& scene) {
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 200.0f);
  size.y = std::max(size.y, 150.0f);
  ImGui::InvisibleButton("canvas", size, ImGuiButtonFlags_MouseButtonLeft |
                                             ImGuiButtonFlags_MouseButtonRight);
  bool left = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  bool right = ImGui::IsItemClicked(ImGuiMouseButton_Right);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  auto centre = [&](const SceneNode& n) {
    return ImVec2(origin.x + n.x * size.x, origin.y + n.y * size.y);
  };
  hits_.clear();
  focus_rings_.clear();
  replica_hits_.clear();
  dot_hits_.clear();
  centres_.clear();
  canvas_min_ = origin;
  canvas_max_ = ImVec2(origin.x + size.x, origin.y + size.y);
  Spotlight spot = current_spotlight(ctx.session.source().narration());
  for (const SceneNode& n : scene.nodes) {
    // Dimmed nodes fade to a quarter; focused ones get a ring (step{ focus }).
    size_t first = static_cast<size_t>(dl->VtxBuffer.Size);
    draw_node(ctx, dl, n, centre(n));
    if (dimmed(spot, n)) fade_vertices(dl, first, 0.25f);
    if (!spot.focus.empty() && in_focus(spot, n)) ring_node(dl, n.name);
  }
  std::string missing;  // a focused name with nothing drawn (a group with no member yet)
  for (const std::string& f : unmatched_focus(spot, scene)) missing += " " + f;
  if (!missing.empty())
    dl->AddText(ImVec2(origin.x + 4, origin.y + size.y - ImGui::GetTextLineHeight() - 2),
                palette::kOrange, ("focus, not drawn:" + missing).c_str());
  const Network& net = ctx.session.cluster().kernel().network;
  ImVec2 mouse = ImGui::GetIO().MousePos;
  for (const Dot& d : scene.dots) {
    ImVec2 a = centres_[scene.nodes[static_cast<size_t>(d.from)].name];
    ImVec2 b = centres_[scene.nodes[static_cast<size_t>(d.to)].name];
    ImVec2 p(a.x + (b.x - a.x) * d.progress, a.y + (b.y - a.y) * d.progress);
    ImU32 color = palette::api_color(d.api);
    bool inspected =
        ctx.ui.inspect.kind == InspectKind::Message && ctx.ui.inspect.message_id == d.id;
    if (d.response) dl->AddCircle(p, 5.0f, color, 12, 2.0f);
    else dl->AddCircleFilled(p, 5.0f, color, 12);
    if (inspected) dl->AddCircle(p, 9.0f, palette::kOrange, 16, 2.0f);
    dot_hits_.push_back({d.id, p});
    if (ImGui::IsItemHovered() && std::hypot(mouse.x - p.x, mouse.y - p.y) < kDotHitRadius)
      ImGui::SetTooltip("#%llu %s %s  %s -> %s  (click: inspect)",
                        static_cast<unsigned long long>(d.id), std::string(api_name(d.api)).c_str(),
                        d.response ? "response" : "request",
                        net.node_name(scene.nodes[static_cast<size_t>(d.from)].node).c_str(),
                        net.node_name(scene.nodes[static_cast<size_t>(d.to)].node).c_str());
  }
  dl->PopClipRect();
  handle_click(ctx, left, right);
}

// A click picks, in this order, a message dot, a replica line, a node: the inspector shows it.
// A right-click on a node opens its fault menu.
void ClusterView::handle_click(ViewContext& ctx, bool left, bool right) {
  if (!left && !right) return;
  ImVec2 mouse = ImGui::GetIO().MousePos;
  auto inside = [&](ImVec2 min, ImVec2 max) {
    return mouse.x >= min.x && mouse.x <= max.x && mouse.y >= min.y && mouse.y <= max.y;
  };
  if (left) {
    for (auto it = dot_hits_.rbegin(); it != dot_hits_.rend(); ++it) {  // topmost first
      if (std::hypot(mouse.x - it->at.x, mouse.y - it->at.y) >= kDotHitRadius) continue;
      ctx.ui.inspect = {.kind = InspectKind::Message, .message_id = it->id};
      ctx.ui.inspect_focus = true;
      return;
    }
    for (const ReplicaHit& r : replica_hits_) {
      if (!inside(r.min, r.max)) continue;
      ctx.ui.selected_node = r.broker;
      ctx.ui.inspect = {.kind = InspectKind::Replica, .node = r.broker, .tp = r.tp};
      ctx.ui.inspect_focus = true;
      return;
    }
  }
  for (const Hit& h : hits_) {
    if (!inside(h.min, h.max)) continue;
    ctx.ui.selected_node = h.name;
    if (left) {
      ctx.ui.inspect = node_target(ctx.session.cluster(), h.name);
      ctx.ui.inspect_focus = true;
    }
    if (right) {
      menu_node_ = h.name;
      ImGui::OpenPopup("node_menu");
    }
  }
}

void ClusterView::draw_node(ViewContext& ctx, ImDrawList* dl, const SceneNode& n, ImVec2 c) {
  float line = ImGui::GetTextLineHeightWithSpacing();
  const Cluster& cl = ctx.session.cluster();
  ImVec2 half = box_size(n, line, canvas_max_.x - canvas_min_.x, cl.brokers().size(),
                         std::max(cl.consumers().size(), cl.producers().size() * 4));
  half = ImVec2(half.x / 2, half.y / 2);
  // Keep the box inside the canvas (arcs need one more line on the right).
  c.x = std::clamp(c.x, canvas_min_.x + half.x + 2, std::max(canvas_min_.x + half.x + 2,
                                                             canvas_max_.x - half.x - line * 1.3f));
  c.y = std::clamp(c.y, canvas_min_.y + half.y + 2, std::max(canvas_min_.y + half.y + 2,
                                                             canvas_max_.y - half.y - 2));
  centres_[n.name] = c;
  ImVec2 min(c.x - half.x, c.y - half.y), max(c.x + half.x, c.y + half.y);
  hits_.push_back({n.name, min, max});
  bool selected = ctx.ui.selected_node == n.name;
  ImU32 border = !n.up ? palette::kGrey : n.kind == NodeKind::Broker ? palette::kBlue
                                                                      : palette::kGreen;
  dl->AddRectFilled(min, max, palette::with_alpha(border, n.up ? 0.12f : 0.05f), 4.0f);
  dl->AddRect(min, max, selected ? palette::kOrange : border, 4.0f, 0, selected ? 4.0f : 2.0f);
  std::string title = n.name + (n.up ? "" : std::string(" ") + ctx.glyphs.offline + " down") +
                      (n.paused ? " (paused)" : "") + (n.fenced ? " (fenced)" : "");
  ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  ImVec2 pen(min.x + 4, min.y + 2);
  dl->AddText(pen, text, title.c_str());
  pen.y += line;
  for (const ReplicaBadge& r : n.replicas) {
    replica_hits_.push_back({n.name, r.tp, pen, ImVec2(max.x, pen.y + line)});
    dl->AddText(pen, r.online ? palette::epoch_color(r.leader_epoch) : palette::kGrey,
                replica_line(r, ctx.glyphs).c_str());
    if (r.lag_timer)
      draw_arc(dl, ImVec2(max.x - 8, pen.y + line / 2), 6,
               r.lag_timer->remaining(ctx.session.now()), palette::kWarn);
    pen.y += line;
  }
  for (const std::string& role : n.roles) {
    dl->AddText(pen, palette::with_alpha(text, 0.75f), role.c_str());
    pen.y += line;
  }
  float r = line * 0.55f;
  ImVec2 arc(max.x + r + 2, min.y + r);
  for (const Countdown& cd : n.countdowns) {
    draw_arc(dl, arc, r, cd.remaining(ctx.session.now()), palette::kVermillion);
    ImVec2 mouse = ImGui::GetIO().MousePos;
    if (std::hypot(mouse.x - arc.x, mouse.y - arc.y) < r + 3)
      ImGui::SetTooltip("%s: %.1f s left", cd.label.c_str(),
                        static_cast<double>(cd.deadline - ctx.session.now()) / kSecond);
    arc.y += 2 * r + 4;
  }
}

void ClusterView::draw_table(ViewContext& ctx, const ClusterScene& scene) {
  if (!ImGui::BeginTable("nodes", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                         ImGuiTableFlags_Borders))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Node");
  ImGui::TableSetupColumn("Kind");
  ImGui::TableSetupColumn("Status");
  ImGui::TableSetupColumn("Replicas / roles");
  ImGui::TableHeadersRow();
  for (const SceneNode& n : scene.nodes) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(n.name.c_str(), ctx.ui.selected_node == n.name,
                          ImGuiSelectableFlags_SpanAllColumns))
      ctx.ui.selected_node = n.name;
    if (ImGui::BeginPopupContextItem()) {
      for (const FaultAction& a : faults_for(ctx.session.cluster(), n.name))
        if (ImGui::MenuItem(a.label.c_str())) ctx.issue(a.command);
      ImGui::EndPopup();
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(kind_name(n.kind));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(n.up ? "up" : "down");
    ImGui::TableNextColumn();
    ImGui::Text("%zu replicas, %zu roles", n.replicas.size(), n.roles.size());
  }
  ImGui::EndTable();
}

void ClusterView::node_menu(ViewContext& ctx) {
  if (!ImGui::BeginPopup("node_menu")) return;
  ImGui::TextDisabled("%s", menu_node_.c_str());
  ImGui::Separator();
  for (const FaultAction& a : faults_for(ctx.session.cluster(), menu_node_)) {
    std::string key = a.key ? std::string(1, a.key) : "";
    if (ImGui::MenuItem(a.label.c_str(), key.c_str())) ctx.issue(a.command);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.help.c_str());
  }
  ImGui::EndPopup();
}

}  // namespace ksim::gui
