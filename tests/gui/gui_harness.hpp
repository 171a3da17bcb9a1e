// A real Dear ImGui context without a window (ImGui 1.86 has no null
// backend): display size and delta time set by hand, the font atlas built,
// NewFrame/Render without a renderer. Input is driven the 1.86 way
// (io.MousePos, io.MouseDown[], io.KeysDown[] with io.KeyMap set to the GLFW
// key codes, as the GLFW backend does).
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <string>
#include <vector>

#include "gui/app/app.hpp"
#include "gui/app/shortcuts.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui::test {

/// The first command of type T in `cs`, or nullptr.
template <class T>
const T* find_command(const std::vector<Command>& cs) {
  for (const auto& c : cs)
    if (const auto* p = std::get_if<T>(&c)) return p;
  return nullptr;
}

class Harness {
 public:
  explicit Harness(ImVec2 display = ImVec2(1280, 800)) {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = display;
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    // GLFW key codes (GLFW_KEY_SPACE = 32, arrows 262-265, Home 268, End 269).
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_RightArrow] = 262;
    io.KeyMap[ImGuiKey_LeftArrow] = 263;
    io.KeyMap[ImGuiKey_DownArrow] = 264;
    io.KeyMap[ImGuiKey_UpArrow] = 265;
    io.KeyMap[ImGuiKey_Home] = 268;
    io.KeyMap[ImGuiKey_End] = 269;
    io.KeyMap[ImGuiKey_Enter] = 257;
    io.KeyMap[ImGuiKey_Escape] = 256;
    apply_style(1.0f);
  }
  ~Harness() { ImGui::DestroyContext(ctx_); }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  /// One frame of the app.
  void frame(App& app) {
    ImGui::NewFrame();
    app.frame(1.0f / 60.0f);
    ImGui::Render();
  }
  void move(App& app, ImVec2 p) {
    ImGui::GetIO().MousePos = p;
    frame(app);
  }
  /// Presses `button` at p and runs that frame; the commands it emitted are
  /// then in app.queue() (applied at the start of the next frame).
  void press(App& app, ImVec2 p, int button = 0) {
    move(app, p);
    ImGui::GetIO().MouseDown[button] = true;
    frame(app);
  }
  void release(App& app, int button = 0) {
    ImGui::GetIO().MouseDown[button] = false;
    frame(app);
  }
  /// Presses and releases `button` at p (ImGui buttons and menu items act on
  /// release). Returns every command emitted in those two frames; commands of
  /// the release frame are still queued (the next frame applies them).
  std::vector<Command> click(App& app, ImVec2 p, int button = 0) {
    press(app, p, button);
    std::vector<Command> out = app.queue().items();
    release(app, button);
    out.insert(out.end(), app.queue().items().begin(), app.queue().items().end());
    return out;
  }
  void key_down(App& app, int code) {
    ImGui::GetIO().KeysDown[code] = true;
    frame(app);
  }
  void key_up(App& app, int code) {
    ImGui::GetIO().KeysDown[code] = false;
    frame(app);
  }

  /// Finds the screen centre of the item `label` (hashed in `window`'s ID
  /// stack root) by hovering over the window until ImGui reports it hovered.
  bool find_item(App& app, ImGuiWindow* window, const char* label, ImVec2& out) {
    if (window == nullptr) return false;
    const ImGuiID id = ImHashStr(label, 0, window->ID);
    const ImVec2 mn = window->Pos;
    const ImVec2 mx(window->Pos.x + window->Size.x, window->Pos.y + window->Size.y);
    for (float y = mn.y + 2; y < mx.y; y += 4)
      for (float x = mn.x + 6; x < mx.x; x += 12) {
        move(app, ImVec2(x, y));
        if (ImGui::GetCurrentContext()->HoveredIdPreviousFrame == id || ImGui::GetCurrentContext()->HoveredId == id) {
          out = ImVec2(x, y);
          return true;
        }
      }
    return false;
  }
  /// The innermost open popup window (nullptr if none).
  static ImGuiWindow* open_popup() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    return g.OpenPopupStack.empty() ? nullptr : g.OpenPopupStack.back().Window;
  }

 private:
  ImGuiContext* ctx_ = nullptr;
};

/// The path of a scenario file of the repository.
inline std::string scenario_path(const char* name) { return std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/" + name; }

}  // namespace paxoslab::gui::test
