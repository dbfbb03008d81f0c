// A sequence that grows by fixed-size blocks instead of reallocating: no
// moment where an old and a new array are both alive (a doubling vector's peak
// is three times its contents at a copy), and at most one block unused. For
// the per-person state that grows with people x periods.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace gapscore {

template <class T, std::size_t kBlockBits = 10>
class BlockVector {
 public:
  static constexpr std::size_t kBlock = std::size_t{1} << kBlockBits;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return blocks_[i >> kBlockBits][i & (kBlock - 1)]; }
  const T& operator[](std::size_t i) const { return blocks_[i >> kBlockBits][i & (kBlock - 1)]; }
  T& back() { return (*this)[size_ - 1]; }

  void push_back(T value) {
    if (size_ == blocks_.size() * kBlock) blocks_.push_back(std::make_unique<T[]>(kBlock));
    (*this)[size_++] = std::move(value);
  }
  T& emplace_back() {
    push_back(T{});
    return back();
  }
  // Grows to n elements (default ones) or keeps the first n. Slots past size()
  // always hold default elements, so growing only adds blocks.
  void resize(std::size_t n) {
    if (n <= size_) return truncate(n);
    while (blocks_.size() * kBlock < n) blocks_.push_back(std::make_unique<T[]>(kBlock));
    size_ = n;
  }
  // Keeps the first n elements (n <= size()); whole blocks past them are freed.
  void truncate(std::size_t n) {
    for (std::size_t i = n; i < size_; ++i) (*this)[i] = T{};
    size_ = n;
    blocks_.resize((n + kBlock - 1) / kBlock);
  }
  std::size_t memory_bytes() const { return blocks_.size() * kBlock * sizeof(T); }

  template <class V, class Owner>
  class Iterator {
   public:
    Iterator(Owner* owner, std::size_t i) : owner_(owner), i_(i) {}
    V& operator*() const { return (*owner_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const Iterator& o) const { return i_ == o.i_; }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    Owner* owner_;
    std::size_t i_;
  };
  Iterator<T, BlockVector> begin() { return {this, 0}; }
  Iterator<T, BlockVector> end() { return {this, size_}; }
  Iterator<const T, const BlockVector> begin() const { return {this, 0}; }
  Iterator<const T, const BlockVector> end() const { return {this, size_}; }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  std::size_t size_ = 0;
};

}  // namespace gapscore
