// One accented Latin letter, two ways of writing it: precomposed ("é", U+00E9:
// what keyboards type, Unicode NFC) or a base letter and a combining accent
// ("e" + U+0301: how some macOS tools and exports write it, NFD). They look the
// same in every report and spreadsheet, so team, role and task-type names
// written both ways must not become two groups.
#pragma once

#include <string>
#include <string_view>

namespace gapscore {

// Whether s may hold a combining accent (U+0300..U+036F: the UTF-8 lead bytes
// CC and CD). The common name is ASCII and answers at the first check.
inline bool may_hold_combining_mark(std::string_view s) {
  unsigned char any = 0;
  for (const char c : s) any |= static_cast<unsigned char>(c);
  return (any & 0x80) != 0 && (s.find('\xCC') != std::string_view::npos || s.find('\xCD') != std::string_view::npos);
}

// s with each ASCII letter that is followed by a combining accent written as the
// one precomposed letter of U+00C0..U+017F that Unicode composes them into (NFC of
// the pair). Anything else stays as written, so the result is always the same text
// in Unicode's sense. Returns s itself when nothing changes, else a view of `out`.
std::string_view compose_latin(std::string_view s, std::string& out);

}  // namespace gapscore
