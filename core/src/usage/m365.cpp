// Microsoft 365 Copilot usage, user detail: the admin-center CSV export and the
// Microsoft Graph JSON form. Each app's "last activity date" inside the report
// period becomes one active day on that app; an empty date means no activity.
#include <algorithm>
#include <cctype>
#include <optional>

#include "ingest/csv.h"
#include "base/date.h"
#include "base/json_parse.h"
#include "usage/parsers.h"
#include "usage/text.h"

namespace gapscore::usage {
namespace {

struct AppColumn {
  const char* csv_header;
  const char* json_key;
  const char* surface;
};

constexpr AppColumn kApps[] = {
    {"copilot chat last activity date", "copilotChatLastActivityDate", "chat"},
    {"microsoft teams copilot last activity date", "microsoftTeamsCopilotLastActivityDate", "teams"},
    {"word copilot last activity date", "wordCopilotLastActivityDate", "word"},
    {"excel copilot last activity date", "excelCopilotLastActivityDate", "excel"},
    {"powerpoint copilot last activity date", "powerPointCopilotLastActivityDate", "powerpoint"},
    {"outlook copilot last activity date", "outlookCopilotLastActivityDate", "outlook"},
    {"onenote copilot last activity date", "oneNoteCopilotLastActivityDate", "onenote"},
    {"loop copilot last activity date", "loopCopilotLastActivityDate", "loop"},
};

// "2025-01-31", or an ISO date-time whose date part is that.
std::optional<std::int32_t> parse_day(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.size() > 10 && s[10] == 'T') s = s.substr(0, 10);
  return parse_iso_date(s);
}

// "7", "30", "D90" (Graph's period parameter) → days.
std::optional<std::uint32_t> parse_period(std::string_view s) {
  std::string t = lower_trim(s);
  if (!t.empty() && t[0] == 'd') t.erase(0, 1);
  if (t.empty() || t.size() > 4) return std::nullopt;
  std::uint32_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return v > 0 ? std::optional<std::uint32_t>(v) : std::nullopt;
}

// One user's record, the same for CSV and JSON.
struct UserRecord {
  std::string upn;
  std::optional<std::int32_t> refresh;
  std::optional<std::uint32_t> period;
  std::string last_activity;
  std::string app_dates[std::size(kApps)];
};

void skip(DiagnosticLog& log, const std::string& source, std::uint64_t record, std::string problem, bool names_person,
          const char* consequence = "record skipped") {
  Diagnostic d = make_diagnostic(DiagCode::usage_row_skipped,
                                 source + " record " + std::to_string(record) + ": " + problem + "; " + consequence, "usage",
                                 record);
  d.severity = Severity::warning;
  d.names_person = names_person;
  log.add(std::move(d));
}

void add_record(const UserRecord& r, std::uint64_t number, const std::string& source, UsageData& out,
                UsageFileSummary& summary, DiagnosticLog& log) {
  ++summary.records;
  if (r.upn.empty()) {
    ++summary.records_skipped;
    skip(log, source, number, "no user principal name", false);
    return;
  }
  if (!r.refresh || !r.period) {
    ++summary.records_skipped;
    skip(log, source, number, "the report refresh date or report period is missing or not a date/number", false);
    return;
  }
  const std::int32_t last = *r.refresh;
  const std::int32_t first = last - static_cast<std::int32_t>(*r.period) + 1;
  if (summary.records == 1 || first < summary.first_day) summary.first_day = first;
  if (summary.records == 1 || last > summary.last_day) summary.last_day = last;
  summary.refresh_day = last;
  summary.report_period_days = *r.period;
  bool any_app = false;
  auto emit = [&](std::string_view text, const char* surface) {
    if (lower_trim(text).empty()) return;  // empty: no activity
    const auto day = parse_day(text);
    if (!day) {
      skip(log, source, number, std::string(surface) + " last activity date \"" + clip_for_diagnostic(text) + "\" is not a date",
           false, "that app is ignored");
      return;
    }
    if (*day < first || *day > last) return;  // outside this report's period
    UsageRow row;
    row.identity = r.upn;
    row.day = *day;
    row.tool = Tool::m365_copilot;
    row.surface = surface;
    out.rows.push_back(std::move(row));
    ++summary.rows;
    any_app = true;
  };
  for (std::size_t a = 0; a < std::size(kApps); ++a) emit(r.app_dates[a], kApps[a].surface);
  if (!any_app) emit(r.last_activity, "copilot");  // active somewhere, app unknown
  if (!any_app) {
    // A licensed user with no activity in the period: an inactive row, so the
    // user still counts among the export's identities (and as a non-adopter).
    UsageRow row;
    row.identity = r.upn;
    row.day = last;
    row.tool = Tool::m365_copilot;
    row.surface = "none";
    row.active = false;
    out.rows.push_back(std::move(row));
    ++summary.rows;
  }
}

}  // namespace

