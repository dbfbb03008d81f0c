// Additive sums over activity rows: everything a group metric needs, kept per
// person and added up per group in person-id order (a fixed reduction order,
// so results are identical however the input was chunked).
#pragma once

#include <cstdint>

namespace gapscore::metrics {

// Sums over one class of rows (all, AI-assisted, or manual). Each optional
// column's sums run only over the rows where that column is filled; a
// missing rework_hours cell counts as no rework in the hour denominators.
struct RowSums {
  double rows = 0;
  double tasks = 0, ai_tasks = 0, hours = 0;
  double q_tasks = 0, q_weighted = 0, q_cost = 0;        // rows with quality: Σtasks, Σtasks·quality, Σ(hours+rework)
  double e_tasks = 0, errors = 0;                        // rows with errors
  double v_rows = 0, v_value = 0, v_cost = 0;            // rows with outcome_value: count, Σvalue, Σ(hours+rework)
  double c_tasks = 0, c_weighted = 0;                    // rows with cycle_time_hours: Σtasks, Σtasks·cycle
  double r_rows = 0, r_hours = 0, rework = 0;            // rows with rework_hours
  double b_rows = 0, b_baseline = 0, b_hours = 0, b_rework = 0;  // rows with baseline_hours
  double i_rows = 0, interactions = 0;                   // rows with ai_interactions

  void add(const RowSums& o);
};

// Sums over rows whose (role, task_type) the playbook covers.
struct PlaybookSums {
  double recommended_tasks = 0;     // tasks on AI-recommended pairs
  double recommended_ai_tasks = 0;  // ai_tasks on AI-recommended pairs
  double covered_ai_tasks = 0;      // ai_tasks of people whose role is in the playbook
  double off_playbook_ai_tasks = 0; // of those, ai_tasks on pairs not recommended for the role

  void add(const PlaybookSums& o);
};

struct Sums {
  RowSums all, ai, manual;
  PlaybookSums playbook;

  void add(const Sums& o);
};

}  // namespace gapscore::metrics
