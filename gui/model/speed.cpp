#include "gui/model/speed.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace paxoslab::gui {

namespace {
constexpr std::array<double, 9> kLevels{0.25, 0.5, 1, 2, 4, 8, 16, 32, 64};
constexpr double kSlack = 1.001;  // a saved speed within 0.1% of a level is that level
}  // namespace

std::span<const double> speed_levels() { return kLevels; }

std::string speed_words(double ticks_per_second) {
  const double x = ticks_per_second / kTicksPerSecondAt1x;
  char buf[32];
  std::snprintf(buf, sizeof buf, x >= 10 ? "%.0fx" : "%.2gx", x);
  return buf;
}

double faster_speed(double ticks_per_second) {
  const double x = ticks_per_second / kTicksPerSecondAt1x;
  for (double l : kLevels)
    if (l > x * kSlack) return l * kTicksPerSecondAt1x;
  return kLevels.back() * kTicksPerSecondAt1x;
}

double slower_speed(double ticks_per_second) {
  const double x = ticks_per_second / kTicksPerSecondAt1x;
  for (auto it = kLevels.rbegin(); it != kLevels.rend(); ++it)
    if (*it * kSlack < x) return *it * kTicksPerSecondAt1x;
  return kLevels.front() * kTicksPerSecondAt1x;
}

}  // namespace paxoslab::gui
