#include "metrics/activity_view.h"

namespace gapscore::metrics {

ActivityView make_activity_view(const Dataset& ds) {
  const Table& t = ds.activity;
  ActivityView v;
  v.rows = t.row_count();
  v.person = t.column("person_id").text().codes.data();
  v.date = t.column("date").ints().data();
  v.task_type = t.column("task_type").text().codes.data();
  v.tasks = t.column("tasks").ints().data();
  v.ai_tasks = t.column("ai_tasks").ints().data();
  v.hours = t.column("hours").numbers().data();
  auto num = [&](const char* name, Need need) -> const double* {
    if (!t.has(name)) return nullptr;
    v.available |= need;
    return t.column(name).numbers().data();
  };
  auto integer = [&](const char* name, Need need) -> const std::int32_t* {
    if (!t.has(name)) return nullptr;
    v.available |= need;
    return t.column(name).ints().data();
  };
  v.baseline_hours = num("baseline_hours", need_baseline_hours);
  v.rework_hours = num("rework_hours", need_rework_hours);
  v.quality = num("quality", need_quality);
  v.outcome_value = num("outcome_value", need_outcome_value);
  v.cycle_time_hours = num("cycle_time_hours", need_cycle_time_hours);
  v.errors = integer("errors", need_errors);
  v.ai_interactions = integer("ai_interactions", need_ai_interactions);
  if (ds.surveys) {
    if (ds.surveys->has("ai_sentiment")) v.available |= need_survey_sentiment;
    if (ds.surveys->has("wellbeing")) v.available |= need_survey_wellbeing;
  }
  if (ds.playbook) v.available |= need_playbook;
  return v;
}

}  // namespace gapscore::metrics
