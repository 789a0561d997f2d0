// Transport: virtual time, scenario, seed, trace hash, play/step/rewind, speed, scrubber.
#include <algorithm>
#include <cmath>

#include "gui/model/narration_progress.h"
#include "gui/model/preview.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

std::string speed_text(double speed) {
  char buf[64];
  if (speed >= 1) std::snprintf(buf, sizeof buf, "%.3gx (1 s wall = %.3g s virtual)", speed, speed);
  else std::snprintf(buf, sizeof buf, "1/%.3gx (1 s virtual = %.3g s wall)", 1 / speed, 1 / speed);
  return buf;
}

}  // namespace

void TransportView::draw_content(ViewContext& ctx) {
  horizon_ = std::max(horizon_, ctx.session.now());
  story_.observe(ctx.session.source().narration(), ctx.session.finished());
  StoryLists story = story_of(ctx.session);
  if (story.complete) horizon_ = std::max(horizon_, story.end);
  draw_header(ctx);
  draw_buttons(ctx);
  draw_scrubber(ctx);
}

// The header's totals: the story preview's when it is ready (exact), else the furthest
// narration seen this session with a "+" (gui/model/preview.h).
std::string TransportView::progress(const Session& s) const {
  StoryLists story = story_of(s);
  NarrationProgress p = story.complete
                            ? narration_progress(s.source().narration(), *story.narration, true)
                            : narration_progress(s.source().narration(), story_.known(),
                                                 story_.final());
  std::string text = progress_text(p);
  if (s.preview().state() == StoryPreview::State::Running) text += " (previewing...)";
  return text;
}

void TransportView::draw_header(ViewContext& ctx) {
  const Session& s = ctx.session;
  ScenarioCard card = s.source().card();
  ImGui::Text("t = %s", format_time(s.now()).c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  ImGui::Text("%s", card.title.empty() ? card.path.c_str() : card.title.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("| seed %llu | %s | %s | events %llu",
                      static_cast<unsigned long long>(s.cluster().seed()),
                      s.cluster().kernel().trace.hash_hex().c_str(),
                      (progress_shown_ = progress(s)).c_str(),
                      static_cast<unsigned long long>(s.events_run()));
  if (s.finished()) {
    ImGui::SameLine();
    std::string err = s.source().error();
    ImGui::TextColored(palette::to_vec4(err.empty() ? palette::kOk : palette::kBad), "%s",
                       err.empty() ? "[finished]" : ("[error] " + err).c_str());
  }
}

void TransportView::draw_buttons(ViewContext& ctx) {
  UiState& ui = ctx.ui;
  TransportRequests& r = ui.requests;
  if (ImGui::Button("|< Home")) r.to_start = true;
  ImGui::SameLine();
  if (ImGui::Button("< Step back")) r.step_back = true;
  ImGui::SameLine();
  if (ImGui::Button(ui.playing ? "Pause (Space)" : "Play (Space)")) r.toggle_play = true;
  ImGui::SameLine();
  if (ImGui::Button("Step >")) r.step_forward = true;
  ImGui::SameLine();
  if (ImGui::Button("PgUp: prev step")) r.prev_step = true;
  ImGui::SameLine();
  if (ImGui::Button("PgDn: next step")) r.next_step = true;
  ImGui::SameLine();
  if (ImGui::Button("End >|")) r.to_end = true;
  if (ctx.session.can_undo_fork()) {
    ImGui::SameLine();
    if (ImGui::Button("Undo fork")) ui.undo_fork_requested = true;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Bring back the commands the last fork discarded (Ctrl+Z)");
  }
  ImGui::SameLine();
  float speed = static_cast<float>(ui.speed_log10);
  ImGui::SetNextItemWidth(160);
  if (ImGui::SliderFloat("##speed", &speed, -3.0f, 3.0f, "")) ui.speed_log10 = speed;
  ImGui::SameLine();
  ImGui::Text("%s", speed_text(ui.speed()).c_str());
  if (ui.budget_limited) {
    ImGui::SameLine();
    ImGui::TextColored(palette::to_vec4(palette::kWarn), "(event budget: slower than asked)");
  }
}

void TransportView::draw_scrubber(ViewContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 min = ImGui::GetCursorScreenPos();
  float width = std::max(50.0f, ImGui::GetContentRegionAvail().x);
  float height = ImGui::GetFrameHeight();
  ImGui::InvisibleButton("scrubber", ImVec2(width, height));
  ImVec2 max(min.x + width, min.y + height);
  Time end = std::max<Time>(horizon_, kSecond);
  auto x_of = [&](Time t) {
    return min.x + width * static_cast<float>(static_cast<double>(t) / static_cast<double>(end));
  };
  dl->AddRectFilled(min, max, IM_COL32(128, 128, 128, 60), 3.0f);
  StoryLists story = story_of(ctx.session);  // ticks ahead of the playhead are faded
  for (const NarrationItem& n : *story.narration) {
    ImU32 c = n.t > ctx.session.now() ? palette::with_alpha(palette::kPurple, 0.4f)
                                      : palette::kPurple;
    dl->AddLine(ImVec2(x_of(n.t), min.y), ImVec2(x_of(n.t), max.y), c, 2.0f);
  }
  for (const CueItem& c : *story.cues)
    if (c.kind == CueItem::Kind::Checkpoint)
      dl->AddTriangleFilled(ImVec2(x_of(c.t) - 5, min.y), ImVec2(x_of(c.t) + 5, min.y),
                            ImVec2(x_of(c.t), min.y + 8), palette::kOrange);
  if (ImGui::IsItemActive()) {
    float f = std::clamp((ImGui::GetIO().MousePos.x - min.x) / width, 0.0f, 1.0f);
    ghost_ = static_cast<Time>(static_cast<double>(f) * static_cast<double>(end));
    ctx.ui.playing = false;
  }
  if (ImGui::IsItemDeactivated() && ghost_) {
    ctx.ui.requests.seek_to = *ghost_;  // backwards: restart + re-simulate (docs/gui.md)
    ghost_.reset();
  }
  float now_x = x_of(ctx.session.now());
  dl->AddRectFilled(min, ImVec2(now_x, max.y), palette::with_alpha(palette::kBlue, 0.5f), 3.0f);
  dl->AddLine(ImVec2(now_x, min.y), ImVec2(now_x, max.y), palette::kBlue, 3.0f);
  if (ghost_) {
    float gx = x_of(*ghost_);
    dl->AddLine(ImVec2(gx, min.y), ImVec2(gx, max.y), palette::kOrange, 2.0f);
    ImGui::SetTooltip("seek to %s", format_time(*ghost_).c_str());
  } else if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Drag to seek (backwards re-simulates from t = 0 with the same seed)");
  }
}

}  // namespace ksim::gui
