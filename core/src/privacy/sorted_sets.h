// Sets of people as sorted vectors of person indices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gapscore::privacy {

// How many people are in exactly one of two sorted sets (|a Δ b|), in one merge pass.
inline std::size_t symmetric_difference(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++i;
      ++j;
    } else {
      ++n;
      (a[i] < b[j] ? i : j) += 1;
    }
  }
  return n + (a.size() - i) + (b.size() - j);
}

}  // namespace gapscore::privacy
