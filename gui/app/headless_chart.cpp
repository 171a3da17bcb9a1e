#include "gui/app/headless_chart.hpp"

#include <imgui.h>

#include <cfloat>
#include <cstdint>

#include "gui/app/app.hpp"
#include "gui/app/fonts.hpp"
#include "gui/app/theme.hpp"

namespace paxoslab::gui {

namespace {

/// An ImGui context for the duration of a scope (no window, no renderer).
class HeadlessContext {
 public:
  HeadlessContext(int width, int height) : ctx_(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  }
  ~HeadlessContext() { ImGui::DestroyContext(ctx_); }
  HeadlessContext(const HeadlessContext&) = delete;
  HeadlessContext& operator=(const HeadlessContext&) = delete;

 private:
  ImGuiContext* ctx_;
};

void frame(App& app) {
  ImGui::NewFrame();
  app.frame(1.0f / 60.0f);
  ImGui::Render();
}

/// The app of `width` x `height` pixels with its fonts built, for one export.
struct HeadlessApp {
  HeadlessApp(int width, int height) : context(width, height), app(AppOptions{}, Preferences{}) {
    apply_style(1.0f);
    app.fonts() = load_fonts(default_font_path(), Preferences{}.font_size_px, 1.0f);
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas
  }
  HeadlessContext context;
  App app;
};

/// Plays the opened run to its end (the app's own limit on a run's length
/// applies) and exports its chart to `out`.
std::string play_and_export(App& app, const std::string& out) {
  const std::uint64_t limit = app.session().source().scenario ? app.session().source().scenario->max_steps : 100000;
  for (std::uint64_t i = 0; i < limit && app.session().step(); ++i) {
  }
  for (int i = 0; i < 3; ++i) frame(app);
  app.request_chart_export(out);
  frame(app);
  app.after_render();
  const std::string& status = app.ui().status;
  return status.rfind("Chart saved", 0) == 0 ? std::string() : status;
}

}  // namespace

std::string export_chart_headless(const std::string& scenario, const std::string& out, std::optional<int> stage,
                                  int width, int height) {
  HeadlessApp h(width, height);
  const std::string err = h.app.open_scenario(scenario, stage, true);
  if (!err.empty()) return err;
  return play_and_export(h.app, out);
}

std::string export_chart_headless(const Scenario& scenario, int stage, const std::string& out, int width,
                                  int height) {
  HeadlessApp h(width, height);
  const std::string err = h.app.open_loaded_scenario(scenario, stage);
  if (!err.empty()) return err;
  return play_and_export(h.app, out);
}

}  // namespace paxoslab::gui
