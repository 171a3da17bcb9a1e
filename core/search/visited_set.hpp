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
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == key) return false;
      if (slots_[i] == 0) {
        slots_[i] = key;
        ++size_;
        return true;
      }
    }
  }
  /// True if `key` is held.
  bool contains(std::uint64_t key) const {
    if (key == 0) key = 1;
    if (slots_.empty()) return false;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == key) return true;
      if (slots_[i] == 0) return false;
    }
  }
  /// Number of keys held.
  std::uint64_t size() const { return size_; }
  /// Bytes of slot storage.
  std::uint64_t bytes() const { return slots_.size() * sizeof(std::uint64_t); }

 private:
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
