#pragma once
// The whole window: every view placed in a fixed layout computed from the viewport each frame
// (ImGui 1.86 has no docking), the shortcuts, and the one command path. The app shell and the
// headless tests both call draw() between ImGui::NewFrame() and ImGui::Render().
#include <string>

#include "gui/views/views.h"
#include "ksim/types/presentation.h"

namespace ksim::gui {

struct UiOptions {
  std::string scenarios_dir = "scenarios";
  bool unicode_glyphs = false;     // true when the font has ★ ✕ ⊘ (DejaVuSans)
};

class Ui {
 public:
  explicit Ui(UiOptions options);
  void set_unicode_glyphs(bool on) { options_.unicode_glyphs = on; }

  // Draws every open view and handles shortcuts; actions land in `ui` (requests) or go to
  // session.issue() (commands).
  void draw(Session& session, UiState& ui);

  ClusterView& cluster_view() { return cluster_; }
  InspectorView& inspector() { return inspector_; }
  TimelineView& timeline() { return timeline_; }
  EventLogView& event_log() { return event_log_; }
  TabbedView& tables() { return tables_; }
  TabbedView& details() { return details_; }
  ParamsView& params() { return params_; }
  GroupsView& groups() { return groups_; }
  NarrationView& narration() { return narration_; }
  TransportView& transport() { return transport_; }

 private:
  void layout(const UiState& ui);
  void handle_shortcuts(ViewContext& ctx);
  void fault_shortcuts(ViewContext& ctx);
  void select_next_node(ViewContext& ctx);
  // step{ views }: brings the named panels to the front once per step (ui.cpp).
  void apply_step_views(ViewContext& ctx);
  void bring_to_front(ViewContext& ctx, const ViewRequest& v);
  int views_applied_step_ = -1;    // the narration index whose views were applied
  int64_t views_applied_restarts_ = -1;

  UiOptions options_;
  TransportView transport_;
  NarrationView narration_;
  ClusterView cluster_;
  TopicView topics_;
  GroupsView groups_;
  ChecksView checks_;
  FaultsView faults_;
  ParamsView params_;
  PartitionLogView log_strip_;
  TimelineView timeline_;
  EventLogView event_log_;
  InspectorView inspector_;
  HelpView help_;
  ScenarioPickerView picker_;
  TabbedView tables_;
  TabbedView details_;
  TabbedView projector_tables_;
};

}  // namespace ksim::gui
