// Date format names, their detection from a column's first values, and the
// messages; reading a cell in a known format is in date_read.cpp.
#include "base/date_formats.h"

#include <array>
#include <bit>

#include "base/date.h"

namespace gapscore {
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
  const std::string_view t = date_detail::trim_blanks(text);
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


bool DateDetector::observe(std::string_view value) {
  if (decided_) return true;
  const std::string_view v = date_detail::trim_blanks(value);
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
