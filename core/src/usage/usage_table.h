// AI-tool usage from vendor exports, normalised to one row per identity x day
// x tool x surface (docs/usage-exports.md), plus team-level daily aggregates
// from exports that carry no per-person data.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gapscore/status.h"
#include "gapscore/inputs.h"

namespace gapscore::usage {

enum class Tool : std::uint8_t { m365_copilot, github_copilot };
const char* tool_name(Tool t);

// Counters are NaN when the export does not give them (missing is not zero).
struct UsageRow {
  std::string identity;   // UPN / e-mail, GitHub login, or a concealed hash
  std::int32_t day = 0;   // days since 1970-01-01
  Tool tool = Tool::m365_copilot;
  std::string surface;    // app or feature: "teams", "word", "chat", "code_completion", ...
  bool active = true;
  double interactions = std::numeric_limits<double>::quiet_NaN();
  double generations = std::numeric_limits<double>::quiet_NaN();
  double acceptances = std::numeric_limits<double>::quiet_NaN();
  double lines_suggested = std::numeric_limits<double>::quiet_NaN();
  double lines_accepted = std::numeric_limits<double>::quiet_NaN();
};

// Team- or organisation-level daily figures (GitHub's aggregate metrics API).
struct AggregateDay {
  std::int32_t day = 0;
  std::string team;  // "" = whole organisation
  Tool tool = Tool::github_copilot;
  double active_users = std::numeric_limits<double>::quiet_NaN();
  double engaged_users = std::numeric_limits<double>::quiet_NaN();
  double suggestions = 0, acceptances = 0, lines_suggested = 0, lines_accepted = 0;
};

using gapscore::UsageFormat;
using gapscore::usage_format_name;

struct UsageFileSummary {
  std::string source;
  std::string format;
  std::string sha256;
  std::uint64_t bytes = 0;
  std::uint64_t records = 0;       // users / lines / days read
  std::uint64_t records_skipped = 0;
  std::uint64_t rows = 0;          // usage rows produced
  std::int32_t first_day = 0, last_day = 0;
  std::uint32_t report_period_days = 0;  // M365 exports: the period the activity dates cover
  std::int32_t refresh_day = 0;          // M365 exports: the report refresh date
  std::string date_format;               // person queries: MetricDate's format (configured or detected)
  std::string granularity;               // person queries: "week" or "day"
};

// AI-tool actions of one identity on one day or in one week, for usage
// segments (usage_analysis/segments.h): Viva's Copilot actions taken, GitHub's
// interactions + acceptances. `licensed` false: the export gave no value (a
// Viva NA or empty cell), which counts as 0 actions, not as a user.
struct ActionRecord {
  std::string identity;
  Tool tool = Tool::m365_copilot;
  std::int32_t day = 0;  // the ISO week's Monday for weekly exports
  double actions = 0;
  bool licensed = true;
};

// What a Viva Insights person query says about a person besides usage: HR
// attributes (the latest row's, by MetricDate) and numeric collaboration
// metrics (summed over the rows, for legacy-proxy audits).
struct PersonRecord {
  std::int32_t day = 0;  // MetricDate of the row the attributes come from
  std::vector<std::pair<std::string, std::string>> attributes;  // (column as written, value)
  std::vector<std::pair<std::string, std::pair<double, double>>> metrics;  // (normalised column, (sum, rows))
};

// How to read the exports: config settings that apply while reading.
struct UsageReadOptions {
  std::string date_format;  // config.date_formats.usage; "" = detect
  std::optional<std::int32_t> window_start, window_end;
};

struct UsageData {
  std::vector<UsageRow> rows;
  std::vector<AggregateDay> aggregates;
  std::vector<UsageFileSummary> files;
  // Days each person-level export covers (for intensity): [first, last] per file.
  std::vector<std::pair<std::int32_t, std::int32_t>> coverage;
  std::vector<ActionRecord> actions;
  // Person queries: everyone they list (licensed or not), by identity.
  std::map<std::string, PersonRecord> persons;
};

}  // namespace gapscore::usage
