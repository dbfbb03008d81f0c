// GitHub Copilot usage metrics: the per-user, per-day NDJSON report (also read
// as a JSON array), and the older organisation/team daily aggregate API.
// Unknown fields are ignored; a counter that is absent stays missing (NaN).
#include <cctype>
#include <cmath>

#include "base/date.h"
#include "base/json_parse.h"
#include "usage/parsers.h"

namespace gapscore::usage {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

double number(const nlohmann::ordered_json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<double>() : kMissing;
}

bool flag(const nlohmann::ordered_json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_boolean() && it->get<bool>();
}

std::string text(const nlohmann::ordered_json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
}

bool positive(double v) { return !std::isnan(v) && v > 0; }

void skip(DiagnosticLog& log, const std::string& source, std::uint64_t record, const std::string& problem) {
  Diagnostic d = make_diagnostic(DiagCode::usage_row_skipped,
                                 source + " record " + std::to_string(record) + ": " + problem + "; record skipped", "usage",
                                 record);
  d.severity = Severity::warning;
  log.add(std::move(d));
}

void note_day(UsageFileSummary& s, std::int32_t day) {
  if (s.rows == 0 || day < s.first_day) s.first_day = day;
  if (s.rows == 0 || day > s.last_day) s.last_day = day;
}

// One user-day object → one row per feature (or one "copilot" row), plus
// chat/agent/cli surfaces flagged without a feature breakdown.
void add_user_day(const nlohmann::ordered_json& o, std::uint64_t number_in_file, const std::string& source, UsageData& out,
                  UsageFileSummary& summary, DiagnosticLog& log) {
  ++summary.records;
  if (!o.is_object()) {
    ++summary.records_skipped;
    skip(log, source, number_in_file, "not a JSON object");
    return;
  }
  std::string identity = text(o, "user_login");
  if (identity.empty()) identity = text(o, "user_id");
  const auto day = parse_iso_date(text(o, "day").substr(0, 10));
  if (identity.empty() || !day) {
    ++summary.records_skipped;
    skip(log, source, number_in_file, identity.empty() ? "no user_login or user_id" : "\"day\" is not a date");
    return;
  }
  auto make_row = [&](const nlohmann::ordered_json& src, std::string surface) {
    UsageRow r;
    r.identity = identity;
    r.day = *day;
    r.tool = Tool::github_copilot;
    r.surface = std::move(surface);
    r.interactions = number(src, "user_initiated_interaction_count");
    r.generations = number(src, "code_generation_activity_count");
    r.acceptances = number(src, "code_acceptance_activity_count");
    r.lines_suggested = number(src, "loc_suggested_to_add_sum");
    r.lines_accepted = number(src, "loc_added_sum");
    r.active = positive(r.interactions) || positive(r.generations) || positive(r.acceptances);
    return r;
  };
  std::vector<UsageRow> rows;
  const auto features = o.find("totals_by_feature");
  if (features != o.end() && features->is_array() && !features->empty()) {
    for (const nlohmann::ordered_json& f : *features)
      if (f.is_object() && !text(f, "feature").empty()) rows.push_back(make_row(f, text(f, "feature")));
  } else {
    rows.push_back(make_row(o, "copilot"));
  }
  for (const char* surface : {"chat", "agent", "cli"}) {
    if (!flag(o, (std::string("used_") + surface).c_str())) continue;
    bool covered = false;
    for (const UsageRow& r : rows) covered = covered || r.surface.find(surface) != std::string::npos;
    if (covered) continue;
    UsageRow r;
    r.identity = identity;
    r.day = *day;
    r.tool = Tool::github_copilot;
    r.surface = surface;
    rows.push_back(std::move(r));
  }
  for (UsageRow& r : rows) {
    note_day(summary, r.day);
    ++summary.rows;
    out.rows.push_back(std::move(r));
  }
}

Error json_error(const std::string& source, const JsonParseError& err, std::uint64_t line = 0) {
  Diagnostic d = make_diagnostic(DiagCode::invalid_json,
                                 source + (line ? " line " + std::to_string(line) : std::string()) + ": invalid JSON near byte " +
                                     std::to_string(err.offset) + ": " + err.message,
                                 "usage", line);
  d.byte_offset = err.offset;
  return Error(std::move(d));
}

}  // namespace

