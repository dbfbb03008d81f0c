// The general number readers: any decimal form fast_float reads, a decimal
// comma, and the diagnostics. Rows of the common form never get here (the
// plain readers in cell_parse.cpp take them), so in wasm this file is
// compiled for size (core/CMakeLists.txt): fast_float inlined is 11 KB.
#include <cmath>
#include <cstring>

#include <fast_float/fast_float.h>

#include "ingest/cell_parse.h"

namespace gapscore::ingest {
namespace {

bool looks_non_finite(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return iequals(s, "nan") || iequals(s, "inf") || iequals(s, "infinity");
}

constexpr const char* kNotANumber = "is not a number";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool has_currency_sign(std::string_view s) {
  for (std::string_view sign : {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5"})  // $ € £ ¥
    if (s.starts_with(sign) || s.ends_with(sign) || (s.size() > 1 && s.substr(1).starts_with(sign))) return true;
  return false;
}

// A space, no-break space or narrow no-break space between two digits ("1 200").
bool digits_spaced(std::string_view s) {
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (!is_digit(s[i - 1])) continue;
    const std::size_t width = s[i] == ' ' ? 1 : no_break_space_at(s, i) ? 2 : s.substr(i).starts_with("\xE2\x80\xAF") ? 3 : 0;
    if (width != 0 && i + width < s.size() && is_digit(s[i + width])) return true;
  }
  return false;
}

// Why a cell the number reader refused is not a number, when a common export
// habit explains it, so the person fixing the file knows what to change.
const char* not_a_number(std::string_view s) {
  if (has_currency_sign(s)) return "is not a number: write amounts without a currency sign";
  if (s.ends_with('%')) return "is not a number: write a percentage as a fraction (88% is 0.88)";
  const std::size_t colon = s.find(':');
  if (colon != std::string_view::npos && colon > 0 && is_digit(s[colon - 1]))
    return "is not a number: write times as decimal hours (1:30 is 1.5)";
  if (thousands_grouped(s.substr(0, s.find('.')), ','))
    return "is not a number: write it without thousands separators (1200.50, not 1,200.50)";
  if (digits_spaced(s)) return "is not a number: write it without spaces between digits";
  if (!s.empty() && (is_digit(s[0]) || s[0] == '.') && ((s.back() | 0x20) >= 'a' && (s.back() | 0x20) <= 'z'))
    return "is not a number: write the number without its unit";
  return kNotANumber;
}

}  // namespace

bool thousands_grouped(std::string_view s, char separator) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  const std::size_t dot = s.find(separator);
  // The leading group: 1 to 3 digits, not a lone 0 ("0.125" is a decimal).
  if (dot == std::string_view::npos || dot == 0 || dot > 3 || s[0] == '0') return false;
  for (std::size_t i = 0; i < dot; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  // Then ".ddd" groups to the end.
  if ((s.size() - dot) % 4 != 0) return false;
  for (std::size_t i = dot; i < s.size(); i += 4) {
    if (s[i] != separator) return false;
    for (std::size_t j = i + 1; j < i + 4; ++j)
      if (s[j] < '0' || s[j] > '9') return false;
  }
  return true;
}

bool parse_number(std::string_view text, bool decimal_comma, double& out, CellError& err) {
  std::string_view s = trim(text);
  if (decimal_comma && thousands_grouped(s, '.')) {
    err = {DiagCode::ambiguous_number, "has a dot that may group thousands or mark decimals; in a file with decimal commas write it without the dot or with a comma"};
    return false;
  }
  if (decimal_comma && thousands_grouped(s, ',')) {
    // Semicolon files come with either mark: "1,250" is 1.25 in one and 1250 in the other.
    err = {DiagCode::ambiguous_number, "has a comma that may group thousands or mark decimals; write thousands without a separator (1250) and decimals with one or two places or with a dot (1,25 or 1.25)"};
    return false;
  }
  if (parse_plain_decimal(s, out)) return true;
  if (looks_non_finite(s)) {
    err = {DiagCode::non_finite, "is not a finite number"};
    return false;
  }
  char local[64];
  if (decimal_comma && s.size() < sizeof local && s.find(',') != std::string_view::npos &&
      s.find('.') == std::string_view::npos) {
    std::memcpy(local, s.data(), s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
      if (local[i] == ',') local[i] = '.';
    s = std::string_view(local, s.size());
  }
  if (!s.empty() && s[0] == '+') {
    s.remove_prefix(1);
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s = std::string_view();  // "+-1" is not a number
  }
  const auto res = fast_float::from_chars(s.data(), s.data() + s.size(), out);
  if (res.ptr != s.data() + s.size() || s.empty() || res.ec != std::errc()) {
    if (res.ec == std::errc::result_out_of_range && res.ptr == s.data() + s.size()) {
      err = {DiagCode::out_of_range, "is too large to represent"};
      return false;
    }
    err = {DiagCode::invalid_number, not_a_number(trim(text))};
    return false;
  }
  if (!std::isfinite(out)) {
    err = {DiagCode::out_of_range, "is too large to represent"};
    return false;
  }
  if (out == 0.0) out = 0.0;  // no negative zero
  return true;
}

bool parse_integer(std::string_view text, bool decimal_comma, std::int32_t& out, CellError& err) {
  std::string_view s = trim(text);
  if (parse_plain_integer(s, out)) return true;
  double d = 0;
  if (!parse_number(s, decimal_comma, d, err)) {
    if (err.code == DiagCode::invalid_number)
      err = {DiagCode::invalid_integer, err.problem == kNotANumber ? "is not a whole number" : err.problem};
    return false;
  }
  if (d != std::floor(d)) {
    err = {DiagCode::invalid_integer, "is not a whole number"};
    return false;
  }
  if (d < -2147483647.0 || d > 2147483647.0) {
    err = {DiagCode::out_of_range, "is outside the supported integer range"};
    return false;
  }
  out = static_cast<std::int32_t>(d);
  return true;
}

}  // namespace gapscore::ingest
