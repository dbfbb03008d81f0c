// One accented Latin letter, two ways of writing it: precomposed ("é", U+00E9:
// what keyboards type, Unicode NFC) or a base letter and a combining accent
// ("e" + U+0301: how some macOS tools and exports write it, NFD). They look the
// same in every report and spreadsheet, so team, role and task-type names
// written both ways must not become two groups.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace gapscore {

namespace latin_nfc_detail {

// The bytes of p[0, N) ORed into one word: only their high bits matter, so
// byte order does not.
template <std::size_t N>
inline std::uint64_t high_bits_of(const char* p) {
  std::conditional_t<N == 8, std::uint64_t, std::uint32_t> word;
  std::memcpy(&word, p, N);
  return word;
}

}  // namespace latin_nfc_detail

// Whether s may hold a combining accent (U+0300..U+036F: the UTF-8 lead bytes
// CC and CD). The common name is ASCII and answers at the first check, taken a
// word at a time with overlapping loads that never read outside s: every row's
// person_id and name cells ask it, so the common answer must be cheap.
inline bool may_hold_combining_mark(std::string_view s) {
  using latin_nfc_detail::high_bits_of;
  const char* p = s.data();
  const std::size_t n = s.size();
  std::uint64_t any = 0;
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) any |= high_bits_of<8>(p + i);
    any |= high_bits_of<8>(p + n - 8);
  } else if (n >= 4) {
    any = high_bits_of<4>(p) | high_bits_of<4>(p + n - 4);
  } else if (n > 0) {
    any = static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) | static_cast<unsigned char>(p[n - 1]);
  }
  return (any & 0x8080808080808080ULL) != 0 && (s.find('\xCC') != std::string_view::npos || s.find('\xCD') != std::string_view::npos);
}

// s with each ASCII letter that is followed by a combining accent written as the
// one precomposed letter of U+00C0..U+017F that Unicode composes them into (NFC of
// the pair). Anything else stays as written, so the result is always the same text
// in Unicode's sense. Returns s itself when nothing changes, else a view of `out`.
std::string_view compose_latin(std::string_view s, std::string& out);

}  // namespace gapscore
