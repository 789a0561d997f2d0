#pragma once
// UiState (Tracy's ViewData): selection, filters, toggles, speed and the transport requests
// views make. Plain data; the model is never reached through it. Frame loop consumes requests.
#include <map>
#include <optional>
#include <string>

#include "gui/model/inspector.h"
#include "gui/model/session.h"
#include "ksim/cluster/describe.h"
#include "ksim/types/presentation.h"

namespace ksim::gui {

enum class RunMode { Normal, ToNextStep, ToEnd };

struct TransportRequests {          // set by views and shortcuts, consumed by run_frame
  std::optional<Time> seek_to;
  bool step_forward = false;
  bool step_back = false;
  bool next_step = false;           // PageDown: run until the next narration step
  bool prev_step = false;           // PageUp
  bool to_start = false;            // Home
  bool to_end = false;              // End
  bool toggle_play = false;
};

struct UiState {
  // Transport.
  bool playing = false;
  double speed_log10 = 0.0;         // virtual/wall = 10^speed_log10, in [-3, 3]
  double carry_us = 0.0;            // fractional virtual µs not yet run
  RunMode mode = RunMode::Normal;
  size_t narration_seen = 0;        // narration items already shown (pauses fire once)
  size_t breaks_seen = 0;           // break_on matches already acted on (each pauses once)
  std::optional<BreakItem> break_cause;  // the match that paused playback (narration bar)
  size_t cues_seen = 0;             // pause/speed/fast-forward/ask cues already acted on
  std::optional<double> ff_restore_log10;  // fast_forward_until running: the speed to restore
  int ff_id = 0;                    // the running fast-forward's cue id
  std::optional<CueItem> quiz;      // ask{} shown in the narration bar
  int quiz_choice = 0;              // the choice clicked (1-based); 0 = not answered yet
  bool budget_limited = false;      // last frame hit the event budget
  TransportRequests requests;

  // Selection.
  std::string selected_node;        // "broker-1", "c2", "feed", ...
  std::string selected_group;
  TopicPartition selected_tp{"tweets", 0};
  InspectTarget inspect;            // the inspector's entity (a click in the cluster or tables)
  bool inspect_focus = false;       // bring the Inspector tab to the front next frame

  // Filters and toggles.
  TopicFilter topic_filter;
  std::optional<GroupsTab> groups_tab;  // step{ views = "groups:members" }: select it once
  std::string event_filter;         // ImGuiTextFilter syntax: "join,rebalance,-heartbeat"
  bool kafka_log_style = true;
  int min_severity = 0;             // event log: 0 all, 1 state changes + faults, 2 faults
  bool follow_log = true;           // auto-scroll the event log (unless scrolled up)
  std::optional<Time> hover_time;   // an event hovered in the event log: marked on the timeline
  std::optional<Time> hover_time_next;  // written by the event log this frame (Ui swaps them)
  bool show_heartbeats = false;
  bool show_fetches = false;
  bool show_internal = false;
  int64_t log_window = 120;         // offsets shown in the log strip

  // Presentation.
  bool projector = false;
  bool projector_applied = false;   // the fonts/style currently built for this mode
  bool show_help = false;
  bool show_picker = false;
  bool screenshot_requested = false;
  bool save_requested = false;
  std::string status;               // last message (saved file, command error)
  std::optional<Command> fork_pending;  // a command in the past waiting for "Fork?" to confirm
  bool undo_fork_requested = false; // the "Undo fork" button or Ctrl+Z
  // Parameter values waiting for "Restart with new parameters?" to confirm.
  std::optional<std::map<std::string, std::string>> params_pending;
  std::optional<std::string> open_request;  // a scenario path picked in the picker

  double speed() const;             // 10^speed_log10
};

}  // namespace ksim::gui
