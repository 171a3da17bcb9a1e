// A small, stable 64-bit hash (a multiply-xorshift over 64-bit words and
// FNV-1a over text bytes, finished with a SplitMix64 mix). Stable across platforms and library versions, unlike
// std::hash, so trace hashes printed by one build can be compared with another.
#pragma once

#include <cstdint>
#include <string_view>

namespace paxoslab {

class Hasher {
 public:
  void add(std::uint64_t word) {
    h_ = (h_ ^ word) * 0x9e3779b97f4a7c15ULL;
    h_ ^= h_ >> 29;
  }
  void add(std::string_view text) {
    add(static_cast<std::uint64_t>(text.size()));
    for (unsigned char c : text) {
      h_ ^= c;
      h_ *= 0x100000001b3ULL;
    }
  }
  /// The mixed hash of everything added so far.
  std::uint64_t value() const {
    std::uint64_t z = h_ + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace paxoslab
