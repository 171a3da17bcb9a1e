// A set of servers: who promised a round, whose Learns a slot has, who lacks
// a decided value - and whether they are a quorum.
//
// Every stage that waits for other servers counts them: Stage 2's leader
// waits for every live follower's Learn (Fig. 4), Stage 3's for a majority
// (Fig. 6), Stage 4's candidate for Promises from a majority (Fig. 10) and its
// learners for Learns of one (rnd, slot) from a quorum (Fig. 12b). The rule
// that makes all of them safe is that any two majorities of the same n
// servers share at least one server (docs/protocol.md, "Protocol invariants
// (Stage 4)"; Fig. 12a shows what breaks when two quorums need not
// intersect). This value type is that set, with the majority rule in one
// place (majority(), is_majority_of()) and the "S1 S3" text used in
// narration and the app.
//
// Representation: bit i-1 of mask() stands for server Si, the same encoding
// as the app's views (ServerView::promisers, SlotRow::quorum,
// Outstanding::learned), so a set converts to and from those masks
// losslessly. Servers S1..S32 fit; the simulator uses S1..S7 (ids.hpp).
#pragma once

#include <bit>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "core/sim/ids.hpp"

namespace paxoslab {

/// The smallest majority of n servers: floor(n/2) + 1 (n >= 1). Two sets of
/// at least this many of the same n servers always share a server (Fig. 12b).
constexpr int majority(int n) { return n / 2 + 1; }

/// A set of servers S1..S32, a plain comparable value (bit i-1 = Si).
class ServerSet {
 public:
  /// The empty set.
  constexpr ServerSet() = default;
  /// The set whose bit i-1 is set exactly for the servers Si in it.
  static constexpr ServerSet from_mask(std::uint32_t mask) { return ServerSet(mask); }
  /// {s}; the empty set when s is not a server id in [1, 32].
  static constexpr ServerSet of(ServerId s) { return ServerSet(bit(s)); }
  /// {S1, ..., Sn} - every server of a cluster of n (n in [0, 32]).
  static constexpr ServerSet first(int n) {
    return ServerSet(n <= 0 ? 0u : n >= 32 ? ~0u : (1u << n) - 1u);
  }

  /// The set as a mask (bit i-1 = Si), as the app's views hold it.
  constexpr std::uint32_t mask() const { return mask_; }
  /// How many servers are in the set.
  constexpr int count() const { return std::popcount(mask_); }
  constexpr bool empty() const { return mask_ == 0; }
  /// Whether s is in the set (false for an invalid id).
  constexpr bool contains(ServerId s) const { return (mask_ & bit(s)) != 0; }
  /// Adds s (an invalid id adds nothing).
  constexpr void insert(ServerId s) { mask_ |= bit(s); }
  /// Removes s (nothing if it is not in the set).
  constexpr void erase(ServerId s) { mask_ &= ~bit(s); }

  /// At least `size` servers: a quorum of that size (size = majority(n) in
  /// the paper; a smaller size is the unsafe knob of Fig. 12a).
  constexpr bool is_quorum(int size) const { return count() >= size; }
  /// More than half of n servers (count() >= majority(n)).
  constexpr bool is_majority_of(int n) const { return is_quorum(majority(n)); }

  /// Union, intersection and difference.
  constexpr ServerSet operator|(ServerSet o) const { return ServerSet(mask_ | o.mask_); }
  constexpr ServerSet operator&(ServerSet o) const { return ServerSet(mask_ & o.mask_); }
  constexpr ServerSet operator-(ServerSet o) const { return ServerSet(mask_ & ~o.mask_); }
  constexpr ServerSet& operator|=(ServerSet o) { mask_ |= o.mask_; return *this; }
  constexpr bool operator==(const ServerSet&) const = default;

  /// Iterates the servers in increasing order: S1 before S3.
  class iterator {
   public:
    using value_type = ServerId;
    using difference_type = std::ptrdiff_t;
    constexpr iterator() = default;
    constexpr explicit iterator(std::uint32_t rest) : rest_(rest) {}
    constexpr ServerId operator*() const { return ServerId{std::countr_zero(rest_) + 1}; }
    constexpr iterator& operator++() { rest_ &= rest_ - 1; return *this; }
    constexpr iterator operator++(int) { iterator old = *this; ++*this; return old; }
    constexpr bool operator==(const iterator&) const = default;
   private:
    std::uint32_t rest_ = 0;  // the servers not visited yet
  };
  constexpr iterator begin() const { return iterator(mask_); }
  constexpr iterator end() const { return iterator(0); }

 private:
  constexpr explicit ServerSet(std::uint32_t mask) : mask_(mask) {}
  static constexpr std::uint32_t bit(ServerId s) {
    return s.value >= 1 && s.value <= 32 ? 1u << (s.value - 1) : 0u;
  }
  std::uint32_t mask_ = 0;
};

/// "S1 S3" (servers in increasing order, one space apart); `none` when empty.
inline std::string to_string(ServerSet set, std::string_view none = "") {
  std::string s;
  for (ServerId x : set) s += (s.empty() ? "" : " ") + to_string(x);
  return s.empty() ? std::string(none) : s;
}

}  // namespace paxoslab
