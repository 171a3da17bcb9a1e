// Key codes the app's shortcuts read from io.KeysDown[]. ImGui 1.86 names
// only some keys (ImGuiKey_Space, _LeftArrow, ...; mapped through io.KeyMap),
// so letters and F1 use the GLFW key codes that its GLFW backend writes into
// io.KeysDown (GLFW_KEY_M == 'M', GLFW_KEY_F1 == 290). Tests press the same codes.
#pragma once

namespace paxoslab::gui::keys {
inline constexpr int kM = 'M';
inline constexpr int kR = 'R';
inline constexpr int kB = 'B';
inline constexpr int kF1 = 290;
}  // namespace paxoslab::gui::keys
