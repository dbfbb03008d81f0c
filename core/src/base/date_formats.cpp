#include "base/date_formats.h"

#include <array>
#include <bit>

#include "base/date.h"

namespace gapscore {
namespace {

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

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

namespace {

constexpr std::array<std::string_view, 8> kCandidates = {"iso",      "YYYY/M/D", "M/D/YYYY", "D/M/YYYY",
                                                         "D.M.YYYY", "M-D-YYYY", "D-M-YYYY", "excel_serial"};

const std::array<DateFormat, 8>& candidate_formats() {
  static const std::array<DateFormat, 8> formats = [] {
    std::array<DateFormat, 8> f;
    for (std::size_t i = 0; i < kCandidates.size(); ++i) f[i] = *DateFormat::parse(kCandidates[i]);
    return f;
  }();
  return formats;
}

}  // namespace

DateFormat DateFormat::iso() { return DateFormat(); }

std::optional<DateFormat> DateFormat::parse(std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<DateFormat> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  DateFormat f;
  const std::string_view t = trim_blanks(text);
  if (t == "iso" || t == "YYYY-MM-DD") return f;
  if (t == "excel_serial") {
    f.kind_ = Kind::serial;
    f.name_ = "excel_serial";
    return f;
  }
  f.kind_ = Kind::pattern;
  f.name_ = std::string(t);
  int years = 0, months = 0, days = 0;
  for (std::size_t i = 0; i < t.size();) {
    const std::string_view rest = t.substr(i);
    if (rest.substr(0, 4) == "YYYY") {
      f.parts_.push_back({Field::year, 0});
      ++years;
      i += 4;
    } else if (rest.substr(0, 2) == "MM") {
      f.parts_.push_back({Field::month2, 0});
      ++months;
      i += 2;
    } else if (rest[0] == 'M') {
      f.parts_.push_back({Field::month, 0});
      ++months;
      i += 1;
    } else if (rest.substr(0, 2) == "DD") {
      f.parts_.push_back({Field::day2, 0});
      ++days;
      i += 2;
    } else if (rest[0] == 'D') {
      f.parts_.push_back({Field::day, 0});
      ++days;
      i += 1;
    } else if (rest[0] == '-' || rest[0] == '/' || rest[0] == '.') {
      if (f.parts_.empty() || f.parts_.back().field == Field::separator) return fail("separators must stand between fields");
      f.parts_.push_back({Field::separator, rest[0]});
      i += 1;
    } else {
      return fail("\"" + std::string(rest.substr(0, 1)) +
                  "\" is not a date token (use YYYY, MM, M, DD, D with - / . between them, or iso, excel_serial)");
    }
  }
  if (years != 1 || months != 1 || days != 1) return fail("needs YYYY, a month (M or MM) and a day (D or DD), once each");
  for (std::size_t i = 1; i < f.parts_.size(); ++i)
    if (f.parts_[i].field != Field::separator && f.parts_[i - 1].field != Field::separator)
      return fail("fields must be separated by - / or .");
  if (f.parts_.back().field == Field::separator) return fail("must not end with a separator");
  return f;
}

std::optional<std::int32_t> DateFormat::read(std::string_view text) const {
  const std::string_view s = trim_blanks(text);
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

bool DateDetector::observe(std::string_view value) {
  if (decided_) return true;
  const std::string_view v = trim_blanks(value);
  if (v.empty()) return false;
  ++values_;
  std::uint32_t fits = 0;
  const auto& formats = candidate_formats();
  for (std::size_t i = 0; i < formats.size(); ++i)
    if (formats[i].read(v)) fits |= 1u << i;
  if (fits != 0) {
    const std::uint32_t narrowed = mask_ == 0 ? fits : mask_ & fits;
    if (narrowed != 0) mask_ = narrowed;  // else it contradicts the family: a row diagnostic later
  }
  if (mask_ != 0 && std::popcount(mask_) == 1) {
    decided_ = formats[static_cast<std::size_t>(std::countr_zero(mask_))];
    return true;
  }
  if (mask_ != 0 && fits != 0 && samples_.size() < 3) {
    bool known = false;
    for (const std::string& s : samples_) known = known || s == v;
    if (!known) samples_.emplace_back(v);
  }
  return false;
}

std::vector<std::string> DateDetector::candidates() const {
  std::vector<std::string> out;
  if (decided_) return out;
  for (std::size_t i = 0; i < kCandidates.size(); ++i)
    if (mask_ & (1u << i)) out.emplace_back(kCandidates[i]);
  return out;
}

std::string ambiguous_date_message(const std::string& table, const std::string& column, const DateDetector& d) {
  const std::vector<std::string> c = d.candidates();
  std::string options;
  for (std::size_t i = 0; i < c.size(); ++i) options += (i ? (i + 1 == c.size() ? " or " : ", ") : "") + c[i];
  std::string samples;
  for (const std::string& s : d.samples()) samples += (samples.empty() ? "" : ", ") + ("\"" + s + "\"");
  return table + ": the dates in column \"" + column + "\" could be " + options + " (in the first " +
         std::to_string(d.values_seen()) + " values every day and month is 12 or less, e.g. " + samples +
         "); gapscore does not guess. Set the format in the config, e.g. {\"date_formats\": {\"" + table + "\": \"" +
         (c.empty() ? std::string("M/D/YYYY") : c.front()) + "\"}}";
}

}  // namespace gapscore
