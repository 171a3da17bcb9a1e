// App: keyboard shortcuts (listed in the Help window, panels/help.cpp), for
// the single run and for compare mode.
#include "gui/app/shortcuts.hpp"

#include <imgui.h>

#include "gui/app/app.hpp"
#include "gui/model/speed.hpp"

namespace paxoslab::gui {

namespace {
bool pressed_named(ImGuiKey key) {
  const int index = ImGui::GetKeyIndex(key);
  return index >= 0 && ImGui::IsKeyPressed(index, true);
}
bool pressed_code(int code) { return ImGui::IsKeyPressed(code, false); }
}  // namespace

void App::handle_shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsAnyItemActive() || io.KeyCtrl || io.KeyAlt) return;
  if (pressed_code(keys::kF1)) queue_.push(cmd::ToggleHelp{});
  if (pressed_named(ImGuiKey_Space)) queue_.push(cmd::TogglePlay{});
  if (pressed_named(ImGuiKey_RightArrow)) queue_.push(cmd::Step{});
  if (pressed_named(ImGuiKey_LeftArrow)) queue_.push(cmd::StepBack{});
  if (pressed_named(ImGuiKey_Home)) queue_.push(cmd::JumpStart{});
  if (pressed_named(ImGuiKey_End)) queue_.push(cmd::JumpEnd{});
  if (pressed_code(keys::kM)) queue_.push(cmd::ToggleManual{});
  if (pressed_code(keys::kR)) queue_.push(cmd::Reset{});
  if (pressed_code(keys::kB)) queue_.push(cmd::ToggleBreakFinder{});
  if (pressed_code(keys::kW)) queue_.push(cmd::ToggleRulesPanel{});
  if (pressed_code(keys::kLeftBracket)) queue_.push(cmd::SetSpeed{slower_speed(session_->speed())});
  if (pressed_code(keys::kRightBracket)) queue_.push(cmd::SetSpeed{faster_speed(session_->speed())});
  if (lessons_.current()) {
    if (pressed_code(keys::kN)) lessons_.push(lesson_cmd::Next{});
    if (pressed_code(keys::kD)) lessons_.push(lesson_cmd::SetDimming{!lessons_.dimming()});
    if (pressed_code(keys::kZ)) lessons_.push(lesson_cmd::SetFraming{!lessons_.framing()});
  }
  if (pressed_code(keys::kL)) queue_.push(cmd::ToggleLogView{});
}

void App::handle_compare_shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsAnyItemActive() || io.KeyCtrl || io.KeyAlt) return;
  auto& out = compare_view_.out;
  if (pressed_named(ImGuiKey_Space)) out.push_back(ccmd::TogglePlay{});
  if (pressed_named(ImGuiKey_RightArrow)) out.push_back(ccmd::Step{});
  if (pressed_named(ImGuiKey_LeftArrow) && compare_ && compare_->position() > 0) out.push_back(ccmd::StepBack{});
  if (pressed_code(keys::kR)) out.push_back(ccmd::Reset{});
  if (pressed_named(ImGuiKey_Escape)) out.push_back(ccmd::Close{});
}

}  // namespace paxoslab::gui
