#include "gui/platform/frame_bench.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>

#include "gui/app/bench.hpp"
#include "gui/platform/draw_coverage.hpp"

namespace paxoslab::gui {

namespace {

double steady_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// "vertices per frame: median 9,876 (indices 23,456)".
void print_counts(std::FILE* out, std::vector<int> vertices, std::vector<int> indices) {
  if (vertices.empty()) return;
  std::sort(vertices.begin(), vertices.end());
  std::sort(indices.begin(), indices.end());
  std::fprintf(out, "vertices per frame: median %d, max %d (indices: median %d)\n", vertices[vertices.size() / 2],
               vertices.back(), indices[indices.size() / 2]);
}

}  // namespace

double cpu_ms(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

void FrameTimer::start() {
  wall0_ = steady_ms();
  thread0_ = cpu_ms(CLOCK_THREAD_CPUTIME_ID);
  proc0_ = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
}
void FrameTimer::ui_done() { thread_ui_ = cpu_ms(CLOCK_THREAD_CPUTIME_ID); }
void FrameTimer::gl_done() { thread_gl_ = cpu_ms(CLOCK_THREAD_CPUTIME_ID); }
void FrameTimer::frame_done() {
  proc1_ = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
  wall1_ = steady_ms();
}

void FrameBench::add(const FrameTimer& t, const ImDrawData* draw) {
  frame_ms_.push_back(t.wall_ms());
  ui_cpu_ms_.push_back(t.ui_cpu_ms());
  gl_cpu_ms_.push_back(t.gl_cpu_ms());
  proc_cpu_ms_.push_back(t.proc_cpu_ms());
  vertices_.push_back(draw != nullptr ? draw->TotalVtxCount : 0);
  indices_.push_back(draw != nullptr ? draw->TotalIdxCount : 0);
}

void FrameBench::print(std::FILE* out, const ImDrawData* dd) {
  std::fprintf(out, "last frame: %d vertices, %d indices in %d draw lists\n", dd ? dd->TotalVtxCount : 0,
               dd ? dd->TotalIdxCount : 0, dd ? dd->CmdListsCount : 0);
  Coverage all;
  for (int i = 0; dd != nullptr && i < dd->CmdListsCount; ++i) {
    const Coverage c = draw_list_coverage(*dd->CmdLists[i]);
    all.area_px += c.area_px;
    all.block_px += c.block_px;
    all.block_px_rects_once += c.block_px_rects_once;
    std::fprintf(out, "  draw list %d (%s): %d vertices, %.0f pixels covered, %.0f in the 4x4 blocks shaded (%.0f)\n",
                 i, dd->CmdLists[i]->_OwnerName ? dd->CmdLists[i]->_OwnerName : "?", dd->CmdLists[i]->VtxBuffer.Size,
                 c.area_px, c.block_px, c.block_px_rects_once);
  }
  std::fprintf(out, "pixels covered by triangles, all draw lists: %.0f; in the 4x4 blocks shaded: %.0f\n", all.area_px,
               all.block_px);
  std::fprintf(out, "in the 4x4 blocks shaded, each rectangle once (no depth buffer): %.0f\n", all.block_px_rects_once);
  print_stats(out, "frame CPU time, UI (App::frame + ImGui::Render, main thread)", ui_cpu_ms_);
  print_stats(out, "frame CPU time, GL submission (RenderDrawData, main thread)", gl_cpu_ms_);
  print_stats(out, "frame wall time (shared machine, input to SwapBuffers + glFinish)", frame_ms_);
  print_counts(out, vertices_, indices_);
  // Last, the number to compare: every thread of the process (the main
  // thread, the GL driver's and a software rasterizer's), from the frame's
  // input polling to SwapBuffers and the rasterizer finishing.
  print_stats(out, "frame CPU time, whole process (input to SwapBuffers, all threads)", proc_cpu_ms_);
}

void print_idle(std::FILE* out, double cpu_from_ms, double wall_from_s, double wall_now_s) {
  const double cpu_s = (cpu_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu_from_ms) / 1e3;
  const double wall_s = wall_now_s - wall_from_s;
  std::fprintf(out, "idle: %.4f CPU seconds per wall second over %.1f s (%.2f%% of a core)\n", cpu_s / wall_s, wall_s,
               100.0 * cpu_s / wall_s);
}

}  // namespace paxoslab::gui
