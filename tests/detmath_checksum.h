// FNV-1a over the bit patterns of every detmath function on a fixed grid: one
// number that changes when any output bit does. Shared by tests/detmath_test.cpp
// (which freezes it) and tests/wasm_parity/detmath_parity.cpp (which prints it
// from native and wasm builds).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include "base/detmath.h"

namespace gapscore::testing_util {

inline std::uint64_t detmath_checksum() {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](double v) {
    std::uint64_t u;
    std::memcpy(&u, &v, sizeof u);
    for (int i = 0; i < 8; ++i) {
      h ^= (u >> (8 * i)) & 0xFFu;
      h *= 0x100000001b3ULL;
    }
  };
  for (int i = -400; i <= 400; ++i) {
    const double x = i / 16.0;
    const double p = std::ldexp(1.0 + (i + 400) / 1024.0, i);  // 2^-400 .. 2^400
    mix(detmath::log(p));
    mix(detmath::log1p(x / 8.0));
    mix(detmath::exp(x));
    mix(detmath::expm1(x / 8.0));
    mix(detmath::lgamma(std::fabs(x) + 1.0 / 3.0));
    mix(detmath::erfc(x / 4.0));
    mix(detmath::normal_sf(x / 3.0));
    mix(detmath::student_t_sf(x / 4.0, 1.0 + (i + 400) % 37));
    mix(detmath::regularized_incomplete_beta(0.5 + (i + 400) % 13, 0.25 + (i + 400) % 29, (i + 400.5) / 801.0));
  }
  return h;
}

}  // namespace gapscore::testing_util
