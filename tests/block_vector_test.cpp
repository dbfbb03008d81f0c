// BlockVector: indices across block boundaries, growth without moving
// elements, truncation that frees blocks and leaves default slots behind.
#include "base/block_vector.h"

#include <gtest/gtest.h>

#include <string>

namespace gapscore {
namespace {

TEST(BlockVector, ElementsStayPutAcrossBlocksAndTruncationResetsSlots) {
  BlockVector<std::string, 2> v;  // blocks of 4
  for (int i = 0; i < 10; ++i) v.push_back(std::to_string(i));
  EXPECT_EQ(v.size(), 10u);
  EXPECT_EQ(v.memory_bytes(), 3 * 4 * sizeof(std::string));
  const std::string* fifth = &v[4];
  for (int i = 10; i < 40; ++i) v.push_back(std::to_string(i));
  EXPECT_EQ(&v[4], fifth);  // growing never moves an element
  std::string joined;
  for (const std::string& s : v) joined += s + ",";
  EXPECT_EQ(joined.substr(0, 20), "0,1,2,3,4,5,6,7,8,9,");
  v.truncate(5);
  EXPECT_EQ(v.size(), 5u);
  EXPECT_EQ(v.memory_bytes(), 2 * 4 * sizeof(std::string));
  v.resize(8);  // slots past the old size come back empty, not with old values
  EXPECT_EQ(v[5], "");
  EXPECT_EQ(v[7], "");
  EXPECT_EQ(v[4], "4");
  v.emplace_back() = "x";
  EXPECT_EQ(v.back(), "x");
  EXPECT_EQ(v.size(), 9u);
}

}  // namespace
}  // namespace gapscore
