// Equality of two short texts (ids, task types, team names), inline. In wasm
// `==` on strings calls memcmp, which compares a byte at a time after the
// call; a row compares several such texts.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace gapscore {

namespace same_text_detail {

template <typename Word>
inline bool same_word(const char* p, const char* q) {
  Word x, y;
  std::memcpy(&x, p, sizeof x);
  std::memcpy(&y, q, sizeof y);
  return x == y;
}

}  // namespace same_text_detail

inline bool same_text(std::string_view a, std::string_view b) {
  using same_text_detail::same_word;
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  // Words of 8 and the last 8 (overlapping the one before); two words of 4
  // below 8 bytes; bytes below 4.
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (!same_word<std::uint64_t>(p + i, q + i)) return false;
    return same_word<std::uint64_t>(p + n - 8, q + n - 8);
  }
  if (n >= 4) return same_word<std::uint32_t>(p, q) && same_word<std::uint32_t>(p + n - 4, q + n - 4);
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
}

}  // namespace gapscore
