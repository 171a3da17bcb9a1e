#include "gui/panels/labels.hpp"

#include <cmath>
#include <string>

#include <imgui_internal.h>

namespace paxoslab::gui {

namespace {

Box clip_of(ImDrawList* dl) {
  const ImVec2 mn = dl->GetClipRectMin();
  const ImVec2 mx = dl->GetClipRectMax();
  return Box{mn, mx};
}

void record(LayoutRecord& rec, ImDrawList* dl, const Box& box, std::string_view text, bool may_scroll) {
  DrawnLabel l;
  l.panel = std::string(current_panel());
  l.text = std::string(text);
  l.box = box;
  l.visible = box.intersect(clip_of(dl));
  l.may_scroll = may_scroll;
  rec.add_label(std::move(l));
}

}  // namespace

std::string_view current_panel() {
  const ImGuiWindow* w = ImGui::GetCurrentWindowRead();
  if (w == nullptr) return {};
  if (w->RootWindow != nullptr) w = w->RootWindow;
  return w->Name != nullptr ? std::string_view(w->Name) : std::string_view{};
}

ImVec2 text_size(ImFont* font, float size, std::string_view text) {
  if (font == nullptr) font = ImGui::GetFont();
  return font->CalcTextSizeA(size, 1e9f, 0.0f, text.data(), text.data() + text.size());
}

Box draw_label(LayoutRecord& rec, ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col,
               std::string_view text, bool may_scroll) {
  if (font == nullptr) font = ImGui::GetFont();
  const ImVec2 ts = text_size(font, size, text);
  const Box box{pos, ImVec2(pos.x + ts.x, pos.y + ts.y)};
  rec.set_in_label(true);
  dl->AddText(font, size, pos, col, text.data(), text.data() + text.size());
  rec.set_in_label(false);
  record(rec, dl, box, text, may_scroll);
  return box;
}

Box draw_label_centered(LayoutRecord& rec, ImDrawList* dl, ImFont* font, float size, ImVec2 top_center, ImU32 col,
                        std::string_view text) {
  const ImVec2 ts = text_size(font, size, text);
  return draw_label(rec, dl, font, size, ImVec2(std::floor(top_center.x - ts.x * 0.5f), std::floor(top_center.y)),
                    col, text);
}

Box chip_box(ImFont* font, float size, ImVec2 c, std::string_view text) {
  const ImVec2 ts = text_size(font, size, text);
  const ImVec2 pad(4, 1);
  const ImVec2 mn(std::floor(c.x - ts.x * 0.5f - pad.x), std::floor(c.y - ts.y * 0.5f - pad.y));
  return Box{mn, ImVec2(mn.x + ts.x + pad.x * 2, mn.y + ts.y + pad.y * 2)};
}

Box draw_label_box(LayoutRecord& rec, ImDrawList* dl, ImFont* font, float size, ImVec2 c, std::string_view text,
                   ImU32 text_col, ImU32 bg_col, ImU32 border_col, bool may_scroll) {
  if (font == nullptr) font = ImGui::GetFont();
  const Box b = chip_box(font, size, c, text);
  // Square corners, the fill without the anti-aliased fringe: 2 triangles
  // (one rectangle to a software renderer) instead of a fan of a dozen thin
  // ones; the border 1 px wide, drawn from the baked-lines texture (docs/gui.md, "Speed").
  const ImDrawListFlags flags = dl->Flags;
  dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  dl->AddRectFilled(b.min, b.max, bg_col);
  dl->Flags = flags;
  if (border_col != 0) dl->AddRect(b.min, b.max, border_col, 0.0f, 0, 1.0f);
  rec.set_in_label(true);
  dl->AddText(font, size, ImVec2(b.min.x + 4, b.min.y + 1), text_col, text.data(), text.data() + text.size());
  rec.set_in_label(false);
  record(rec, dl, b, text, may_scroll);
  return b;
}

}  // namespace paxoslab::gui
