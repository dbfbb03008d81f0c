#include "ingest/cell_parse.h"

#include "base/ascii_case.h"

#include <bit>
#include <cmath>
#include <cstring>

#include "base/date.h"

namespace gapscore::ingest {
namespace {

// Powers of ten: exact doubles (the divisors of both decimal readers) and
// integers (to x 10^6).
constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
constexpr std::uint64_t kPow10Int[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

// One reader for both decimal marks; `Mark` is '.' or ','. With NeedsMark a
// cell without the mark (a whole number) is not taken.
template <char Mark, bool NeedsMark>
bool plain_decimal(std::string_view s, double& out, std::int64_t* micros) {
  // The most digits (as one integer) with `places` decimals whose value x 10^6 stays below 2^50.
  static constexpr std::uint64_t kMicrosLimit[] = {
      (std::uint64_t{1} << 50) / 1000000, (std::uint64_t{1} << 50) / 100000, (std::uint64_t{1} << 50) / 10000,
      (std::uint64_t{1} << 50) / 1000,    (std::uint64_t{1} << 50) / 100,    (std::uint64_t{1} << 50) / 10,
      std::uint64_t{1} << 50};
  const char* p = s.data();
  const char* const end = p + s.size();
  const bool negative = p < end && *p == '-';
  p += negative;
  // Wraps for more than 19 digits, but more than 15 is refused below anyway.
  std::uint64_t digits = 0;
  const char* const int_start = p;
  while (p < end && static_cast<unsigned char>(*p - '0') < 10) digits = digits * 10 + static_cast<std::uint64_t>(*p++ - '0');
  const auto int_digits = static_cast<int>(p - int_start);
  int fraction = -1;  // digits after the '.', -1 = no '.'
  if (p < end && *p == Mark) {
    const char* const fraction_start = ++p;
    while (p < end && static_cast<unsigned char>(*p - '0') < 10) digits = digits * 10 + static_cast<std::uint64_t>(*p++ - '0');
    fraction = static_cast<int>(p - fraction_start);
  }
  // "5." and ".5" are numbers to the general parser too, but rare: let it decide.
  const int count = int_digits + (fraction > 0 ? fraction : 0);
  if (p != end || count == 0 || count > 15 || fraction == 0 || (fraction > 0 && int_digits == 0) || (NeedsMark && fraction < 0))
    return false;
  double v = static_cast<double>(digits);
  if (fraction > 0) v /= kPow10[fraction];
  out = negative && v != 0.0 ? -v : v;  // no negative zero
  if (micros) {
    // digits * 10^(6 - places) is the exact value x 10^6. Below 2^50 it is
    // also what rounding out * 10^6 gives (two correctly rounded operations
    // stay within half a unit there), so both ways agree.
    const int places = fraction < 0 ? 0 : fraction;
    *micros = kNoMicros;
    if (places <= 6 && digits <= kMicrosLimit[places]) {
      const auto m = static_cast<std::int64_t>(digits * kPow10Int[6 - places]);
      *micros = negative ? -m : m;
    }
  }
  return true;
}

}  // namespace

std::string_view trim_edges(std::string_view s) {
  std::size_t b = 0, e = s.size();
  for (std::size_t n = 1; n != 0;) {
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    n = b < e ? invisible_at(s.substr(0, e), b) : 0;
    if (n == 0 && b < e && no_break_space_at(s.substr(0, e), b)) n = 2;
    b += n;
  }
  for (std::size_t n = 1; n != 0;) {
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    e -= n = e - b >= 3 && invisible_at(s, e - 3) ? 3 : e - b >= 2 && no_break_space_at(s, e - 2) ? 2 : 0;
  }
  return s.substr(b, e - b);
}

bool parse_plain_decimal(std::string_view s, double& out, std::int64_t* micros) {
  return plain_decimal<'.', false>(s, out, micros);
}

// Out of line: few files need it, and the plain path of the others stays small.
[[gnu::noinline]] bool parse_comma_decimal(std::string_view s, double& out, std::int64_t& micros) {
  return plain_decimal<',', true>(s, out, &micros) && !grouped_once(s, ',');
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}



bool parse_short_decimal(const char* p, std::size_t n, double& out, std::int64_t& micros) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  if (n == 0 || n > 8) return false;
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  // Byte i of w is p[i]; only the first n count.
  const std::uint64_t keep = n == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * n)) - 1;
  // A digit's high nibble is 3 and its low nibble at most 9 (adding 6 keeps
  // the high nibble). A carry out of a byte of 0xFA or more only flags the
  // byte above, never clears a flag: no byte passes that is not a digit.
  const std::uint64_t high = (w & (kOnes * 0xF0)) ^ (kOnes * 0x30);
  const std::uint64_t nines = ((w + kOnes * 0x06) & (kOnes * 0xF0)) ^ (kOnes * 0x30);
  std::uint64_t other = (high | nines) & keep;  // nonzero bytes: not digits
  std::uint64_t values = (w ^ (kOnes * 0x30)) & keep;  // digits' values in their bytes
  std::size_t digits = n;
  int fraction = 0;
  if (other) {
    // One '.', with digits before and after it.
    const int dot = std::countr_zero(other) / 8;
    const std::uint64_t below = (std::uint64_t{1} << (8 * dot)) - 1;
    const std::uint64_t dot_byte = std::uint64_t{0xFF} << (8 * dot);
    if (((w >> (8 * dot)) & 0xFF) != '.' || (other & ~below & ~dot_byte) != 0) return false;
    if (dot == 0 || static_cast<std::size_t>(dot) + 1 == n) return false;
    values = (values & below) | ((values >> 8) & ~below);  // the digits after the '.' move down a byte
    digits = n - 1;
    fraction = static_cast<int>(n) - dot - 1;
  }
  // The digits (first one most significant) right-aligned in eight, then
  // combined pairwise: 8 digits in three multiplies.
  std::uint64_t x = values << (8 * (8 - digits));
  x = (x * 10) + (x >> 8);
  x = (((x & 0x000000FF000000FFULL) * 0x000F424000000064ULL) + (((x >> 16) & 0x000000FF000000FFULL) * 0x0000271000000001ULL)) >> 32;
  const auto value = static_cast<std::uint32_t>(x);
  double v = static_cast<double>(value);
  if (fraction > 0) v /= kPow10[fraction];
  out = v;
  // At most 8 digits and 6 decimals: value x 10^(6 - fraction) < 10^14 < 2^50,
  // so parse_plain_decimal gives this value too.
  micros = static_cast<std::int64_t>(value * kPow10Int[6 - fraction]);
  return true;
}

