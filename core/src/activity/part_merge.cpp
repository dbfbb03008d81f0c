// Merging parts (shards, files), loading saved day bitmaps, and what a part's
// state costs: once per part, not per row (compiled for size in the wasm build).
#include "activity/part.h"

namespace gapscore::activity {

void DayBits::assign(std::int32_t first, const std::vector<std::uint64_t>& words) {
  first_ = first;
  size_ = 0;
  heap_.reset();
  inline_ = {};
  widen(first, static_cast<std::uint32_t>(words.size()));
  std::copy(words.begin(), words.end(), data());
}

void DayBits::set_all(const DayBits& o) {
  if (o.size_ == 0) return;
  if (size_ == 0) {
    *this = o;
    return;
  }
  const auto end_of = [](const DayBits& b) { return b.first_ + static_cast<std::int32_t>(b.size_) * 64; };
  const std::int32_t lo = std::min(first_, o.first_), hi = std::max(end_of(*this), end_of(o));
  widen(lo, static_cast<std::uint32_t>((hi - lo) / 64));
  const std::uint64_t* from = o.data();
  std::uint64_t* to = data() + (o.first_ - lo) / 64;
  for (std::uint32_t i = 0; i < o.size_; ++i) to[i] |= from[i];
}

std::vector<std::int32_t> DayBits::common(const DayBits& o) const {
  std::vector<std::int32_t> days;
  if (size_ == 0 || o.size_ == 0) return days;
  const std::int32_t lo = std::max(first_, o.first_);
  const std::int32_t hi = std::min(first_ + static_cast<std::int32_t>(size_) * 64,
                                   o.first_ + static_cast<std::int32_t>(o.size_) * 64);
  for (std::int32_t d = lo; d < hi; d += 64) {
    std::uint64_t both = data()[static_cast<std::size_t>((d - first_) / 64)] & o.data()[static_cast<std::size_t>((d - o.first_) / 64)];
    while (both) {
      const int b = __builtin_ctzll(both);
      days.push_back(d + b);
      both &= both - 1;
    }
  }
  return days;
}

void InlineAttribute::merge(const InlineAttribute& other) {
  if (other.row == 0) return;
  if (row == 0) {
    *this = other;
    return;
  }
  using Position = std::pair<std::uint32_t, std::uint64_t>;
  const bool mine_first = Position{file, row} < Position{other.file, other.row};
  InlineAttribute first = mine_first ? *this : other;
  const InlineAttribute& second = mine_first ? other : *this;
  // The first row of `second` whose value differs from the first's value.
  std::uint64_t candidate = 0;
  std::uint32_t candidate_file = 0;
  std::string candidate_value;
  if (second.value != first.value) {
    candidate = second.row;
    candidate_file = second.file;
    candidate_value = second.value;
  } else if (second.conflict_row) {
    candidate = second.conflict_row;
    candidate_file = second.conflict_file;
    candidate_value = second.conflict_value;
  }
  if (candidate && (first.conflict_row == 0 ||
                    Position{candidate_file, candidate} < Position{first.conflict_file, first.conflict_row})) {
    first.conflict_row = candidate;
    first.conflict_file = candidate_file;
    first.conflict_value = std::move(candidate_value);
  }
  *this = std::move(first);
}

bool Part::renumber_files(const std::vector<std::uint32_t>& map) {
  for (PersonPart& p : persons_) {
    if (p.attributes.empty()) continue;
    InlineAttributes& v = p.attributes.values();
    for (InlineAttribute* a : {&v.team, &v.role, &v.work_mode}) {
      if (a->row && a->file >= map.size()) return false;
      if (a->conflict_row && a->conflict_file >= map.size()) return false;
      if (a->row) a->file = map[a->file];
      if (a->conflict_row) a->conflict_file = map[a->conflict_file];
    }
  }
  return true;
}

std::optional<std::uint64_t> Part::merge(Part&& other) {
  settle_totals();
  other.settle_totals();
  // The other part's codes in this one (new people, task types, periods are added).
  std::vector<std::uint32_t> person_of(other.persons_.size()), task_of(other.task_types_.size()),
      period_of(other.periods_.size());
  // First check that no key is shared, before anything changes.
  std::uint64_t shared = 0;
  for (const TaskCell& c : other.task_cells_) {
    const std::uint32_t p = person_ids_.find(other.person_ids_.texts()[c.person]);
    const std::uint32_t t = task_types_.find(other.task_types_.texts()[c.task]);
    if (p == TextCodes::kAbsent || t == TextCodes::kAbsent) continue;
    const std::uint32_t mine = task_cell_index_.find((static_cast<std::uint64_t>(p) << 32) | t);
    if (mine != FlatU64Map::kAbsent) shared += task_cells_[mine].days.common(c.days).size();
  }
  if (shared > 0) return shared;
  // The other part is spent as it is read: what is freed early is memory this
  // part can grow into (a wasm heap never shrinks).
  other.task_cell_index_ = {};
  other.period_cell_index_ = {};
  other.pending_index_ = {};
  for (std::uint32_t p = 0; p < other.persons_.size(); ++p) {
    person_of[p] = person_ids_.intern(other.person_ids_.texts()[p]);
    if (person_of[p] == persons_.size()) persons_.emplace_back();
    PersonPart& mine = persons_[person_of[p]];
    const PersonPart& theirs = other.persons_[p];
    if (!mine.manual().can_add(theirs.manual()) || !mine.all.add(theirs.all) || !mine.ai.add(theirs.ai))
      return std::nullopt;
    if (__builtin_add_overflow(mine.magnitude, theirs.magnitude, &mine.magnitude)) mine.magnitude = PersonPart::kUnbounded;
    if (!theirs.attributes.empty()) {
      mine.first_text.fill(PersonPart::kNoText);  // the first values may change
      InlineAttributes& m = mine.attributes.values();
      const InlineAttributes& t = theirs.attributes.get();
      m.team.merge(t.team);
      m.role.merge(t.role);
      m.work_mode.merge(t.work_mode);
    }
  }
  other.persons_ = {};
  other.person_ids_ = {};
  for (std::uint32_t t = 0; t < other.task_types_.size(); ++t) task_of[t] = task_types_.intern(other.task_types_.texts()[t]);
  for (std::uint32_t i = 0; i < other.periods_.size(); ++i) {
    const auto next = static_cast<std::uint32_t>(periods_.size());
    period_of[i] = period_index_.find_or_insert(static_cast<std::uint64_t>(static_cast<std::uint32_t>(other.periods_[i])), next);
    if (period_of[i] == next) periods_.push_back(other.periods_[i]);
  }
  for (const TaskCell& c : other.task_cells_) {
    const std::uint32_t tc = task_cell(person_of[c.person], task_of[c.task], c.status);
    TaskCell& mine = task_cells_[tc];
    mine.ai.add(c.ai);
    mine.manual.add(c.manual);
    mine.days.set_all(c.days);
  }
  other.task_cells_ = {};
  for (std::size_t k = 0; k < other.period_cells_.size(); ++k) {
    const PeriodCell c = other.period_cells_[k];
    const std::uint32_t p = person_of[c.person];
    const auto next = static_cast<std::uint32_t>(period_cells_.size());
    const std::uint32_t i = period_cell_index_.find_or_insert(p, period_of[c.period], next);
    if (i == next) period_cells_.add_cell(p, period_of[c.period]);
    if (!period_cells_.add(i, c.sums())) return std::nullopt;
  }
  other.period_cells_ = {};
  for (const PendingPlaybookCell& c : other.pending_) {
    const std::uint32_t tc = task_cell_index_.find((static_cast<std::uint64_t>(person_of[c.person]) << 32) | task_of[c.task]);
    const std::uint64_t key = (static_cast<std::uint64_t>(tc) << 32) | period_of[c.period];
    const auto next = static_cast<std::uint32_t>(pending_.size());
    const std::uint32_t i = pending_index_.find_or_insert(key, next);
    if (i == next) pending_.push_back({person_of[c.person], period_of[c.period], task_of[c.task], 0, 0});
    pending_[i].tasks += c.tasks;
    pending_[i].ai_tasks += c.ai_tasks;
  }
  rows_in_window_ += other.rows_in_window_;
  rows_outside_window_ += other.rows_outside_window_;
  if (other.any_date_) {
    if (!any_date_ || other.first_date_ < first_date_) first_date_ = other.first_date_;
    if (!any_date_ || other.last_date_ > last_date_) last_date_ = other.last_date_;
    any_date_ = true;
  }
  return 0;
}

// Once per part (at the end of a file, a merge, the finish), so here, compiled
// for size in wasm, rather than beside the per-row code in part.cpp.
namespace {

// a += b (or a -= b) with two's-complement wrapping: partial sums of a
// person's cells may pass 64 bits where the person's total, checked row by
// row, does not.
void add_wrapping(ExactRowSums& a, const PeriodCells::Sums& b, bool subtract = false) {
  for (std::size_t k = 0; k < std::size(kExactRowSumFields); ++k) {
    std::int64_t& v = a.*kExactRowSumFields[k];
    const auto d = static_cast<std::uint64_t>(b[k]);
    v = static_cast<std::int64_t>(subtract ? static_cast<std::uint64_t>(v) - d : static_cast<std::uint64_t>(v) + d);
  }
}

}  // namespace

ExactRowSums Part::person_total(std::uint32_t person) const {
  ExactRowSums total;
  for (std::uint32_t period = 0; period < periods_.size(); ++period)
    if (const std::uint32_t i = period_cell_index_.find(person, period); i != PeriodCellIndex::kAbsent)
      add_wrapping(total, period_cells_.sums(i));
  return total;
}

std::vector<ExactRowSums> Part::person_totals() const {
  std::vector<ExactRowSums> totals(persons_.size());
  for (std::size_t i = 0; i < period_cells_.size(); ++i) add_wrapping(totals[period_cells_.person(i)], period_cells_.sums(i));
  return totals;
}

bool Part::settle_given_totals() {
  // What is left of each person's given sums after taking its cells away must be zero.
  for (std::size_t i = 0; i < period_cells_.size(); ++i)
    add_wrapping(persons_[period_cells_.person(i)].all, period_cells_.sums(i), /*subtract=*/true);
  for (const PersonPart& person : persons_)
    for (auto field : kExactRowSumFields)
      if (person.all.*field != 0) return false;
  totals_current_ = false;
  settle_totals();
  return true;
}

void Part::settle_totals() {
  if (totals_current_) return;
  for (PersonPart& person : persons_) person.all = ExactRowSums{};
  for (std::size_t i = 0; i < period_cells_.size(); ++i) add_wrapping(persons_[period_cells_.person(i)].all, period_cells_.sums(i));
  totals_current_ = true;
}

std::size_t Part::memory_bytes() const {
  std::size_t n = persons_.memory_bytes() + task_cells_.memory_bytes() +
                  period_cells_.memory_bytes() + pending_.capacity() * sizeof(PendingPlaybookCell) +
                  task_cell_index_.memory_bytes() + period_cell_index_.memory_bytes() + pending_index_.memory_bytes();
  for (const TaskCell& c : task_cells_) n += c.days.heap_bytes();
  return n;
}

}  // namespace gapscore::activity
