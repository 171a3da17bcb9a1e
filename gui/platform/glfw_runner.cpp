#include "gui/platform/glfw_runner.hpp"

#include <glad/gl.h>  // before GLFW so GLFW does not pull in system GL headers
#include <GLFW/glfw3.h>

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>  // the implementation is inside libstb

#include <algorithm>
#include <cfloat>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <chrono>
#include <cstdio>
#include <fstream>
#include <utility>
#include <vector>

#include "core/scenario/atomic_file.hpp"
#include "gui/model/progress.hpp"
#include "gui/app/app.hpp"
#include "gui/app/bench.hpp"
#include "gui/app/fonts.hpp"
#include "gui/app/startup.hpp"
#include "gui/model/preferences.hpp"
#include "gui/platform/backdrop_gl.hpp"
#include "gui/platform/frame_bench.hpp"
#include "gui/platform/frame_pacer.hpp"

namespace paxoslab::gui {

namespace {

/// Keeps the heap's freed top for the next frame. A software GL driver (Mesa's
/// llvmpipe) allocates and frees a few MB per frame (vertex and index
/// buffers, the binned scene); with glibc's default 128 KB trim threshold the
/// freed top went back to the kernel every frame and the next frame faulted
/// its pages in again: about 10 ms of the busy frame's CPU (docs/gui.md,
/// "Speed"). The heap then keeps up to 64 MB it does not use.
void keep_freed_heap() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

/// Writes the part x, y, w, h (top-left origin, framebuffer pixels) of the back buffer.
bool save_png_region(const std::string& path, int fb_height, int x, int y, int w, int h) {
  if (w <= 0 || h <= 0) return false;
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(x, fb_height - y - h, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // opaque
  stbi_flip_vertically_on_write(1);  // GL rows start at the bottom
  return stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4) != 0;
}

/// A PNG chart export: the chart canvas's pixels (the window's scale applied).
void export_chart_png(App& app, const std::string& path, int fb_width, int fb_height) {
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  const ChartState& st = app.chart_state();
  const int x = static_cast<int>(st.canvas_min.x * scale.x);
  const int y = static_cast<int>(st.canvas_min.y * scale.y);
  const int w = std::min(fb_width - x, static_cast<int>((st.canvas_max.x - st.canvas_min.x) * scale.x));
  const int h = std::min(fb_height - y, static_cast<int>((st.canvas_max.y - st.canvas_min.y) * scale.y));
  const bool ok = save_png_region(path, fb_height, x, y, w, h);
  app.ui().status = ok ? "Chart saved to " + path : "Could not export the chart to " + path;
  if (!ok) std::fprintf(stderr, "paxos-lab: could not write %s\n", path.c_str());
}

bool save_png(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // opaque
  stbi_flip_vertically_on_write(1);  // GL rows start at the bottom
  return stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) != 0;
}

/// Writes ImGui's window settings to `path` atomically (core/scenario/atomic_file.hpp).
void save_layout(const std::string& path) {
  std::size_t size = 0;
  const char* text = ImGui::SaveIniSettingsToMemory(&size);
  ImGui::GetIO().WantSaveIniSettings = false;
  if (const std::string err = write_file_atomically(path, std::string_view(text, size)); !err.empty())
    std::fprintf(stderr, "paxos-lab: window layout not saved: %s\n", err.c_str());
}

/// Writes the last frame's layout report; false (with a message) if the file cannot be written.
bool write_layout_report(const App& app, const std::string& path) {
  std::ofstream out(path);
  out << layout_report_json(app.layout().report());
  if (out) return true;
  std::fprintf(stderr, "paxos-lab: could not write %s\n", path.c_str());
  return false;
}

FramePacer* pacer_of(GLFWwindow* w) { return static_cast<FramePacer*>(glfwGetWindowUserPointer(w)); }
void input_seen(GLFWwindow* w) {
  if (FramePacer* p = pacer_of(w)) p->note_input(glfwGetTime());
}

/// Callbacks that tell the pacer about input. Installed before ImGui's
/// backend, which keeps them and calls them after its own (Dear ImGui 1.86
/// chains the focus, enter, button, scroll, key and char callbacks; it reads
/// the cursor position itself, so that callback is ours alone).
void install_input_callbacks(GLFWwindow* w, FramePacer* pacer) {
  glfwSetWindowUserPointer(w, pacer);
  glfwSetWindowFocusCallback(w, [](GLFWwindow* x, int) { input_seen(x); });
  glfwSetCursorEnterCallback(w, [](GLFWwindow* x, int) { input_seen(x); });
  glfwSetCursorPosCallback(w, [](GLFWwindow* x, double, double) { input_seen(x); });
  glfwSetMouseButtonCallback(w, [](GLFWwindow* x, int, int, int) { input_seen(x); });
  glfwSetScrollCallback(w, [](GLFWwindow* x, double, double) { input_seen(x); });
  glfwSetKeyCallback(w, [](GLFWwindow* x, int, int, int, int) { input_seen(x); });
  glfwSetCharCallback(w, [](GLFWwindow* x, unsigned int) { input_seen(x); });
  glfwSetFramebufferSizeCallback(w, [](GLFWwindow* x, int, int) { input_seen(x); });
  glfwSetWindowRefreshCallback(w, [](GLFWwindow* x) { input_seen(x); });
  glfwSetDropCallback(w, [](GLFWwindow* x, int, const char**) { input_seen(x); });
}

/// Returns when the next frame is due (true), or false when the window is
/// to close or `stop_at` (glfwGetTime seconds; < 0 = never) passed while
/// waiting. Waits for input in slices while the pacer says nothing moves.
bool wait_for_frame(GLFWwindow* w, const FramePacer& pacer, double stop_at) {
  glfwPollEvents();
  while (!pacer.should_draw(glfwGetTime())) {
    if (glfwWindowShouldClose(w) || (stop_at >= 0 && glfwGetTime() >= stop_at)) return false;
    glfwWaitEventsTimeout(FramePacer::kWaitSliceSeconds);
  }
  return true;
}

/// The user's files read before the window opens (none for a headless run):
/// where the preferences and the window layout live, the preferences, and
/// what could not be read (shown when the window opens).
struct UserFiles {
  std::string prefs_path;
  std::string ini_path;
  Preferences prefs;
  std::vector<std::string> notices;
};

UserFiles read_user_files(const CliOptions& cli, bool headless) {
  UserFiles u;
  const std::string cfg_dir = headless ? std::string{} : config_dir();
  if (!cfg_dir.empty()) {
    u.prefs_path = cfg_dir + "/preferences.ini";
    u.ini_path = cfg_dir + "/imgui.ini";
  }
  std::string prefs_warning;
  if (!u.prefs_path.empty()) u.prefs = load_preferences(u.prefs_path, &prefs_warning);
  if (!prefs_warning.empty()) u.notices.push_back(prefs_warning);
  if (cli.log_view) u.prefs.show_log_view = *cli.log_view;
  return u;
}

/// GLFW, a `cli.width` x `cli.height` window with an OpenGL 3.3 core
/// context (vsync off for --bench-frames) and glad. Null, with a message and
/// GLFW terminated, when any of them fails.
GLFWwindow* open_window(const CliOptions& cli) {
  glfwSetErrorCallback([](int code, const char* what) { std::fprintf(stderr, "GLFW error %d: %s\n", code, what); });
  if (!glfwInit()) {
    std::fprintf(stderr, "paxos-lab: cannot open a window (no display? try xvfb-run)\n");
    return nullptr;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  // No depth or stencil buffer (ImGui uses neither): without one, Mesa's
  // software renderer draws an axis-aligned quad (a glyph, a rectangle) as
  // one rectangle instead of two triangles (docs/gui.md, "Speed").
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  GLFWwindow* window = glfwCreateWindow(cli.width, cli.height, "Paxos Lab", nullptr, nullptr);
  if (window == nullptr) {
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(cli.bench_frames > 0 ? 0 : 1);
  if (gladLoadGL(glfwGetProcAddress) == 0) {
    std::fprintf(stderr, "paxos-lab: failed to load OpenGL 3.3 with glad\n");
    glfwDestroyWindow(window);
    glfwTerminate();
    return nullptr;
  }
  return window;
}

/// The ImGui context, its saved window layout (read here, not by ImGui,
/// which truncates the file in place: bounded reading, atomic saving) and
/// the style at the window's content scale. Returns that scale (>= 1).
float start_imgui(GLFWwindow* window, const std::string& ini_path, std::vector<std::string>& notices) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  if (!ini_path.empty()) {
    std::string ini_warning;
    if (const auto ini = read_user_file(ini_path, "window layout file", ini_warning))
      ImGui::LoadIniSettingsFromMemory(ini->data(), ini->size());
    if (!ini_warning.empty()) notices.push_back(ini_warning);
  }
  float xscale = 1.0f;
  float yscale = 1.0f;
  glfwGetWindowContentScale(window, &xscale, &yscale);
  const float scale = std::max(1.0f, xscale);
  apply_style(scale);
  return scale;
}

/// What the frame loop carries from frame to frame.
struct FrameLoop {
  FrameLoop(GLFWwindow* w, App& a, FramePacer& p, const CliOptions& c, bool headless_run, std::string ini)
      : window(w),
        app(a),
        pacer(p),
        cli(c),
        headless(headless_run),
        // Draw only when something changes (gui/platform/frame_pacer.hpp);
        // captures and --bench-frames draw every frame.
        paced(!c.exit && c.bench_frames == 0),
        ini_path(std::move(ini)),
        frames(c.bench_frames > 0 ? c.bench_frames : c.frames) {}

  GLFWwindow* window;
  App& app;
  FramePacer& pacer;
  const CliOptions& cli;
  bool headless;
  bool paced;            ///< Draw only when something changes (else every frame).
  std::string ini_path;  ///< Where the window layout is saved ("" = not saved).
  int frames;            ///< Frames to draw before exiting (0 = until closed).
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
  FrameBench bench;
  int exit_code = 0;
};

/// App::frame and ImGui::Render for frame `frame` (1-based); returns the
/// chart PNG export the frame asked for ("" = none).
std::string build_frame(FrameLoop& loop, int frame) {
  if (!loop.paced) glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // Captures must not depend on where the (virtual) pointer happens to be.
  if (loop.headless) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  // At most 0.1 s of playback per frame: the first frame after a long idle wait must not jump.
  const auto now = std::chrono::steady_clock::now();
  const float dt = std::min(0.1f, std::chrono::duration<float>(now - loop.last).count());
  loop.last = now;
  const bool last_frame = loop.frames > 0 && frame >= loop.frames;
  if (last_frame && !loop.cli.export_chart.empty()) loop.app.request_chart_export(loop.cli.export_chart);
  loop.app.frame(loop.headless ? 1.0f / 60.0f : dt);
  if (loop.app.animating()) loop.pacer.note_animating(glfwGetTime());
  ImGui::Render();
  std::string png_export = loop.app.after_render();
  if (!loop.ini_path.empty() && ImGui::GetIO().WantSaveIniSettings) save_layout(loop.ini_path);
  return png_export;
}

/// The last frame's captures: --screenshot and --layout-report.
void capture_last_frame(FrameLoop& loop, int width, int height) {
  const CliOptions& cli = loop.cli;
  if (!cli.screenshot.empty() && !save_png(cli.screenshot, width, height)) {
    std::fprintf(stderr, "paxos-lab: could not write %s\n", cli.screenshot.c_str());
    loop.exit_code = 1;
  }
  if (!cli.layout_report.empty() && !write_layout_report(loop.app, cli.layout_report)) loop.exit_code = 1;
}

/// Draws frame `frame` (1-based): builds it, renders it with GL, captures
/// what is asked, swaps. False when it was the last frame to draw.
bool draw_frame(FrameLoop& loop, int frame) {
  FrameTimer timer;
  timer.start();
  const std::string png_export = build_frame(loop, frame);
  timer.ui_done();
  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(loop.window, &width, &height);
  glViewport(0, 0, width, height);
  const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(loop.app.clear_color());
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  bind_backdrops(ImGui::GetDrawData(), loop.app.clear_color());
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  timer.gl_done();
  const bool last_frame = loop.frames > 0 && frame >= loop.frames;
  if (!png_export.empty()) export_chart_png(loop.app, png_export, width, height);
  if (last_frame) capture_last_frame(loop, width, height);
  glfwSwapBuffers(loop.window);
  if (loop.cli.bench_frames > 0 && frame > 3) {  // the first frames build fonts and caches
    glFinish();  // the software rasterizer's threads have finished this frame
    timer.frame_done();
    loop.bench.add(timer, ImGui::GetDrawData());
  }
  return !(last_frame && (loop.cli.exit || loop.cli.bench_frames > 0));
}

/// --bench-idle: the measurement starts once the app has settled - the
/// pacer first stops drawing (a lesson page that plays to its moment plays
/// first) - or after kMaxSettleSeconds if it never does, and lasts
/// cli.bench_idle seconds.
struct IdleBench {
  static constexpr double kMaxSettleSeconds = 60.0;
  double seconds = 0.0;        ///< How long to measure (0 = no measurement).
  double opened_s = 0.0;       ///< When the loop started (glfwGetTime).
  double from_s = -1.0;        ///< When the measurement started (-1: not yet).
  double cpu_from_ms = 0.0;    ///< The process's CPU time then.
  bool settled = false;        ///< It started because the app settled.

  bool waiting_to_start() const { return seconds > 0 && from_s < 0; }
  /// Starts the measurement if the app has settled (or never will) by `now`.
  void start_if_settled(const FramePacer& pacer, double now) {
    settled = !pacer.should_draw(now);
    if (!settled && now - opened_s < kMaxSettleSeconds) return;
    from_s = now;
    cpu_from_ms = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
  }
  double until_s() const { return seconds > 0 && from_s >= 0 ? from_s + seconds : -1.0; }
  void report(std::FILE* out, double now) const {
    print_idle(out, cpu_from_ms, from_s, now);
    if (settled) std::fprintf(out, "idle: settled %.1f s after the window opened\n", from_s - opened_s);
    else std::fprintf(out, "idle: never settled within %.0f s (something kept animating): measured while it did\n", kMaxSettleSeconds);
  }
};

/// Frames until the window closes, the last frame asked for is drawn, or
/// (--bench-idle) the idle measurement ends; then the idle report.
void run_frames(FrameLoop& loop) {
  IdleBench idle{loop.cli.bench_idle, glfwGetTime()};
  for (int frame = 1; !glfwWindowShouldClose(loop.window); ++frame) {
    if (idle.waiting_to_start()) {
      idle.start_if_settled(loop.pacer, glfwGetTime());
      if (idle.waiting_to_start()) {  // still animating: draw on, no waiting
        glfwPollEvents();
        if (!draw_frame(loop, frame)) break;
        continue;
      }
    }
    if (loop.paced && !wait_for_frame(loop.window, loop.pacer, idle.until_s())) break;
    if (!draw_frame(loop, frame)) break;
  }
  if (idle.seconds > 0 && idle.from_s >= 0) idle.report(stdout, glfwGetTime());
}

void close_window(GLFWwindow* window) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
}

}  // namespace

