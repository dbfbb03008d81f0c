#include "activity/part_codec.h"

namespace gapscore::activity {
namespace {

void write_sums(const ExactRowSums& s, ByteWriter& w) {
  for (auto field : kExactRowSumFields) w.zig(s.*field);
}

void read_sums(ExactRowSums& s, ByteReader& r) {
  for (auto field : kExactRowSumFields) s.*field = r.zig();
}

void write_counts(const ClassCounts& c, ByteWriter& w) {
  for (std::int64_t v : {c.rows, c.tasks, c.ai_tasks, c.r_hours, c.rework, c.e_tasks, c.errors}) w.zig(v);
}

void read_counts(ClassCounts& c, ByteReader& r) {
  for (std::int64_t* v : {&c.rows, &c.tasks, &c.ai_tasks, &c.r_hours, &c.rework, &c.e_tasks, &c.errors}) *v = r.zig();
}

void write_attribute(const InlineAttribute& a, ByteWriter& w) {
  w.u64(a.row);
  w.text(a.value);
  w.u64(a.conflict_row);
  w.text(a.conflict_value);
  w.u32(a.file);
  w.u32(a.conflict_file);
}

void read_attribute(InlineAttribute& a, ByteReader& r) {
  a.row = r.u64();
  a.value = r.text();
  a.conflict_row = r.u64();
  a.conflict_value = r.text();
  a.file = r.u32();
  a.conflict_file = r.u32();
}

void write_optional_day(const std::optional<std::int32_t>& d, ByteWriter& w) {
  w.u8(d ? 1 : 0);
  w.i32(d.value_or(0));
}

std::optional<std::int32_t> read_optional_day(ByteReader& r) {
  const bool has = r.u8() != 0;
  const std::int32_t d = r.i32();
  return has ? std::optional(d) : std::nullopt;
}

}  // namespace

void PartCodec::write(const Part& p, ByteWriter& w) {
  w.u8(p.options_.weekly ? 1 : 0);
  write_optional_day(p.options_.window_start, w);
  write_optional_day(p.options_.window_end, w);
  w.u32(static_cast<std::uint32_t>(p.person_ids_.size()));
  for (const std::string& id : p.person_ids_.texts()) w.text(id);
  // Unsettled sums (rows came since the last settle_totals) in one pass over the cells.
  const std::vector<ExactRowSums> totals = p.totals_current_ ? std::vector<ExactRowSums>() : p.person_totals();
  for (std::uint32_t i = 0; i < p.persons_.size(); ++i) {
    const PersonPart& person = p.persons_[i];
    const ExactRowSums& all = p.totals_current_ ? person.all : totals[i];
    write_sums(all, w);
    write_sums(person.ai, w);
    write_sums(manual_sums(all, person.ai), w);
    const InlineAttributes& a = person.attributes.get();
    write_attribute(a.team, w);
    write_attribute(a.role, w);
    write_attribute(a.work_mode, w);
  }
  w.u32(static_cast<std::uint32_t>(p.task_types_.size()));
  for (const std::string& t : p.task_types_.texts()) w.text(t);
  w.u32(static_cast<std::uint32_t>(p.periods_.size()));
  for (std::int32_t start : p.periods_) w.i32(start);
  w.u32(static_cast<std::uint32_t>(p.task_cells_.size()));
  for (const TaskCell& c : p.task_cells_) {
    w.var(c.person);
    w.var(c.task);
    write_counts(c.ai, w);
    write_counts(c.manual, w);
    w.u8(static_cast<std::uint8_t>(static_cast<std::int8_t>(c.status)));
    w.i32(c.days.first_day());
    w.u32(static_cast<std::uint32_t>(c.days.words().size()));
    for (std::uint64_t word : c.days.words()) w.u64(word);
  }
  w.u32(static_cast<std::uint32_t>(p.period_cells_.size()));
  for (std::size_t i = 0; i < p.period_cells_.size(); ++i) {
    w.var(p.period_cells_.person(i));
    w.var(p.period_cells_.period(i));
    for (std::int64_t v : p.period_cells_[i].sums()) w.zig(v);
  }
  w.u32(static_cast<std::uint32_t>(p.pending_.size()));
  for (const PendingPlaybookCell& c : p.pending_) {
    w.var(c.person);
    w.var(c.period);
    w.var(c.task);
    w.zig(c.tasks);
    w.zig(c.ai_tasks);
  }
  w.u64(p.rows_in_window_);
  w.u64(p.rows_outside_window_);
  w.u8(p.any_date_ ? 1 : 0);
  w.i32(p.first_date_);
  w.i32(p.last_date_);
}

std::optional<Part> PartCodec::read(ByteReader& r) {
  PartOptions o;
  o.weekly = r.u8() != 0;
  o.window_start = read_optional_day(r);
  o.window_end = read_optional_day(r);
  Part p(o);
  // Minimum bytes per item: a text is 4 or more, a varint 1 or more.
  const std::uint32_t people = r.count(4 + 3 * 23);
  for (std::uint32_t i = 0; i < people && r.ok(); ++i)
    if (p.person_ids_.intern(r.text()) != i) r.fail();  // ids are distinct
  p.persons_.resize(p.person_ids_.size());
  for (PersonPart& person : p.persons_) {
    person.magnitude = PersonPart::kUnbounded;
    read_sums(person.all, r);
    read_sums(person.ai, r);
    // The manual sums are stored (format 3) but kept as all - ai: they must agree.
    ExactRowSums manual, difference;
    read_sums(manual, r);
    bool agree = checked_difference(person.all, person.ai, difference);
    for (auto field : kExactRowSumFields) agree &= manual.*field == difference.*field;
    if (!agree) r.fail();
    InlineAttributes a;
    read_attribute(a.team, r);
    read_attribute(a.role, r);
    read_attribute(a.work_mode, r);
    if (!a.empty()) person.attributes.values() = std::move(a);
  }
  const std::uint32_t tasks = r.count(4);
  for (std::uint32_t i = 0; i < tasks && r.ok(); ++i)
    if (p.task_types_.intern(r.text()) != i) r.fail();
  const std::uint32_t periods = r.count(4);
  for (std::uint32_t i = 0; i < periods && r.ok(); ++i) {
    const std::int32_t start = r.i32();
    if (p.period_index_.find_or_insert(static_cast<std::uint64_t>(static_cast<std::uint32_t>(start)), i) != i) r.fail();
    p.periods_.push_back(start);
  }
  const std::uint32_t task_cells = r.count(2 + 14 + 9);
  for (std::uint32_t i = 0; i < task_cells && r.ok(); ++i) {
    TaskCell c;
    c.person = r.var32();
    c.task = r.var32();
    read_counts(c.ai, r);
    read_counts(c.manual, r);
    const auto status = static_cast<std::int8_t>(r.u8());
    if (status < -2 || status > 1) r.fail();
    c.status = static_cast<PlaybookStatus>(status);
    const std::int32_t first = r.i32();
    const std::uint32_t words = r.count(8);
    std::vector<std::uint64_t> bits(words);
    for (std::uint64_t& word : bits) word = r.u64();
    // Dates lie in 1900..2999 (base/date.h): a bitmap outside that range is corrupt.
    constexpr std::int64_t kLowest = -25567 - 64, kHighest = 376200 + 64;  // 1900-01-01, 3000-01-01 in days
    if (first % 64 != 0 || first < kLowest || static_cast<std::int64_t>(first) + 64 * static_cast<std::int64_t>(words) > kHighest)
      r.fail();
    c.days.assign(first, bits);
    if (c.person >= people || c.task >= tasks) r.fail();
    if (!r.ok()) break;
    const std::uint64_t key = (static_cast<std::uint64_t>(c.person) << 32) | c.task;
    if (p.task_cell_index_.find_or_insert(key, i) != i) r.fail();
    p.task_cells_.push_back(std::move(c));
  }
  const std::uint32_t period_cells = r.count(2 + 32);
  for (std::uint32_t i = 0; i < period_cells && r.ok(); ++i) {
    const std::uint32_t person = r.var32(), period = r.var32();
    PeriodCells::Sums sums;
    for (std::int64_t& v : sums) v = r.zig();
    if (person >= people || period >= periods) r.fail();
    if (!r.ok()) break;
    if (p.period_cell_index_.find_or_insert(person, period, i) != i) r.fail();
    // Added to a new cell, from zero: never past 64 bits.
    if (!p.period_cells_.add(p.period_cells_.add_cell(person, period), sums)) r.fail();
  }
  const std::uint32_t pending = r.count(3 + 2);
  for (std::uint32_t i = 0; i < pending && r.ok(); ++i) {
    PendingPlaybookCell c;
    c.person = r.var32();
    c.period = r.var32();
    c.task = r.var32();
    c.tasks = r.zig();
    c.ai_tasks = r.zig();
    if (c.person >= people || c.period >= periods || c.task >= tasks) r.fail();
    if (!r.ok()) break;
    const std::uint32_t tc = p.task_cell_index_.find((static_cast<std::uint64_t>(c.person) << 32) | c.task);
    if (tc == FlatU64Map::kAbsent) {
      r.fail();
      break;
    }
    if (p.pending_index_.find_or_insert((static_cast<std::uint64_t>(tc) << 32) | c.period, i) != i) r.fail();
    p.pending_.push_back(c);
  }
  p.rows_in_window_ = r.u64();
  p.rows_outside_window_ = r.u64();
  p.any_date_ = r.u8() != 0;
  p.first_date_ = r.i32();
  p.last_date_ = r.i32();
  if (!r.ok()) return std::nullopt;
  // A person's sums of all rows are those of its period cells (Part::settle_totals).
  if (!p.settle_given_totals()) return std::nullopt;
  return p;
}

}  // namespace gapscore::activity
