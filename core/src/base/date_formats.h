// Dates as HR systems export them (docs/input-format.md, "Dates"): ISO dates
// and date-times, M/D/YYYY, D/M/YYYY, D.M.YYYY, YYYY/MM/DD and Excel serial
// day numbers. A format is set per table (config.date_formats) or detected from
// the first values of a column; ambiguous values (every day and month 12 or
// less, so 03/01/2025 could be March or January) are an error that says how to
// set the format, never a guess.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gapscore {

namespace date_detail {
// A cell without its leading and trailing spaces and tabs.
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace date_detail

// An Excel serial day number ("45678", "45678.25": the fraction is the time,
// ignored) as days since 1970; date1904: the workbook counts from 1904-01-01.
std::optional<std::int32_t> excel_serial_to_days(std::string_view text, bool date1904);

// A date format: "iso" (YYYY-MM-DD, optionally with a time and zone; the date
// as written), "excel_serial", or a pattern of the tokens YYYY, MM, M, DD, D
// and the separators - / . (M and D take one or two digits, MM and DD two).
// Patterns accept a time after the date (" 9:00", "T09:00:00Z"), ignored.
class DateFormat {
 public:
  // nullopt with `why` for an unknown or malformed format text.
  static std::optional<DateFormat> parse(std::string_view text, std::string* why = nullptr);
  static DateFormat iso();

  const std::string& name() const { return name_; }
  bool is_iso() const { return kind_ == Kind::iso; }
  // Days since 1970 when `text` (trimmed) is a real calendar date (years 1900..2999) in this format.
  std::optional<std::int32_t> read(std::string_view text) const;

 private:
  enum class Kind : std::uint8_t { iso, serial, pattern };
  enum class Field : std::uint8_t { year, month, month2, day, day2, separator };
  struct Part {
    Field field;
    char separator;
  };
  Kind kind_ = Kind::iso;
  std::string name_ = "iso";
  std::vector<Part> parts_;
};

// Detects a column's format from its values, in order. Each value narrows the
// candidates (iso, YYYY/M/D, M/D/YYYY, D/M/YYYY, D.M.YYYY, M-D-YYYY, D-M-YYYY,
// excel_serial); the first value that fits any of them picks the family, and a
// value that fits none of the remaining candidates is ignored here (it gets a
// row diagnostic once the format is known). Dots mean D.M.YYYY (the only
// convention that writes them), so only slash and dash day-month dates can be
// ambiguous.
class DateDetector {
 public:
  static constexpr std::size_t kMaxValues = 10000;  // values looked at before ambiguity is an error

  // Returns true once the format is decided.
  bool observe(std::string_view value);
  bool decided() const { return decided_.has_value(); }
  const std::optional<DateFormat>& format() const { return decided_; }
  // Looked at kMaxValues values and still ambiguous.
  bool gave_up() const { return !decided_ && mask_ != 0 && values_ >= kMaxValues; }
  // No value fitted any format (or none was seen).
  bool nothing_seen() const { return mask_ == 0; }
  // The candidates still open, e.g. {"M/D/YYYY", "D/M/YYYY"} (empty when decided or nothing seen).
  std::vector<std::string> candidates() const;
  // Up to three of the values that could not decide (for the error message).
  const std::vector<std::string>& samples() const { return samples_; }
  std::uint64_t values_seen() const { return values_; }

 private:
  std::uint32_t mask_ = 0;  // candidate formats still open (bits of kCandidates)
  std::uint64_t values_ = 0;
  std::vector<std::string> samples_;
  std::optional<DateFormat> decided_;
};

// The message of an ambiguous column: names the table and column, shows
// samples, and gives the config that settles it.
std::string ambiguous_date_message(const std::string& table, const std::string& column, const DateDetector& d);

}  // namespace gapscore
