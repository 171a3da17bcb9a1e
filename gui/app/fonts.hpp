// Loading the app's fonts: DejaVu Sans (fonts-dejavu-core; the path comes from
// the CMake cache variable PAXOSLAB_FONT_PATH) at the preferred size times the
// monitor's content scale, falling back to ImGui's built-in font when the
// file is missing.
#pragma once

#include <string>

#include "gui/app/theme.hpp"

namespace paxoslab::gui {

/// The configured regular font file (may not exist).
std::string default_font_path();

/// Adds the fonts and the dots' discs (gui/panels/dots.hpp) to the current
/// ImGui context's atlas and builds it (call before the renderer uploads the
/// atlas). `size_px` before scaling; `scale` = content scale.
Fonts load_fonts(const std::string& regular_path, float size_px, float scale);

}  // namespace paxoslab::gui
