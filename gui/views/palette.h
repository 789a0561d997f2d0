#pragma once
// Colours: the Okabe–Ito colour-blind-safe palette. Every status drawn with a colour also has a
// glyph or text (leader ★, out of ISR ✕, offline ⊘; state names on swimlanes).
#include <imgui.h>

#include "gui/model/timeline.h"
#include "ksim/protocol/api_key.h"

namespace ksim::gui::palette {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) { return IM_COL32(r, g, b, 255); }
constexpr ImU32 kBlack = rgb(0, 0, 0);
constexpr ImU32 kOrange = rgb(230, 159, 0);
constexpr ImU32 kSkyBlue = rgb(86, 180, 233);
constexpr ImU32 kGreen = rgb(0, 158, 115);       // bluish green
constexpr ImU32 kYellow = rgb(240, 228, 66);
constexpr ImU32 kBlue = rgb(0, 114, 178);
constexpr ImU32 kVermillion = rgb(213, 94, 0);
constexpr ImU32 kPurple = rgb(204, 121, 167);     // reddish purple
constexpr ImU32 kGrey = rgb(140, 140, 140);

constexpr ImU32 kOk = kGreen;
constexpr ImU32 kBad = kVermillion;
constexpr ImU32 kWarn = kOrange;

ImU32 api_color(ApiKey api);
ImU32 epoch_color(int32_t epoch);                 // cycles through the palette
ImU32 segment_color(SegmentStyle style);
ImU32 with_alpha(ImU32 color, float alpha);
ImVec4 to_vec4(ImU32 color);

}  // namespace ksim::gui::palette
