// App's start-up notices: a user file that could not be read
// (progress, preferences, window layout) was kept aside; the learner is told
// where, in a window over the middle of the app, until they close it.
#include <imgui.h>

#include <algorithm>

#include "gui/app/app.hpp"

namespace paxoslab::gui {

void App::add_startup_notice(std::string text) { startup_notices_.push_back(std::move(text)); }

void App::draw_startup_notices() {
  if (startup_notices_.empty()) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.3f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(fs * 36, vp->WorkSize.x - 2 * fs), 0), ImGuiCond_Appearing);
  bool open = true;
  if (ImGui::Begin("Your files", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PushTextWrapPos(0.0f);
    for (const auto& n : startup_notices_) {
      ImGui::Bullet();
      ImGui::TextUnformatted(n.c_str());  // messages are bounded (LoadError::to_string, keep_aside)
    }
    ImGui::PopTextWrapPos();
    if (ImGui::Button("OK")) open = false;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Close this note; the kept files stay where it says.");
  }
  ImGui::End();
  if (!open) startup_notices_.clear();
}

}  // namespace paxoslab::gui
