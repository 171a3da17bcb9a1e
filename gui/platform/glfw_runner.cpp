#include "gui/platform/glfw_runner.hpp"

#include <glad/gl.h>  // before GLFW so GLFW does not pull in system GL headers
#include <GLFW/glfw3.h>

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>  // the implementation is inside libstb

#include <algorithm>
#include <cfloat>
#include <ctime>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/scenario/atomic_file.hpp"
#include "core/lessons/lesson_paths.hpp"
#include "gui/model/progress.hpp"
#include "gui/app/app.hpp"
#include "gui/app/bench.hpp"
#include "gui/app/fonts.hpp"
#include "gui/model/preferences.hpp"
#include "gui/platform/frame_pacer.hpp"

namespace paxoslab::gui {

namespace {

/// CPU time in ms of this thread (or of the whole process, llvmpipe's
/// rasterizer threads included): unlike wall time, not inflated when other
/// processes share the cores.
double cpu_ms(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
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

/// Opens what the command line asks for; returns false if a file failed to load.
bool open_requested(App& app, const CliOptions& cli) {
  const std::string& file = !cli.scenario.empty() ? cli.scenario : cli.lesson;
  if (file.empty()) {
    app.open_default();
    if (cli.stage) {  // the default run's script, on the stage asked for
      SimConfig c = app.session().source().config;
      c.stage = *cli.stage;
      app.start_setup(c, true);
    }
    return true;
  }
  // --lesson takes a file, or a lesson of the installed track by id, number or file name.
  std::string lesson = cli.lesson;
  if (!lesson.empty()) {
    const std::string found = find_lesson_file(find_lessons_dir(current_lesson_search_inputs()), lesson);
    if (!found.empty()) lesson = found;
  }
  const std::string err = !lesson.empty() ? app.open_lesson(lesson) : app.open_scenario(file, cli.stage);
  if (!err.empty()) {
    std::fprintf(stderr, "paxos-lab: %s\n", err.c_str());
    return false;
  }
  if (cli.servers) {  // the same script on another cluster size (the lesson column stays)
    SimConfig c = app.session().source().config;
    c.servers = *cli.servers;
    c.knobs.quorum_size = std::min(c.knobs.quorum_size, c.servers);
    if (const std::string problem = validate(c); !problem.empty()) {
      std::fprintf(stderr, "paxos-lab: --servers %d: %s\n", *cli.servers, problem.c_str());
      return false;
    }
    app.start_setup(c, true);
  }
  // The page at its moment now (on the run just set up), so that --steps step on from there.
  if (cli.page && !cli.lesson.empty()) app.show_lesson_page(*cli.page - 1);
  return true;
}

/// Applies --steps K, then with --busiest goes back to the step among them
/// with the most messages in flight (the earliest such step).
void apply_steps(Session& s, const CliOptions& cli) {
  std::size_t best = s.cursor();
  std::size_t most = s.sim().network().in_flight().size();
  for (int i = 0; i < cli.steps; ++i) {
    if (!s.step()) break;
    const std::size_t n = s.sim().network().in_flight().size();
    if (n > most) {
      most = n;
      best = s.cursor();
    }
  }
  if (cli.busiest) s.jump_to(best);
}

/// --lesson-page N [--lesson-answer K]: the open lesson's page N at its
/// moment (its prediction answered with choice K first). False, with a
/// message, when the lesson has no such page or the page no such choice.
bool show_lesson_page(App& app, const CliOptions& cli) {
  const Lesson* l = app.lessons().current();
  if (l == nullptr) return false;
  const int pages = static_cast<int>(l->pages.size());
  if (cli.lesson_page > pages) {
    std::fprintf(stderr, "paxos-lab: --lesson-page %d: %s has %d pages\n", cli.lesson_page, l->path.c_str(), pages);
    return false;
  }
  const LessonPage& page = l->pages[static_cast<std::size_t>(cli.lesson_page - 1)];
  std::optional<std::size_t> answer;
  if (cli.lesson_answer > 0) {
    const int choices = page.predict ? static_cast<int>(page.predict->choices.size()) : 0;
    if (cli.lesson_answer > choices) {
      std::fprintf(stderr, "paxos-lab: --lesson-answer %d: page %d of %s has %d prediction choices\n", cli.lesson_answer,
                   cli.lesson_page, l->path.c_str(), choices);
      return false;
    }
    answer = static_cast<std::size_t>(cli.lesson_answer - 1);
  }
  app.show_lesson_page(cli.lesson_page - 1, answer);
  return true;
}

/// --break-finder open|start|run: shows the window; "start" and "run" start
/// the search with the stage's default bounds, and with "run" a headless
/// capture waits for its result (the counterexample is then the session, at
/// its start).
void start_break_finder(App& app, const CliOptions& cli, bool headless) {
  app.queue().push(cmd::ShowBreakFinder{true});
  if (cli.break_finder == "open") return;
  const std::string err = app.start_break_search(default_break_bounds(app.session().stage().number));
  if (!err.empty()) std::fprintf(stderr, "paxos-lab: --break-finder: %s\n", err.c_str());
  if (headless && cli.break_finder == "run") app.wait_for_break_search();
}

/// --rules-panel open|find and --without RULE: shows the "Which rule
/// matters?" panel with those rules off; "find" presses its Find a break, and
/// a headless capture waits for the result: a verified break is shown paused
/// at the step where it breaks (at its start with --steps K, which then step
/// into it). False, with a message, for a rule the stage cannot switch off.
bool open_rules_panel(App& app, const CliOptions& cli, bool headless) {
  app.queue().push(cmd::ShowRulesPanel{true});
  if (const std::string err = app.set_rules_off(cli.without); !err.empty()) {
    std::fprintf(stderr, "paxos-lab: --without: %s\n", err.c_str());
    return false;
  }
  if (cli.rules_panel != "find") return true;
  if (const std::string err = app.start_variant_search(app.rules_off()); !err.empty()) {
    std::fprintf(stderr, "paxos-lab: --rules-panel find: %s\n", err.c_str());
    return false;
  }
  if (!headless) return true;
  app.wait_for_break_search();
  const BreakFinding* f = app.finding();
  if (f != nullptr && app.variant_break_on_screen()) {
    app.session().set_playing(false);
    if (cli.steps == 0) app.session().jump_to(f->break_step);
  }
  return true;
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

/// "vertices per frame: median 9,876 (indices 23,456)".
void print_counts(std::FILE* out, std::vector<int> vertices, std::vector<int> indices) {
  if (vertices.empty()) return;
  std::sort(vertices.begin(), vertices.end());
  std::sort(indices.begin(), indices.end());
  std::fprintf(out, "vertices per frame: median %d, max %d (indices: median %d)\n", vertices[vertices.size() / 2],
               vertices.back(), indices[indices.size() / 2]);
}

/// `--bench-idle`: process CPU seconds per wall second from `from` (after
/// the app settled) to now.
void print_idle(double cpu_from_ms, double wall_from_s) {
  const double cpu_s = (cpu_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu_from_ms) / 1e3;
  const double wall_s = glfwGetTime() - wall_from_s;
  std::printf("idle: %.4f CPU seconds per wall second over %.1f s (%.2f%% of a core)\n", cpu_s / wall_s, wall_s,
              100.0 * cpu_s / wall_s);
}

}  // namespace

int run_window(const CliOptions& cli, const std::string& exe_dir) {
  const bool headless = cli.exit || cli.bench_frames > 0 || cli.bench_idle > 0;
  // Draw only when something changes (gui/platform/frame_pacer.hpp); captures
  // and --bench-frames draw every frame.
  const bool paced = !cli.exit && cli.bench_frames == 0;
  const std::string cfg_dir = headless ? std::string{} : config_dir();
  const std::string prefs_path = cfg_dir.empty() ? std::string{} : cfg_dir + "/preferences.ini";
  const std::string ini_path = cfg_dir.empty() ? std::string{} : cfg_dir + "/imgui.ini";
  std::vector<std::string> notices;  // user files that could not be read: shown when the window opens
  std::string prefs_warning;
  Preferences prefs = prefs_path.empty() ? Preferences{} : load_preferences(prefs_path, &prefs_warning);
  if (!prefs_warning.empty()) notices.push_back(prefs_warning);
  if (cli.log_view) prefs.show_log_view = *cli.log_view;

  glfwSetErrorCallback([](int code, const char* what) { std::fprintf(stderr, "GLFW error %d: %s\n", code, what); });
  if (!glfwInit()) {
    std::fprintf(stderr, "paxos-lab: cannot open a window (no display? try xvfb-run)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(cli.width, cli.height, "Paxos Lab", nullptr, nullptr);
  if (window == nullptr) {
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(cli.bench_frames > 0 ? 0 : 1);
  if (gladLoadGL(glfwGetProcAddress) == 0) {
    std::fprintf(stderr, "paxos-lab: failed to load OpenGL 3.3 with glad\n");
    return 1;
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  // The window layout is read and written here, not by ImGui (which
  // truncates the file in place): bounded reading, atomic saving.
  io.IniFilename = nullptr;
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
  App app(AppOptions{exe_dir, headless ? std::string{} : default_progress_path()}, prefs);
  for (auto& n : notices) app.add_startup_notice(std::move(n));
  app.fonts() = load_fonts(default_font_path(), prefs.font_size_px, scale);
  FramePacer pacer;
  install_input_callbacks(window, &pacer);
  pacer.note_input(glfwGetTime());
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330");

  bool load_ok = true;
  if (cli.bench_frames > 0 && (!cli.scenario.empty() || !cli.lesson.empty())) {
    load_ok = open_requested(app, cli);  // benchmark the given file instead of the busy run
    apply_steps(app.session(), cli);
  } else if (cli.bench_frames > 0) {
    std::printf("building the busy run (7 servers, 10,000 events, ~200 messages in flight)...\n");
    app.adopt(make_busy_session(10000, 200));
    std::printf("busy run: %llu trace events, %zu messages in flight\n",
                static_cast<unsigned long long>(app.session().sim().trace().size()),
                app.session().sim().network().in_flight().size());
  } else {
    load_ok = open_requested(app, cli);
    if (load_ok && cli.compare) {
      load_ok = app.open_compare(cli.compare->first, cli.compare->second).empty();
      if (app.compare() != nullptr)
        for (int i = 0; i < cli.steps; ++i)
          if (!app.compare()->step()) break;
    } else {
      if (load_ok && !cli.break_finder.empty()) start_break_finder(app, cli, headless);
      if (load_ok && (!cli.rules_panel.empty() || !cli.without.empty())) load_ok = open_rules_panel(app, cli, headless);
      apply_steps(app.session(), cli);
      if (cli.steps > 0 && !cli.lesson.empty()) app.hold_lesson_run();  // the run stays at the steps asked for
      if (load_ok && cli.lesson_page > 0) load_ok = show_lesson_page(app, cli);
    }
    if (!headless && prefs.show_help_on_start) {
      app.ui().help_open = true;
      app.prefs().show_help_on_start = false;
    }
  }

  if (!cli.layout_report.empty()) app.set_layout_capture(true);
  if (!cli.tab.empty()) {
    const char* tabs[] = {"inspector", "pending", "faults", "setup"};
    for (int i = 0; i < 4; ++i)
      if (cli.tab == tabs[i]) app.ui().side_tab_request = i;
  }
  const int frames = cli.bench_frames > 0 ? cli.bench_frames : cli.frames;
  std::vector<double> frame_ms;     // wall time of the whole frame: UI + GL + glFinish
  std::vector<double> ui_cpu_ms;    // this thread's CPU time: App::frame + ImGui::Render
  std::vector<double> gl_cpu_ms;    // this thread's CPU time: ImGui_ImplOpenGL3_RenderDrawData + clear
  std::vector<double> proc_cpu_ms;  // the process's CPU time for the whole frame (input to SwapBuffers), all threads
  std::vector<int> vertices;        // ImDrawData::TotalVtxCount of each frame
  std::vector<int> indices;         // ImDrawData::TotalIdxCount of each frame
  int exit_code = 0;
  auto last = std::chrono::steady_clock::now();
  // --bench-idle: measure from when the app has settled to the end.
  const double idle_from_s = glfwGetTime() + FramePacer::kSettleSeconds + 0.5;
  const double idle_until_s = cli.bench_idle > 0 ? idle_from_s + cli.bench_idle : -1.0;
  double idle_cpu_from_ms = -1.0;
  for (int frame = 1; !glfwWindowShouldClose(window); ++frame) {
    if (cli.bench_idle > 0 && idle_cpu_from_ms < 0 && glfwGetTime() >= idle_from_s)
      idle_cpu_from_ms = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
    if (paced && !wait_for_frame(window, pacer, idle_until_s)) break;
    const auto t0 = std::chrono::steady_clock::now();
    const double thread0 = cpu_ms(CLOCK_THREAD_CPUTIME_ID);
    const double proc0 = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
    if (!paced) glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // Captures must not depend on where the (virtual) pointer happens to be.
    if (headless) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    // At most 0.1 s of playback per frame: the first frame after a long idle wait must not jump.
    const float dt = std::min(0.1f, std::chrono::duration<float>(t0 - last).count());
    last = t0;
    const bool last_frame = frames > 0 && frame >= frames;
    if (last_frame && !cli.export_chart.empty()) app.request_chart_export(cli.export_chart);
    app.frame(headless ? 1.0f / 60.0f : dt);
    if (app.animating()) pacer.note_animating(glfwGetTime());
    ImGui::Render();
    const std::string png_export = app.after_render();
    if (!ini_path.empty() && io.WantSaveIniSettings) save_layout(ini_path);
    const double thread_ui = cpu_ms(CLOCK_THREAD_CPUTIME_ID);
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    const bool sample = cli.bench_frames > 0 && frame > 3;  // the first frames build fonts and caches
    if (sample) {
      gl_cpu_ms.push_back(cpu_ms(CLOCK_THREAD_CPUTIME_ID) - thread_ui);
      ui_cpu_ms.push_back(thread_ui - thread0);
      const ImDrawData* dd = ImGui::GetDrawData();
      vertices.push_back(dd != nullptr ? dd->TotalVtxCount : 0);
      indices.push_back(dd != nullptr ? dd->TotalIdxCount : 0);
    }
    if (!png_export.empty()) export_chart_png(app, png_export, width, height);
    if (last_frame && !cli.screenshot.empty() && !save_png(cli.screenshot, width, height)) {
      std::fprintf(stderr, "paxos-lab: could not write %s\n", cli.screenshot.c_str());
      exit_code = 1;
    }
    if (last_frame && !cli.layout_report.empty() && !write_layout_report(app, cli.layout_report)) exit_code = 1;
    glfwSwapBuffers(window);
    if (sample) {
      glFinish();  // the software rasterizer's threads have finished this frame
      proc_cpu_ms.push_back(cpu_ms(CLOCK_PROCESS_CPUTIME_ID) - proc0);
      frame_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    if (last_frame && (cli.exit || cli.bench_frames > 0)) break;
  }
  if (cli.bench_idle > 0) {
    if (idle_cpu_from_ms < 0) idle_cpu_from_ms = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
    print_idle(idle_cpu_from_ms, idle_from_s);
  }
  if (cli.bench_frames > 0) {
    const ImDrawData* dd = ImGui::GetDrawData();
    std::printf("last frame: %d vertices, %d indices in %d draw lists\n", dd ? dd->TotalVtxCount : 0,
                dd ? dd->TotalIdxCount : 0, dd ? dd->CmdListsCount : 0);
    for (int i = 0; dd != nullptr && i < dd->CmdListsCount; ++i)
      std::printf("  draw list %d (%s): %d vertices\n", i, dd->CmdLists[i]->_OwnerName ? dd->CmdLists[i]->_OwnerName : "?",
                  dd->CmdLists[i]->VtxBuffer.Size);
    print_stats(stdout, "frame CPU time, UI (App::frame + ImGui::Render, main thread)", ui_cpu_ms);
    print_stats(stdout, "frame CPU time, GL submission (RenderDrawData, main thread)", gl_cpu_ms);
    print_stats(stdout, "frame wall time (shared machine, input to SwapBuffers + glFinish)", frame_ms);
    print_counts(stdout, vertices, indices);
    // Last, the number to compare: every thread of the process (the main
    // thread, the GL driver's and a software rasterizer's), from the frame's
    // input polling to SwapBuffers and the rasterizer finishing.
    print_stats(stdout, "frame CPU time, whole process (input to SwapBuffers, all threads)", proc_cpu_ms);
    bench_step_back(100000, stdout);
  }
  if (!prefs_path.empty()) save_preferences(app.prefs(), prefs_path);
  if (!ini_path.empty()) save_layout(ini_path);

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  if (exit_code == 0 && !load_ok && cli.exit) exit_code = 1;
  return exit_code;
}

}  // namespace paxoslab::gui
