// Finding where a CSV line may end, eight bytes at a time. Inline so that
// tests check it directly against a plain scan.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace gapscore {

// The index of the first '\n', '"' or '\r' in p[0, n), or n: eight bytes at
// a time (a zero byte of x ^ c marks a c), the last eight overlapping the
// ones before. A skipped record is scanned only for its end: in wasm, where
// memchr goes 4 bytes at a time, three memchr calls (one per byte sought) are
// slower than this one pass. Natively AVX2 memchr is a little faster (a few
// ms a million skipped rows); one path serves both.
inline std::size_t first_line_special(const char* p, std::size_t n) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  // The lowest flag of each term is exact (a false flag only sits above a
  // true one), so the lowest flag of the three is the first special byte.
  const auto first_in_word = [](const char* at) -> int {
    std::uint64_t x;
    std::memcpy(&x, at, 8);
    if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
    const auto zero_bytes = [](std::uint64_t y) { return (y - kOnes) & ~y & kHighs; };
    const std::uint64_t found = zero_bytes(x ^ (kOnes * '\n')) | zero_bytes(x ^ (kOnes * '"')) | zero_bytes(x ^ (kOnes * '\r'));
    return found ? std::countr_zero(found) / 8 : -1;
  };
  if (n < 8) {
    for (std::size_t i = 0; i < n; ++i)
      if (p[i] == '\n' || p[i] == '"' || p[i] == '\r') return i;
    return n;
  }
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    if (const int k = first_in_word(p + i); k >= 0) return i + static_cast<std::size_t>(k);
  if (i == n) return n;
  // Bytes before i hold no special byte, so the first one here is at or after i.
  const int k = first_in_word(p + n - 8);
  return k >= 0 ? n - 8 + static_cast<std::size_t>(k) : n;
}

}  // namespace gapscore
