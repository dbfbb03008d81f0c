// The saved state's byte codec: varints round-trip every value, a cut or
// overlong varint is an error (never a read past the input), and a counting
// writer gives the exact size the real writer then writes.
#include "base/byte_codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace gapscore {
namespace {

const std::vector<std::int64_t> kSigned = {0, 1, -1, 63, -64, 64, -65, 1'000'000, -123'456'789'012,
                                           std::numeric_limits<std::int64_t>::max(),
                                           std::numeric_limits<std::int64_t>::min()};

TEST(ByteCodec, VarintsRoundTripAndSmallValuesTakeOneByte) {
  ByteWriter w;
  for (std::int64_t v : kSigned) w.zig(v);
  w.var(std::numeric_limits<std::uint64_t>::max());
  w.var(127);
  ByteReader r(w.bytes());
  for (std::int64_t v : kSigned) EXPECT_EQ(r.zig(), v);
  EXPECT_EQ(r.var(), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(r.var(), 127u);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.remaining(), 0u);

  ByteWriter small;
  small.zig(-64);
  small.zig(63);
  small.var(127);
  EXPECT_EQ(small.bytes().size(), 3u);
  ByteWriter ten;
  ten.zig(std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(ten.bytes().size(), 10u);
}

TEST(ByteCodec, CutOrOverlongVarintsAreErrors) {
  const std::string cut_bytes("\x80\x80", 2);  // continuation bits with nothing after them
  ByteReader cut(cut_bytes);
  EXPECT_EQ(cut.var(), 0u);
  EXPECT_FALSE(cut.ok());

  const std::string eleven_bytes = std::string(10, '\x80') + '\x01';  // more than 64 bits
  ByteReader eleven(eleven_bytes);
  (void)eleven.var();
  EXPECT_FALSE(eleven.ok());

  const std::string high_bytes = std::string(9, '\xff') + '\x02';  // the tenth byte may carry one bit only
  ByteReader high(high_bytes);
  (void)high.var();
  EXPECT_FALSE(high.ok());

  ByteWriter big;
  big.var(std::uint64_t{1} << 32);
  ByteReader r32(big.bytes());
  EXPECT_EQ(r32.var32(), 0u);  // a code must fit 32 bits
  EXPECT_FALSE(r32.ok());
}

TEST(ByteCodec, ACountingWriterGivesTheExactSize) {
  auto write = [](ByteWriter& w) {
    w.raw("GSPSTATE");
    w.u32(7);
    w.text("some text");
    for (std::int64_t v : kSigned) w.zig(v);
    w.u64(1);
    w.u8(2);
  };
  ByteWriter count = ByteWriter::counting();
  write(count);
  ByteWriter real;
  write(real);
  EXPECT_EQ(count.size(), real.bytes().size());
  EXPECT_TRUE(count.bytes().empty());  // it counts, it keeps nothing
  ByteWriter reserved;
  reserved.reserve(count.size());
  write(reserved);
  EXPECT_EQ(reserved.bytes(), real.bytes());
}

TEST(ByteCodec, GrowingWritersKeepEveryByte) {
  // Unreserved, then past a reservation that was too small: the room grows, nothing is lost.
  for (const std::size_t reserve : {std::size_t{0}, std::size_t{100}}) {
    ByteWriter w;
    w.reserve(reserve);
    for (std::int64_t i = -50'000; i < 50'000; ++i) w.zig(i * 977);
    w.text("end");
    ByteReader r(w.bytes());
    for (std::int64_t i = -50'000; i < 50'000; ++i) ASSERT_EQ(r.zig(), i * 977);
    EXPECT_EQ(r.text(), "end");
    EXPECT_EQ(r.remaining(), 0u);
  }
}

}  // namespace
}  // namespace gapscore
