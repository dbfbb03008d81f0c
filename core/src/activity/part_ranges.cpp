// Parts of one activity file read in byte ranges (ingest/byte_range.h): rows
// numbered from the range's start, keys a later range repeats, and taking
// such a row back. Once per range merge, never per row of a first read.
#include <algorithm>
#include <iterator>

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

namespace {

// The index in SharedKeys::days of (person, task) named by text in `later`'s codes.
std::uint32_t shared_cell(const SharedKeys& keys, const TextCodes& persons, const TextCodes& tasks,
                          std::string_view person, std::string_view task) {
  if (keys.count == 0) return FlatU64Map::kAbsent;
  const std::uint32_t p = persons.find(person);
  if (p == TextCodes::kAbsent) return FlatU64Map::kAbsent;
  const std::uint32_t t = tasks.find(task);
  if (t == TextCodes::kAbsent) return FlatU64Map::kAbsent;
  return keys.cells.find((static_cast<std::uint64_t>(p) << 32) | t);
}

}  // namespace

namespace {

std::uint64_t key_fingerprint(std::uint64_t person_hash, std::string_view task, std::int32_t day) {
  return mix64(person_hash ^ mix64(hash_text(task, 0x7a5c) + static_cast<std::uint32_t>(day)));
}

}  // namespace

std::uint64_t SharedKeys::fingerprint(std::string_view person, std::string_view task, std::int32_t day) {
  return key_fingerprint(hash_text(person, 0x5eed), task, day);
}

bool SharedKeys::maybe(std::string_view person, std::optional<std::int32_t> day, std::string_view task) const {
  const std::uint64_t person_hash = hash_text(person, 0x5eed);
  if (dirty_people > 0 && maybe_people.find(person_hash) != FlatU64Map::kAbsent) return true;
  // Without a day (a date that does not read) only the exact test can say.
  if (!day) return true;
  const auto bit = static_cast<std::size_t>(key_fingerprint(person_hash, task, *day) & (maybe_keys.size() * 64 - 1));
  return (maybe_keys[bit / 64] >> (bit % 64)) & 1U;
}

std::optional<std::uint64_t> SharedKeys::index_of(std::string_view person, std::int32_t day, std::string_view task) const {
  const std::uint32_t i = shared_cell(*this, later->person_ids_, later->task_types_, person, task);
  if (i == FlatU64Map::kAbsent) return std::nullopt;
  const auto it = std::lower_bound(days[i].begin(), days[i].end(), day);
  if (it == days[i].end() || *it != day) return std::nullopt;
  return (std::uint64_t{i} << 32) | static_cast<std::uint64_t>(it - days[i].begin());
}

bool SharedKeys::has(std::string_view person, std::int32_t day, std::string_view task) const {
  return index_of(person, day, task).has_value();
}


bool SharedKeys::person_dirty(std::string_view person) const {
  if (dirty_people == 0) return false;
  const std::uint32_t p = later->person_ids_.find(person);
  return p != TextCodes::kAbsent && p < dirty.size() && dirty[p] != 0;
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
  const Part* const earlier[] = {this};
  return shared_keys(earlier, later);
}

std::vector<std::int32_t> Part::common_days(const TaskCell& c, const Part& later) const {
  const std::uint32_t p = person_ids_.find(later.person_ids_.texts()[c.person]);
  const std::uint32_t t = task_types_.find(later.task_types_.texts()[c.task]);
  if (p == TextCodes::kAbsent || t == TextCodes::kAbsent) return {};
  const std::uint32_t mine = task_cell_index_.find((static_cast<std::uint64_t>(p) << 32) | t);
  if (mine == FlatU64Map::kAbsent) return {};
  return task_cells_[mine].days.common(c.days);
}

SharedKeys Part::shared_keys(std::span<const Part* const> earlier, const Part& later) {
  SharedKeys out;
  out.later = &later;
  for (const TaskCell& c : later.task_cells_) {
    // A key two earlier ranges both hold is one key (ascending, no repeats).
    std::vector<std::int32_t> days;
    for (const Part* e : earlier) {
      std::vector<std::int32_t> more = e->common_days(c, later);
      if (more.empty()) continue;
      if (days.empty()) {
        days = std::move(more);
        continue;
      }
      std::vector<std::int32_t> both;
      std::set_union(days.begin(), days.end(), more.begin(), more.end(), std::back_inserter(both));
      days = std::move(both);
    }
    if (days.empty()) continue;
    out.count += days.size();
    out.cells.find_or_insert((static_cast<std::uint64_t>(c.person) << 32) | c.task, static_cast<std::uint32_t>(out.days.size()));
    out.days.push_back(std::move(days));
  }
  // A person whose first or conflicting attribute came from a row of a shared key.
  out.dirty.assign(later.persons_.size(), 0);
  if (out.count == 0) return out;
  // The first look's bits: a power of two of at least 16 a key, small enough to stay in cache.
  std::size_t words = 1;
  while (words * 64 < out.count * 16) words *= 2;
  out.maybe_keys.assign(words, 0);
  for (const TaskCell& c : later.task_cells_) {
    const std::uint32_t i = out.cells.find((static_cast<std::uint64_t>(c.person) << 32) | c.task);
    if (i == FlatU64Map::kAbsent) continue;
    for (const std::int32_t day : out.days[i]) {
      const auto bit = static_cast<std::size_t>(
          SharedKeys::fingerprint(later.person_ids_.texts()[c.person], later.task_types_.texts()[c.task], day) & (words * 64 - 1));
      out.maybe_keys[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  }
  const auto shared = [&](std::uint32_t person, std::uint32_t task, std::int32_t day) {
    const std::uint32_t i = out.cells.find((static_cast<std::uint64_t>(person) << 32) | task);
    return i != FlatU64Map::kAbsent && std::binary_search(out.days[i].begin(), out.days[i].end(), day);
  };
  for (std::uint32_t p = 0; p < later.persons_.size(); ++p) {
    const PersonPart& person = later.persons_[p];
    if (person.attributes.empty()) continue;
    const InlineAttributes& v = person.attributes.get();
    for (const InlineAttribute* a : {&v.team, &v.role, &v.work_mode})
      if ((a->row && shared(p, a->task, a->day)) || (a->conflict_row && shared(p, a->conflict_task, a->conflict_day)))
        out.dirty[p] = 1;
    out.dirty_people += out.dirty[p];
    if (out.dirty[p]) out.maybe_people.find_or_insert(hash_text(later.person_ids_.texts()[p], 0x5eed), 1);
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

void Part::replace_attributes(std::string_view person_id, const InlineAttributes& attributes) {
  const std::uint32_t p = person_ids_.find(person_id);
  if (p == TextCodes::kAbsent) return;
  PersonPart& person = persons_[p];
  person.first_text.fill(PersonPart::kNoText);
  if (attributes.empty()) person.attributes = PersonAttributes{};
  else person.attributes.values() = attributes;
}

}  // namespace gapscore::activity
