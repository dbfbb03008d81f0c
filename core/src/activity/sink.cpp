#include "activity/sink.h"

#include "model/table.h"

namespace gapscore::activity {
namespace {

// Activity schema slots (core/src/model/schema.cpp, in order).
enum Slot : std::size_t {
  person_id, date, task_type, tasks, ai_tasks, hours, baseline_hours, rework_hours, errors, quality, outcome_value,
  cycle_time_hours, ai_interactions, team, role, work_mode,
};

}  // namespace

bool row_values(const ingest::RowView& r, RowValues& v) {
  v.tasks = r.ints[tasks];
  v.ai_tasks = r.ints[ai_tasks];
  static_assert(kScale == 1'000'000);  // the millionths of ingest::cell_millionths
  auto fixed = [&](Slot s, std::int64_t& out) { return ingest::cell_millionths(r, s, out); };
  bool ok = fixed(hours, v.hours);
  auto decimal = [&](Slot s, bool& has, std::int64_t& out) {
    has = r.present[s] != 0;
    if (has) ok = fixed(s, out) && ok;
  };
  decimal(baseline_hours, v.has_baseline, v.baseline);
  decimal(rework_hours, v.has_rework, v.rework);
  decimal(quality, v.has_quality, v.quality);
  decimal(outcome_value, v.has_value, v.value);
  decimal(cycle_time_hours, v.has_cycle, v.cycle);
  v.has_errors = r.present[errors] != 0;
  if (v.has_errors) v.errors = r.ints[errors];
  v.has_interactions = r.present[ai_interactions] != 0;
  if (v.has_interactions) v.interactions = r.ints[ai_interactions];
  return ok;
}

RowKey row_key(const ingest::RowView& r) {
  RowKey k;
  k.person = r.cells[person_id];
  k.day = r.ints[date];
  k.task = r.cells[task_type];
  k.team = r.present[team] ? r.cells[team] : "";
  k.role = r.present[role] ? r.cells[role] : "";
  k.work_mode = r.present[work_mode] ? work_mode_text(static_cast<WorkMode>(r.ints[work_mode])) : std::string_view();
  return k;
}

PartSink::Outcome PartSink::accept(const ingest::RowView& r, std::uint64_t row_number) {
  RowValues v;
  if (!row_values(r, v)) return Outcome::too_large;
  const RowKey k = row_key(r);
  switch (part_.add(k.person, k.day, k.task, v, k.team, k.role, k.work_mode, row_number)) {
    case RowOutcome::kept: return Outcome::kept;
    case RowOutcome::duplicate: return Outcome::duplicate;
    case RowOutcome::outside_window: return Outcome::outside_window;
    case RowOutcome::overflow: return Outcome::too_large;
  }
  return Outcome::too_large;
}

}  // namespace gapscore::activity
