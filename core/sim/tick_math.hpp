// Tick arithmetic that cannot overflow: a due or arrival tick is
// `now + delay`, and a delay comes from a file or a knob. The loaders bound
// every delay (core/scenario/input_limits.hpp), and these sums saturate at the
// largest tick as a second line of defence, so a timer can never wrap round
// to the past and fire forever.
#pragma once

#include <limits>

#include "core/sim/ids.hpp"

namespace paxoslab {

/// now + delay_ticks, saturated to [min Tick, max Tick] instead of wrapping.
/// Equal to the plain sum whenever that sum fits (every valid run).
constexpr Tick add_ticks(Tick now, Tick delay_ticks) {
  Tick sum = 0;
  if (!__builtin_add_overflow(now, delay_ticks, &sum)) return sum;
  return delay_ticks > 0 ? std::numeric_limits<Tick>::max() : std::numeric_limits<Tick>::min();
}

}  // namespace paxoslab
