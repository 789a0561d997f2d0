// Ui: layout presets (engineer / classroom), shortcuts and the command path.
#include "gui/views/ui.h"

#include "gui/model/fault_menu.h"
#include "gui/model/spotlight.h"
#include "gui/views/keys.h"

namespace ksim::gui {

void issue_now(Session& session, UiState& ui, const Command& c) {
  Status s = session.issue(c);
  ui.status = s.is_ok() ? "issued at " + format_time(session.now()) + ": " + command_to_lua(c)
                        : s.to_string();
}

Ui::Ui(UiOptions options)
    : options_(std::move(options)),
      picker_(options_.scenarios_dir),
      tables_("Tables", {&topics_, &groups_, &checks_, &faults_, &params_}),
      details_("Details", {&log_strip_, &event_log_, &inspector_}),
      projector_tables_("Tables ", {&groups_, &log_strip_, &topics_, &checks_, &faults_,
                                    &event_log_, &inspector_, &params_}) {}

void Ui::layout(const UiState& ui) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImVec2 o = vp->WorkPos, s = vp->WorkSize;
  const ImGuiStyle& st = ImGui::GetStyle();
  float top = ImGui::GetFrameHeightWithSpacing() * 3 + st.WindowPadding.y * 2;
  float story = ImGui::GetTextLineHeightWithSpacing() * 4 + ImGui::GetFrameHeightWithSpacing() +
                st.WindowPadding.y * 2;
  transport_.place(o, ImVec2(s.x, top));
  narration_.place(ImVec2(o.x, o.y + top), ImVec2(s.x, story));
  float y = o.y + top + story, rest = s.y - top - story, half = s.x / 2;
  if (ui.projector) {  // "classroom": cluster + narration + one table
    cluster_.place(ImVec2(o.x, y), ImVec2(half, rest));
    projector_tables_.place(ImVec2(o.x + half, y), ImVec2(s.x - half, rest));
    return;
  }
  float mid = rest * 0.58f;
  cluster_.place(ImVec2(o.x, y), ImVec2(half, mid));
  tables_.place(ImVec2(o.x + half, y), ImVec2(s.x - half, mid));
  timeline_.place(ImVec2(o.x, y + mid), ImVec2(half, rest - mid));
  details_.place(ImVec2(o.x + half, y + mid), ImVec2(s.x - half, rest - mid));
}

void Ui::draw(Session& session, UiState& ui) {
  // Acting where later commands are recorded forks: ask first (draw_fork_dialog).
  ViewContext ctx{session, ui,
                  [&session, &ui](const Command& c) {
                    if (session.would_fork()) ui.fork_pending = c;
                    else issue_now(session, ui, c);
                  },
                  glyphs_for(options_.unicode_glyphs)};
  if (ui.undo_fork_requested) {
    ui.undo_fork_requested = false;
    Status s = session.undo_fork();
    ui.status = s.is_ok() ? "fork undone: the previous commands are back" : s.to_string();
  }
  layout(ui);
  apply_step_views(ctx);
  if (ui.inspect_focus) {  // a click last frame picked an entity: show the inspector
    details_.select(inspector_.title());
    projector_tables_.select(inspector_.title());
    ui.inspect_focus = false;
  }
  transport_.draw(ctx);
  narration_.draw(ctx);
  cluster_.draw(ctx);
  if (ui.projector) {
    projector_tables_.draw(ctx);
  } else {
    tables_.draw(ctx);
    timeline_.draw(ctx);
    details_.draw(ctx);
  }
  draw_fork_dialog(ctx);
  draw_params_dialog(ctx);
  help_.open() = ui.show_help;
  help_.draw(ctx);
  picker_.open() = ui.show_picker;
  picker_.draw(ctx);
  ui.show_help = help_.open() && ui.show_help;
  ui.show_picker = picker_.open() && ui.show_picker;
  ui.hover_time = ui.hover_time_next;  // the timeline (drawn first) shows it next frame
  ui.hover_time_next.reset();
  handle_shortcuts(ctx);
}

namespace {

// "partitions:under-replicated": that kafka-topics.sh filter alone.
void set_topics_filter(TopicFilter& f, TopicsFilter which) {
  f.under_replicated = which == TopicsFilter::UnderReplicated;
  f.under_min_isr = which == TopicsFilter::UnderMinIsr;
  f.at_min_isr = which == TopicsFilter::AtMinIsr;
  f.unavailable = which == TopicsFilter::Unavailable;
}

}  // namespace

