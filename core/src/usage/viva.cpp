// Microsoft Viva Insights person query exports (CSV): one row per person per
// week (or day) with PersonId, MetricDate, HR attributes (Organization,
// FunctionType, ...), collaboration metrics (Collaboration_hours, Emails_sent,
// ...) and Copilot metrics (Total_Copilot_actions_taken,
// Copilot_actions_taken_in_<App>, Total_Copilot_active_days, ...). Column names
// match case-insensitively. A Copilot value that is NA or empty means the
// person was not licensed that week; 0 means licensed and not used.
#include <algorithm>
#include <set>

#include "base/date.h"
#include "base/date_formats.h"
#include "ingest/cell_parse.h"
#include "ingest/csv.h"
#include "model/schema.h"
#include "usage/parsers.h"
#include "usage/text.h"

namespace gapscore::usage {
namespace {

enum class Kind : std::uint8_t { ignored, person, date, total_actions, app_actions, active_days, copilot_other, other };

struct Column {
  Kind kind = Kind::ignored;
  std::string header;      // as written (trimmed)
  std::string normalized;  // normalize_header
  std::string app;         // app_actions: the surface ("teams", "word", ...)
  bool text = false;       // other: some value is not a number (an attribute, not a metric)
};

// HR attributes a person query carries as standard: attributes even when their
// values look like numbers (Layer 3).
constexpr std::string_view kHrAttributes[] = {"organization", "functiontype", "leveldesignation", "supervisorindicator",
                                              "layer",        "region",       "hiredate",         "timezone",
                                              "country",      "city",         "workflowtype",     "managerid"};

bool is_na(std::string_view v) {
  const std::string l = lower_trim(v);
  return l.empty() || l == "na" || l == "n/a" || l == "#n/a" || l == "nan" || l == "null" || l == "none";
}

std::string surface_of(std::string_view app) {
  std::string s;
  for (char c : lower_trim(app)) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) s.push_back(c);
    else if (!s.empty() && s.back() != '_') s.push_back('_');
  }
  while (!s.empty() && s.back() == '_') s.pop_back();
  if (s.rfind("copilot_chat", 0) == 0 || s == "chat") return "chat";  // "Copilot chat (work)", "(web)"
  return s.empty() ? "copilot" : s;
}

Column classify(std::string_view header) {
  Column c;
  c.header = std::string(ingest::trim(header));
  c.normalized = normalize_header(c.header);
  const std::string& n = c.normalized;
  if (n.empty()) return c;
  if (n == "personid" || n == "person_id") c.kind = Kind::person;
  else if (n == "metricdate" || n == "metric_date") c.kind = Kind::date;
  else if (n == "total_copilot_actions_taken" || n == "total_copilot_actions") c.kind = Kind::total_actions;
  else if (n.rfind("copilot_actions_taken_in_", 0) == 0) {
    c.kind = Kind::app_actions;
    c.app = surface_of(c.header.substr(std::string_view("Copilot_actions_taken_in_").size()));
  } else if (n == "total_copilot_active_days" || n == "copilot_active_days") c.kind = Kind::active_days;
  else if (n.find("copilot") != std::string::npos) c.kind = Kind::copilot_other;
  else c.kind = Kind::other;
  return c;
}

void skip(DiagnosticLog& log, const std::string& source, std::uint64_t row, const std::string& problem, bool names_person) {
  Diagnostic d = make_diagnostic(DiagCode::usage_row_skipped, source + " row " + std::to_string(row) + ": " + problem + "; row skipped",
                                 "usage", row);
  d.severity = Severity::warning;
  d.names_person = names_person;
  log.add(std::move(d));
}

bool number_of(std::string_view v, double& out) {
  ingest::CellError err{};
  return ingest::parse_number(v, false, out, err) && out >= 0;
}

// Viva weeks start on Sunday: a week's row counts for the ISO week of its
// Monday (the next day), so that one Viva week is one report week.
std::int32_t week_of(std::int32_t metric_date) {
  return iso_week_monday(metric_date + (weekday_monday0(metric_date) == 6 ? 1 : 0));
}

}  // namespace