bool parse_date(std::string_view text, std::int32_t& out, CellError& err) {
  const auto d = parse_iso_date(trim(text));
  if (!d) {
    err = {DiagCode::invalid_date, iso_date_year_out_of_range(trim(text))
                                       ? "has a year outside the supported range 1900-2999"
                                       : "is not a date in YYYY-MM-DD form"};
    return false;
  }
  out = *d;
  return true;
}

bool parse_bool(std::string_view text, std::int8_t& out, CellError& err) {
  const std::string_view s = trim(text);
  if (iequals(s, "true") || iequals(s, "yes") || iequals(s, "y") || s == "1") {
    out = 1;
    return true;
  }
  if (iequals(s, "false") || iequals(s, "no") || iequals(s, "n") || s == "0") {
    out = 0;
    return true;
  }
  err = {DiagCode::invalid_bool, "is not true or false"};
  return false;
}

bool parse_work_mode(std::string_view text, std::int8_t& out, CellError& err) {
  const std::string_view s = trim(text);
  if (iequals(s, "onsite") || iequals(s, "on-site") || iequals(s, "office")) {
    out = static_cast<std::int8_t>(WorkMode::onsite);
  } else if (iequals(s, "hybrid")) {
    out = static_cast<std::int8_t>(WorkMode::hybrid);
  } else if (iequals(s, "remote")) {
    out = static_cast<std::int8_t>(WorkMode::remote);
  } else {
    err = {DiagCode::invalid_enum, "is not a work mode (expected onsite, hybrid or remote)"};
    return false;
  }
  return true;
}

bool to_fixed(double v, std::int64_t& out) {
  const double scaled = v * 1e6;
  const double r = scaled < 0 ? -std::floor(-scaled + 0.5) : std::floor(scaled + 0.5);
  if (!(r > -9.2e18 && r < 9.2e18)) return false;
  out = static_cast<std::int64_t>(r);
  return true;
}

}  // namespace gapscore::ingest
