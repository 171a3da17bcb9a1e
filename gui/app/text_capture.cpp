// Widget text capture for the layout record: every text Dear ImGui
// draws (button labels, Text lines, tabs, ...) reaches
// ImDrawList::AddText(const ImFont*, float, const ImVec2&, ImU32, const char*,
// const char*, float, const ImVec4*). The link step wraps that symbol
// (gui/CMakeLists.txt: -Wl,--wrap=...), so ImGui's calls land here first: we
// note the text, its box, its window and whether that window can scroll, then
// draw it as usual.
//
// The record to fill is the one the App put in ImGui::GetIO().UserData (state
// of the ImGui context, not of this file); with none, or while the record is
// not capturing widgets, this only forwards the call.
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <cstring>

#include "gui/app/text_capture.hpp"

// The real ImDrawList::AddText and our replacement, named by their mangled
// symbols (x86-64 SysV: `this` is the first argument, references are pointers).
void real_add_text(ImDrawList* self, const ImFont* font, float font_size, const ImVec2& pos, ImU32 col,
                   const char* text_begin, const char* text_end, float wrap_width, const ImVec4* cpu_fine_clip_rect)
    __asm__("__real__ZN10ImDrawList7AddTextEPK6ImFontfRK6ImVec2jPKcS7_fPK6ImVec4");
void captured_add_text(ImDrawList* self, const ImFont* font, float font_size, const ImVec2& pos, ImU32 col,
                       const char* text_begin, const char* text_end, float wrap_width,
                       const ImVec4* cpu_fine_clip_rect)
    __asm__("__wrap__ZN10ImDrawList7AddTextEPK6ImFontfRK6ImVec2jPKcS7_fPK6ImVec4");

namespace paxoslab::gui {
namespace {

void note_widget_text(LayoutRecord& rec, ImDrawList* dl, const ImFont* font, float font_size, ImVec2 pos,
                      const char* text_begin, const char* text_end, float wrap_width, const ImVec4* fine_clip) {
  const ImGuiWindow* w = ImGui::GetCurrentWindowRead();
  if (w == nullptr || dl != w->DrawList) return;  // another window's list or the foreground: not a widget's
  if (font == nullptr) font = dl->_Data->Font;
  if (font_size == 0.0f) font_size = dl->_Data->FontSize;
  if (font == nullptr || text_begin == nullptr) return;
  if (text_end == nullptr) text_end = text_begin + std::strlen(text_begin);
  while (text_end > text_begin && (text_end[-1] == ' ' || text_end[-1] == '\n')) --text_end;  // blanks show nothing
  if (text_end == text_begin) return;
  const ImVec2 ts = font->CalcTextSizeA(font_size, FLT_MAX, wrap_width, text_begin, text_end);
  WidgetText t;
  t.panel = w->Name != nullptr ? w->Name : "";
  t.text.assign(text_begin, text_end);
  t.box = Box{pos, ImVec2(pos.x + ts.x, pos.y + ts.y)};
  const ImVec4 c = dl->_ClipRectStack.Size > 0 ? dl->_ClipRectStack.back() : dl->_Data->ClipRectFullscreen;
  Box clip{ImVec2(c.x, c.y), ImVec2(c.z, c.w)};
  if (fine_clip != nullptr) clip = clip.intersect(Box{ImVec2(fine_clip->x, fine_clip->y), ImVec2(fine_clip->z, fine_clip->w)});
  t.visible = t.box.intersect(clip);
  t.can_scroll_x = w->ScrollbarX;
  t.can_scroll_y = w->ScrollbarY;
  rec.add_widget_text(std::move(t));
}

void note_drawn_text(LayoutRecord& rec, ImDrawList* dl, const ImFont* font, float font_size, ImVec2 pos, ImU32 col,
                     const char* text_begin, const char* text_end, const ImVec4* fine_clip) {
  const ImGuiWindow* w = ImGui::GetCurrentWindowRead();
  if (font == nullptr) font = dl->_Data->Font;
  if (font_size == 0.0f) font_size = dl->_Data->FontSize;
  if (font == nullptr || text_begin == nullptr || (col & IM_COL32_A_MASK) == 0) return;
  if (text_end == nullptr) text_end = text_begin + std::strlen(text_begin);
  if (text_end == text_begin) return;
  DrawnText t;
  t.panel = w != nullptr && w->Name != nullptr ? w->Name : "";
  t.text.assign(text_begin, text_end);
  t.pos = pos;
  t.font_size = font_size;
  t.baseline = pos.y + font->Ascent * (font_size / font->FontSize);
  t.color = col;
  const char* font_name = font->GetDebugName();
  t.bold = font_name != nullptr && std::strstr(font_name, "Bold") != nullptr;
  const ImVec4 c = dl->_ClipRectStack.Size > 0 ? dl->_ClipRectStack.back() : dl->_Data->ClipRectFullscreen;
  t.clip = Box{ImVec2(c.x, c.y), ImVec2(c.z, c.w)};
  if (fine_clip != nullptr) t.clip = t.clip.intersect(Box{ImVec2(fine_clip->x, fine_clip->y), ImVec2(fine_clip->z, fine_clip->w)});
  rec.add_drawn_text(std::move(t));
}

}  // namespace

void attach_layout_record(LayoutRecord* rec) { ImGui::GetIO().UserData = rec; }

void begin_widget_capture() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.LogEnabled) return;
  g.LogBuffer.clear();
  ImGui::LogToBuffer(0);  // depth 0: no tree node is opened for the log
}

void end_widget_capture() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (!g.LogEnabled || g.LogType != ImGuiLogType_Buffer) return;
  ImGui::LogFinish();
  g.LogBuffer.clear();
}

}  // namespace paxoslab::gui

void captured_add_text(ImDrawList* self, const ImFont* font, float font_size, const ImVec2& pos, ImU32 col,
                       const char* text_begin, const char* text_end, float wrap_width,
                       const ImVec4* cpu_fine_clip_rect) {
  if (ImGui::GetCurrentContext() != nullptr) {
    auto* rec = static_cast<paxoslab::gui::LayoutRecord*>(ImGui::GetIO().UserData);
    if (rec != nullptr && rec->capture_texts())
      paxoslab::gui::note_drawn_text(*rec, self, font, font_size, pos, col, text_begin, text_end, cpu_fine_clip_rect);
    if (rec != nullptr && rec->capture_widgets() && !rec->in_label())
      paxoslab::gui::note_widget_text(*rec, self, font, font_size, pos, text_begin, text_end, wrap_width,
                                      cpu_fine_clip_rect);
  }
  real_add_text(self, font, font_size, pos, col, text_begin, text_end, wrap_width, cpu_fine_clip_rect);
}
