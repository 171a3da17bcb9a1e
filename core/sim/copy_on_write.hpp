// CopyOnWrite<T>: a value shared between copies of its owner until one of
// them changes it.
//
// The simulation is copied at every state of the break-finder's search and
// for every snapshot; parts that change rarely (the safety checker changes
// only when a server executes, a client gets a reply or a server crashes or
// restarts) are shared instead of copied: copying a CopyOnWrite copies a
// pointer, and write() clones the value first when another copy shares it.
// Reading never clones. Thread safety is that of std::shared_ptr: copies
// held by different threads may be read and written independently; one
// CopyOnWrite object must not be written while another thread copies it.
#pragma once

#include <memory>
#include <utility>

namespace paxoslab {

template <class T>
class CopyOnWrite {
 public:
  CopyOnWrite() : value_(std::make_shared<T>()) {}
  explicit CopyOnWrite(T value) : value_(std::make_shared<T>(std::move(value))) {}

  const T& operator*() const { return *value_; }
  const T* operator->() const { return value_.get(); }
  /// The value, to be changed: cloned first if another copy shares it.
  T& write() {
    if (value_.use_count() > 1) value_ = std::make_shared<T>(*value_);
    return *value_;
  }

  /// Clones the value if another copy shares it, so that this one shares
  /// nothing (e.g. before handing it to another thread).
  void unshare() {
    if (value_.use_count() > 1) value_ = std::make_shared<T>(*value_);
  }

  /// Equal when the values are equal (shared or not).
  bool operator==(const CopyOnWrite& other) const { return *value_ == *other.value_; }

 private:
  std::shared_ptr<T> value_;
};

}  // namespace paxoslab
