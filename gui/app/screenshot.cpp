// Screenshot: glReadPixels of the back buffer, flipped to top-down rows, written by stb.
#include "gui/app/screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <vector>

namespace ksim::gui {

bool save_screenshot(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return false;
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  const size_t row = static_cast<size_t>(width) * 4;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; y++)
    std::copy_n(pixels.data() + static_cast<size_t>(height - 1 - y) * row, row,
                flipped.data() + static_cast<size_t>(y) * row);
  return stbi_write_png(path.c_str(), width, height, 4, flipped.data(),
                        static_cast<int>(row)) != 0;
}

}  // namespace ksim::gui
