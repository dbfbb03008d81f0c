// Reading one date cell in a known format: per-row code, compiled for speed in
// wasm while the rest of date_formats.cpp (format names, detection, messages)
// is compiled for size (core/CMakeLists.txt).
#include "base/date.h"
#include "base/date_formats.h"

namespace gapscore {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// What may follow a date: a time (and zone), which is not part of the day.
// " 9:00", " 09:00:00 PM", "T09:00:00Z", "T09:00:00.123+02:00".
bool time_suffix(std::string_view rest) {
  if (rest.empty()) return true;
  if ((rest[0] != ' ' && rest[0] != 'T') || rest.size() < 2 || !digit(rest[1])) return false;
  for (char c : rest.substr(1)) {
    const bool ok = digit(c) || c == ':' || c == '.' || c == ' ' || c == '+' || c == '-' || c == 'Z' || c == 'z' ||
                    c == 'A' || c == 'a' || c == 'P' || c == 'p' || c == 'M' || c == 'm';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::int32_t> civil(unsigned y, unsigned m, unsigned d) {
  char buf[11] = {static_cast<char>('0' + y / 1000 % 10), static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10),   static_cast<char>('0' + y % 10),
                  '-',
                  static_cast<char>('0' + m / 10 % 10),   static_cast<char>('0' + m % 10),
                  '-',
                  static_cast<char>('0' + d / 10 % 10),   static_cast<char>('0' + d % 10),
                  0};
  if (y > 9999 || m > 99 || d > 99) return std::nullopt;
  return parse_iso_date(std::string_view(buf, 10));  // range and calendar checks in one place
}

std::optional<std::int32_t> read_serial(std::string_view s) { return excel_serial_to_days(s, false); }

}  // namespace

// Excel's day numbers: 1 = 1900-01-01. Excel also counts the 29th of February
// 1900, which never was (Lotus 1-2-3's bug): serial 60 is no date, and from 61
// on the days are counted from 1899-12-30. A fraction is the time of day. In
// the 1904 system (old Mac workbooks) 0 = 1904-01-01.
std::optional<std::int32_t> excel_serial_to_days(std::string_view s, bool date1904) {
  std::size_t i = 0;
  std::uint64_t n = 0;
  while (i < s.size() && digit(s[i])) {
    n = n * 10 + static_cast<std::uint64_t>(s[i] - '0');
    if (n > 10'000'000) return std::nullopt;
    ++i;
  }
  if (i == 0) return std::nullopt;
  if (i < s.size()) {
    if (s[i] != '.' || i + 1 == s.size()) return std::nullopt;
    for (std::size_t j = i + 1; j < s.size(); ++j)
      if (!digit(s[j])) return std::nullopt;
  }
  if (date1904) {
    const std::int32_t day = days_from_civil(1904, 1, 1) + static_cast<std::int32_t>(n);
    if (day > days_from_civil(2999, 12, 31)) return std::nullopt;
    return day;
  }
  if (n < 1 || n == 60) return std::nullopt;
  const std::int32_t base = n < 60 ? days_from_civil(1899, 12, 31) : days_from_civil(1899, 12, 30);
  const std::int32_t day = base + static_cast<std::int32_t>(n);
  if (day > days_from_civil(2999, 12, 31)) return std::nullopt;
  return day;
}

std::optional<std::int32_t> DateFormat::read(std::string_view text) const {
  const std::string_view s = date_detail::trim_blanks(text);
  switch (kind_) {
    case Kind::iso:
      if (s.size() < 10 || !time_suffix(s.substr(10))) return std::nullopt;
      return parse_iso_date(s.substr(0, 10));
    case Kind::serial: return read_serial(s);
    case Kind::pattern: break;
  }
  unsigned y = 0, m = 0, d = 0;
  std::size_t i = 0;
  auto number = [&](std::size_t min_digits, std::size_t max_digits, unsigned& out) {
    std::size_t n = 0;
    out = 0;
    while (i < s.size() && n < max_digits && digit(s[i])) {
      out = out * 10 + static_cast<unsigned>(s[i] - '0');
      ++i;
      ++n;
    }
    return n >= min_digits && !(i < s.size() && digit(s[i]));
  };
  for (const Part& p : parts_) {
    bool ok = true;
    switch (p.field) {
      case Field::year: ok = number(4, 4, y); break;
      case Field::month: ok = number(1, 2, m); break;
      case Field::month2: ok = number(2, 2, m); break;
      case Field::day: ok = number(1, 2, d); break;
      case Field::day2: ok = number(2, 2, d); break;
      case Field::separator: ok = i < s.size() && s[i] == p.separator; i += ok ? 1 : 0; break;
    }
    if (!ok) return std::nullopt;
  }
  if (!time_suffix(s.substr(i))) return std::nullopt;
  return civil(y, m, d);
}

}  // namespace gapscore
