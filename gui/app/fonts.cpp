#include "gui/app/fonts.hpp"

#include <filesystem>

#include <imgui.h>

#include "gui/panels/dots.hpp"

namespace paxoslab::gui {

namespace {
// Latin, Greek (sigma), general punctuation, arrows and geometric shapes.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2010, 0x205E,
                                    0x2190, 0x21FF, 0x25A0, 0x25FF, 0};

bool exists(const std::string& p) {
  std::error_code ec;
  return !p.empty() && std::filesystem::is_regular_file(p, ec);
}
}  // namespace

std::string default_font_path() {
#ifdef PAXOSLAB_FONT_PATH
  return PAXOSLAB_FONT_PATH;
#else
  return "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
#endif
}

Fonts load_fonts(const std::string& regular_path, float size_px, float scale) {
  ImGuiIO& io = ImGui::GetIO();
  Fonts f;
  f.scale = scale;
  const float px = size_px * scale;
  if (!exists(regular_path)) {
    ImFontConfig cfg;
    cfg.SizePixels = 13.0f * scale;
    f.regular = io.Fonts->AddFontDefault(&cfg);
    f.small = f.regular;
    f.bold = f.regular;
    f.large = f.regular;
    bake_dot_discs(io.Fonts);
    return f;
  }
  std::string bold_path = regular_path;
  const auto dot = bold_path.rfind(".ttf");
  if (dot != std::string::npos) bold_path.insert(dot, "-Bold");
  if (!exists(bold_path)) bold_path = regular_path;
  f.regular = io.Fonts->AddFontFromFileTTF(regular_path.c_str(), px, nullptr, kGlyphRanges);
  f.small = io.Fonts->AddFontFromFileTTF(regular_path.c_str(), px * 0.86f, nullptr, kGlyphRanges);
  f.bold = io.Fonts->AddFontFromFileTTF(bold_path.c_str(), px, nullptr, kGlyphRanges);
  f.large = io.Fonts->AddFontFromFileTTF(bold_path.c_str(), px * 1.3f, nullptr, kGlyphRanges);
  if (f.regular == nullptr) {
    io.Fonts->Clear();
    f = Fonts{};
    f.regular = io.Fonts->AddFontDefault();
  }
  f.scale = scale;
  bake_dot_discs(io.Fonts);
  return f;
}

}  // namespace paxoslab::gui
