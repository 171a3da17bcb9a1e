#include "gui/app/theme.hpp"

#include <cstring>

namespace paxoslab::gui {
namespace theme {

ImU32 message_color(MsgKind k) {
  switch (k) {
    case MsgKind::Request: return IM_COL32(120, 200, 160, 255);
    case MsgKind::Reply: return IM_COL32(170, 220, 120, 255);
    case MsgKind::Accept: return IM_COL32(90, 160, 255, 255);
    case MsgKind::Learn: return IM_COL32(190, 130, 255, 255);
    case MsgKind::Prepare: return IM_COL32(255, 150, 70, 255);
    case MsgKind::Promise: return IM_COL32(255, 200, 90, 255);
    case MsgKind::Commit: return IM_COL32(80, 210, 220, 255);
    case MsgKind::Heartbeat: return IM_COL32(150, 150, 160, 255);
    case MsgKind::Nack: return IM_COL32(235, 95, 95, 255);
  }
  return kText;
}

ImU32 role_color(const char* role) {
  if (std::strcmp(role, "leader") == 0) return kLeader;
  if (std::strcmp(role, "follower") == 0) return kFollower;
  if (std::strcmp(role, "candidate") == 0) return kCandidate;
  return kServerPlain;
}

ImU32 event_color(TraceKind k) {
  switch (k) {
    case TraceKind::Send: return IM_COL32(150, 175, 215, 255);
    case TraceKind::Deliver: return IM_COL32(200, 210, 225, 255);
    case TraceKind::Drop: return IM_COL32(240, 110, 110, 255);
    case TraceKind::Execute: return IM_COL32(130, 220, 150, 255);
    case TraceKind::Reply: return IM_COL32(170, 220, 120, 255);
    case TraceKind::Crash:
    case TraceKind::Violation: return IM_COL32(255, 90, 90, 255);
    case TraceKind::Restart: return IM_COL32(120, 200, 255, 255);
    case TraceKind::LeaderChange: return kLeader;
    case TraceKind::Suspect:
    case TraceKind::Unsuspect: return IM_COL32(240, 160, 80, 255);
    case TraceKind::TimerSet:
    case TraceKind::TimerFire:
    case TraceKind::TimerCancel: return IM_COL32(150, 150, 165, 255);
    case TraceKind::Note: return IM_COL32(200, 190, 150, 255);
    default: return IM_COL32(230, 170, 230, 255);
  }
}

namespace {
constexpr ImU32 kTints[] = {IM_COL32(90, 150, 255, 40), IM_COL32(255, 170, 60, 40), IM_COL32(120, 220, 120, 40),
                            IM_COL32(220, 110, 220, 40)};
}  // namespace

ImU32 group_tint(int group) {
  return kTints[static_cast<unsigned>(group > 0 ? group - 1 : 0) % 4];
}

ImU32 fade(ImU32 c, float a) {
  const auto alpha = static_cast<unsigned>(static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) * a);
  return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha > 255 ? 255 : alpha) << IM_COL32_A_SHIFT);
}

ImVec4 vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

}  // namespace theme

void apply_style(float scale) {
  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 4.0f;
  // Square frames, grabs, tabs and children: a rounded one is a fan of thin
  // triangles with an anti-aliased fringe; a square one is 2 triangles, one
  // rectangle to a software renderer (docs/gui.md, "Speed").
  s.ChildRounding = 0.0f;
  s.FrameRounding = 0.0f;
  s.PopupRounding = 4.0f;
  s.GrabRounding = 0.0f;
  s.TabRounding = 0.0f;
  s.ScrollbarRounding = 0.0f;
  s.WindowBorderSize = 1.0f;
  s.FramePadding = ImVec2(8, 4);
  s.ItemSpacing = ImVec2(8, 6);
  s.WindowPadding = ImVec2(8, 8);
  s.WindowTitleAlign = ImVec2(0.0f, 0.5f);
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = theme::vec(theme::kPanel);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TitleBg] = ImVec4(0.13f, 0.15f, 0.18f, 1);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.19f, 0.24f, 1);
  c[ImGuiCol_Border] = ImVec4(0.25f, 0.28f, 0.33f, 1);
  c[ImGuiCol_FrameBg] = ImVec4(0.17f, 0.19f, 0.23f, 1);
  c[ImGuiCol_Button] = ImVec4(0.22f, 0.26f, 0.32f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.28f, 0.40f, 0.58f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.30f, 0.48f, 0.72f, 1);
  c[ImGuiCol_Header] = ImVec4(0.22f, 0.30f, 0.42f, 1);
  c[ImGuiCol_Tab] = ImVec4(0.18f, 0.21f, 0.26f, 1);
  c[ImGuiCol_TabActive] = ImVec4(0.26f, 0.36f, 0.52f, 1);
  c[ImGuiCol_TabHovered] = ImVec4(0.30f, 0.44f, 0.64f, 1);
  // No scrollbar track (ImGui skips a transparent rectangle), only the grab:
  // the track is a long band of pixels for a software renderer to shade.
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  s.ScaleAllSizes(scale);
}

}  // namespace paxoslab::gui
