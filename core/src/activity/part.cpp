#include "activity/part.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "base/date.h"
#include "base/same_text.h"

namespace gapscore::activity {
namespace {

std::int32_t floor_div64(std::int32_t day) { return day >= 0 ? day / 64 : -((-day + 63) / 64); }

// What a row adds to its period's sums, in PeriodCell's field order. Not
// inlined: in Part::add it made the wasm compiler stop inlining the id lookups
// (about 5 % slower).
}  // namespace

[[gnu::noinline]] PeriodCells::Sums period_delta(const ExactRowSums& s, bool ai_baseline, bool ai, PlaybookStatus status) {
  PeriodCells::Sums d;
  static_assert(std::size(kExactRowSumFields) == PeriodCell::kAiBRows && PeriodCell::kOffPlaybookAiTasks == 31);
  for (std::size_t k = 0; k < std::size(kExactRowSumFields); ++k) d[k] = s.*kExactRowSumFields[k];
  const bool recommended = status == PlaybookStatus::recommended;
  const bool off_playbook = status == PlaybookStatus::not_recommended;
  d[PeriodCell::kAiBRows] = ai_baseline ? s.b_rows : 0;
  d[PeriodCell::kAiBBaseline] = ai_baseline ? s.b_baseline : 0;
  d[PeriodCell::kAiBHours] = ai_baseline ? s.b_hours : 0;
  d[PeriodCell::kAiBRework] = ai_baseline ? s.b_rework : 0;
  d[PeriodCell::kAiRework] = ai ? s.rework : 0;
  d[PeriodCell::kRecommendedTasks] = recommended ? s.tasks : 0;
  d[PeriodCell::kRecommendedAiTasks] = recommended ? s.ai_tasks : 0;
  d[PeriodCell::kCoveredAiTasks] = recommended || off_playbook ? s.ai_tasks : 0;
  d[PeriodCell::kOffPlaybookAiTasks] = off_playbook ? s.ai_tasks : 0;
  return d;
}

namespace {

// Whether s fits a person's sums: every field of `all`, and of `ai` (an AI-assisted
// row) or of the manual sums (all - ai), stays within 64 bits. One pass and no
// temporary: manual_sums + can_add built one for every manual row (3 % of native time).
[[gnu::noinline]] bool person_fits(const ExactRowSums& all, const ExactRowSums& ai, const ExactRowSums& s, bool is_ai) {
  bool overflow = false;
  for (auto field : kExactRowSumFields) {
    std::int64_t sum = 0;
    overflow |= __builtin_add_overflow(all.*field, s.*field, &sum);
    overflow |= __builtin_add_overflow(is_ai ? ai.*field : all.*field - ai.*field, s.*field, &sum);
  }
  return !overflow;
}

// At least the largest |field| of a row's sums: no sum it is added to grows by
// more. v ^ (v >> 63) is v, or |v| - 1 for a negative v; their OR is at least
// each of them. No compare or branch per field.
std::uint64_t largest_field_bound(const ExactRowSums& s) {
  std::uint64_t bits = 0;
  for (auto field : kExactRowSumFields) {
    const std::int64_t v = s.*field;
    bits |= static_cast<std::uint64_t>(v ^ (v >> 63));
  }
  return bits + 1;
}

}  // namespace

DayBits& DayBits::operator=(const DayBits& o) {
  if (this == &o) return *this;
  first_ = o.first_;
  size_ = o.size_;
  inline_ = o.inline_;
  heap_.reset();
  if (size_ > kInlineWords) {
    heap_ = std::make_unique<std::uint64_t[]>(size_);
    std::copy(o.heap_.get(), o.heap_.get() + size_, heap_.get());
  }
  return *this;
}

void DayBits::widen(std::int32_t first, std::uint32_t size) {
  std::array<std::uint64_t, kInlineWords> in{};
  std::unique_ptr<std::uint64_t[]> heap;
  std::uint64_t* to = in.data();
  if (size > kInlineWords) {
    heap = std::make_unique<std::uint64_t[]>(size);  // zeroed
    to = heap.get();
  }
  if (size_ > 0) {
    const std::uint64_t* from = data();
    std::copy(from, from + size_, to + (first_ - first) / 64);
  }
  first_ = first;
  size_ = size;
  inline_ = in;
  heap_ = std::move(heap);
}

bool DayBits::test(std::int32_t day) const {
  if (size_ == 0) return false;
  const std::int64_t off = static_cast<std::int64_t>(day) - first_;
  if (off < 0 || off >= static_cast<std::int64_t>(size_) * 64) return false;
  return (data()[static_cast<std::size_t>(off / 64)] >> (off % 64)) & 1U;
}

bool DayBits::test_and_set(std::int32_t day) {
  const std::int32_t word_day = floor_div64(day) * 64;
  if (size_ == 0) {
    widen(word_day, 1);
  } else if (word_day < first_) {
    widen(word_day, size_ + static_cast<std::uint32_t>((first_ - word_day) / 64));
  } else if (word_day >= first_ + static_cast<std::int32_t>(size_) * 64) {
    widen(first_, static_cast<std::uint32_t>((word_day - first_) / 64) + 1);
  }
  const auto off = static_cast<std::size_t>(day - first_);
  const std::uint64_t bit = std::uint64_t{1} << (off % 64);
  std::uint64_t& w = data()[off / 64];
  const bool was = (w & bit) != 0;
  w |= bit;
  return was;
}

void InlineAttribute::see(std::string_view v, std::uint32_t in_file, std::uint64_t at, std::uint32_t key_task,
                          std::int32_t key_day) {
  if (v.empty()) return;
  if (row == 0) {
    row = at;
    file = in_file;
    value = std::string(v);
    task = key_task;
    day = key_day;
  } else if (conflict_row == 0 && v != value) {
    conflict_row = at;
    conflict_file = in_file;
    conflict_value = std::string(v);
    conflict_task = key_task;
    conflict_day = key_day;
  }
}

Part::Part(PartOptions options) : options_(std::move(options)) {}

std::uint32_t Part::task_cell(std::uint32_t person, std::uint32_t task, std::optional<PlaybookStatus> status) {
  const std::uint64_t key = (static_cast<std::uint64_t>(person) << 32) | task;
  const auto next = static_cast<std::uint32_t>(task_cells_.size());
  const std::uint32_t i = task_cell_index_.find_or_insert(key, next);
  if (i == next) {
    TaskCell c;
    c.person = person;
    c.task = task;
    c.status = status ? *status : options_.playbook ? playbook_status(person, task) : PlaybookStatus::role_not_covered;
    task_cells_.push_back(std::move(c));
  }
  return i;
}

std::uint32_t Part::task_cell_of_person(std::uint32_t person, std::uint32_t task) {
  TaskSlots& slots = persons_[person].task_slots;
  for (std::size_t i = 0; i < TaskSlots::kSlots; ++i) {
    if (slots.task[i] == task) return slots.cell[i];
    if (slots.task[i] == TaskSlots::kNone) {
      slots.cell[i] = task_cell(person, task);
      slots.task[i] = task;
      return slots.cell[i];
    }
  }
  return task_cell(person, task);
}

PlaybookStatus Part::playbook_status(std::uint32_t person, std::uint32_t task) {
  if (person >= person_role_.size()) person_role_.resize(person + 1, kRoleNotAsked);
  std::uint32_t& role = person_role_[person];
  if (role == kRoleNotAsked) role = options_.playbook->role_of(person_ids_.texts()[person]);
  if (role == PlaybookResolver::kNoRole) return PlaybookStatus::unknown;
  const std::uint64_t key = (std::uint64_t{role} << 32) | task;
  std::uint32_t biased = role_task_status_.find(key);
  if (biased == FlatU64Map::kAbsent) {
    const auto status = static_cast<std::int32_t>(options_.playbook->status_of(role, task_types_.texts()[task]));
    biased = role_task_status_.find_or_insert(key, static_cast<std::uint32_t>(status + std::int32_t{kStatusBias}));
  }
  return static_cast<PlaybookStatus>(static_cast<std::int32_t>(biased) - std::int32_t{kStatusBias});
}

std::uint32_t Part::period_cell(std::uint32_t person, std::int32_t period_start) {
  const auto next_period = static_cast<std::uint32_t>(periods_.size());
  const std::uint32_t period =
      period_index_.find_or_insert(static_cast<std::uint64_t>(static_cast<std::uint32_t>(period_start)), next_period);
  if (period == next_period) periods_.push_back(period_start);
  const auto next = static_cast<std::uint32_t>(period_cells_.size());
  const std::uint32_t i = period_cell_index_.find_or_insert(person, period, next);
  if (i == next) period_cells_.add_cell(person, period);
  return i;
}

void Part::see_attributes(PersonPart& person, const std::array<std::string_view, 3>& values, std::uint64_t row,
                          std::uint32_t task, std::int32_t day) {
  for (std::size_t k = 0; k < values.size(); ++k) {
    const std::string_view v = values[k];
    const std::uint32_t first = person.first_text[k];
    // The first value again: InlineAttribute::see would change nothing.
    if (v.empty() || (first != PersonPart::kNoText && same_text(attribute_texts_.texts()[first], v))) continue;
    InlineAttributes& a = person.attributes.values();
    InlineAttribute& attribute = k == 0 ? a.team : k == 1 ? a.role : a.work_mode;
    attribute.see(v, file_, row, task, day);
    if (first == PersonPart::kNoText && attribute.row != 0) person.first_text[k] = attribute_texts_.intern(attribute.value);
  }
}

RowOutcome Part::add(std::string_view person_id, std::int32_t day, std::string_view task_type, const RowValues& v,
                     std::string_view team, std::string_view role, std::string_view work_mode, std::uint64_t row) {
  ExactRowSums s;
  if (!row_contribution(v, s)) {
    ++overflow_rows_;
    return RowOutcome::overflow;
  }
  // Exports often list one person's rows together: the previous row's person is tried first.
  std::uint32_t p = last_person_;
  const std::vector<std::string>& ids = person_ids_.texts();
  if (p == TextCodes::kAbsent || !same_text(ids[p], person_id)) {
    // Exports by date list people in the same order each day: the person
    // after the last one is tried before the hash (kAbsent + 1 is 0).
    if (p + 1 < ids.size() && same_text(ids[p + 1], person_id)) {
      ++p;
    } else {
      p = person_ids_.intern(person_id);
      if (p == persons_.size()) persons_.emplace_back();
      ++window_jumps_;
    }
    last_person_ = p;
  }
  if (++window_rows_ == kJumpWindow) {
    wants_upcoming_ = window_jumps_ > kJumpWindow / 2;
    window_rows_ = window_jumps_ = 0;
  }
  const std::uint32_t t = task_types_.intern(task_type);
  const std::uint32_t tc = task_cell_of_person(p, t);
  // The key (person, date, task type) is seen once; a repeat is dropped.
  if (task_cells_[tc].days.test_and_set(day)) return RowOutcome::duplicate;
  if ((options_.window_start && day < *options_.window_start) || (options_.window_end && day > *options_.window_end)) {
    ++rows_outside_window_;
    return RowOutcome::outside_window;
  }
  PersonPart& person = persons_[p];
  // Inline attributes come from the rows inside the window.
  if (!team.empty() || !role.empty() || !work_mode.empty()) see_attributes(person, {team, role, work_mode}, row, t, day);
  const bool ai = v.ai_tasks > 0;
  const std::int32_t period_start = options_.weekly ? iso_week_monday(day) : month_start(day);
  const std::uint32_t pc = p == last_period_cell_person_ && period_start == last_period_start_
                               ? last_period_cell_
                               : period_cell(p, period_start);
  last_period_cell_person_ = p;
  last_period_start_ = period_start;
  last_period_cell_ = pc;
  TaskCell& task = task_cells_[tc];
  // All sums of the row are checked before any is changed: a row goes in whole or not at all.
  // (The key stays taken: a later row with it is still a repeat.) Manual sums
  // are all - ai, and must fit 64 bits as much as the kept ones.
  constexpr std::uint64_t kRoom = std::uint64_t{1} << 63;  // below it, no int64 sum has overflowed
  const std::uint64_t grow = largest_field_bound(s);
  const bool roomy = grow < kRoom && person.magnitude < kRoom - grow;
  if (!roomy && !person.all_kept) {
    if (!totals_current_) person.all = person_total(p);
    person.all_kept = true;
  }
  if ((!roomy && !person_fits(person.all, person.ai, s, ai)) ||
      !period_cells_.add(pc, period_delta(s, ai && v.has_baseline, ai, task.status))) {
    ++overflow_rows_;
    return RowOutcome::overflow;
  }
  person.magnitude = roomy ? person.magnitude + grow : PersonPart::kUnbounded;
  totals_current_ = false;  // `all` is settled from the period cells later
  if (person.all_kept) person.all.add_checked_before(s);
  if (ai) person.ai.add_checked_before(s);
  (ai ? task.ai : task.manual).add(s);
  if (task.status == PlaybookStatus::unknown) {
    const std::uint32_t period = period_cells_.period(pc);
    const std::uint64_t key = (static_cast<std::uint64_t>(tc) << 32) | period;
    const auto next = static_cast<std::uint32_t>(pending_.size());
    const std::uint32_t i = pending_index_.find_or_insert(key, next);
    if (i == next) pending_.push_back({p, period, t, 0, 0});
    pending_[i].tasks += s.tasks;
    pending_[i].ai_tasks += s.ai_tasks;
  }
  ++rows_in_window_;
  if (!any_date_ || day < first_date_) first_date_ = day;
  if (!any_date_ || day > last_date_) last_date_ = day;
  any_date_ = true;
  return RowOutcome::kept;
}

}  // namespace gapscore::activity
