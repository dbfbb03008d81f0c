#include "base/date.h"

#include <cstdio>

namespace gapscore {

std::int32_t days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

CivilDate civil_from_days(std::int32_t days) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{y + (m <= 2 ? 1 : 0), m, d};
}

namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool read_digits(std::string_view s, std::size_t pos, std::size_t count, unsigned& out) {
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  return true;
}

}  // namespace

std::optional<std::int32_t> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  unsigned y = 0, m = 0, d = 0;
  if (!read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, m) || !read_digits(s, 8, 2, d)) return std::nullopt;
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > days_in_month(static_cast<int>(y), m)) return std::nullopt;
  return days_from_civil(static_cast<int>(y), m, d);
}

bool iso_date_year_out_of_range(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  unsigned y = 0, m = 0, d = 0;
  if (!read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, m) || !read_digits(s, 8, 2, d)) return false;
  return (y < 1900 || y > 2999) && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(static_cast<int>(y), m);
}

std::string format_iso_date(std::int32_t days) {
  const CivilDate c = civil_from_days(days);
  if (c.year < 0 || c.year > 9999) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
    return buf;
  }
  // Digits written directly: every repeated key's diagnostic names its date,
  // and snprintf's format parsing was most of that message's cost in wasm.
  std::string s = "0000-00-00";
  const auto put = [&s](std::size_t end, unsigned v) {
    for (std::size_t i = end; v != 0; v /= 10) s[--i] = static_cast<char>('0' + v % 10);
  };
  put(4, static_cast<unsigned>(c.year));
  put(7, c.month);
  put(10, c.day);
  return s;
}

unsigned weekday_monday0(std::int32_t days) {
  // 1970-01-01 was a Thursday (Monday-based index 3).
  const int w = (days % 7 + 7 + 3) % 7;
  return static_cast<unsigned>(w);
}

std::int32_t iso_week_monday(std::int32_t days) { return days - static_cast<std::int32_t>(weekday_monday0(days)); }

std::string iso_week_label(std::int32_t days) {
  // The ISO year is the year of the week's Thursday.
  const std::int32_t thursday = iso_week_monday(days) + 3;
  const CivilDate c = civil_from_days(thursday);
  const std::int32_t jan1 = days_from_civil(c.year, 1, 1);
  const int week = (thursday - jan1) / 7 + 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", c.year, week);
  return buf;
}

std::int32_t month_start(std::int32_t days) {
  const CivilDate c = civil_from_days(days);
  return days_from_civil(c.year, c.month, 1);
}

std::string month_label(std::int32_t days) {
  const CivilDate c = civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u", c.year, c.month);
  return buf;
}

}  // namespace gapscore
