#include "ingest/column_hints.h"

#include <nlohmann/json.hpp>

#include "base/text_distance.h"
#include "model/schema.h"

namespace gapscore::ingest {
namespace {

struct Synonyms {
  std::string_view column;
  std::initializer_list<std::string_view> names;  // normalised (normalize_header)
};

// Names HR systems and spreadsheets use for gapscore's columns.
const Synonyms kSynonyms[] = {
    {"person_id",
     {"employee_id", "employeeid", "employee", "emp_id", "empid", "employee_number", "employee_no", "employee_nr",
      "personnel_number", "personnel_no", "staff_id", "staff_number", "worker_id", "person_number", "personid", "person",
      "associate_id", "hris_id", "user_id", "userid", "id"}},
    {"date", {"day", "work_date", "activity_date", "metricdate", "metric_date", "date_worked", "work_day", "week", "period"}},
    {"task_type", {"task", "task_name", "activity", "activity_type", "work_type", "task_category", "category", "type"}},
    {"tasks", {"task_count", "tasks_completed", "completed_tasks", "number_of_tasks", "count", "items", "volume"}},
    {"ai_tasks", {"tasks_with_ai", "ai_assisted_tasks", "ai_task_count", "ai_assisted", "with_ai"}},
    {"hours", {"hours_worked", "time_spent", "duration_hours", "effort_hours", "time_hours", "duration", "effort", "time"}},
    {"team", {"department", "dept", "org_unit", "organization", "organisation", "group", "unit", "cost_center"}},
    {"role", {"job_title", "title", "position", "job_role", "job", "function", "functiontype"}},
    {"manager_id", {"manager", "manager_employee_id", "supervisor_id", "supervisor", "reports_to", "line_manager"}},
    {"identity", {"user", "upn", "user_principal_name", "login", "user_login", "email", "account"}},
    {"ai_recommended", {"recommended", "use_ai", "ai_expected", "ai"}},
};

}  // namespace

std::string likely_header(std::string_view column, std::span<const std::string> headers) {
  for (const Synonyms& s : kSynonyms) {
    if (s.column != column) continue;
    for (std::string_view name : s.names)  // the synonym list's order is the preference
      for (const std::string& h : headers)
        if (normalize_header(h) == name) return h;
  }
  std::vector<std::string> normalized;
  for (const std::string& h : headers) normalized.push_back(normalize_header(h));
  const std::string close = closest_match(column, normalized);
  for (std::size_t i = 0; i < headers.size(); ++i)
    if (!close.empty() && normalized[i] == close) return headers[i];
  return {};
}

std::string column_mapping_json(std::string_view table, std::string_view header, std::string_view column) {
  nlohmann::ordered_json j;
  j["columns"][std::string(table)][std::string(header)] = std::string(column);
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace gapscore::ingest
