#pragma once
// Every panel of ksim-gui, one class per view_<panel>.cpp. Members are per-view scratch only.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gui/model/cluster_scene.h"
#include "gui/model/narration_progress.h"
#include "gui/model/timeline.h"
#include "gui/model/timeline_window.h"
#include "gui/views/view.h"

namespace ksim::gui {

class TransportView final : public View {  // header + transport + speed + scrubber
 public:
  TransportView() : View("Transport", ImGuiWindowFlags_NoTitleBar) {}
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  void draw_header(ViewContext& ctx);
  void draw_buttons(ViewContext& ctx);
  void draw_scrubber(ViewContext& ctx);
  std::string progress(const Session& s) const;  // "Chapter 2/4 · Step 3/7"
 public:
  const std::string& progress_shown() const { return progress_shown_; }  // last frame (tests)
 private:
  std::string progress_shown_;
  Time horizon_ = 0;               // furthest virtual time reached or previewed (scrubber's end)
  NarrationHorizon story_;         // the furthest narration seen (the header's totals)
  std::optional<Time> ghost_;      // playhead while dragging
};

class NarrationView final : public View {
 public:
  NarrationView() : View("Narration") {}
  // Where quiz choice `n` (1-based) was drawn last frame (tests click on it), or false.
  bool choice_rect(int n, ImVec2& min, ImVec2& max) const;
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  void draw_quiz(UiState& ui);
  std::vector<std::pair<ImVec2, ImVec2>> choice_rects_;
};

class ClusterView final : public View {
 public:
  ClusterView() : View("Cluster") {}
  // The screen rectangle of a node last frame (tests click on it), or false.
  bool node_rect(const std::string& name, ImVec2& min, ImVec2& max) const;
  // Where the message's dot was drawn last frame (tests click on it), or false.
  bool dot_position(uint64_t id, ImVec2& at) const;
  // Nodes ringed by the current step's focus last frame (tests).
  const std::vector<std::string>& focus_rings() const { return focus_rings_; }
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  void draw_canvas(ViewContext& ctx, const ClusterScene& scene);
  void draw_node(ViewContext& ctx, ImDrawList* dl, const SceneNode& n, ImVec2 centre);
  void draw_table(ViewContext& ctx, const ClusterScene& scene);
  void node_menu(ViewContext& ctx);
  void handle_click(ViewContext& ctx, bool left, bool right);
  static void fade_vertices(ImDrawList* dl, size_t first, float alpha);
  void ring_node(ImDrawList* dl, const std::string& name);
  std::vector<std::string> focus_rings_;
  struct Hit { std::string name; ImVec2 min, max; };
  struct ReplicaHit { std::string broker; TopicPartition tp; ImVec2 min, max; };
  struct DotHit { uint64_t id; ImVec2 at; };
  std::vector<Hit> hits_;
  std::vector<ReplicaHit> replica_hits_;
  std::vector<DotHit> dot_hits_;
  std::map<std::string, ImVec2> centres_;  // where each node was drawn this frame
  ImVec2 canvas_min_{0, 0}, canvas_max_{0, 0};
  std::string menu_node_;
};

class TopicView final : public View {
 public:
  TopicView() : View("Partitions") {}
 protected:
  void draw_content(ViewContext& ctx) override;
};

class GroupsView final : public View {
 public:
  GroupsView() : View("Groups") {}
  // The tab drawn last frame (tests).
  std::optional<GroupsTab> shown_tab() const { return shown_tab_; }
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  void sample_lag(ViewContext& ctx);
  std::map<std::string, std::vector<float>> lag_history_;  // per group, one sample per second
  Time last_sample_ = -1;
  int64_t restarts_seen_ = -1;
  std::optional<GroupsTab> shown_tab_;
};

class PartitionLogView final : public View {
 public:
  PartitionLogView() : View("Log strip") {}
 protected:
  void draw_content(ViewContext& ctx) override;
};

class TimelineView final : public View {
 public:
  TimelineView() : View("Timeline") {}
  const TimelineWindow& window() const { return window_; }
  // The plot area (right of the lane labels) last frame, for tests.
  void plot_rect(ImVec2& min, ImVec2& max) const { min = plot_min_; max = plot_max_; }
  const std::string& measurement() const { return measurement_; }
  // The last member lane's heartbeat marks last frame: ticks, or density buckets (tests).
  size_t heartbeat_marks() const { return heartbeat_marks_; }
  bool heartbeats_dense() const { return heartbeats_dense_; }
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  void handle_input(ViewContext& ctx, const TimeRange& range);
  void handle_keys(ViewContext& ctx);
  void draw_lanes(ViewContext& ctx, const std::vector<TimelineLane>& lanes,
                  const TimeRange& range, float lane_h);
  void draw_overlays(ViewContext& ctx, const TimeRange& range);
  void draw_heartbeats(const std::vector<Time>& sent, const TimeRange& range, float y,
                       float lane_h);
  size_t heartbeat_marks_ = 0;
  bool heartbeats_dense_ = false;
  Time time_at(float x, const TimeRange& range) const;
  float x_of(Time t, const TimeRange& range) const;
  TimelineWindow window_;
  ImVec2 plot_min_{0, 0}, plot_max_{0, 0};
  float label_w_ = 0;
  int drag_button_ = -1;           // 0 measure, 1 pan, 2 range zoom; -1 none
  float drag_from_x_ = 0;
  bool dragged_ = false;           // moved more than a few pixels since the press
  std::string measurement_;        // "dt = ..." while (and after) a LMB drag
};

class EventLogView final : public View {
 public:
  EventLogView() : View("Event log") {}
  bool at_bottom() const { return at_bottom_; }
  size_t rows_shown() const { return rows_shown_; }
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  ImGuiTextFilter filter_;
  bool at_bottom_ = true;          // last frame the list was scrolled to its end
  size_t rows_shown_ = 0;          // rows drawn last frame through the filters (tests)
};

class FaultsView final : public View {
 public:
  FaultsView() : View("Faults") {}
 protected:
  void draw_content(ViewContext& ctx) override;
};

class InspectorView final : public View {  // the clicked entity's fields; Drop for a message
 public:
  InspectorView() : View("Inspector") {}
  // The action button's rectangle last frame (tests click on it), or false.
  bool action_rect(ImVec2& min, ImVec2& max) const;
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  bool has_action_ = false;
  ImVec2 action_min_{0, 0}, action_max_{0, 0};
};

class ChecksView final : public View {
 public:
  ChecksView() : View("Checks") {}
 protected:
  void draw_content(ViewContext& ctx) override;
};

class ParamsView final : public View {  // the scenario's param() values, editable
 public:
  ParamsView() : View("Parameters") {}
  // The text being edited per parameter (tests type through it) and the Restart button's
  // rectangle last frame (tests click on it), or false when it was not drawn.
  std::map<std::string, std::string>& edits() { return edits_; }
  bool restart_rect(ImVec2& min, ImVec2& max) const {
    min = restart_min_;
    max = restart_max_;
    return has_restart_;
  }
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  void draw_rows(const std::vector<ParamItem>& params,
                 const std::map<std::string, std::string>& errors);
  std::map<std::string, std::string> edits_;  // name -> text being edited
  int64_t restarts_seen_ = -1;
  bool has_restart_ = false;
  ImVec2 restart_min_{0, 0}, restart_max_{0, 0};
};

class HelpView final : public View {  // '?' overlay: every shortcut
 public:
  HelpView() : View("Keyboard shortcuts", ImGuiWindowFlags_AlwaysAutoResize) {}
 protected:
  void draw_content(ViewContext& ctx) override;
};

class ScenarioPickerView final : public View {
 public:
  explicit ScenarioPickerView(std::string dir) : View("Open scenario"), dir_(std::move(dir)) {}
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  std::string dir_;
  std::vector<ScenarioCard> cards_;
  bool scanned_ = false;
};

// Session::issue, with the outcome in ui.status (no fork question).
void issue_now(Session& session, UiState& ui, const Command& command);
// The "Fork?" modal for ui.fork_pending: Fork issues it (discarding the later commands, which
// "Undo fork" brings back), Cancel drops it.
void draw_fork_dialog(ViewContext& ctx);
// The "Restart with new parameters?" modal for ui.params_pending (view_params.cpp).
void draw_params_dialog(ViewContext& ctx);

// One line per shortcut, shared by the help overlay and docs/gui.md.
struct ShortcutHelp {
  const char* keys;
  const char* action;
};
std::vector<ShortcutHelp> shortcut_list();

}  // namespace ksim::gui
