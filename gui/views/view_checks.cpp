// Checks: the scenario's expectations (file:line) and the model's invariants, live.
#include "gui/model/checks.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

void check_rows(ViewContext& ctx, const std::vector<CheckRow>& rows, const char* id) {
  if (!ImGui::BeginTable(id, 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) return;
  for (const char* h : {"", "check", "where", "detail"}) ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < rows.size(); i++) {
    const CheckRow& r = rows[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(palette::to_vec4(r.passed ? palette::kOk : palette::kBad), "%s",
                       r.passed ? ctx.glyphs.pass : ctx.glyphs.fail);
    ImGui::TableNextColumn();
    std::string label = r.name + "##" + std::to_string(i);
    if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns) && r.t > 0)
      ctx.ui.requests.seek_to = r.t;
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.where.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.detail.c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void ChecksView::draw_content(ViewContext& ctx) {
  ImGui::TextUnformatted("Scenario expectations");
  std::vector<CheckRow> expectations = expectation_checks(ctx.session.source().expectations());
  if (expectations.empty()) empty_state("No expectation evaluated yet.");
  else check_rows(ctx, expectations, "expectations");
  ImGui::Spacing();
  ImGui::TextUnformatted("Invariants at the current time");
  check_rows(ctx, invariant_checks(ctx.session.cluster()), "invariants");
}

}  // namespace ksim::gui
