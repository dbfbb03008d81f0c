// base/stable_order.h gives std::stable_sort's order: equal keys keep their
// input order, at every size around the insertion runs and merge widths.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "base/stable_order.h"

namespace gapscore {
namespace {

TEST(StableOrder, MatchesStdStableSortWithManyTies) {
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  for (std::size_t n : {0u, 1u, 2u, 15u, 16u, 17u, 31u, 32u, 33u, 100u, 257u, 1000u, 4099u}) {
    for (std::uint32_t keys : {1u, 3u, 50u, 100000u}) {
      std::vector<std::pair<std::uint32_t, std::uint32_t>> v;  // (key, input position)
      for (std::uint32_t i = 0; i < n; ++i) v.push_back({next() % keys, i});
      auto expected = v;
      const auto by_key_desc = [](const auto& a, const auto& b) { return a.first > b.first; };
      std::stable_sort(expected.begin(), expected.end(), by_key_desc);
      stable_sort_by(v, by_key_desc);
      EXPECT_EQ(v, expected) << n << " elements, " << keys << " keys";
    }
  }
}

TEST(StableOrder, MovesElementsThatCannotBeCopied) {
  std::vector<std::unique_ptr<int>> v;
  for (int i : {3, 1, 2, 1}) v.push_back(std::make_unique<int>(i));
  const int* first_one = v[1].get();
  stable_sort_by(v, [](const auto& a, const auto& b) { return *a < *b; });
  EXPECT_EQ(*v[0], 1);
  EXPECT_EQ(v[0].get(), first_one);
  EXPECT_EQ(*v[3], 3);
}

}  // namespace
}  // namespace gapscore
