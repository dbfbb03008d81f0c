// AI-tool usage from vendor exports, normalised to one row per identity x day
// x tool x surface (docs/usage-exports.md), plus team-level daily aggregates
// from exports that carry no per-person data.
#pragma once

#include <cstdint>
#include <limits>
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
};

struct UsageData {
  std::vector<UsageRow> rows;
  std::vector<AggregateDay> aggregates;
  std::vector<UsageFileSummary> files;
  // Days each person-level export covers (for intensity): [first, last] per file.
  std::vector<std::pair<std::int32_t, std::int32_t>> coverage;
};

}  // namespace gapscore::usage
