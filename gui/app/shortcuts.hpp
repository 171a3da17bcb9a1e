// Key codes the app's shortcuts read from io.KeysDown[]. ImGui 1.86 names
// only some keys (ImGuiKey_Space, _LeftArrow, ...; mapped through io.KeyMap),
// so letters and F1 use the GLFW key codes that its GLFW backend writes into
// io.KeysDown (GLFW_KEY_M == 'M', GLFW_KEY_F1 == 290). Tests press the same codes.
#pragma once

namespace paxoslab::gui::keys {
inline constexpr int kM = 'M';
inline constexpr int kR = 'R';
inline constexpr int kB = 'B';
inline constexpr int kL = 'L';
inline constexpr int kW = 'W';             ///< "Which rule matters?" panel.
inline constexpr int kF1 = 290;
inline constexpr int kN = 'N';             ///< Lesson: Next (the next page, played to its moment).
inline constexpr int kD = 'D';             ///< Lesson: dim / undim what the page does not talk about.
inline constexpr int kZ = 'Z';             ///< Lesson: frame the moment / the whole run.
inline constexpr int kLeftBracket = 91;    ///< GLFW_KEY_LEFT_BRACKET: slower.
inline constexpr int kRightBracket = 93;   ///< GLFW_KEY_RIGHT_BRACKET: faster.
}  // namespace paxoslab::gui::keys
