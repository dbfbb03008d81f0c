#include "model/schema.h"

#include "base/ascii_case.h"

#include <string>

#include <nlohmann/json.hpp>

namespace gapscore {
namespace {

constexpr ColumnSpec kActivityColumns[] = {
    {"person_id", ColumnType::text, true, true, {}, {}, "Stable identifier of the person (any text)."},
    {"date", ColumnType::date, true, true, {}, {}, "Day of the work (YYYY-MM-DD, or the format set or detected; see Dates)."},
    {"task_type", ColumnType::text, true, true, {}, {}, "Kind of task, matched against the playbook."},
    {"tasks", ColumnType::integer, true, true, 0.0, {}, "Tasks completed (integer >= 0)."},
    {"ai_tasks", ColumnType::integer, true, true, 0.0, {}, "Of those, tasks done with AI assistance (0..tasks)."},
    {"hours", ColumnType::number, true, true, 0.0, {}, "Hours spent on the tasks (>= 0)."},
    {"baseline_hours", ColumnType::number, false, false, 0.0, {},
     "Hours the same tasks take without AI (estimate or standard time)."},
    {"rework_hours", ColumnType::number, false, false, 0.0, {}, "Hours spent fixing or redoing the work."},
    {"errors", ColumnType::integer, false, false, 0.0, {}, "Errors found in the work (integer >= 0)."},
    {"quality", ColumnType::number, false, false, 0.0, 1.0, "Quality score of the work, 0..1."},
    {"outcome_value", ColumnType::number, false, false, 0.0, {}, "Business value produced (any currency or points)."},
    {"cycle_time_hours", ColumnType::number, false, false, 0.0, {}, "Elapsed hours from start to done."},
    {"ai_interactions", ColumnType::integer, false, false, 0.0, {}, "Prompts/requests sent to AI tools (>= 0)."},
    {"team", ColumnType::text, false, false, {}, {}, "Inline person attribute (the people table wins)."},
    {"role", ColumnType::text, false, false, {}, {}, "Inline person attribute (the people table wins)."},
    {"work_mode", ColumnType::work_mode, false, false, {}, {}, "Inline person attribute: onsite, hybrid or remote."},
    {"emails_sent", ColumnType::number, false, false, 0.0, {},
     "Legacy proxy (KPI audit only): e-mails sent in the row's work."},
    {"meeting_hours", ColumnType::number, false, false, 0.0, {},
     "Legacy proxy (KPI audit only): hours spent in meetings."},
};

constexpr ColumnSpec kPeopleColumns[] = {
    {"person_id", ColumnType::text, true, true, {}, {}, "Identifier matching activity.person_id."},
    {"team", ColumnType::text, false, false, {}, {}, "Team name."},
    {"role", ColumnType::text, false, false, {}, {}, "Role, matched against the playbook."},
    {"work_mode", ColumnType::work_mode, false, false, {}, {}, "onsite, hybrid or remote."},
    {"manager_id", ColumnType::text, false, false, {}, {}, "person_id of the manager."},
    {"ai_trained", ColumnType::boolean, false, false, {}, {}, "Completed AI training (true/false)."},
    {"hire_date", ColumnType::date, false, false, {}, {}, "Hire date, YYYY-MM-DD."},
    {"email", ColumnType::text, false, false, {}, {}, "Work e-mail / user principal name (joins Microsoft 365 usage exports)."},
    {"github_login", ColumnType::text, false, false, {}, {}, "GitHub login (joins GitHub Copilot usage exports)."},
};

constexpr ColumnSpec kSurveyColumns[] = {
    {"person_id", ColumnType::text, true, true, {}, {}, "Identifier matching activity.person_id."},
    {"date", ColumnType::date, true, true, {}, {}, "Day the answer was given, YYYY-MM-DD."},
    {"ai_sentiment", ColumnType::integer, false, false, 1.0, 5.0, "How helpful AI tools feel, 1..5."},
    {"wellbeing", ColumnType::integer, false, false, 1.0, 5.0, "Self-reported well-being, 1..5."},
};

constexpr ColumnSpec kPlaybookColumns[] = {
    {"role", ColumnType::text, true, true, {}, {}, "Role the rule applies to."},
    {"task_type", ColumnType::text, true, true, {}, {}, "Task type the rule applies to."},
    {"ai_recommended", ColumnType::boolean, true, true, {}, {}, "Whether this role is expected to use AI for it."},
};

constexpr ColumnSpec kIdentityColumns[] = {
    {"identity", ColumnType::text, true, true, {}, {}, "A user as an AI-usage export names them (e-mail, login or concealed hash)."},
    {"person_id", ColumnType::text, true, true, {}, {}, "The person it is."},
};

constexpr TableSchema kSchemas[] = {
    {TableKind::activity, "activity", true, kActivityColumns,
     "One row per person x date x task type: what was done, how long it took, and how much of it used AI."},
    {TableKind::people, "people", false, kPeopleColumns, "One row per person: who they are in the organisation."},
    {TableKind::surveys, "surveys", false, kSurveyColumns, "Pulse-survey answers, any number per person."},
    {TableKind::playbook, "playbook", false, kPlaybookColumns,
     "Which task types each role is expected to use AI for."},
    {TableKind::identities, "identities", false, kIdentityColumns,
     "Maps the users named in AI-usage exports onto person_id (for concealed names, or ids that differ)."},
};

}  // namespace

const TableSchema& schema_for(TableKind kind) { return kSchemas[static_cast<std::size_t>(kind)]; }

std::optional<TableKind> table_kind_from_name(std::string_view name) {
  for (const TableSchema& s : kSchemas)
    if (s.name == name) return s.kind;
  return std::nullopt;
}

std::string_view table_name(TableKind kind) { return schema_for(kind).name; }

std::string normalize_header(std::string_view header) {
  std::size_t b = 0, e = header.size();
  while (b < e && (header[b] == ' ' || header[b] == '\t')) ++b;
  while (e > b && (header[e - 1] == ' ' || header[e - 1] == '\t')) --e;
  std::string out;
  out.reserve(e - b);
  bool pending_sep = false;
  for (std::size_t i = b; i < e; ++i) {
    char c = header[i];
    if (c == ' ' || c == '-' || c == '.' || c == '_') {
      pending_sep = !out.empty();
      continue;
    }
    if (pending_sep) out.push_back('_');
    pending_sep = false;
    out.push_back(ascii_lower(c));
  }
  return out;
}

}  // namespace gapscore

namespace gapscore {

std::string input_schema_json() {
  nlohmann::ordered_json tables = nlohmann::ordered_json::array();
  for (TableKind kind : kAllTableKinds) {
    const TableSchema& s = schema_for(kind);
    nlohmann::ordered_json columns = nlohmann::ordered_json::array();
    for (const ColumnSpec& c : s.columns)
      columns.push_back({{"name", c.name},
                         {"type", column_type_name(c.type)},
                         {"required_column", c.required_column},
                         {"required_value", c.required_value},
                         {"min", c.min ? nlohmann::ordered_json(*c.min) : nlohmann::ordered_json(nullptr)},
                         {"max", c.max ? nlohmann::ordered_json(*c.max) : nlohmann::ordered_json(nullptr)},
                         {"description", c.description}});
    tables.push_back({{"name", s.name}, {"required", s.required_table}, {"description", s.description},
                      {"columns", std::move(columns)}});
  }
  return nlohmann::ordered_json{{"tables", std::move(tables)}}.dump(-1, ' ', false,
                                                                      nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace gapscore
