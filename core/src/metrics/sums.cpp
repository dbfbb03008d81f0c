#include "metrics/sums.h"

namespace gapscore::metrics {

void RowSums::add(const RowSums& o) {
  rows += o.rows;
  tasks += o.tasks;
  ai_tasks += o.ai_tasks;
  hours += o.hours;
  q_tasks += o.q_tasks;
  q_weighted += o.q_weighted;
  q_cost += o.q_cost;
  e_tasks += o.e_tasks;
  errors += o.errors;
  v_rows += o.v_rows;
  v_value += o.v_value;
  v_cost += o.v_cost;
  c_tasks += o.c_tasks;
  c_weighted += o.c_weighted;
  r_rows += o.r_rows;
  r_hours += o.r_hours;
  rework += o.rework;
  b_rows += o.b_rows;
  b_baseline += o.b_baseline;
  b_hours += o.b_hours;
  b_rework += o.b_rework;
  i_rows += o.i_rows;
  interactions += o.interactions;
}

void PlaybookSums::add(const PlaybookSums& o) {
  recommended_tasks += o.recommended_tasks;
  recommended_ai_tasks += o.recommended_ai_tasks;
  covered_ai_tasks += o.covered_ai_tasks;
  off_playbook_ai_tasks += o.off_playbook_ai_tasks;
}

void Sums::add(const Sums& o) {
  all.add(o.all);
  ai.add(o.ai);
  manual.add(o.manual);
  playbook.add(o.playbook);
}

}  // namespace gapscore::metrics