Status read_viva_person_query(std::string_view bytes, const std::string& source, const UsageReadOptions& options,
                              UsageData& out, UsageFileSummary& summary, DiagnosticLog& log) {
  // Pass 1: the header, and MetricDate's format from its values (configured, or detected).
  std::vector<Column> columns;
  std::optional<DateFormat> format;
  if (!options.date_format.empty()) format = DateFormat::parse(options.date_format);
  DateDetector detector;
  std::set<std::string> distinct_dates;
  std::size_t date_col = 0;
  {
    CsvReader reader(CsvOptions{}, "usage");
    bool header = true;
    auto on_record = [&](const CsvRecord& rec) -> Status {
      if (header) {
        header = false;
        for (std::string_view f : rec.fields) columns.push_back(classify(f));
        const auto has = [&](Kind k) { return std::any_of(columns.begin(), columns.end(), [k](const Column& c) { return c.kind == k; }); };
        if (!has(Kind::person) || !has(Kind::date))
          return Error(make_diagnostic(DiagCode::missing_column,
                                       source + ": a Viva Insights person query needs the columns PersonId and MetricDate",
                                       "usage", 1, has(Kind::person) ? "MetricDate" : "PersonId"));
        date_col = static_cast<std::size_t>(
            std::find_if(columns.begin(), columns.end(), [](const Column& c) { return c.kind == Kind::date; }) - columns.begin());
        return Ok{};
      }
      if (date_col >= rec.fields.size()) return Ok{};
      const std::string_view v = ingest::trim(rec.fields[date_col]);
      if (v.empty()) return Ok{};
      if (!format && !detector.decided() && !detector.gave_up()) detector.observe(v);
      if (distinct_dates.size() < 100000) distinct_dates.emplace(v);
      return Ok{};
    };
    if (Status s = reader.feed(bytes, on_record); !s) return s;
    if (Status s = reader.finish(on_record); !s) return s;
  }
  if (columns.empty()) return Error(make_diagnostic(DiagCode::empty_input, source + ": the usage file is empty", "usage"));
  if (!format) {
    if (detector.decided()) format = detector.format();
    else if (detector.nothing_seen()) format = DateFormat::iso();  // the rows say why each date is unreadable
    else
      return Error(make_diagnostic(DiagCode::ambiguous_date,
                                   ambiguous_date_message("usage", columns[date_col].header, detector), "usage", 0,
                                   columns[date_col].header, detector.samples().empty() ? "" : detector.samples().front()));
  }
  summary.date_format = format->name();
  // Weekly when every MetricDate falls on the same weekday (one date: weekly, Viva's default).
  std::set<unsigned> weekdays;
  for (const std::string& d : distinct_dates)
    if (const auto day = format->read(d)) weekdays.insert(weekday_monday0(*day));
  const bool weekly = weekdays.size() <= 1;
  summary.granularity = weekly ? "week" : "day";
  const bool has_copilot = std::any_of(columns.begin(), columns.end(), [](const Column& c) {
    return c.kind == Kind::total_actions || c.kind == Kind::app_actions || c.kind == Kind::active_days ||
           c.kind == Kind::copilot_other;
  });

  // Pass 2: the rows.
  std::map<std::string, PersonRecord> persons;  // this file's
  std::vector<std::size_t> others;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].kind == Kind::other) others.push_back(i);
  bool header = true, any_day = false;
  CsvReader reader(CsvOptions{}, "usage");
  auto on_record = [&](const CsvRecord& rec) -> Status {
    if (header) {
      header = false;
      return Ok{};
    }
    ++summary.records;
    std::string identity;
    std::optional<std::int32_t> day;
    std::string date_text;
    double total = 0, app_sum = 0, active_days = 0;
    bool licensed = false, has_total = false, has_apps = false, has_active_days = false;
    std::vector<std::pair<std::string, double>> app_actions;
    for (std::size_t i = 0; i < rec.fields.size() && i < columns.size(); ++i) {
      const Column& c = columns[i];
      const std::string_view v = ingest::trim(rec.fields[i]);
      switch (c.kind) {
        case Kind::person: identity = std::string(v); break;
        case Kind::date: date_text = std::string(v); day = format->read(v); break;
        case Kind::total_actions:
        case Kind::app_actions:
        case Kind::active_days:
        case Kind::copilot_other: {
          if (is_na(v)) break;
          double x = 0;
          if (!number_of(v, x)) {
            ++summary.records_skipped;
            skip(log, source, rec.row, quote_for_diagnostic(v) + " in " + c.header + " is not a count or NA", false);
            return Ok{};
          }
          licensed = true;
          if (c.kind == Kind::total_actions) total = x, has_total = true;
          else if (c.kind == Kind::app_actions) app_sum += x, has_apps = true, app_actions.emplace_back(c.app, x);
          else if (c.kind == Kind::active_days) active_days = x, has_active_days = true;
          break;
        }
        case Kind::other:
        case Kind::ignored: break;
      }
    }
    if (identity.empty()) {
      ++summary.records_skipped;
      skip(log, source, rec.row, "no PersonId", false);
      return Ok{};
    }
    if (!day) {
      ++summary.records_skipped;
      skip(log, source, rec.row, "MetricDate \"" + clip_for_diagnostic(date_text) + "\" is not a date in " + format->name() +
                                     (options.date_format.empty() ? " (detected; config.date_formats.usage sets it)" : ""),
           false);
      return Ok{};
    }
    if ((options.window_start && *day < *options.window_start) || (options.window_end && *day > *options.window_end))
      return Ok{};  // outside the configured window: not read
    const std::int32_t first_day = weekly ? week_of(*day) : *day;
    const std::int32_t last_day = weekly ? first_day + 6 : *day;
    summary.first_day = any_day ? std::min(summary.first_day, first_day) : first_day;
    summary.last_day = any_day ? std::max(summary.last_day, last_day) : last_day;
    any_day = true;

    // Attributes and collaboration metrics.
    PersonRecord& p = persons[identity];
    if (p.attributes.empty() || *day >= p.day) {
      p.day = *day;
      p.attributes.clear();
      for (std::size_t i : others)
        p.attributes.emplace_back(columns[i].header, i < rec.fields.size() && !is_na(rec.fields[i])
                                                         ? std::string(ingest::trim(rec.fields[i]))
                                                         : std::string());
    }
    for (std::size_t i : others) {
      if (i >= rec.fields.size() || is_na(rec.fields[i])) continue;
      double x = 0;
      ingest::CellError err{};
      if (!ingest::parse_number(rec.fields[i], false, x, err)) {
        columns[i].text = true;
        continue;
      }
      auto it = std::find_if(p.metrics.begin(), p.metrics.end(), [&](const auto& m) { return m.first == columns[i].normalized; });
      if (it == p.metrics.end()) {
        p.metrics.push_back({columns[i].normalized, {0.0, 0.0}});
        it = p.metrics.end() - 1;
      }
      it->second.first += x;
      it->second.second += 1;
    }

    if (!has_copilot) return Ok{};
    // Actions of the week (or day): the total, else the apps' sum.
    const double actions = has_total ? total : has_apps ? app_sum : 0;
    out.actions.push_back({identity, Tool::m365_copilot, first_day, licensed ? actions : 0, licensed});
    if (!licensed) return Ok{};
    const bool active = actions > 0 || (has_active_days && active_days > 0);
    auto add_row = [&](std::int32_t d, std::string surface, bool is_active, double interactions) {
      UsageRow r;
      r.identity = identity;
      r.day = d;
      r.tool = Tool::m365_copilot;
      r.surface = std::move(surface);
      r.active = is_active;
      r.interactions = interactions;
      out.rows.push_back(std::move(r));
      ++summary.rows;
    };
    if (!active) {
      add_row(first_day, "none", false, 0);  // licensed, not used: counted among the licensed, not the active
      return Ok{};
    }
    // A week gives a count of active days, not which: they are the week's first
    // ones (Monday on), which keeps days per person and per week exact.
    const std::int32_t days = weekly ? static_cast<std::int32_t>(std::clamp(has_active_days ? active_days : 1.0, 1.0, 7.0)) : 1;
    bool any_app = false;
    for (const auto& [app, x] : app_actions)
      if (x > 0) {
        add_row(first_day, app, true, any_app ? std::numeric_limits<double>::quiet_NaN() : actions);
        any_app = true;
      }
    if (!any_app) add_row(first_day, "copilot", true, actions);
    for (std::int32_t k = 1; k < days; ++k) add_row(first_day + k, "copilot", true, std::numeric_limits<double>::quiet_NaN());
    return Ok{};
  };
  if (Status s = reader.feed(bytes, on_record); !s) return s;
  if (Status s = reader.finish(on_record); !s) return s;

  // Columns with text values are attributes; numeric ones are metrics (standard
  // HR attributes stay attributes whatever their values look like).
  for (auto& [identity, p] : persons) {
    std::vector<std::pair<std::string, std::string>> attributes;
    for (std::size_t k = 0; k < others.size(); ++k) {
      const Column& c = columns[others[k]];
      const bool hr = std::find(std::begin(kHrAttributes), std::end(kHrAttributes), c.normalized) != std::end(kHrAttributes);
      if ((c.text || hr) && k < p.attributes.size()) attributes.push_back(std::move(p.attributes[k]));
    }
    p.attributes = std::move(attributes);
    std::erase_if(p.metrics, [&](const auto& m) {
      for (std::size_t i : others)
        if (columns[i].normalized == m.first) return columns[i].text;
      return true;
    });
    PersonRecord& merged = out.persons[identity];  // several files: the latest attributes, metrics added up
    if (merged.attributes.empty() || p.day >= merged.day) {
      merged.day = p.day;
      merged.attributes = p.attributes;
    }
    for (const auto& metric : p.metrics) {  // not a structured binding: clang 14 cannot capture one
      auto it = std::find_if(merged.metrics.begin(), merged.metrics.end(),
                             [&](const auto& m) { return m.first == metric.first; });
      if (it == merged.metrics.end()) {
        merged.metrics.push_back(metric);
      } else {
        it->second.first += metric.second.first;
        it->second.second += metric.second.second;
      }
    }
  }
  if (!any_day) summary.granularity.clear();  // no row inside the window: no dates to report
  return Ok{};
}

}  // namespace gapscore::usage
