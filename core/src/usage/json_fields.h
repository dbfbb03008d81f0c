// Fields of one record of a JSON usage export (GitHub's user-day files and its
// usage reports), and what a reader does with a record it skips or keeps.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "gapscore/status.h"
#include "usage/usage_table.h"

namespace gapscore::usage {

// The number under `key`; NaN when it is missing or not a number.
inline double json_number(const nlohmann::ordered_json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<double>() : std::numeric_limits<double>::quiet_NaN();
}

// Adds the number under `key` to `to`, when there is one.
inline void add_json_number(double& to, const nlohmann::ordered_json& o, const char* key) {
  const double v = json_number(o, key);
  if (!std::isnan(v)) to += v;
}

// The text under `key` (an integer as its digits); empty when it is neither.
inline std::string json_text(const nlohmann::ordered_json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
}

// A record that is not read: a warning naming it, and the reader goes on.
inline void skip_record(DiagnosticLog& log, const std::string& source, std::uint64_t record, const std::string& problem) {
  Diagnostic d = make_diagnostic(DiagCode::usage_row_skipped,
                                 source + " record " + std::to_string(record) + ": " + problem + "; record skipped", "usage",
                                 record);
  d.severity = Severity::warning;
  log.add(std::move(d));
}

// Widens the file's span of days to a record's day (before its row is counted).
inline void note_day(UsageFileSummary& s, std::int32_t day) {
  if (s.rows == 0 || day < s.first_day) s.first_day = day;
  if (s.rows == 0 || day > s.last_day) s.last_day = day;
}

}  // namespace gapscore::usage