int run_window(const CliOptions& cli, const std::string& exe_dir) {
  const bool headless = cli.exit || cli.bench_frames > 0 || cli.bench_idle > 0;
  keep_freed_heap();
  UserFiles user = read_user_files(cli, headless);
  GLFWwindow* window = open_window(cli);
  if (window == nullptr) return 1;
  const float scale = start_imgui(window, user.ini_path, user.notices);
  App app(AppOptions{exe_dir, headless ? std::string{} : default_progress_path()}, user.prefs);
  for (auto& n : user.notices) app.add_startup_notice(std::move(n));
  app.fonts() = load_fonts(default_font_path(), user.prefs.font_size_px, scale);
  FramePacer pacer;
  install_input_callbacks(window, &pacer);
  pacer.note_input(glfwGetTime());
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330");

  const bool load_ok = cli.bench_frames > 0 ? set_up_bench(app, cli) : set_up_content(app, cli, headless);
  apply_view_flags(app, cli);
  FrameLoop loop(window, app, pacer, cli, headless, user.ini_path);
  run_frames(loop);
  if (cli.bench_frames > 0) {
    loop.bench.print(stdout, ImGui::GetDrawData());
    bench_step_back(100000, stdout);
  }
  if (!user.prefs_path.empty()) save_preferences(app.prefs(), user.prefs_path);
  if (!user.ini_path.empty()) save_layout(user.ini_path);
  close_window(window);
  if (loop.exit_code == 0 && !load_ok && cli.exit) return 1;
  return loop.exit_code;
}

}  // namespace paxoslab::gui
