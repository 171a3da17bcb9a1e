#include "gui/platform/frame_bench.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <string>

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

/// "text 1,234, dots 567, lines 89, fills 1,011": block pixels by kind.
std::string kinds_text(const Coverage& c) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "text %.0f, dots %.0f, lines %.0f, fills %.0f", c.by_kind[Coverage::kText],
                c.by_kind[Coverage::kDot], c.by_kind[Coverage::kLine], c.by_kind[Coverage::kFill]);
  return buf;
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
    for (int k = 0; k < Coverage::kKinds; ++k) all.by_kind[k] += c.by_kind[k];
    std::fprintf(out, "  draw list %d (%s): %d vertices, %.0f pixels covered, %.0f in the 4x4 blocks shaded (%.0f: %s)\n",
                 i, dd->CmdLists[i]->_OwnerName ? dd->CmdLists[i]->_OwnerName : "?", dd->CmdLists[i]->VtxBuffer.Size,
                 c.area_px, c.block_px, c.block_px_rects_once, kinds_text(c).c_str());
  }
  std::fprintf(out, "pixels covered by triangles, all draw lists: %.0f; in the 4x4 blocks shaded: %.0f\n", all.area_px,
               all.block_px);
  std::fprintf(out, "in the 4x4 blocks shaded, each rectangle once (no depth buffer): %.0f (%s)\n", all.block_px_rects_once,
               kinds_text(all).c_str());
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
