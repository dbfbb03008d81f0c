// Numbers as text for generated tables and report sentences. Numbers are written without printf's float
// formatting (whose rounding and digits are library-specific): values are
// rounded to a fixed number of decimals with exact steps and the digits are
// written here, so native and wasm builds write the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gapscore {

void append_int(std::string& out, std::int64_t v);
// v·10^decimals rounded half away from zero (the scaled double's exact
// fraction decides), written with at most `decimals` places (0..6), trailing
// zeros dropped: 2.5 → "2.5", 3.0 → "3", -0.001 at 2 places → "0".
// |v|·10^decimals must stay below 2^52.
void append_fixed(std::string& out, double v, int decimals);
// append_fixed as a string; values too large for exact steps (|v|·10^decimals
// ≥ 2^52) are written as whole numbers.
std::string fixed_text(double v, int decimals);
// fixed_text with all `decimals` digits after the point ("1.90", "2.00"): for
// figures read side by side, as "1.79 → 1.90".
std::string fixed_text_padded(double v, int decimals);
// A number as a person would type it: whole numbers without ".0", others as
// their shortest round-trip text (nlohmann's digit generation, not printf's).
std::string number_as_typed(double v);
// A share 0..1 as a whole percentage: 0.256 → "26%".
std::string percent_text(double share);
// `prefix` then `number` zero-padded to `width` digits: P00042.
void append_padded_id(std::string& out, char prefix, std::uint64_t number, std::uint32_t width);
// A CSV field, quoted per RFC 4180 only when it holds a comma, quote, CR or LF.
void append_csv_field(std::string& out, std::string_view text);

}  // namespace gapscore::generate