Status read_github_users(std::string_view bytes, const std::string& source, UsageData& out, UsageFileSummary& summary,
                         DiagnosticLog& log) {
  std::size_t i = 0;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  if (i < bytes.size() && bytes[i] == '[') {  // the API's JSON array form
    JsonParseError err;
    const auto root = parse_json_dom(bytes, err);
    if (!root) return json_error(source, err);
    if (!root->is_array())
      return Error(make_diagnostic(DiagCode::unknown_format, source + ": expected an array of user-day objects", "usage"));
    std::uint64_t n = 0;
    for (const nlohmann::ordered_json& o : *root) add_user_day(o, ++n, source, out, summary, log);
    return Ok{};
  }
  // NDJSON: one object per line. A cut-off final line (an interrupted export)
  // is a warning; a bad line in the middle is a skipped record.
  std::uint64_t line = 0;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t end = bytes.find('\n', pos);
    const bool last = end == std::string_view::npos;
    if (last) end = bytes.size();
    std::string_view text_line = bytes.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    while (!text_line.empty() && (text_line.back() == '\r' || text_line.back() == ' ')) text_line.remove_suffix(1);
    if (text_line.empty()) continue;
    JsonParseError err;
    const auto obj = parse_json_dom(text_line, err);
    if (!obj) {
      bool rest_blank = true;
      for (std::size_t k = pos; k < bytes.size(); ++k) rest_blank = rest_blank && std::isspace(static_cast<unsigned char>(bytes[k]));
      if (last || rest_blank) {
        Diagnostic d = make_diagnostic(DiagCode::usage_truncated_line,
                                       source + " line " + std::to_string(line) + " is cut off (" + err.message + "); ignored",
                                       "usage", line);
        log.add(std::move(d));
        ++summary.records_skipped;
        break;
      }
      ++summary.records;
      ++summary.records_skipped;
      skip(log, source, line, "invalid JSON (" + err.message + ")");
      continue;
    }
    add_user_day(*obj, line, source, out, summary, log);
  }
  return Ok{};
}

Status read_github_aggregate(std::string_view bytes, const std::string& source, UsageData& out,
                             UsageFileSummary& summary, DiagnosticLog& log) {
  JsonParseError err;
  const auto root = parse_json_dom(bytes, err);
  if (!root) return json_error(source, err);
  if (!root->is_array())
    return Error(make_diagnostic(DiagCode::unknown_format, source + ": expected an array of daily metrics", "usage"));
  std::uint64_t n = 0;
  for (const nlohmann::ordered_json& d : *root) {
    ++n;
    ++summary.records;
    const auto day = d.is_object() ? parse_iso_date(text(d, "date").substr(0, 10)) : std::nullopt;
    if (!day) {
      ++summary.records_skipped;
      skip(log, source, n, "no \"date\" in YYYY-MM-DD form");
      continue;
    }
    AggregateDay a;
    a.day = *day;
    a.team = source;
    a.active_users = number(d, "total_active_users");
    a.engaged_users = number(d, "total_engaged_users");
    // Sum completions over editors > models > languages.
    const auto completions = d.find("copilot_ide_code_completions");
    if (completions != d.end() && completions->is_object()) {
      const auto editors = completions->find("editors");
      if (editors != completions->end() && editors->is_array())
        for (const auto& e : *editors) {
          if (!e.is_object() || !e.contains("models") || !e["models"].is_array()) continue;
          for (const auto& m : e["models"]) {
            if (!m.is_object() || !m.contains("languages") || !m["languages"].is_array()) continue;
            for (const auto& l : m["languages"]) {
              if (!l.is_object()) continue;
              auto add = [&](double& to, const char* key) {
                const double v = number(l, key);
                if (!std::isnan(v)) to += v;
              };
              add(a.suggestions, "total_code_suggestions");
              add(a.acceptances, "total_code_acceptances");
              add(a.lines_suggested, "total_code_lines_suggested");
              add(a.lines_accepted, "total_code_lines_accepted");
            }
          }
        }
    }
    if (summary.rows == 0 || a.day < summary.first_day) summary.first_day = a.day;
    if (summary.rows == 0 || a.day > summary.last_day) summary.last_day = a.day;
    ++summary.rows;
    out.aggregates.push_back(std::move(a));
  }
  return Ok{};
}

}  // namespace gapscore::usage
