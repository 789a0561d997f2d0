// Partitions table: kafka-topics.sh --describe columns, the four filters as checkboxes,
// per-replica LEO/HW/log start and epoch; copy as CLI text.
#include "gui/model/topic_rows.h"
#include "gui/views/palette.h"
#include "gui/views/views.h"

namespace ksim::gui {
namespace {

void filters(TopicFilter& f) {
  ImGui::Checkbox("--under-replicated-partitions", &f.under_replicated);
  ImGui::SameLine();
  ImGui::Checkbox("--under-min-isr-partitions", &f.under_min_isr);
  ImGui::Checkbox("--at-min-isr-partitions", &f.at_min_isr);
  ImGui::SameLine();
  ImGui::Checkbox("--unavailable-partitions", &f.unavailable);
  ImGui::SameLine();
  ImGui::Checkbox("internal", &f.include_internal);
}

// One selectable line per replica: a click shows it in the inspector.
void replica_cells(ViewContext& ctx, const PartitionRow& r) {
  const Glyphs& g = ctx.glyphs;
  for (const ReplicaCell& c : r.cells) {
    const char* glyph = !c.online ? g.offline : c.leader ? g.leader : c.in_isr ? g.follower
                                                                             : g.out_of_isr;
    char line[160];
    std::snprintf(line, sizeof line, "%s %d: start %lld HW %lld LEO %lld e%d##%s-%d", glyph,
                  c.broker, static_cast<long long>(c.log_start),
                  static_cast<long long>(c.high_watermark), static_cast<long long>(c.log_end),
                  c.leader_epoch, r.topic.c_str(), r.partition);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::to_vec4(
        c.online ? palette::epoch_color(c.leader_epoch) : palette::kGrey));
    if (ImGui::Selectable(line, false)) {
      ctx.ui.inspect = {.kind = InspectKind::Replica, .node = "broker-" + std::to_string(c.broker),
                        .tp = {r.topic, r.partition}};
      ctx.ui.inspect_focus = true;
    }
    ImGui::PopStyleColor();
  }
}

void row(ViewContext& ctx, const PartitionRow& r) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  TopicPartition tp{r.topic, r.partition};
  std::string label = r.topic + "##" + std::to_string(r.partition);
  // AllowItemOverlap: the replica lines of the last column stay clickable (inspector).
  if (ImGui::Selectable(label.c_str(), ctx.ui.selected_tp == tp,
                        ImGuiSelectableFlags_SpanAllColumns |
                            ImGuiSelectableFlags_AllowItemOverlap))
    ctx.ui.selected_tp = tp;  // the log strip follows
  ImGui::TableNextColumn();
  ImGui::Text("%d", r.partition);
  ImGui::TableNextColumn();
  if (r.unavailable)
    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, palette::with_alpha(palette::kBad, 0.35f));
  ImGui::TextUnformatted(r.leader.c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(r.replicas.c_str());
  ImGui::TableNextColumn();
  if (r.under_replicated)
    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, palette::with_alpha(palette::kWarn, 0.35f));
  ImGui::Text("%s%s", r.isr.c_str(), r.under_replicated ? " (under-replicated)" : "");
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(r.elr.c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(r.last_known_elr.c_str());
  ImGui::TableNextColumn();
  replica_cells(ctx, r);
}

}  // namespace

void TopicView::draw_content(ViewContext& ctx) {
  TopicFilter& f = ctx.ui.topic_filter;
  filters(f);
  std::vector<TopicRows> topics = topic_rows(ctx.session.cluster(), f);
  if (ImGui::Button("Copy as text")) ImGui::SetClipboardText(format_topics(topics, f).c_str());
  help_marker("kafka-topics.sh --describe. HW: high watermark, the offset up to which every ISR "
              "replica has the data (consumers read below it). LEO: log end offset, the next "
              "offset to be written. Leader epoch colours the replica.");
  if (topics.empty()) return empty_state("No topics yet.");
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("partitions", 8, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* h : {"Topic", "Partition", "Leader", "Replicas", "Isr", "Elr", "LastKnownElr",
                        "Replica: log start / HW / LEO / epoch"})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  int shown = 0;
  for (const TopicRows& t : topics)
    for (const PartitionRow& r : t.partitions)
      if (row_matches(r, f)) {
        row(ctx, r);
        shown++;
      }
  ImGui::EndTable();
  if (shown == 0) empty_state("No partition matches the filters.");
}

}  // namespace ksim::gui
