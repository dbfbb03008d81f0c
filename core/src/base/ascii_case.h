// ASCII letter case. Ids, headers, file names and group names fold only A-Z:
// no locale, so the same on every platform and in wasm.
#pragma once

#include <string>
#include <string_view>

namespace gapscore {

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace gapscore
