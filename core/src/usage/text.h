// Text normalisation the usage readers share: identities (UPNs, emails,
// logins) and header names match case-insensitively, without outer blanks.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace gapscore::usage {

inline std::string lower_trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  std::string out;
  for (std::size_t i = b; i < e; ++i) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[i]))));
  return out;
}

}  // namespace gapscore::usage
