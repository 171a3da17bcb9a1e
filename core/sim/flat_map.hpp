// FlatMap: an ordered map kept as one sorted vector of (key, value) pairs.
//
// For the simulation's small keyed collections (messages in flight, pending
// timers - a handful each), which are copied with every snapshot and every
// state of the break-finder's search: copying a FlatMap is one allocation
// instead of one per element, and lookups scan contiguous memory. Keys are
// mostly increasing ids, so an insert usually appends.
//
// The interface is the subset of std::map the simulation uses, with the same
// meaning (iteration in ascending key order; `it->first`, `it->second`;
// structured bindings `for (const auto& [k, v] : m)`). Unlike std::map, an
// insert or erase invalidates every iterator and pointer into the map.
#pragma once

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

namespace paxoslab {

template <class Key, class Value>
class FlatMap {
 public:
  using value_type = std::pair<Key, Value>;
  using iterator = typename std::vector<value_type>::iterator;
  using const_iterator = typename std::vector<value_type>::const_iterator;
  using reverse_iterator = typename std::vector<value_type>::reverse_iterator;
  using const_reverse_iterator = typename std::vector<value_type>::const_reverse_iterator;

  iterator begin() { return items_.begin(); }
  iterator end() { return items_.end(); }
  const_iterator begin() const { return items_.begin(); }
  const_iterator end() const { return items_.end(); }
  reverse_iterator rbegin() { return items_.rbegin(); }
  reverse_iterator rend() { return items_.rend(); }
  const_reverse_iterator rbegin() const { return items_.rbegin(); }
  const_reverse_iterator rend() const { return items_.rend(); }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  void clear() { items_.clear(); }

  /// The element with key `k`, or end().
  iterator find(const Key& k) {
    const auto it = lower(k);
    return it != items_.end() && it->first == k ? it : items_.end();
  }
  const_iterator find(const Key& k) const {
    const auto it = std::lower_bound(items_.begin(), items_.end(), k, less_key);
    return it != items_.end() && it->first == k ? it : items_.end();
  }
  std::size_t count(const Key& k) const { return find(k) != end() ? 1 : 0; }
  /// The first element whose key is above `k`, or end().
  iterator upper_bound(const Key& k) { return std::upper_bound(items_.begin(), items_.end(), k, key_less); }
  const_iterator upper_bound(const Key& k) const {
    return std::upper_bound(items_.begin(), items_.end(), k, key_less);
  }
  /// The value of key `k`; throws std::out_of_range if there is none.
  const Value& at(const Key& k) const {
    const auto it = find(k);
    if (it == end()) throw std::out_of_range("FlatMap::at: no such key");
    return it->second;
  }
  /// The value of key `k`, inserted value-initialized if there is none.
  Value& operator[](const Key& k) { return try_emplace(k).first->second; }
  /// Inserts (k, Value(args...)) unless key `k` is present; returns the
  /// element with key `k` and whether it was inserted.
  template <class... Args>
  std::pair<iterator, bool> try_emplace(const Key& k, Args&&... args) {
    const auto it = lower(k);
    if (it != items_.end() && it->first == k) return {it, false};
    return {items_.emplace(it, std::piecewise_construct, std::forward_as_tuple(k),
                           std::forward_as_tuple(std::forward<Args>(args)...)),
            true};
  }
  /// Removes key `k`; returns how many elements were removed (0 or 1).
  std::size_t erase(const Key& k) {
    const auto it = find(k);
    if (it == items_.end()) return 0;
    items_.erase(it);
    return 1;
  }
  /// Removes the element at `it`; returns the element after it.
  iterator erase(const_iterator it) { return items_.erase(it); }
  /// Removes every element (a key-value pair) for which `pred` is true, as
  /// std::erase_if does for std::map; returns how many were removed.
  template <class Pred>
  std::size_t erase_if(Pred pred) {
    return static_cast<std::size_t>(std::erase_if(items_, pred));
  }

  bool operator==(const FlatMap&) const = default;

 private:
  static bool less_key(const value_type& item, const Key& k) { return item.first < k; }
  static bool key_less(const Key& k, const value_type& item) { return k < item.first; }
  /// The first element whose key is not below `k` (appending is the common case).
  iterator lower(const Key& k) {
    if (items_.empty() || items_.back().first < k) return items_.end();
    return std::lower_bound(items_.begin(), items_.end(), k, less_key);
  }

  std::vector<value_type> items_;
};

}  // namespace paxoslab
