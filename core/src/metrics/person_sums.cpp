#include "metrics/person_sums.h"

#include <algorithm>
#include <iterator>

#include "metrics/group_inputs.h"

namespace gapscore::metrics {
namespace {

using activity::kScaleD;
using activity::PeriodCell;

double scaled(std::int64_t v) { return static_cast<double>(v) / kScaleD; }
double count(std::int64_t v) { return static_cast<double>(v); }

// RowSums' fields in ExactRowSums' order (activity::kExactRowSumFields).
constexpr double RowSums::* kRowSumFields[] = {
    &RowSums::rows,     &RowSums::tasks,      &RowSums::ai_tasks,   &RowSums::hours,      &RowSums::q_tasks,
    &RowSums::q_weighted, &RowSums::q_cost,   &RowSums::e_tasks,    &RowSums::errors,     &RowSums::v_rows,
    &RowSums::v_value,  &RowSums::v_cost,     &RowSums::c_tasks,    &RowSums::c_weighted, &RowSums::r_rows,
    &RowSums::r_hours,  &RowSums::rework,     &RowSums::b_rows,     &RowSums::b_baseline, &RowSums::b_hours,
    &RowSums::b_rework, &RowSums::i_rows,     &RowSums::interactions};
static_assert(std::size(kRowSumFields) == std::size(activity::kExactRowSumFields));

double as_double(std::size_t field, std::int64_t v) {
  return activity::kExactRowSumFixedPoint[field] ? scaled(v) : count(v);
}

void add_playbook(PlaybookStatus status, double tasks, double ai_tasks, PlaybookSums& s) {
  switch (status) {
    case PlaybookStatus::recommended:
      s.recommended_tasks += tasks;
      s.recommended_ai_tasks += ai_tasks;
      s.covered_ai_tasks += ai_tasks;
      break;
    case PlaybookStatus::not_recommended:
      s.covered_ai_tasks += ai_tasks;
      s.off_playbook_ai_tasks += ai_tasks;
      break;
    case PlaybookStatus::role_not_covered: break;
  }
}

}  // namespace

std::uint32_t available_inputs(const Dataset& ds) {
  std::uint32_t available = 0;
  for (const TableSummary& t : ds.inputs) {
    if (t.table != "activity") continue;
    for (const std::string& c : t.columns) {
      if (c == "baseline_hours") available |= need_baseline_hours;
      else if (c == "rework_hours") available |= need_rework_hours;
      else if (c == "quality") available |= need_quality;
      else if (c == "outcome_value") available |= need_outcome_value;
      else if (c == "cycle_time_hours") available |= need_cycle_time_hours;
      else if (c == "errors") available |= need_errors;
      else if (c == "ai_interactions") available |= need_ai_interactions;
    }
  }
  if (ds.surveys) {
    if (ds.surveys->has("ai_sentiment")) available |= need_survey_sentiment;
    if (ds.surveys->has("wellbeing")) available |= need_survey_wellbeing;
  }
  if (ds.playbook) available |= need_playbook;
  return available;
}

RowSums to_row_sums(const activity::ExactRowSums& s) {
  RowSums r;
  for (std::size_t f = 0; f < std::size(kRowSumFields); ++f) r.*kRowSumFields[f] = as_double(f, s.*activity::kExactRowSumFields[f]);
  return r;
}

std::vector<Sums> person_sums(const Dataset& ds, const PlaybookLookup& pb) {
  const activity::ActivityData& a = ds.activity;
  std::vector<Sums> out(a.persons.size());
  for (std::uint32_t p = 0; p < a.persons.size(); ++p) {
    const activity::ActivityPerson& person = a.persons[p];
    Sums& s = out[p];
    s.all = to_row_sums(person.all);
    s.ai = to_row_sums(person.ai);
    s.manual = to_row_sums(activity::manual_sums(person.all, person.ai));
    for (const activity::TaskSums& c : a.task_cells_of(p))
      add_playbook(pb.status(p, c.task), count(c.ai.tasks + c.manual.tasks), count(c.ai.ai_tasks + c.manual.ai_tasks),
                   s.playbook);
  }
  return out;
}

PeriodIndex index_periods(const activity::ActivityData& a) {
  PeriodIndex index;
  index.cells.resize(a.periods.size());
  index.pending.resize(a.periods.size());
  for (std::uint32_t i = 0; i < a.period_cells.size(); ++i) index.cells[a.period_cells.period(i)].push_back(i);
  for (std::uint32_t i = 0; i < a.pending_playbook.size(); ++i) index.pending[a.pending_playbook[i].period].push_back(i);
  return index;
}

PeriodSums::PeriodSums(const Dataset& ds, const PlaybookLookup& pb, const PeriodIndex& index)
    : ds_(ds), pb_(pb), index_(index), cell_of_(ds.activity.persons.size()) {}

void PeriodSums::select(std::size_t period, std::vector<std::uint32_t>& people) {
  const activity::ActivityData& a = ds_.activity;
  period_ = period;
  people.clear();
  for (std::uint32_t i : index_.cells[period]) {
    const std::uint32_t p = a.period_cells.person(i);
    people.push_back(p);
    cell_of_[p] = i;
  }
  // Cells whose status waited for the final roles, in index order (by person).
  pending_.clear();
  const std::vector<std::uint32_t>& pending = index_.pending[period];
  for (std::uint32_t k = 0; k < pending.size(); ++k) {
    const std::uint32_t p = a.pending_playbook[pending[k]].person;
    if (pending_.empty() || pending_.back().person != p) pending_.push_back({p, k, k});
    pending_.back().end = k + 1;
  }
}

// Adds only the fields a period keeps: the others are zeros, and adding +0.0
// to a sum changes no bit (no sum here is ever -0.0), so a group's sums are
// the same as adding each member's whole Sums, with less than half the work.
void PeriodSums::add_to(std::uint32_t person, Sums& acc) const {
  const activity::ActivityData& a = ds_.activity;
  const activity::PeriodCells::Sums c = a.period_cells.sums(cell_of_[person]);
  // all's fields come first in a cell's sums, in order (period_cell.h); each
  // is divided out and added as to_row_sums + RowSums::add would.
  for (std::size_t f = 0; f < std::size(kRowSumFields); ++f) acc.all.*kRowSumFields[f] += as_double(f, c[f]);
  // Of the AI-assisted rows, a period keeps only their baseline sums and
  // their rework (time saved, net of AI rework).
  acc.ai.b_rows += count(c[PeriodCell::kAiBRows]);
  acc.ai.b_baseline += scaled(c[PeriodCell::kAiBBaseline]);
  acc.ai.b_hours += scaled(c[PeriodCell::kAiBHours]);
  acc.ai.b_rework += scaled(c[PeriodCell::kAiBRework]);
  acc.ai.rework += scaled(c[PeriodCell::kAiRework]);
  PlaybookSums pb;
  pb.recommended_tasks = count(c[PeriodCell::kRecommendedTasks]);
  pb.recommended_ai_tasks = count(c[PeriodCell::kRecommendedAiTasks]);
  pb.covered_ai_tasks = count(c[PeriodCell::kCoveredAiTasks]);
  pb.off_playbook_ai_tasks = count(c[PeriodCell::kOffPlaybookAiTasks]);
  const auto it = std::lower_bound(pending_.begin(), pending_.end(), person,
                                   [](const PendingRange& r, std::uint32_t p) { return r.person < p; });
  if (it != pending_.end() && it->person == person) {
    const std::vector<std::uint32_t>& pending = index_.pending[period_];
    for (std::uint32_t k = it->begin; k < it->end; ++k) {
      const activity::PendingPlaybookCell& pc = a.pending_playbook[pending[k]];
      add_playbook(pb_.status(pc.person, pc.task), count(pc.tasks), count(pc.ai_tasks), pb);
    }
  }
  acc.playbook.add(pb);
}

Sums PeriodSums::of(std::uint32_t person) const {
  Sums s;
  add_to(person, s);
  return s;
}

}  // namespace gapscore::metrics