void Ui::apply_step_views(ViewContext& ctx) {
  Spotlight spot = current_spotlight(ctx.session.source().narration());
  // Once per step: the trainer may switch tabs afterwards. A rewind that lands on the same
  // step re-applies them (restarts changed).
  if (spot.step == views_applied_step_ && ctx.session.restarts() == views_applied_restarts_)
    return;
  views_applied_step_ = spot.step;
  views_applied_restarts_ = ctx.session.restarts();
  for (const ViewRequest& v : spot.views) bring_to_front(ctx, v);
}

void Ui::bring_to_front(ViewContext& ctx, const ViewRequest& v) {
  auto tab = [&](View& view) {
    tables_.select(view.title());
    details_.select(view.title());
    projector_tables_.select(view.title());
  };
  switch (v.panel) {
    case Panel::Cluster: ImGui::SetWindowFocus(cluster_.title().c_str()); break;
    case Panel::Timeline: ImGui::SetWindowFocus(timeline_.title().c_str()); break;
    case Panel::Topics:
      tab(topics_);
      if (v.topics_filter) set_topics_filter(ctx.ui.topic_filter, *v.topics_filter);
      break;
    case Panel::Groups:
      tab(groups_);
      if (v.groups_tab) ctx.ui.groups_tab = v.groups_tab;  // GroupsView selects it once
      break;
    case Panel::Checks: tab(checks_); break;
    case Panel::Faults: tab(faults_); break;
    case Panel::Params: tab(params_); break;
    case Panel::Events: tab(event_log_); break;
    case Panel::Inspector: tab(inspector_); break;
    case Panel::Log:
      tab(log_strip_);
      if (v.partition >= 0) ctx.ui.selected_tp = TopicPartition{v.topic, v.partition};
      break;
  }
}

void Ui::handle_shortcuts(ViewContext& ctx) {
  UiState& ui = ctx.ui;
  TransportRequests& r = ui.requests;
  if (shortcut_pressed({kKeySpace}) || shortcut_pressed({kKeyPeriod})) r.toggle_play = true;
  if (shortcut_pressed({kKeyRight})) r.step_forward = true;
  if (shortcut_pressed({kKeyLeft})) r.step_back = true;
  if (shortcut_pressed({kKeyPageDown})) r.next_step = true;
  if (shortcut_pressed({kKeyPageUp})) r.prev_step = true;
  if (shortcut_pressed({kKeyHome})) r.to_start = true;
  if (shortcut_pressed({kKeyEnd})) r.to_end = true;
  const double presets[] = {-2, -1, 0, 1, 2};
  for (int i = 0; i < 5; i++)
    if (shortcut_pressed({'1' + i})) ui.speed_log10 = presets[i];
  if (shortcut_pressed({kKeyMinus})) ui.speed_log10 = std::max(-3.0, ui.speed_log10 - 0.25);
  if (shortcut_pressed({kKeyEqual})) ui.speed_log10 = std::min(3.0, ui.speed_log10 + 0.25);
  if (shortcut_pressed({kKeyTab})) select_next_node(ctx);
  if (shortcut_pressed({kKeyF5})) ui.projector = !ui.projector;
  if (shortcut_pressed({kKeyF12})) ui.screenshot_requested = true;
  if (shortcut_pressed({kKeySlash, true}) || shortcut_pressed({kKeyF1}))
    ui.show_help = !ui.show_help;
  if (shortcut_pressed({kKeyEscape})) ui.show_help = ui.show_picker = false;
  if (shortcut_pressed({'S', false, true})) ui.save_requested = true;
  if (shortcut_pressed({'O', false, true})) ui.show_picker = true;
  if (shortcut_pressed({'Z', false, true}) && ctx.session.can_undo_fork())
    ui.undo_fork_requested = true;
  fault_shortcuts(ctx);
}

void Ui::fault_shortcuts(ViewContext& ctx) {
  if (ctx.ui.fork_pending) return;  // the "Fork?" question is open
  for (const FaultAction& a : faults_for(ctx.session.cluster(), ctx.ui.selected_node)) {
    if (a.key == 0 || !shortcut_pressed({a.key})) continue;
    ctx.issue(a.command);
    return;  // one action per frame: the menu changes after it
  }
}

void Ui::select_next_node(ViewContext& ctx) {
  const Cluster& c = ctx.session.cluster();
  std::vector<std::string> names;
  for (const auto& b : c.brokers()) names.push_back(b->name());
  for (const auto& p : c.producers()) names.push_back(p->name());
  for (const auto& m : c.consumers()) names.push_back(m->name());
  if (names.empty()) return;
  auto it = std::find(names.begin(), names.end(), ctx.ui.selected_node);
  ctx.ui.selected_node = it == names.end() || it + 1 == names.end() ? names.front() : *(it + 1);
}

}  // namespace ksim::gui
