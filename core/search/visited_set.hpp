// A compact set of 64-bit state keys for the break-finder's duplicate
// detection: open addressing with linear probing, 8 bytes per slot, grown at
// half load. Key 0 is stored as 1 (a 2^-64 collision, like any other).
#pragma once

#include <cstdint>
#include <vector>

namespace paxoslab {

class VisitedSet {
 public:
  /// Inserts `key`; true if it was not there yet.
  bool insert(std::uint64_t key) {
    if (key == 0) key = 1;
    if ((size_ + 1) * 2 > slots_.size()) grow();
    std::uint64_t& slot = slots_[probe(key)];
    if (slot == key) return false;
    slot = key;
    ++size_;
    return true;
  }
  /// True if `key` is held.
  bool contains(std::uint64_t key) const {
    if (key == 0) key = 1;
    return !slots_.empty() && slots_[probe(key)] == key;
  }
  /// Number of keys held.
  std::uint64_t size() const { return size_; }
  /// Bytes of slot storage.
  std::uint64_t bytes() const { return slots_.size() * sizeof(std::uint64_t); }

 private:
  /// The slot holding `key`, or the empty slot where it would go (linear
  /// probing; the table is never full).
  std::size_t probe(std::uint64_t key) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = mix(key) & mask;
    while (slots_[i] != key && slots_[i] != 0) i = (i + 1) & mask;
    return i;
  }
  static std::uint64_t mix(std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
  }
  void grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    size_ = 0;
    for (std::uint64_t k : old)
      if (k != 0) insert(k);
  }

  std::vector<std::uint64_t> slots_;
  std::uint64_t size_ = 0;
};

}  // namespace paxoslab
