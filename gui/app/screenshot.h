#pragma once
// F12 / --screenshot: the current GL back buffer as a PNG (glReadPixels, flipped, stb).
#include <string>

namespace ksim::gui {

// REQUIRES: a current GL context; call after rendering and before swapping buffers.
bool save_screenshot(const std::string& path, int width, int height);

}  // namespace ksim::gui
