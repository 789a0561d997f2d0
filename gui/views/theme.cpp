// Fonts and themes for normal and projector modes.
#include "gui/views/theme.h"

#include <filesystem>

#include <imgui.h>

namespace ksim::gui {
namespace {

// Basic Latin + Latin-1, general punctuation (•, ·), arrows, math operators (⊘), geometric
// shapes (▲ ▼ ●), miscellaneous symbols (★) and dingbats (✓ ✕ ✗). Must outlive the atlas build.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF,
                                    0x2200, 0x22FF, 0x25A0, 0x25FF, 0x2600, 0x26FF,
                                    0x2700, 0x27BF, 0};

}  // namespace

bool apply_presentation(const PresentationOptions& o) {
  ImGuiIO& io = ImGui::GetIO();
  float size = o.projector ? o.font_size * 2.0f : o.font_size;
  io.Fonts->Clear();
  bool unicode = false;
  std::error_code ec;
  if (!o.font_path.empty() && std::filesystem::exists(o.font_path, ec)) {
    unicode = io.Fonts->AddFontFromFileTTF(o.font_path.c_str(), size, nullptr, kGlyphRanges) !=
              nullptr;
  }
  if (!unicode) {
    ImFontConfig config;
    config.SizePixels = o.projector ? 26.0f : 13.0f;
    io.Fonts->AddFontDefault(&config);
  }
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);

  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (o.projector) {
    ImGui::StyleColorsLight(&style);  // "best used with borders and a custom, thicker font"
    style.WindowBorderSize = 1.0f;
    style.FrameBorderSize = 1.0f;
    style.ScaleAllSizes(1.5f);
  } else {
    ImGui::StyleColorsDark(&style);
  }
  return unicode;
}

}  // namespace ksim::gui
