// Calendar dates as days since 1970-01-01 (proleptic Gregorian), with the
// ISO-week and month keys used for trends. Pure integer arithmetic
// (Howard Hinnant's civil-date algorithms), identical on every platform.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gapscore {

struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

std::int32_t days_from_civil(int year, unsigned month, unsigned day);
CivilDate civil_from_days(std::int32_t days);

// Parses exactly "YYYY-MM-DD" (years 1900..2999) and rejects impossible dates
// such as 2025-02-30. Returns days since 1970-01-01.
std::optional<std::int32_t> parse_iso_date(std::string_view text);
// A real YYYY-MM-DD date whose year lies outside 1900..2999 (for a precise message).
bool iso_date_year_out_of_range(std::string_view text);
std::string format_iso_date(std::int32_t days);

// 0 = Monday ... 6 = Sunday.
unsigned weekday_monday0(std::int32_t days);

// ISO 8601 week: the week's Monday (as days) and its label "2025-W03".
std::int32_t iso_week_monday(std::int32_t days);
std::string iso_week_label(std::int32_t days);
// Month: first day of the month (as days) and its label "2025-03".
std::int32_t month_start(std::int32_t days);
std::string month_label(std::int32_t days);

}  // namespace gapscore
