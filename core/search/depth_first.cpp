// The break-finder's depth-first order (SearchBounds::depth_first): memory is
// the visited set and the current path, so spaces far larger than two
// breadth-first levels of simulations can be closed.
#include <algorithm>

#include "core/search/explorer.hpp"

namespace paxoslab::search_detail {

namespace {

/// One state on the current path and the moves from it still to try.
struct Frame {
  Simulation sim;
  Budget budget;
  std::vector<Branch> moves;
  std::uint32_t next = 0;  ///< The next move to try; moves[next - 1] leads to the frame above.
};

}  // namespace

SearchResult depth_first(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks) {
  Explorer ex(stage, bounds, callbacks);
  std::vector<Frame> stack;
  {
    Simulation root = ex.start();
    auto moves = branches(root, Budget{}, bounds);
    if (bounds.max_depth <= 0 && !moves.empty()) ex.depth_cut();
    if (bounds.max_depth > 0) stack.push_back(Frame{std::move(root), Budget{}, std::move(moves), 0});
  }
  int deepest = 0;
  const auto path = [&](std::uint32_t last) {
    std::vector<std::uint32_t> p;
    for (std::size_t i = 0; i + 1 < stack.size(); ++i) p.push_back(stack[i].next - 1);
    p.push_back(last);
    return p;
  };
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.moves.size()) {
      stack.pop_back();
      continue;
    }
    const std::uint32_t b = top.next++;
    const int depth = static_cast<int>(stack.size());  // choices to the child
    deepest = std::max(deepest, depth);
    // The last move takes the frame's simulation instead of a copy (the frame
    // is done after it), unless the parent is still needed to tell a silent
    // suspicion.
    const bool last = top.next == top.moves.size() && !top.moves[b].unless_silent;
    Simulation child = last ? std::move(top.sim) : top.sim;
    Budget budget = top.budget;
    take(child, top.moves[b], budget, bounds, nullptr);
    const auto visit = ex.visit(top.sim, top.moves[b], child, budget, depth, stack.size(), [&] { return path(b); });
    if (visit == Explorer::Visit::Found || visit == Explorer::Visit::Stopped) return ex.result();
    if (visit != Explorer::Visit::New) continue;
    auto moves = branches(child, budget, bounds);
    if (moves.empty()) continue;
    if (depth >= bounds.max_depth) {
      ex.depth_cut();
      continue;
    }
    stack.push_back(Frame{std::move(child), budget, std::move(moves), 0});
  }
  ex.finish(deepest);
  return ex.result();
}

}  // namespace paxoslab::search_detail