Status read_m365_csv(std::string_view bytes, const std::string& source, UsageData& out, UsageFileSummary& summary,
                     DiagnosticLog& log) {
  std::vector<int> column;  // header index -> field id: -1 unused, 0 upn, 1 refresh, 2 period, 3 last, 4.. apps
  bool header = true;
  CsvReader reader(CsvOptions{}, "usage");
  auto on_record = [&](const CsvRecord& rec) -> Status {
    if (header) {
      header = false;
      for (std::string_view f : rec.fields) {
        const std::string h = lower_trim(f);
        int id = -1;
        if (h == "user principal name") id = 0;
        else if (h == "report refresh date") id = 1;
        else if (h == "report period") id = 2;
        else if (h == "last activity date") id = 3;
        for (std::size_t a = 0; a < std::size(kApps); ++a)
          if (h == kApps[a].csv_header) id = 4 + static_cast<int>(a);
        column.push_back(id);
      }
      if (std::find(column.begin(), column.end(), 0) == column.end())
        return Error(make_diagnostic(DiagCode::missing_column,
                                     source + ": a Microsoft 365 Copilot usage export needs a \"User Principal Name\" column",
                                     "usage", 1));
      return Ok{};
    }
    UserRecord r;
    for (std::size_t i = 0; i < rec.fields.size() && i < column.size(); ++i) {
      const std::string_view f = rec.fields[i];
      switch (column[i]) {
        case 0: r.upn = std::string(f); break;
        case 1: r.refresh = parse_day(f); break;
        case 2: r.period = parse_period(f); break;
        case 3: r.last_activity = std::string(f); break;
        case -1: break;
        default: r.app_dates[column[i] - 4] = std::string(f);
      }
    }
    while (!r.upn.empty() && r.upn.back() == ' ') r.upn.pop_back();
    add_record(r, rec.row, source, out, summary, log);
    return Ok{};
  };
  if (Status s = reader.feed(bytes, on_record); !s) return s;
  return reader.finish(on_record);
}

Status read_m365_json(std::string_view bytes, const std::string& source, UsageData& out, UsageFileSummary& summary,
                      DiagnosticLog& log) {
  JsonParseError err;
  const auto root = parse_json_dom(bytes, err);
  if (!root) {
    Diagnostic d = make_diagnostic(DiagCode::invalid_json, source + ": invalid JSON near byte " +
                                                               std::to_string(err.offset) + ": " + err.message, "usage");
    d.byte_offset = err.offset;
    return Error(std::move(d));
  }
  const nlohmann::ordered_json* users = root->is_object() && root->contains("value") ? &(*root)["value"] : nullptr;
  if (!users || !users->is_array())
    return Error(make_diagnostic(DiagCode::unknown_format, source + ": expected {\"value\": [...]} from Microsoft Graph", "usage"));
  auto text = [](const nlohmann::ordered_json& o, const char* key) -> std::string {
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::uint64_t number = 0;
  for (const nlohmann::ordered_json& u : *users) {
    ++number;
    if (!u.is_object()) {
      ++summary.records;
      ++summary.records_skipped;
      skip(log, source, number, "not an object", false);
      continue;
    }
    UserRecord r;
    r.upn = text(u, "userPrincipalName");
    r.refresh = parse_day(text(u, "reportRefreshDate"));
    // The period sits in copilotActivityUserDetailsByPeriod[0].reportPeriod.
    const auto periods = u.find("copilotActivityUserDetailsByPeriod");
    if (periods != u.end() && periods->is_array() && !periods->empty() && (*periods)[0].is_object()) {
      const auto p = (*periods)[0].find("reportPeriod");
      if (p != (*periods)[0].end() && p->is_number_integer() && p->get<long long>() > 0)
        r.period = static_cast<std::uint32_t>(p->get<long long>());
      else if (p != (*periods)[0].end() && p->is_string())
        r.period = parse_period(p->get<std::string>());
    }
    r.last_activity = text(u, "lastActivityDate");
    for (std::size_t a = 0; a < std::size(kApps); ++a) r.app_dates[a] = text(u, kApps[a].json_key);
    add_record(r, number, source, out, summary, log);
  }
  return Ok{};
}

}  // namespace gapscore::usage
