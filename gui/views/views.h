#pragma once
// Every panel of ksim-gui, one class per view_<panel>.cpp. Members are per-view scratch only.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gui/model/cluster_scene.h"
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
  Time horizon_ = 0;               // furthest virtual time reached (the scrubber's end)
  std::optional<Time> ghost_;      // playhead while dragging
};

class NarrationView final : public View {
 public:
  NarrationView() : View("Narration") {}
 protected:
  void draw_content(ViewContext& ctx) override;
};

class ClusterView final : public View {
 public:
  ClusterView() : View("Cluster") {}
  // The screen rectangle of a node last frame (tests click on it), or false.
  bool node_rect(const std::string& name, ImVec2& min, ImVec2& max) const;
  // Where the message's dot was drawn last frame (tests click on it), or false.
  bool dot_position(uint64_t id, ImVec2& at) const;
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  void draw_canvas(ViewContext& ctx, const ClusterScene& scene);
  void draw_node(ViewContext& ctx, ImDrawList* dl, const SceneNode& n, ImVec2 centre);
  void draw_table(ViewContext& ctx, const ClusterScene& scene);
  void node_menu(ViewContext& ctx);
  void handle_click(ViewContext& ctx, bool left, bool right);
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
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  void sample_lag(ViewContext& ctx);
  std::map<std::string, std::vector<float>> lag_history_;  // per group, one sample per second
  Time last_sample_ = -1;
  int64_t restarts_seen_ = -1;
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
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  float zoom_ = 1.0f;              // 1 = the whole run so far
};

class EventLogView final : public View {
 public:
  EventLogView() : View("Event log") {}
 protected:
  void draw_content(ViewContext& ctx) override;
 private:
  ImGuiTextFilter filter_;
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

// One line per shortcut, shared by the help overlay and docs/gui.md.
struct ShortcutHelp {
  const char* keys;
  const char* action;
};
std::vector<ShortcutHelp> shortcut_list();

}  // namespace ksim::gui
