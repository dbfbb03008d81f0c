// Hedges' g as the summary prints it: two places, or more where two would
// round it onto a band's bound (0.2, 0.5, 0.8), so that the number and the
// word beside it agree: -0.1996 is "-0.1996 (negligible)", not "-0.20 (negligible)".
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace gapscore::cli {

inline std::string effect_size_digits(double g) {
  for (const char* format : {"%+.2f", "%+.3f", "%+.4f", "%+.6f"}) {
    char text[32];
    std::snprintf(text, sizeof text, format, g);
    const double shown = std::fabs(std::strtod(text, nullptr));
    bool crosses = false;
    for (const double bound : {0.2, 0.5, 0.8}) crosses = crosses || ((std::fabs(g) < bound) != (shown < bound));
    if (!crosses) return text;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%+.9f", g);
  return text;
}

}  // namespace gapscore::cli
