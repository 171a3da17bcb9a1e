#include "gui/app/chart_export.hpp"

#include <imgui_internal.h>

#include <cstdio>
#include <filesystem>
#include <string_view>

namespace paxoslab::gui {

namespace {

std::string rgb(ImU32 c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<unsigned>((c >> IM_COL32_R_SHIFT) & 0xFF),
                static_cast<unsigned>((c >> IM_COL32_G_SHIFT) & 0xFF), static_cast<unsigned>((c >> IM_COL32_B_SHIFT) & 0xFF));
  return buf;
}

float alpha(ImU32 c) { return static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f; }

std::string num(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(v));
  std::string s(buf);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string escaped(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (static_cast<unsigned char>(ch) >= 0x20 || ch == '\t') out += ch;
    }
  }
  return out;
}

/// Appends one path per run of same-coloured shape triangles of `list`, each
/// draw command's inside a group clipped to its clip rectangle (`clips`
/// numbers the clip paths across lists).
void append_shapes(std::string& svg, const ImDrawList& list, ImVec2 white_uv, int& clips) {
  std::string d;
  ImU32 fill = 0;
  const auto flush = [&] {
    if (d.empty()) return;
    svg += "<path fill=\"" + rgb(fill) + "\"";
    if (alpha(fill) < 1.0f) svg += " fill-opacity=\"" + num(alpha(fill)) + "\"";
    svg += " d=\"" + d + "\"/>\n";
    d.clear();
  };
  for (const ImDrawCmd& cmd : list.CmdBuffer) {
    if (cmd.UserCallback != nullptr || cmd.ElemCount == 0) continue;
    const ImVec4& c = cmd.ClipRect;
    const std::string id = "c" + std::to_string(++clips);
    svg += "<clipPath id=\"" + id + "\"><rect x=\"" + num(c.x) + "\" y=\"" + num(c.y) + "\" width=\"" + num(c.z - c.x) +
           "\" height=\"" + num(c.w - c.y) + "\"/></clipPath>\n<g clip-path=\"url(#" + id + ")\">\n";
    for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
      const ImDrawVert* v[3];
      bool shape = true;
      for (int k = 0; k < 3; ++k) {
        v[k] = &list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i) + k])];
        shape = shape && v[k]->uv.x == white_uv.x && v[k]->uv.y == white_uv.y;
      }
      if (!shape || (v[0]->col & IM_COL32_A_MASK) == 0) continue;  // glyphs come as <text>; invisible: nothing
      if (v[0]->col != fill) {
        flush();
        fill = v[0]->col;
      }
      d += "M" + num(v[0]->pos.x) + " " + num(v[0]->pos.y) + "L" + num(v[1]->pos.x) + " " + num(v[1]->pos.y) + "L" +
           num(v[2]->pos.x) + " " + num(v[2]->pos.y) + "Z";
    }
    flush();
    svg += "</g>\n";
  }
}

}  // namespace

ImGuiStyle begin_export_style() {
  ImGuiStyle& style = ImGui::GetStyle();
  const ImGuiStyle saved = style;
  style.AntiAliasedLines = false;
  style.AntiAliasedLinesUseTex = false;
  style.AntiAliasedFill = false;
  // Windows begun from now on take their draw list's flags from here (the
  // style is read at NewFrame, which has already run this frame).
  ImGui::GetCurrentContext()->DrawListSharedData.InitialFlags &=
      ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex | ImDrawListFlags_AntiAliasedFill);
  return saved;
}

ImVec4 window_rect(const char* window) {
  const ImGuiWindow* w = ImGui::FindWindowByName(window);
  if (w == nullptr || !w->WasActive) return ImVec4(0, 0, 0, 0);
  return ImVec4(w->Pos.x, w->Pos.y, w->Size.x, w->Size.y);
}

std::string window_svg(const ImDrawData& data, const LayoutRecord& record, ImVec4 rect, const char* window) {
  const ImVec4 whole = window_rect(window);
  if (whole.z <= 0 || whole.w <= 0) return {};
  const ImVec4 r = rect.z > 0 && rect.w > 0 ? rect : whole;
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    num(r.z) + "\" height=\"" + num(r.w) + "\" viewBox=\"" + num(r.x) + " " + num(r.y) + " " + num(r.z) +
                    " " + num(r.w) + "\" font-family=\"DejaVu Sans, sans-serif\">\n";
  svg += "<title>Paxos Lab - sequence chart</title>\n";
  const std::string_view name(window);
  int clips = 0;
  for (int i = 0; i < data.CmdListsCount; ++i) {
    const ImDrawList& list = *data.CmdLists[i];
    const std::string_view owner = list._OwnerName != nullptr ? list._OwnerName : "";
    if (owner != name && owner.rfind(std::string(name) + "/", 0) != 0) continue;  // the window and its children
    append_shapes(svg, list, white, clips);
  }
  for (const DrawnText& t : record.drawn_texts()) {
    if (t.panel != name && t.panel.rfind(std::string(name) + "/", 0) != 0) continue;
    if (t.clip.empty() || t.pos.x >= t.clip.max.x || t.pos.y >= t.clip.max.y) continue;
    if (t.pos.y < r.y || t.pos.y >= r.y + r.w) continue;  // outside the exported rectangle (the toolbar)
    svg += std::string("<text") + (t.bold ? " font-weight=\"bold\"" : "") + " x=\"" + num(t.pos.x) + "\" y=\"" + num(t.baseline) + "\" font-size=\"" + num(t.font_size) +
           "\" fill=\"" + rgb(t.color) + "\"";
    if (alpha(t.color) < 1.0f) svg += " fill-opacity=\"" + num(alpha(t.color)) + "\"";
    svg += " xml:space=\"preserve\">" + escaped(t.text) + "</text>\n";
  }
  return svg + "</svg>\n";
}

std::string unused_path(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return path;
  const std::filesystem::path p(path);
  for (int n = 2; n < 10000; ++n) {
    const std::filesystem::path c = p.parent_path() / (p.stem().string() + "-" + std::to_string(n) + p.extension().string());
    if (!std::filesystem::exists(c, ec)) return c.string();
  }
  return path;
}

}  // namespace paxoslab::gui
