// Okabe–Ito palette lookups for APIs, epochs and timeline states.
#include "gui/views/palette.h"

namespace ksim::gui::palette {

ImU32 api_color(ApiKey api) {
  switch (api) {
    case ApiKey::Produce: return kVermillion;
    case ApiKey::Fetch: return kSkyBlue;
    case ApiKey::Heartbeat: return kGrey;
    case ApiKey::BrokerHeartbeat: return kGrey;
    case ApiKey::JoinGroup: return kOrange;
    case ApiKey::SyncGroup: return kYellow;
    case ApiKey::LeaveGroup: return kPurple;
    case ApiKey::OffsetCommit: return kGreen;
    case ApiKey::OffsetFetch: return kGreen;
    case ApiKey::FindCoordinator: return kPurple;
    case ApiKey::LeaderAndIsr: return kBlue;
    case ApiKey::UpdateMetadata: return kBlue;
    case ApiKey::AlterPartition: return kBlue;
    default: return kBlack;
  }
}

ImU32 epoch_color(int32_t epoch) {
  const ImU32 cycle[] = {kSkyBlue, kOrange, kGreen, kPurple, kYellow, kBlue, kVermillion};
  if (epoch < 0) return kGrey;
  return cycle[epoch % 7];
}

ImU32 segment_color(SegmentStyle s) {
  switch (s) {
    case SegmentStyle::Up: return kGreen;
    case SegmentStyle::Down: return kGrey;
    case SegmentStyle::Empty: return kGrey;
    case SegmentStyle::Preparing: return kOrange;
    case SegmentStyle::Completing: return kYellow;
    case SegmentStyle::Stable: return kGreen;
    case SegmentStyle::Dead: return kBlack;
    case SegmentStyle::Joining: return kOrange;
    case SegmentStyle::Syncing: return kYellow;
    case SegmentStyle::Member: return kBlue;
    case SegmentStyle::Stalled: return kPurple;
  }
  return kGrey;
}

ImU32 with_alpha(ImU32 c, float alpha) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  v.w = alpha;
  return ImGui::ColorConvertFloat4ToU32(v);
}

ImVec4 to_vec4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

}  // namespace ksim::gui::palette
