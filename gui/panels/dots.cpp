#include "gui/panels/dots.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace paxoslab::gui {

namespace {

/// The square a disc of `radius` is painted in: its diameter plus the 1 px edge ramp on each side.
int disc_side(float radius) { return static_cast<int>(std::ceil(radius * 2.0f + 2.0f)); }

void paint_disc(unsigned char* pixels, int tex_width, const ImFontAtlasCustomRect& r, float radius) {
  const float half = static_cast<float>(r.Width) * 0.5f;
  for (int y = 0; y < r.Height; ++y)
    for (int x = 0; x < r.Width; ++x) {
      const float dx = static_cast<float>(x) + 0.5f - half;
      const float dy = static_cast<float>(y) + 0.5f - half;
      const float cover = std::clamp(radius + 0.5f - std::sqrt(dx * dx + dy * dy), 0.0f, 1.0f);
      const std::size_t at = (static_cast<std::size_t>(r.Y + y) * static_cast<std::size_t>(tex_width) +
                              static_cast<std::size_t>(r.X + x)) * 4;
      pixels[at] = pixels[at + 1] = pixels[at + 2] = 255;
      pixels[at + 3] = static_cast<unsigned char>(std::lround(cover * 255.0f));
    }
}

}  // namespace

void bake_dot_discs(ImFontAtlas* atlas) {
  constexpr float kRadii[3] = {kDotRadii[0], kDotRadii[1], kDiscRadius};
  int ids[3] = {-1, -1, -1};
  for (int i = 0; i < 3; ++i) ids[i] = atlas->AddCustomRectRegular(disc_side(kRadii[i]), disc_side(kRadii[i]));
  if (!atlas->Build()) return;
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  atlas->GetTexDataAsRGBA32(&pixels, &width, &height);
  for (int i = 0; i < 3; ++i) {
    const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(ids[i]);
    if (pixels != nullptr && r->IsPacked()) paint_disc(pixels, width, *r, kRadii[i]);
  }
}

DotStamp dot_stamp(float radius) {
  DotStamp s;
  s.radius = radius;
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (atlas == nullptr || atlas->TexPixelsRGBA32 == nullptr) return s;
  const int side = disc_side(radius);
  // Ours are the only regular (font-less) square rectangles of these sizes:
  // ImGui's own are the mouse cursors' and the baked lines' (65 x 64).
  for (const ImFontAtlasCustomRect& r : atlas->CustomRects) {
    if (r.Font != nullptr || r.Width != side || r.Height != side || !r.IsPacked()) continue;
    atlas->CalcCustomRectUV(&r, &s.uv0, &s.uv1);
    s.side = static_cast<float>(side);
    s.baked = true;
    break;
  }
  return s;
}

namespace {

/// True when `dl` draws anti-aliased with the font atlas (where the stamps are).
bool draws_with_atlas(const ImDrawList* dl) {
  return (dl->Flags & ImDrawListFlags_AntiAliasedFill) != 0 && !dl->_TextureIdStack.empty() &&
         dl->_TextureIdStack.back() == ImGui::GetIO().Fonts->TexID;
}

}  // namespace

bool scaled_disc(ImDrawList* dl, const DotStamp& stamp, ImVec2 c, float radius, ImU32 col) {
  if (!stamp.baked || radius > stamp.radius || radius <= 0.0f || !draws_with_atlas(dl)) return false;
  if ((col & IM_COL32_A_MASK) == 0) return true;
  const float h = stamp.side * 0.5f * radius / stamp.radius;
  dl->PrimReserve(6, 4);
  dl->PrimRectUV(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), stamp.uv0, stamp.uv1, col);
  return true;
}

void dot(ImDrawList* dl, const DotStamp& stamp, ImVec2 c, float radius, ImU32 col) {
  if ((col & IM_COL32_A_MASK) == 0) return;
  const bool textured = stamp.baked && stamp.radius == radius && draws_with_atlas(dl);
  if (!textured) {
    dl->AddCircleFilled(c, radius, col, 8);
    return;
  }
  const float h = stamp.side * 0.5f;
  dl->PrimReserve(6, 4);
  dl->PrimRectUV(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), stamp.uv0, stamp.uv1, col);
}

}  // namespace paxoslab::gui
