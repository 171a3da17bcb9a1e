// The samples `paxos-lab --bench-frames N` takes of each frame and the report
// it prints (docs/gui.md, "Speed"): CPU time (whole process and main thread)
// rather than wall time, so that other processes on the cores inflate it
// little; and what the frame drew (vertices, indices, per draw list).
#pragma once

#include <cstdio>
#include <ctime>
#include <vector>

struct ImDrawData;

namespace paxoslab::gui {

/// CPU time in ms of `clock`: CLOCK_THREAD_CPUTIME_ID (this thread) or
/// CLOCK_PROCESS_CPUTIME_ID (every thread, a software rasterizer's included).
double cpu_ms(clockid_t clock);

/// One frame's timing, in the order the frame loop reaches the points.
class FrameTimer {
 public:
  /// Before polling input.
  void start();
  /// After App::frame and ImGui::Render.
  void ui_done();
  /// After ImGui_ImplOpenGL3_RenderDrawData.
  void gl_done();
  /// After SwapBuffers and glFinish.
  void frame_done();

  double ui_cpu_ms() const { return thread_ui_ - thread0_; }
  double gl_cpu_ms() const { return thread_gl_ - thread_ui_; }
  double proc_cpu_ms() const { return proc1_ - proc0_; }
  double wall_ms() const { return wall1_ - wall0_; }

 private:
  double wall0_ = 0, wall1_ = 0;       // steady clock, ms
  double thread0_ = 0, thread_ui_ = 0, thread_gl_ = 0;
  double proc0_ = 0, proc1_ = 0;
};

/// Every sampled frame of a --bench-frames run.
class FrameBench {
 public:
  /// Adds a frame's timing and what it drew (`draw` may be null).
  void add(const FrameTimer& t, const ImDrawData* draw);
  /// The report: the last frame's draw lists, then median / p99 / max of each
  /// time, the vertex counts, and last the whole-process CPU time (the number
  /// to compare).
  void print(std::FILE* out, const ImDrawData* last);

 private:
  std::vector<double> frame_ms_;     // wall time of the whole frame: UI + GL + glFinish
  std::vector<double> ui_cpu_ms_;    // main thread CPU: App::frame + ImGui::Render
  std::vector<double> gl_cpu_ms_;    // main thread CPU: ImGui_ImplOpenGL3_RenderDrawData
  std::vector<double> proc_cpu_ms_;  // process CPU, all threads, input to SwapBuffers + glFinish
  std::vector<int> vertices_;        // ImDrawData::TotalVtxCount
  std::vector<int> indices_;         // ImDrawData::TotalIdxCount
};

/// `--bench-idle`: prints the process CPU seconds per wall second from
/// (`cpu_from_ms`, `wall_from_s` in glfwGetTime seconds) to now (`wall_now_s`).
void print_idle(std::FILE* out, double cpu_from_ms, double wall_from_s, double wall_now_s);

}  // namespace paxoslab::gui
