// Number formatting for generated CSV without printf's float formatting:
// values are rounded to a fixed number of decimals with exact integer steps.
#pragma once

#include <cstdint>
#include <string>

namespace gapscore::generate {

void append_int(std::string& out, std::int64_t v);
// Rounds half away from zero to `decimals` places (0..6) and drops trailing zeros.
void append_fixed(std::string& out, double v, int decimals);

}  // namespace gapscore::generate
