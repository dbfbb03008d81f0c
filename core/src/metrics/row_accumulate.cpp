#include "metrics/row_accumulate.h"

#include <cmath>

#include "model/table.h"

namespace gapscore::metrics {

namespace {
inline bool has(const double* col, std::size_t r) { return col && !std::isnan(col[r]); }
inline bool has(const std::int32_t* col, std::size_t r) { return col && col[r] != kMissingInt; }

inline void add_to(RowSums& s, const ActivityView& v, std::size_t r, double tasks, double ai_tasks, double hours,
                   double rework) {
  s.rows += 1;
  s.tasks += tasks;
  s.ai_tasks += ai_tasks;
  s.hours += hours;
  const double cost = hours + rework;
  if (has(v.quality, r)) {
    s.q_tasks += tasks;
    s.q_weighted += tasks * v.quality[r];
    s.q_cost += cost;
  }
  if (has(v.errors, r)) {
    s.e_tasks += tasks;
    s.errors += v.errors[r];
  }
  if (has(v.outcome_value, r)) {
    s.v_rows += 1;
    s.v_value += v.outcome_value[r];
    s.v_cost += cost;
  }
  if (has(v.cycle_time_hours, r)) {
    s.c_tasks += tasks;
    s.c_weighted += tasks * v.cycle_time_hours[r];
  }
  if (has(v.rework_hours, r)) {
    s.r_rows += 1;
    s.r_hours += hours;
    s.rework += rework;
  }
  if (has(v.baseline_hours, r)) {
    s.b_rows += 1;
    s.b_baseline += v.baseline_hours[r];
    s.b_hours += hours;
    s.b_rework += rework;
  }
  if (has(v.ai_interactions, r)) {
    s.i_rows += 1;
    s.interactions += v.ai_interactions[r];
  }
}
}  // namespace

void add_row(const ActivityView& v, const PlaybookLookup& pb, std::size_t r, Sums& s) {
  const double tasks = v.tasks[r];
  const double ai_tasks = v.ai_tasks[r];
  const double hours = v.hours[r];
  const double rework = has(v.rework_hours, r) ? v.rework_hours[r] : 0.0;
  add_to(s.all, v, r, tasks, ai_tasks, hours, rework);
  add_to(v.ai_tasks[r] > 0 ? s.ai : s.manual, v, r, tasks, ai_tasks, hours, rework);
  switch (pb.status(v.person[r], v.task_type[r])) {
    case PlaybookStatus::recommended:
      s.playbook.recommended_tasks += tasks;
      s.playbook.recommended_ai_tasks += ai_tasks;
      s.playbook.covered_ai_tasks += ai_tasks;
      break;
    case PlaybookStatus::not_recommended:
      s.playbook.covered_ai_tasks += ai_tasks;
      s.playbook.off_playbook_ai_tasks += ai_tasks;
      break;
    case PlaybookStatus::role_not_covered: break;
  }
}

std::vector<Sums> person_sums(const ActivityView& v, const PlaybookLookup& pb, std::size_t person_count) {
  std::vector<Sums> out(person_count);
  for (std::size_t r = 0; r < v.rows; ++r) add_row(v, pb, r, out[v.person[r]]);
  return out;
}

void person_sums_for_rows(const ActivityView& v, const PlaybookLookup& pb, std::span<const std::uint32_t> rows,
                          std::vector<Sums>& out, std::vector<std::uint32_t>& touched) {
  for (std::uint32_t p : touched) out[p] = Sums{};
  touched.clear();
  for (std::uint32_t r : rows) {
    const std::uint32_t p = v.person[r];
    if (out[p].all.rows == 0) touched.push_back(p);
    add_row(v, pb, r, out[p]);
  }
}

}  // namespace gapscore::metrics
