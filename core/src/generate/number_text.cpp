#include "generate/number_text.h"

#include <cmath>

namespace gapscore::generate {

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  int n = 0;
  const bool negative = v < 0;
  std::uint64_t u = negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative) out.push_back('-');
  while (n > 0) out.push_back(buf[--n]);
}

void append_fixed(std::string& out, double v, int decimals) {
  static constexpr double kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  const double scaled = std::fabs(v) * kScale[decimals];
  auto units = static_cast<std::int64_t>(std::floor(scaled + 0.5));  // floor is exact
  if (v < 0 && units != 0) out.push_back('-');
  const std::int64_t den = static_cast<std::int64_t>(kScale[decimals]);
  append_int(out, units / den);
  std::int64_t frac = units % den;
  if (frac == 0) return;
  int width = decimals;
  while (frac % 10 == 0) {
    frac /= 10;
    --width;
  }
  out.push_back('.');
  std::string digits;
  append_int(digits, frac);
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out.push_back('0');
  out += digits;
}

}  // namespace gapscore::generate
