// Readers for the AI-usage exports gapscore understands. Each turns one file's
// bytes into UsageData rows, reporting unreadable records as diagnostics.
#pragma once

#include <string>
#include <string_view>

#include "gapscore/status.h"
#include "usage/usage_table.h"

namespace gapscore::usage {

// Detects the format from the content (header row or JSON shape); an unknown
// shape is an error naming the formats expected. `hint` overrides detection.
Result<UsageFormat> detect_usage_format(std::string_view bytes, UsageFormat hint, const std::string& source);

// Reads one file (any format) into `out`.
Status read_usage_file(std::string_view bytes, UsageFormat hint, const std::string& source, UsageData& out,
                       DiagnosticLog& log);

// One reader per format (bytes without a byte-order mark).
Status read_m365_csv(std::string_view bytes, const std::string& source, UsageData& out, UsageFileSummary& summary,
                     DiagnosticLog& log);
Status read_m365_json(std::string_view bytes, const std::string& source, UsageData& out, UsageFileSummary& summary,
                      DiagnosticLog& log);
Status read_github_users(std::string_view bytes, const std::string& source, UsageData& out, UsageFileSummary& summary,
                         DiagnosticLog& log);
Status read_github_aggregate(std::string_view bytes, const std::string& source, UsageData& out,
                             UsageFileSummary& summary, DiagnosticLog& log);

}  // namespace gapscore::usage
