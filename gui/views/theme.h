#pragma once
// Presentation: fonts (DejaVuSans with ★ ✕ ⊘ when installed, else ImGui's default),
// the normal dark theme and the projector theme (light, borders, larger fonts, ScaleAllSizes).
#include <string>

namespace ksim::gui {

struct PresentationOptions {
  bool projector = false;
  float font_size = 15.0f;          // pixels in normal mode; projector mode doubles it
  std::string font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
};

// Rebuilds the font atlas (CPU side) and the style. Returns true when the Unicode font loaded.
// REQUIRES: outside NewFrame/Render. The GL backend's font texture must be re-created after.
bool apply_presentation(const PresentationOptions& options);

}  // namespace ksim::gui
