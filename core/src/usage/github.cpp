// GitHub Copilot usage metrics: the per-user, per-day NDJSON report (also read
// as a JSON array), and the older organisation/team daily aggregate API.
// Unknown fields are ignored; a counter that is absent stays missing (NaN).
#include <algorithm>
#include <cctype>
#include <cmath>

#include "base/date.h"
#include "base/json_parse.h"
#include "usage/json_fields.h"
#include "usage/parsers.h"

namespace gapscore::usage {
namespace {

bool flag(const nlohmann::ordered_json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_boolean() && it->get<bool>();
}

bool positive(double v) { return !std::isnan(v) && v > 0; }

}  // namespace

// One user-day object → one row per feature (or one "copilot" row) carrying the
// counters; rows for each IDE ("ide:vscode"), model ("model:gpt-4o") and the
// CLI that were used, without counters (they break down the same activity);
// chat/agent/cli surfaces flagged by used_* without a feature breakdown; and
// the day's actions for usage segments. Active = any activity count > 0 or any
// used_* flag.
void add_github_user_day(const nlohmann::ordered_json& o, std::uint64_t number_in_file, const std::string& source, UsageData& out,
                         UsageFileSummary& summary, DiagnosticLog& log) {
  ++summary.records;
  if (!o.is_object()) {
    ++summary.records_skipped;
    skip_record(log, source, number_in_file, "not a JSON object");
    return;
  }
  std::string identity = json_text(o, "user_login");
  if (identity.empty()) identity = json_text(o, "user_id");
  const auto day = parse_iso_date(json_text(o, "day").substr(0, 10));
  if (identity.empty() || !day) {
    ++summary.records_skipped;
    skip_record(log, source, number_in_file, identity.empty() ? "no user_login or user_id" : "\"day\" is not a date");
    return;
  }
  auto counts_positive = [](const nlohmann::ordered_json& src) {
    return positive(json_number(src, "user_initiated_interaction_count")) ||
           positive(json_number(src, "code_generation_activity_count")) ||
           positive(json_number(src, "code_acceptance_activity_count"));
  };
  auto make_row = [&](const nlohmann::ordered_json& src, std::string surface) {
    UsageRow r;
    r.identity = identity;
    r.day = *day;
    r.tool = Tool::github_copilot;
    r.surface = std::move(surface);
    r.interactions = json_number(src, "user_initiated_interaction_count");
    r.generations = json_number(src, "code_generation_activity_count");
    r.acceptances = json_number(src, "code_acceptance_activity_count");
    r.lines_suggested = json_number(src, "loc_suggested_to_add_sum");
    r.lines_accepted = json_number(src, "loc_added_sum");
    r.active = counts_positive(src);
    return r;
  };
  auto flag_row = [&](std::string surface, bool active) {
    UsageRow r;
    r.identity = identity;
    r.day = *day;
    r.tool = Tool::github_copilot;
    r.surface = std::move(surface);
    r.active = active;
    return r;
  };
  std::vector<UsageRow> rows;
  const auto features = o.find("totals_by_feature");
  if (features != o.end() && features->is_array() && !features->empty()) {
    for (const nlohmann::ordered_json& f : *features)
      if (f.is_object() && !json_text(f, "feature").empty()) rows.push_back(make_row(f, json_text(f, "feature")));
  } else {
    rows.push_back(make_row(o, "copilot"));
  }
  bool any_flag = false;
  const auto cli = o.find("totals_by_cli");
  const bool cli_used = cli != o.end() && cli->is_object() &&
                        (positive(json_number(*cli, "session_count")) || positive(json_number(*cli, "request_count")));
  for (const char* surface : {"chat", "agent", "cli"}) {
    const bool used = flag(o, (std::string("used_") + surface).c_str()) || (surface == std::string_view("cli") && cli_used);
    any_flag = any_flag || used;
    if (!used) continue;
    bool covered = false;
    for (const UsageRow& r : rows) covered = covered || r.surface.find(surface) != std::string::npos;
    if (!covered) rows.push_back(flag_row(surface, true));
  }
  // Breakdowns by IDE and by model: which were used, not more activity.
  auto breakdown = [&](const char* key, const char* name_key, const char* prefix) {
    const auto list = o.find(key);
    if (list == o.end() || !list->is_array()) return;
    std::vector<std::string> seen;
    for (const nlohmann::ordered_json& e : *list) {
      if (!e.is_object() || json_text(e, name_key).empty() || !counts_positive(e)) continue;
      std::string surface = std::string(prefix) + json_text(e, name_key);
      if (std::find(seen.begin(), seen.end(), surface) != seen.end()) continue;
      seen.push_back(surface);
      rows.push_back(flag_row(std::move(surface), true));
    }
  };
  breakdown("totals_by_ide", "ide", "ide:");
  breakdown("totals_by_model_feature", "model", "model:");
  const double interactions = json_number(o, "user_initiated_interaction_count");
  const double acceptances = json_number(o, "code_acceptance_activity_count");
  const bool active = counts_positive(o) || any_flag || std::any_of(rows.begin(), rows.end(), [](const UsageRow& r) { return r.active; });
  // Actions for usage segments: what the user did (prompts, accepted suggestions);
  // a day active only by a used_* flag counts as one.
  double actions = (std::isnan(interactions) ? 0 : interactions) + (std::isnan(acceptances) ? 0 : acceptances);
  if (active && actions < 1) actions = 1;
  out.actions.push_back({identity, Tool::github_copilot, *day, actions, true});
  for (UsageRow& r : rows) {
    note_day(summary, r.day);
    ++summary.rows;
    out.rows.push_back(std::move(r));
  }
}

namespace {

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
  // One JSON document (the API's array, a report with day_totals, or a single
  // pretty-printed user-day): read by its structure. NDJSON is several documents.
  if (i < bytes.size() && (bytes[i] == '[' || (bytes[i] == '{' && nlohmann::ordered_json::accept(bytes))))
    return for_each_json_record(bytes, source, [&](const nlohmann::ordered_json& o, std::uint64_t n) {
      add_github_user_day(o, n, source, out, summary, log);
    });
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
      skip_record(log, source, line, "invalid JSON (" + err.message + ")");
      continue;
    }
    add_github_user_day(*obj, line, source, out, summary, log);
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
    const auto day = d.is_object() ? parse_iso_date(json_text(d, "date").substr(0, 10)) : std::nullopt;
    if (!day) {
      ++summary.records_skipped;
      skip_record(log, source, n, "no \"date\" in YYYY-MM-DD form");
      continue;
    }
    AggregateDay a;
    a.day = *day;
    a.team = source;
    a.active_users = json_number(d, "total_active_users");
    a.engaged_users = json_number(d, "total_engaged_users");
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
              add_json_number(a.suggestions, l, "total_code_suggestions");
              add_json_number(a.acceptances, l, "total_code_acceptances");
              add_json_number(a.lines_suggested, l, "total_code_lines_suggested");
              add_json_number(a.lines_accepted, l, "total_code_lines_accepted");
            }
          }
        }
    }
    note_day(summary, a.day);
    ++summary.rows;
    out.aggregates.push_back(std::move(a));
  }
  return Ok{};
}

}  // namespace gapscore::usage
