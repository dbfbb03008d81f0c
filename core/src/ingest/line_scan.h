// Finding where a CSV line or field may end, eight bytes at a time. Inline so that
// tests check it directly against a plain scan.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace gapscore {

namespace line_scan_detail {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;

// The high bit of each zero byte of y, and of no other: (y & 0x7f) + 0x7f
// carries into a byte's high bit unless its low bits are all zero, and never
// into the next byte.
constexpr std::uint64_t zero_bytes(std::uint64_t y) {
  constexpr std::uint64_t kLows = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((y & kLows) + kLows) | y | kLows);
}

// The eight bytes at `at` as one word, the first byte lowest on any machine.
inline std::uint64_t load_word(const char* at) {
  std::uint64_t x;
  std::memcpy(&x, at, 8);
  if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
  return x;
}

// Flags at the bytes of the eight at `at` that are '\n', '"', '\r' or (when
// kField) the delimiter, whose byte is repeated in `delimiters`.
template <bool kField>
inline std::uint64_t special_flags(const char* at, std::uint64_t delimiters) {
  const std::uint64_t x = load_word(at);
  std::uint64_t found = zero_bytes(x ^ (kOnes * '\n')) | zero_bytes(x ^ (kOnes * '"')) | zero_bytes(x ^ (kOnes * '\r'));
  if constexpr (kField) found |= zero_bytes(x ^ delimiters);
  return found;
}

// The index of the first special byte in p[0, n), or n: eight bytes at a time
// (a zero byte of x ^ c marks a c), the last eight overlapping the ones before.
template <bool kField>
inline std::size_t first_special(const char* p, std::size_t n, char delimiter) {
  const auto special = [delimiter](char c) { return c == '\n' || c == '"' || c == '\r' || (kField && c == delimiter); };
  if (n < 8) {
    for (std::size_t i = 0; i < n; ++i)
      if (special(p[i])) return i;
    return n;
  }
  const std::uint64_t delimiters = kOnes * static_cast<unsigned char>(delimiter);  // see repeated_byte
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    if (const std::uint64_t f = special_flags<kField>(p + i, delimiters)) return i + std::countr_zero(f) / 8;
  if (i == n) return n;
  // Bytes before i hold no special byte, so the first one here is at or after i.
  const std::uint64_t f = special_flags<kField>(p + n - 8, delimiters);
  return f ? n - 8 + std::countr_zero(f) / 8 : n;
}

// The index of the first byte c in p[0, n), or n: as first_special, for one byte.
inline std::size_t first_byte(const char* p, std::size_t n, char c) {
  std::size_t i = 0;
  const std::uint64_t cs = kOnes * static_cast<unsigned char>(c);
  for (; i + 8 <= n; i += 8)
    if (const std::uint64_t f = zero_bytes(load_word(p + i) ^ cs)) return i + std::countr_zero(f) / 8;
  for (; i < n; ++i)
    if (p[i] == c) return i;
  return n;
}

}  // namespace line_scan_detail

// A byte repeated in all eight bytes of a word (the `delimiters` below).
constexpr std::uint64_t repeated_byte(char c) { return line_scan_detail::kOnes * static_cast<unsigned char>(c); }

// A flag (the high bit of its byte) at each of the eight bytes at `at` that is
// '\n', '"', '\r' or the delimiter, and at no other: the field ends of a
// stretch of a line, found without waiting for the ones before.
inline std::uint64_t field_end_flags(const char* at, std::uint64_t delimiters) {
  return line_scan_detail::special_flags<true>(at, delimiters);
}

// The index of the first '\n', '"' or '\r' in p[0, n), or n. A skipped
// record is scanned only for its end: in wasm, where memchr goes 4 bytes at a
// time, three memchr calls (one per byte sought) are slower than this one
// pass. Natively AVX2 memchr is a little faster (a few ms a million skipped
// rows); one path serves both.
inline std::size_t first_line_special(const char* p, std::size_t n) {
  return line_scan_detail::first_special<false>(p, n, '\n');
}

// The index of the first '"' in p[0, n), or n: where a quoted field's text
// ends. Exporters that quote every field make it one call a field; in wasm,
// memchr's call and alignment cost more than a short field's scan.
inline std::size_t first_quote(const char* p, std::size_t n) { return line_scan_detail::first_byte(p, n, '"'); }

}  // namespace gapscore
