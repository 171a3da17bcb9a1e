// The break-finder's visited states: for each 64-bit simulation key, a 64-bit
// mask of the fault budgets it was stored with (search_detail::SeenStates
// gives the bits their meaning). Open addressing with linear probing, 16
// bytes per slot, grown at half load. Key 0 is stored as 1 (a 2^-64
// collision, like any other).
#pragma once

#include <cstdint>
#include <vector>

namespace paxoslab {

class VisitedSet {
 public:
  /// The mask held for `key`; 0 when the key is not held.
  std::uint64_t mask(std::uint64_t key) const {
    if (key == 0) key = 1;
    if (slots_.empty()) return 0;
    const Slot& s = slots_[probe(key)];
    return s.key == key ? s.mask : 0;
  }
  /// ORs `bits` (non-zero) into the mask of `key`; true if the key was not held yet.
  bool add(std::uint64_t key, std::uint64_t bits) {
    if (key == 0) key = 1;
    if ((size_ + 1) * 2 > slots_.size()) grow();
    Slot& s = slots_[probe(key)];
    const bool fresh = s.key != key;
    if (fresh) {
      s.key = key;
      ++size_;
    }
    s.mask |= bits;
    return fresh;
  }
  /// Number of keys held.
  std::uint64_t size() const { return size_; }
  /// Bytes of slot storage.
  std::uint64_t bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint64_t mask = 0;
  };
  /// The slot holding `key`, or the empty slot where it would go (linear
  /// probing; the table is never full).
  std::size_t probe(std::uint64_t key) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = mix(key) & mask;
    while (slots_[i].key != key && slots_[i].key != 0) i = (i + 1) & mask;
    return i;
  }
  static std::uint64_t mix(std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    size_ = 0;
    for (const Slot& s : old)
      if (s.key != 0) add(s.key, s.mask);
  }

  std::vector<Slot> slots_;
  std::uint64_t size_ = 0;
};

}  // namespace paxoslab
