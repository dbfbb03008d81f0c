// One stable sort for the whole program. Every std::stable_sort with its own
// comparator is its own merge sort in the wasm module (about 5 KB each, a
// dozen of them); this one is compiled once and takes the comparison through
// a function pointer. The order is the stable order: the same as
// std::stable_sort's, on any platform.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace gapscore {

// "Does index a come before index b?", without a template per comparator.
struct IndexLess {
  const void* context;
  bool (*less)(const void* context, std::uint32_t a, std::uint32_t b);
};

// Sorts the indices stably by `less`.
void stable_order(std::span<std::uint32_t> indices, IndexLess less);

// std::stable_sort(v.begin(), v.end(), less), through stable_order.
template <class T, class Less>
void stable_sort_by(std::vector<T>& v, const Less& less) {
  if (v.size() < 2) return;
  std::vector<std::uint32_t> order(v.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto by_value = [&](std::uint32_t a, std::uint32_t b) { return less(v[a], v[b]); };
  using ByValue = decltype(by_value);
  stable_order(order, {&by_value, [](const void* f, std::uint32_t a, std::uint32_t b) {
                         return (*static_cast<const ByValue*>(f))(a, b);
                       }});
  std::vector<T> sorted;
  sorted.reserve(v.size());
  for (std::uint32_t i : order) sorted.push_back(std::move(v[i]));
  v = std::move(sorted);
}

}  // namespace gapscore
