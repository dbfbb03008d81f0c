#include "base/stable_order.h"

#include <algorithm>

namespace gapscore {

void stable_order(std::span<std::uint32_t> indices, IndexLess less) {
  const std::size_t n = indices.size();
  auto before = [&](std::uint32_t a, std::uint32_t b) { return less.less(less.context, a, b); };
  // Runs of 16 by insertion (an element moves only past greater ones), then
  // merges that take from the right run only when strictly smaller: stable.
  constexpr std::size_t kRun = 16;
  for (std::size_t b = 0; b < n; b += kRun) {
    const std::size_t e = std::min(b + kRun, n);
    for (std::size_t i = b + 1; i < e; ++i) {
      const std::uint32_t x = indices[i];
      std::size_t j = i;
      for (; j > b && before(x, indices[j - 1]); --j) indices[j] = indices[j - 1];
      indices[j] = x;
    }
  }
  if (n <= kRun) return;
  std::vector<std::uint32_t> buffer(n);
  std::uint32_t* from = indices.data();
  std::uint32_t* to = buffer.data();
  for (std::size_t width = kRun; width < n; width *= 2) {
    for (std::size_t b = 0; b < n; b += 2 * width) {
      const std::size_t mid = std::min(b + width, n), e = std::min(b + 2 * width, n);
      std::size_t i = b, j = mid, k = b;
      while (i < mid && j < e) to[k++] = before(from[j], from[i]) ? from[j++] : from[i++];
      while (i < mid) to[k++] = from[i++];
      while (j < e) to[k++] = from[j++];
    }
    std::swap(from, to);
  }
  if (from != indices.data()) std::copy(from, from + n, indices.data());
}

}  // namespace gapscore
