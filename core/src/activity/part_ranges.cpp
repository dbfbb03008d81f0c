// Parts of one activity file read in byte ranges (ingest/byte_range.h): rows
// numbered from the range's start, keys a later range repeats, and taking
// such a row back. Once per range merge, never per row of a first read.
#include <algorithm>

#include "activity/part.h"
#include "base/date.h"

namespace gapscore::activity {
namespace {

void subtract(ClassCounts& c, const ExactRowSums& s) {
  c.rows -= s.rows;
  c.tasks -= s.tasks;
  c.ai_tasks -= s.ai_tasks;
  c.r_hours -= s.r_hours;
  c.rework -= s.rework;
  c.e_tasks -= s.e_tasks;
  c.errors -= s.errors;
}

void subtract(ExactRowSums& a, const ExactRowSums& s) {
  for (auto field : kExactRowSumFields) a.*field -= s.*field;
}

}  // namespace

std::string SharedKeys::cell_key(std::string_view person, std::string_view task) {
  std::string key(person);
  key += '\x1f';
  key += task;
  return key;
}

bool SharedKeys::has(std::string_view person, std::int32_t day, std::string_view task) const {
  const auto it = days.find(cell_key(person, task));
  return it != days.end() && std::binary_search(it->second.begin(), it->second.end(), day);
}

bool SharedKeys::has_person_task(std::string_view person, std::string_view task) const {
  return days.count(cell_key(person, task)) > 0;
}

void DayBits::reset(std::int32_t day) {
  if (!test(day)) return;
  const auto off = static_cast<std::size_t>(day - first_);
  data()[off / 64] &= ~(std::uint64_t{1} << (off % 64));
}

void Part::shift_rows(std::uint64_t by) {
  for (PersonPart& p : persons_) {
    if (p.attributes.empty()) continue;
    InlineAttributes& v = p.attributes.values();
    for (InlineAttribute* a : {&v.team, &v.role, &v.work_mode}) {
      if (a->row) a->row += by;
      if (a->conflict_row) a->conflict_row += by;
    }
  }
}

SharedKeys Part::shared_keys(const Part& later) const {
  SharedKeys out;
  for (const TaskCell& c : later.task_cells_) {
    const std::string_view person = later.person_ids_.texts()[c.person];
    const std::string_view task = later.task_types_.texts()[c.task];
    const std::uint32_t p = person_ids_.find(person), t = task_types_.find(task);
    if (p == TextCodes::kAbsent || t == TextCodes::kAbsent) continue;
    const std::uint32_t mine = task_cell_index_.find((static_cast<std::uint64_t>(p) << 32) | t);
    if (mine == FlatU64Map::kAbsent) continue;
    std::vector<std::int32_t> days = task_cells_[mine].days.common(c.days);
    if (days.empty()) continue;
    out.count += days.size();
    out.days.emplace(SharedKeys::cell_key(person, task), std::move(days));
  }
  return out;
}

bool Part::remove(std::string_view person_id, std::int32_t day, std::string_view task_type, const RowValues& v) {
  const std::uint32_t p = person_ids_.find(person_id), t = task_types_.find(task_type);
  if (p == TextCodes::kAbsent || t == TextCodes::kAbsent) return false;
  const std::uint32_t tc = task_cell_index_.find((static_cast<std::uint64_t>(p) << 32) | t);
  if (tc == FlatU64Map::kAbsent || !task_cells_[tc].days.test(day)) return false;
  ExactRowSums s;
  if (!row_contribution(v, s)) return false;
  task_cells_[tc].days.reset(day);
  if ((options_.window_start && day < *options_.window_start) || (options_.window_end && day > *options_.window_end)) {
    --rows_outside_window_;
    return true;
  }
  const std::int32_t period_start = options_.weekly ? iso_week_monday(day) : month_start(day);
  const std::uint32_t period = period_index_.find(static_cast<std::uint64_t>(static_cast<std::uint32_t>(period_start)));
  const std::uint32_t pc = period == FlatU64Map::kAbsent ? PeriodCellIndex::kAbsent : period_cell_index_.find(p, period);
  if (pc == PeriodCellIndex::kAbsent) return false;
  TaskCell& task = task_cells_[tc];
  const bool ai = v.ai_tasks > 0;
  PeriodCells::Sums d = period_delta(s, ai && v.has_baseline, ai, task.status);
  for (std::int64_t& x : d) x = static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(x));
  if (!period_cells_.add(pc, d)) return false;
  PersonPart& person = persons_[p];
  if (person.all_kept) subtract(person.all, s);
  if (ai) subtract(person.ai, s);
  subtract(ai ? task.ai : task.manual, s);
  if (task.status == PlaybookStatus::unknown) {
    const std::uint32_t i = pending_index_.find((static_cast<std::uint64_t>(tc) << 32) | period);
    if (i != FlatU64Map::kAbsent) {
      pending_[i].tasks -= s.tasks;
      pending_[i].ai_tasks -= s.ai_tasks;
    }
  }
  totals_current_ = false;
  --rows_in_window_;
  return true;
}

bool Part::attribute_row(std::string_view person_id, std::uint64_t row) const {
  const std::uint32_t p = person_ids_.find(person_id);
  if (p == TextCodes::kAbsent) return false;
  const InlineAttributes& v = persons_[p].attributes.get();
  for (const InlineAttribute* a : {&v.team, &v.role, &v.work_mode})
    if (a->row == row || a->conflict_row == row) return true;
  return false;
}

void Part::replace_attributes(std::string_view person_id, const InlineAttributes& attributes) {
  const std::uint32_t p = person_ids_.find(person_id);
  if (p == TextCodes::kAbsent) return;
  PersonPart& person = persons_[p];
  person.first_text.fill(PersonPart::kNoText);
  if (attributes.empty()) person.attributes = PersonAttributes{};
  else person.attributes.values() = attributes;
}

}  // namespace gapscore::activity
