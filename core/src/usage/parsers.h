// Readers for the AI-usage exports gapscore understands. Each turns one file's
// bytes into UsageData rows, reporting unreadable records as diagnostics.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "gapscore/status.h"
#include "usage/usage_table.h"

namespace gapscore::usage {

// Detects the format from the content (header row, or the JSON document's
// structure, never its line breaks); an unknown shape is an error naming the
// formats expected. `hint` overrides detection.
Result<UsageFormat> detect_usage_format(std::string_view bytes, UsageFormat hint, const std::string& source);

// Reads one file (any format) into `out`.
Status read_usage_file(std::string_view bytes, UsageFormat hint, const std::string& source, UsageData& out,
                       DiagnosticLog& log, const UsageReadOptions& options = {});

// The format of a JSON document from its structure (github_reports.cpp):
// nullopt when it is none of the JSON exports (or unreadable before that shows).
std::optional<UsageFormat> json_usage_shape(std::string_view bytes);

// Calls `each` for every record of a JSON export without building the whole
// document: the elements of a top-level array, or of the top-level object's
// `day_totals` (or `value`) array, or else the top-level object itself.
// `header`: the top-level object's scalar fields (report_start_day, ...).
Status for_each_json_record(std::string_view bytes, const std::string& source,
                            const std::function<void(const nlohmann::ordered_json& record, std::uint64_t number)>& each,
                            nlohmann::ordered_json* header = nullptr);

// One GitHub user-day object (NDJSON line, array element, or day_totals entry).
void add_github_user_day(const nlohmann::ordered_json& o, std::uint64_t number_in_file, const std::string& source, UsageData& out,
                         UsageFileSummary& summary, DiagnosticLog& log);

// One reader per format (bytes without a byte-order mark).
Status read_m365_csv(std::string_view bytes, const std::string& source, UsageData& out, UsageFileSummary& summary,
                     DiagnosticLog& log);
Status read_m365_json(std::string_view bytes, const std::string& source, UsageData& out, UsageFileSummary& summary,
                      DiagnosticLog& log);
Status read_github_users(std::string_view bytes, const std::string& source, UsageData& out, UsageFileSummary& summary,
                         DiagnosticLog& log);
Status read_github_aggregate(std::string_view bytes, const std::string& source, UsageData& out,
                             UsageFileSummary& summary, DiagnosticLog& log);
Status read_github_users_report(std::string_view bytes, const std::string& source, UsageData& out,
                                UsageFileSummary& summary, DiagnosticLog& log);
Status read_github_org_report(std::string_view bytes, const std::string& source, UsageData& out,
                              UsageFileSummary& summary, DiagnosticLog& log);
Status read_viva_person_query(std::string_view bytes, const std::string& source, const UsageReadOptions& options,
                              UsageData& out, UsageFileSummary& summary, DiagnosticLog& log);

}  // namespace gapscore::usage
