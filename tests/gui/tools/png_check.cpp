// paxoslab_png_check FILE W H: exits 0 if FILE is a W x H PNG that is not
// blank (many distinct colours, an eighth of the window drawn on), else 1 with a
// sentence on stderr. Used by the Xvfb smoke test of paxos-lab.
#include <stb_image.h>  // the implementation is inside libstb

#include <cstdio>
#include <cstdlib>
#include <set>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: paxoslab_png_check FILE WIDTH HEIGHT\n");
    return 2;
  }
  int w = 0;
  int h = 0;
  int n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
  if (px == nullptr) {
    std::fprintf(stderr, "%s: not a readable PNG\n", argv[1]);
    return 1;
  }
  if (w != std::atoi(argv[2]) || h != std::atoi(argv[3])) {
    std::fprintf(stderr, "%s: %dx%d, expected %sx%s\n", argv[1], w, h, argv[2], argv[3]);
    stbi_image_free(px);
    return 1;
  }
  std::set<unsigned> colours;
  long differing = 0;
  const long total = static_cast<long>(w) * h;
  for (long i = 0; i < total; ++i) {
    const unsigned c = static_cast<unsigned>(px[i * 3]) << 16 | static_cast<unsigned>(px[i * 3 + 1]) << 8 | px[i * 3 + 2];
    if (colours.size() < 100000) colours.insert(c);
    if (c != (static_cast<unsigned>(px[0]) << 16 | static_cast<unsigned>(px[1]) << 8 | px[2])) ++differing;
  }
  stbi_image_free(px);
  // The panels and the canvases share one colour (docs/gui.md, "Speed"), so
  // what differs from the corner is what is drawn on them: text, nodes,
  // lines, widgets (about a quarter of a 1280x800 window at step 30); a
  // blank window has next to none.
  if (colours.size() < 64 || differing < total / 8) {
    std::fprintf(stderr, "%s looks blank: %zu colours, %ld of %ld pixels differ from the corner\n", argv[1],
                 colours.size(), differing, total);
    return 1;
  }
  std::printf("%s: %dx%d, %zu colours - not blank\n", argv[1], w, h, colours.size());
  return 0;
}
