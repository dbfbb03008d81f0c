// Sorting (key, index) pairs, the bytes of the key at a time. For the large
// sorts whose keys are ranks or order keys (period cells, task cells, ranks of
// values): a few passes over the data, no comparisons to mispredict, which
// counts most in wasm. The pairs are made in index order (the second of each
// is its position), so keeping equal keys in their order (a stable sort) gives
// what std::sort of the pairs gives, whatever the size.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace gapscore {

// Least significant byte first; a byte every key shares is skipped (ranks
// and keys of values of one scale share most of theirs). Below 256 pairs a
// comparison sort is quicker than the passes' counters.
inline void sort_pairs_by_key(std::vector<std::pair<std::uint64_t, std::uint32_t>>& pairs) {
  if (pairs.size() < 256) {
    std::sort(pairs.begin(), pairs.end());
    return;
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> spare(pairs.size());
  for (int shift = 0; shift < 64; shift += 8) {
    std::size_t count[256] = {};
    for (const auto& e : pairs) ++count[(e.first >> shift) & 0xFF];
    if (count[(pairs.front().first >> shift) & 0xFF] == pairs.size()) continue;
    std::size_t at = 0;
    for (std::size_t& c : count) {
      const std::size_t here = c;
      c = at;
      at += here;
    }
    for (const auto& e : pairs) spare[count[(e.first >> shift) & 0xFF]++] = e;
    pairs.swap(spare);
  }
}

}  // namespace gapscore
