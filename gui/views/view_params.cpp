// Parameter panel (teaching-features item 25): the scenario's param() values, editable; a
// restart with new values is confirmed first (it re-runs from t = 0, like a fork). Dotted names
// that are Kafka configs are validated with Kafka's ranges before anything restarts.
#include "gui/model/key_codes.h"
#include "gui/model/params.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

constexpr const char* kParamsPopup = "Restart with new parameters?";

// An InputText over a std::string (1.86 has no std::string overload without imgui_stdlib).
bool edit_text(const char* id, std::string& value) {
  char buf[256] = {};
  value.copy(buf, sizeof buf - 1);
  if (!ImGui::InputText(id, buf, sizeof buf)) return false;
  value = buf;
  return true;
}

}  // namespace

void ParamsView::draw_content(ViewContext& ctx) {
  std::vector<ParamItem> params = ctx.session.source().params();
  has_restart_ = false;
  if (params.empty()) {
    empty_state("This scenario has no param() values.");
    return;
  }
  if (restarts_seen_ != ctx.session.restarts()) {  // a new run: show its values
    restarts_seen_ = ctx.session.restarts();
    edits_.clear();
  }
  for (const ParamItem& p : params) edits_.try_emplace(p.name, p.value_text);
  std::map<std::string, std::string> errors = param_errors(params, edits_);
  draw_rows(params, errors);
  ParamValues changed = changed_params(params, edits_);
  ImGui::BeginDisabled(changed.empty() || !errors.empty());
  if (ImGui::Button("Restart with these values")) ctx.ui.params_pending = changed;
  ImGui::EndDisabled();
  has_restart_ = true;
  restart_min_ = ImGui::GetItemRectMin();
  restart_max_ = ImGui::GetItemRectMax();
  if (!errors.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(palette::to_vec4(palette::kBad), "fix the values in red first");
  }
  ImGui::TextDisabled("Restarting re-runs the scenario from t = 0 with the same seed; the "
                      "recorded commands replay. Same as: ksim run FILE --set name=value");
}

void ParamsView::draw_rows(const std::vector<ParamItem>& params,
                           const std::map<std::string, std::string>& errors) {
  if (!ImGui::BeginTable("params", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) return;
  ImGui::TableSetupColumn("Parameter");
  ImGui::TableSetupColumn("Default");
  ImGui::TableSetupColumn("Value");
  ImGui::TableHeadersRow();
  for (const ParamItem& p : params) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.name.c_str());
    std::string range = range_text({p.min, p.max});
    if (!p.doc.empty() || !range.empty()) {  // param(name, default, { doc =, min =, max = })
      help_marker((p.doc + (p.doc.empty() || range.empty() ? "" : "\n") +
                   (range.empty() ? "" : "range: " + range)).c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.default_text.c_str());
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    edit_text(("##" + p.name).c_str(), edits_[p.name]);
    auto e = errors.find(p.name);
    if (e != errors.end())
      ImGui::TextColored(palette::to_vec4(palette::kBad), "%s", e->second.c_str());
  }
  ImGui::EndTable();
}

void draw_params_dialog(ViewContext& ctx) {
  UiState& ui = ctx.ui;
  if (ui.params_pending && !ImGui::IsPopupOpen(kParamsPopup)) ImGui::OpenPopup(kParamsPopup);
  if (!ImGui::BeginPopupModal(kParamsPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  if (!ui.params_pending) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  for (const auto& [name, value] : *ui.params_pending)
    ImGui::BulletText("%s = %s", name.c_str(), value.c_str());
  ImGui::Text("The run restarts from t = 0 (now %s); %zu recorded command(s) replay.",
              format_time(ctx.session.now()).c_str(), ctx.session.schedule().size());
  if (ImGui::Button("Restart")) {
    Status s = ctx.session.set_params(*ui.params_pending);
    ui.status = s.is_ok() ? "restarted with new parameters" : s.to_string();
    ui.params_pending.reset();
    ui.playing = false;
    ui.narration_seen = ctx.session.ok() ? ctx.session.source().narration().size() : 0;
    ui.breaks_seen = ctx.session.ok() ? ctx.session.source().breaks().size() : 0;
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(kKeyEscape)) {
    ui.params_pending.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace ksim::gui
