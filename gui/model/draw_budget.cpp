#include "gui/model/draw_budget.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace paxoslab::gui {

std::vector<PixelRun> merge_marks(const std::vector<float>& xs, float join_px) {
  const float join = std::max(0.0f, join_px);
  std::vector<PixelRun> runs;
  for (const float x : xs) {
    if (!runs.empty() && x - runs.back().x1 <= join) {
      runs.back().x1 = std::max(runs.back().x1, x);
      ++runs.back().count;
    } else {
      runs.push_back(PixelRun{x, x, 1});
    }
  }
  return runs;
}

std::vector<PixelSpan> merge_spans(std::vector<PixelSpan> spans, float join_px) {
  const float join = std::max(0.0f, join_px);
  for (auto& s : spans)
    if (s.x1 < s.x0) std::swap(s.x0, s.x1);
  std::sort(spans.begin(), spans.end(), [](const PixelSpan& a, const PixelSpan& b) { return a.x0 < b.x0; });
  std::vector<PixelSpan> out;
  for (const auto& s : spans) {
    if (!out.empty() && s.x0 - out.back().x1 <= join) out.back().x1 = std::max(out.back().x1, s.x1);
    else out.push_back(s);
  }
  return out;
}

std::vector<float> distinct_pixels(std::vector<float> xs) {
  for (float& x : xs) x = std::round(x);
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  return xs;
}

std::optional<PixelSegment> clip_to_columns(PixelSegment s, float x_min, float x_max) {
  if (x_max < x_min) return std::nullopt;
  const float lo = std::min(s.x0, s.x1);
  const float hi = std::max(s.x0, s.x1);
  if (hi < x_min || lo > x_max) return std::nullopt;
  if (s.x0 == s.x1) return s;  // vertical, inside
  const float dy_dx = (s.y1 - s.y0) / (s.x1 - s.x0);
  auto clamp_end = [&](float& x, float& y) {
    const float cx = std::clamp(x, x_min, x_max);
    y = s.y0 + (cx - s.x0) * dy_dx;
    x = cx;
  };
  PixelSegment out = s;
  clamp_end(out.x0, out.y0);
  clamp_end(out.x1, out.y1);
  return out;
}

float stub_start(float x0, float x1, float x_min, float x_max, float stub_px) {
  if (x0 >= x_min || x1 > x_max) return x_min;
  return std::max(x_min, x1 - stub_px);
}

PixelSegment ray(PixelSegment s, float ray_px) {
  const float dx = s.x1 - s.x0;
  const float dy = s.y1 - s.y0;
  const float len = std::sqrt(dx * dx + dy * dy);
  const float keep = std::max(0.0f, ray_px);
  if (len <= keep) return s;
  const float f = keep / len;
  return PixelSegment{s.x0, s.y0, s.x0 + dx * f, s.y0 + dy * f};
}

std::optional<Wedge> wedge(PixelSegment s, float half_width) {
  const float dx = s.x1 - s.x0;
  const float dy = s.y1 - s.y0;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 0.5f) return std::nullopt;
  const float nx = dy / len * half_width;  // the end's left: (dy, -dx) for y down
  const float ny = -dx / len * half_width;
  return Wedge{s.x0, s.y0, s.x1 + nx, s.y1 + ny, s.x1 - nx, s.y1 - ny};
}

LineProfile trimmed_profile(int width_px, float u0, float u1) {
  const int n = std::max(1, width_px);
  const float du = (u1 - u0) / static_cast<float>(n + 2);
  return LineProfile{static_cast<float>(n) * 0.5f + 0.5f, u0 + du * 0.5f, u1 - du * 0.5f};
}

float client_link_reach(std::size_t links) {
  return links <= kWholeClientLinks ? std::numeric_limits<float>::infinity() : kClientRayPx;
}

bool SegmentSet::first(const PixelSegment& s, std::uint64_t style) {
  const auto px = [this](float v) { return std::lround(v / cell_px_); };
  return seen_.emplace(px(s.x0), px(s.y0), px(s.x1), px(s.y1), style).second;
}

}  // namespace paxoslab::gui
