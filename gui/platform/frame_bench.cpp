#include "gui/platform/frame_bench.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "gui/app/bench.hpp"

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

/// The pixels `list`'s triangles cover, overlaps counted again: what a
/// software rasterizer shades and blends. A triangle wholly outside its clip
/// rectangle counts nothing, one partly inside all of its area.
double covered_pixels(const ImDrawList& list) {
  double area = 0.0;
  for (const ImDrawCmd& cmd : list.CmdBuffer) {
    if (cmd.UserCallback != nullptr) continue;
    const ImVec4& c = cmd.ClipRect;
    for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
      const auto at = [&](unsigned int k) {
        return list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i + k)])].pos;
      };
      const ImVec2 a = at(0), b = at(1), d = at(2);
      if (std::max({a.x, b.x, d.x}) <= c.x || std::min({a.x, b.x, d.x}) >= c.z || std::max({a.y, b.y, d.y}) <= c.y ||
          std::min({a.y, b.y, d.y}) >= c.w)
        continue;
      area += std::abs((b.x - a.x) * (d.y - a.y) - (d.x - a.x) * (b.y - a.y)) * 0.5;
    }
  }
  return area;
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
  double pixels = 0.0;
  for (int i = 0; dd != nullptr && i < dd->CmdListsCount; ++i) {
    const double p = covered_pixels(*dd->CmdLists[i]);
    pixels += p;
    std::fprintf(out, "  draw list %d (%s): %d vertices, %.0f pixels covered\n", i,
                 dd->CmdLists[i]->_OwnerName ? dd->CmdLists[i]->_OwnerName : "?", dd->CmdLists[i]->VtxBuffer.Size, p);
  }
  std::fprintf(out, "pixels covered by triangles (shaded and blended), all draw lists: %.0f\n", pixels);
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
