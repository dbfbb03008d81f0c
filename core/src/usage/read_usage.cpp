// Format detection and the entry point for reading one usage export.
#include <cctype>

#include "base/sha256.h"
#include "base/utf8.h"
#include "base/json_parse.h"
#include "usage/parsers.h"

namespace gapscore::usage {
namespace {

constexpr const char* kExpected =
    "expected a Microsoft 365 Copilot usage export (admin-center CSV with \"User Principal Name\" and \"Report Refresh "
    "Date\", or Graph JSON {\"value\": [...]}), a Viva Insights person query (CSV with PersonId and MetricDate), a "
    "GitHub Copilot users report ({\"report_start_day\", ..., \"day_totals\": [{\"user_login\", \"day\", ...}]} or "
    "NDJSON, one user-day per line), a GitHub Copilot organisation/enterprise report ({..., \"day_totals\": [{\"day\", "
    "\"daily_active_users\", ...}]}), or the older GitHub Copilot daily metrics JSON ([{\"date\", \"total_active_users\", "
    "...}])";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view without_bom(std::string_view b) { return b.substr(0, 3) == "\xEF\xBB\xBF" ? b.substr(3) : b; }

}  // namespace

Result<UsageFormat> detect_usage_format(std::string_view bytes, UsageFormat hint, const std::string& source) {
  if (hint != UsageFormat::detect) return hint;
  const std::string_view b = without_bom(bytes);
  std::size_t i = 0;
  while (i < b.size() && std::isspace(static_cast<unsigned char>(b[i]))) ++i;
  if (i == b.size()) return Error(make_diagnostic(DiagCode::empty_input, source + ": the usage file is empty", "usage"));
  // JSON: the structure of the document decides, not its line breaks.
  if (b[i] == '{' || b[i] == '[')
    if (const auto shape = json_usage_shape(b.substr(i))) return *shape;
  const std::string head = lower(b.substr(i, 4096));
  if (b[i] == '{') {
    // Graph JSON wraps users in "value"; NDJSON starts with a user-day object.
    if (head.find("\"userprincipalname\"") != std::string::npos || head.find("\"value\"") != std::string::npos)
      return UsageFormat::m365_json;
    if (head.find("\"day\"") != std::string::npos &&
        (head.find("\"user_login\"") != std::string::npos || head.find("\"user_id\"") != std::string::npos))
      return UsageFormat::github_users_ndjson;
  } else if (b[i] == '[') {
    if (head.find("\"total_active_users\"") != std::string::npos || head.find("\"copilot_ide_code_completions\"") != std::string::npos)
      return UsageFormat::github_aggregate_json;
    if (head.find("\"user_login\"") != std::string::npos || head.find("\"user_id\"") != std::string::npos)
      return UsageFormat::github_users_ndjson;
  } else {
    const std::string first_line = head.substr(0, head.find('\n'));
    if (first_line.find("user principal name") != std::string::npos && first_line.find("report refresh date") != std::string::npos)
      return UsageFormat::m365_csv;
    if (first_line.find("personid") != std::string::npos && first_line.find("metricdate") != std::string::npos)
      return UsageFormat::viva_person_query;
  }
  return Error(make_diagnostic(DiagCode::unknown_format, source + ": not a recognised AI-usage export; " + kExpected, "usage"));
}

Status read_usage_file(std::string_view bytes, UsageFormat hint, const std::string& source, UsageData& out,
                       DiagnosticLog& log, const UsageReadOptions& options) {
  Utf8Validator v;
  auto bad = v.feed(bytes);
  if (!bad) bad = v.finish();
  if (bad) {
    Diagnostic d = make_diagnostic(DiagCode::invalid_utf8,
                                   source + ": invalid UTF-8 at byte offset " + std::to_string(*bad), "usage");
    d.byte_offset = *bad;
    return Error(std::move(d));
  }
  auto format = detect_usage_format(bytes, hint, source);
  if (!format) return std::move(format).error();
  UsageFileSummary summary;
  summary.source = source;
  summary.format = usage_format_name(*format);
  summary.sha256 = sha256_hex(bytes);
  summary.bytes = bytes.size();
  const std::string_view body = without_bom(bytes);
  Status s = Ok{};
  switch (*format) {
    case UsageFormat::m365_csv: s = read_m365_csv(body, source, out, summary, log); break;
    case UsageFormat::m365_json: s = read_m365_json(body, source, out, summary, log); break;
    case UsageFormat::github_users_ndjson: s = read_github_users(body, source, out, summary, log); break;
    case UsageFormat::github_aggregate_json: s = read_github_aggregate(body, source, out, summary, log); break;
    case UsageFormat::viva_person_query: s = read_viva_person_query(body, source, options, out, summary, log); break;
    case UsageFormat::github_users_report: s = read_github_users_report(body, source, out, summary, log); break;
    case UsageFormat::github_org_report: s = read_github_org_report(body, source, out, summary, log); break;
    case UsageFormat::detect: break;
  }
  if (!s) return s;
  if (summary.records == 0)
    return Error(make_diagnostic(DiagCode::no_rows, source + ": the usage export holds no records", "usage"));
  const bool team_level = *format == UsageFormat::github_aggregate_json || *format == UsageFormat::github_org_report;
  if (!team_level && (summary.rows > 0 || summary.report_period_days > 0)) out.coverage.emplace_back(summary.first_day, summary.last_day);
  out.files.push_back(std::move(summary));
  return Ok{};
}

}  // namespace gapscore::usage
