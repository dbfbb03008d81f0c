#include "ingest/table_builder.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <type_traits>

#include "base/date.h"
#include "base/number_text.h"
#include "ingest/cell_parse.h"
#include "ingest/column_hints.h"
#include "base/text_distance.h"
#include "base/work_counter.h"

namespace gapscore::ingest {
namespace {

// splitmix64's finaliser: a cheap, well-mixed 64-bit hash step.
std::uint64_t splitmix64_mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string format_bound(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

std::string range_text(const ColumnSpec& spec) {
  if (spec.min && spec.max) return "between " + format_bound(*spec.min) + " and " + format_bound(*spec.max);
  if (spec.min) return "at least " + format_bound(*spec.min);
  return "at most " + format_bound(*spec.max);
}

}  // namespace

int TableBuilder::resolve(std::string_view header) const {
  std::string target = normalize_header(header);
  for (const auto& [from, to] : options_.column_map) {
    if (normalize_header(from) == target) {
      target = normalize_header(to);
      break;
    }
  }
  for (std::size_t i = 0; i < schema_.columns.size(); ++i)
    if (schema_.columns[i].name == target) return static_cast<int>(i);
  return -1;
}

std::string TableBuilder::header_for_slot(std::size_t slot) const {
  return slot_header_[slot].empty() && slot < schema_slots() ? std::string(schema_.columns[slot].name) : slot_header_[slot];
}

int TableBuilder::slot_for_key(std::string_view key) {
  for (const auto& [k, slot] : json_keys_)
    if (k == key) return slot;
  int slot = resolve(key);
  if (slot < 0) {
    slot = unknown_column(key, true);
  } else {
    const auto s = static_cast<std::size_t>(slot);
    if (seen_[s] && slot_header_[s] != key) {
      // Two different keys name one column ("hours" and "Hours"): ambiguous, like a duplicate header.
      json_keys_.emplace_back(std::string(key), slot);
      return -2;
    }
    seen_[s] = true;
    table_.columns[s].present = true;
    slot_header_[s] = std::string(key);
  }
  json_keys_.emplace_back(std::string(key), slot);
  return slot;
}

// A row belongs to the shard of its person_id cell, whatever else is wrong with it.
bool TableBuilder::owned(std::string_view person) {
  if (probing_) return false;
  if (options_.shard_count <= 1 || shard_of_id(trim(person), options_.shard_count) == options_.shard_index) return true;
  ++other_shards_;
  return false;
}

void TableBuilder::set_rows_filtered() {
  const auto person = std::find(header_slot_.begin(), header_slot_.end(), 0);
  if (person != header_slot_.end()) filtered_field_ = static_cast<std::size_t>(person - header_slot_.begin());
}

void TableBuilder::reserve_rows(std::size_t rows) {
  for (Column& col : table_.columns) {
    if (!col.present) continue;
    std::visit([rows](auto& v) {
      if constexpr (requires { v.codes; }) v.codes.reserve(rows);  // text: codes into the dictionary
      else v.reserve(rows);
    }, col.data);
  }
  table_.source_rows.reserve(rows);
}

Status TableBuilder::add_csv_record(std::span<const std::string_view> fields, std::uint64_t row,
                                    int malformed_quote_field, std::string_view rest, std::uint64_t rest_offset) {
  // Every shard looks at every row's date until the format is known, so all decide alike.
  if (dates_pending_)
    if (Status s = observe_csv_dates(fields); !s) return s;
  if (probing_) return Ok{};
  if (options_.shard_count > 1 && fields.size() <= filtered_field_) {
    std::string_view person;
    for (std::size_t i = 0; i < header_slot_.size() && i < fields.size(); ++i)
      if (header_slot_[i] == 0) person = fields[i];
    if (!owned(person)) return Ok{};
  }
  if (dates_pending_) {
    PendingRow p;
    p.kind = PendingRow::Kind::csv;
    p.row = row;
    p.malformed_quote_field = malformed_quote_field;
    p.cells.assign(fields.begin(), fields.end());
    pending_.push_back(std::move(p));
    return Ok{};
  }
  return take_csv_record(fields, row, malformed_quote_field, rest, rest_offset);
}

Status TableBuilder::take_csv_record(std::span<const std::string_view> fields, std::uint64_t row,
                                     int malformed_quote_field, std::string_view rest, std::uint64_t rest_offset) {
  ++rows_read_;
  if (malformed_quote_field >= 0) {
    const auto f = static_cast<std::size_t>(malformed_quote_field);
    std::string col = f < header_slot_.size() && header_slot_[f] >= 0
                          ? header_for_slot(static_cast<std::size_t>(header_slot_[f]))
                          : "field " + std::to_string(f + 1);
    return row_problem(DiagCode::malformed_quote, row, col, f < fields.size() ? std::string(fields[f]) : "",
                       "a quote appears inside an unquoted field (quote the whole field and double inner quotes)");
  }
  if (fields.size() != header_slot_.size()) {
    // A trailing delimiter (some exports end every row with one) is an empty
    // last field, not a ragged row. Checked here, off the common row's path.
    if (fields.size() == header_slot_.size() + 1 && trim(fields.back()).empty())
      fields = fields.first(header_slot_.size());
    else
      return row_problem(DiagCode::ragged_row, row, "", "",
                         "has " + (fields.size() > 1024 ? std::string("more than 1024") : std::to_string(fields.size())) +
                             " fields but the header has " + std::to_string(header_slot_.size()));
  }
  if (plain_rows_ == PlainRows::undecided) plain_rows_ = plain_rows_apply() ? PlainRows::on : PlainRows::off;
  if (plain_rows_ == PlainRows::on) {
    look_ahead(rest, rest_offset);
    // A record read in place lies in its chunk, which goes on to rest's end.
    if (plain_csv_row(fields, rest.data() == nullptr ? nullptr : rest.data() + rest.size()))
      return to_sink(row, true);
  }
  std::fill(present_.begin(), present_.end(), std::uint8_t{0});
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const int slot = header_slot_[i];
    if (slot < 0) continue;
    const auto s = static_cast<std::size_t>(slot);
    cells_[s] = fields[i];
    present_[s] = !trim(fields[i]).empty();
  }
  return parse_row(row);
}

Status TableBuilder::add_slot_row(std::span<const std::string_view> cells, std::span<const std::uint8_t> present,
                                  std::uint64_t row) {
  if (dates_pending_)
    if (Status s = observe_dates(cells, present); !s) return s;
  if (!owned(present[0] ? cells[0] : std::string_view())) return Ok{};
  if (dates_pending_) {
    PendingRow p;
    p.kind = PendingRow::Kind::slots;
    p.row = row;
    p.cells.assign(cells.begin(), cells.end());
    p.present.assign(present.begin(), present.end());
    pending_.push_back(std::move(p));
    return Ok{};
  }
  return take_slot_row(cells, present, row);
}

Status TableBuilder::take_slot_row(std::span<const std::string_view> cells, std::span<const std::uint8_t> present,
                                   std::uint64_t row) {
  ++rows_read_;
  for (std::size_t s = 0; s < slot_count(); ++s) {
    cells_[s] = cells[s];
    present_[s] = present[s] && !trim(cells[s]).empty();
  }
  return parse_row(row);
}

Status TableBuilder::add_typed_row(std::span<const std::string_view> cells, std::span<const double> numbers,
                                   std::span<const std::uint8_t> numeric, std::span<const std::uint8_t> present,
                                   std::uint64_t row) {
  if (dates_pending_) {
    std::vector<std::uint8_t> text_present(present.begin(), present.end());
    for (std::size_t s = 0; s < text_present.size(); ++s) text_present[s] = text_present[s] && !numeric[s];
    if (Status s = observe_dates(cells, text_present); !s) return s;
  }
  if (!owned(present[0] && !numeric[0] ? cells[0] : std::string_view())) return Ok{};
  if (dates_pending_) {
    PendingRow p;
    p.kind = PendingRow::Kind::typed;
    p.row = row;
    p.cells.assign(cells.begin(), cells.end());
    p.numbers.assign(numbers.begin(), numbers.end());
    p.numeric.assign(numeric.begin(), numeric.end());
    p.present.assign(present.begin(), present.end());
    pending_.push_back(std::move(p));
    return Ok{};
  }
  return take_typed_row(cells, numbers, numeric, present, row);
}

Status TableBuilder::take_typed_row(std::span<const std::string_view> cells, std::span<const double> numbers,
                                    std::span<const std::uint8_t> numeric, std::span<const std::uint8_t> present,
                                    std::uint64_t row) {
  ++rows_read_;
  for (std::size_t s = 0; s < slot_count(); ++s) {
    numeric_[s] = numeric[s];
    cells_[s] = cells[s];
    nums_[s] = numbers[s];
    present_[s] = present[s] && (numeric[s] ? !std::isnan(numbers[s]) : !trim(cells[s]).empty());
  }
  // An extra attribute column holds text: a number given for it is written as text.
  for (std::size_t s = schema_slots(); s < slot_count(); ++s) {
    if (!numeric_[s]) continue;
    numeric_[s] = 0;
    extra_text_[s - schema_slots()] = present_[s] ? number_as_typed(nums_[s]) : std::string();
    cells_[s] = extra_text_[s - schema_slots()];
  }
  Status st = parse_row(row);
  std::fill(numeric_.begin(), numeric_.end(), std::uint8_t{0});
  return st;
}

// A cell given as a number (columnar input) instead of text.
namespace {
bool take_number(const ColumnSpec& spec, double v, double& num_out, std::int32_t& int_out, CellError& err) {
  if (!std::isfinite(v)) {
    err = {DiagCode::non_finite, "is not a finite number"};
    return false;
  }
  switch (spec.type) {
    case ColumnType::number: num_out = v == 0.0 ? 0.0 : v; return true;
    case ColumnType::integer:
      if (v != std::floor(v)) {
        err = {DiagCode::invalid_integer, "is not a whole number"};
        return false;
      }
      if (v < -2147483647.0 || v > 2147483647.0) {
        err = {DiagCode::out_of_range, "is outside the supported integer range"};
        return false;
      }
      int_out = static_cast<std::int32_t>(v);
      return true;
    case ColumnType::boolean:
      if (v == 0.0 || v == 1.0) {
        int_out = static_cast<std::int32_t>(v);
        return true;
      }
      err = {DiagCode::invalid_bool, "is not true or false (expected 0 or 1)"};
      return false;
    case ColumnType::date: err = {DiagCode::invalid_date, "is a number; dates must be text in YYYY-MM-DD form"}; return false;
    case ColumnType::work_mode: err = {DiagCode::invalid_enum, "is a number; expected onsite, hybrid or remote"}; return false;
    case ColumnType::text: err = {DiagCode::invalid_enum, "is a number; expected text"}; return false;
  }
  return false;
}

std::string number_text(double v) {
  std::string s = std::to_string(v);
  return s;
}
}  // namespace

bool TableBuilder::parse_date_as(std::string_view cell, std::size_t slot, std::int32_t& out, CellError& err) {
  const DateColumn* column = nullptr;
  for (const DateColumn& d : date_columns_)
    if (d.slot == slot) column = &d;
  if (!column || !column->format || column->format->is_iso()) {
    // The default (and a column whose values never looked like a date at all).
    // The common cell, a bare YYYY-MM-DD, first: what the format would read.
    if (cell.size() == 10)
      if (const auto d = parse_iso_date(cell)) {
        out = *d;
        return true;
      }
    if (column && column->format)
      if (const auto d = column->format->read(cell)) {
        out = *d;
        return true;
      }
    return parse_date(cell, out, err);
  }
  if (const auto d = column->format->read(cell)) {
    out = *d;
    return true;
  }
  date_problem_ = "is not a date in the column's format " + column->format->name() +
                  (options_.date_format.empty() ? " (detected from its first values; config.date_formats." + table_name_ +
                                                      " sets it)"
                                                : " (config.date_formats." + table_name_ + ")");
  // Day and month the other way round: the column mixes two exports, and its
  // dates that fit both ways (2/1/2025) cannot be told apart (an outside review).
  std::string swapped = column->format->name();
  for (char& c : swapped) c = c == 'D' ? 'M' : c == 'M' ? 'D' : c;
  if (swapped != column->format->name())
    if (const auto other = DateFormat::parse(swapped); other && other->read(cell))
      date_problem_ += "; it fits " + swapped + ": day-first and month-first dates are mixed, and dates that fit both may be misread";
  err = {DiagCode::invalid_date, date_problem_.c_str()};
  return false;
}

Status TableBuilder::parse_row(std::uint64_t row) {
  const std::size_t n = schema_.columns.size();
  for (std::size_t s = 0; s < n; ++s) {
    const ColumnSpec& spec = schema_.columns[s];
    if (!table_.columns[s].present) continue;
    if (!present_[s]) {
      if (spec.required_value)
        return row_problem(DiagCode::missing_value, row, header_for_slot(s), "", "is empty but required");
      continue;
    }
    const std::string_view cell = cells_[s];
    CellError err{};
    bool ok = true;
    double numeric = 0;
    if (numeric_[s]) {
      ok = take_number(spec, nums_[s], nums_[s], ints_[s], err);
      if (!ok) {
        if (keep_row_without_cell(spec, err.code, row, s, number_text(nums_[s]), number_text(nums_[s]) + " " + err.problem)) continue;
        return row_problem(err.code, row, header_for_slot(s), number_text(nums_[s]), number_text(nums_[s]) + " " + err.problem);
      }
      numeric = spec.type == ColumnType::number ? nums_[s] : ints_[s];
      if ((spec.type == ColumnType::integer || spec.type == ColumnType::number) &&
          !in_bounds(spec, numeric)) {
        const std::string problem = number_text(nums_[s]) + " is out of range (must be " + range_text(spec) + ")";
        if (keep_row_without_cell(spec, DiagCode::out_of_range, row, s, number_text(nums_[s]), problem)) continue;
        return row_problem(DiagCode::out_of_range, row, header_for_slot(s), number_text(nums_[s]), problem);
      }
      continue;
    }
    switch (spec.type) {
      case ColumnType::integer:
        ok = parse_integer(cell, delimiter == ';', ints_[s], err);
        numeric = ints_[s];
        break;
      case ColumnType::number:
        ok = parse_number(cell, delimiter == ';', nums_[s], err);
        numeric = nums_[s];
        break;
      case ColumnType::date: ok = parse_date_as(cell, s, ints_[s], err); break;
      case ColumnType::boolean: {
        std::int8_t b = 0;
        ok = parse_bool(cell, b, err);
        ints_[s] = b;
        break;
      }
      case ColumnType::work_mode: {
        std::int8_t m = 0;
        ok = parse_work_mode(cell, m, err);
        ints_[s] = m;
        break;
      }
      case ColumnType::text: break;
    }
    if (!ok) {
      if (keep_row_without_cell(spec, err.code, row, s, std::string(cell), quote_for_diagnostic(trim(cell)) + " " + err.problem)) continue;
      return row_problem(err.code, row, header_for_slot(s), std::string(cell), quote_for_diagnostic(trim(cell)) + " " + err.problem);
    }
    if ((spec.type == ColumnType::integer || spec.type == ColumnType::number) &&
        !in_bounds(spec, numeric)) {
      const std::string problem = quote_for_diagnostic(trim(cell)) + " is out of range (must be " + range_text(spec) + ")";
      if (keep_row_without_cell(spec, DiagCode::out_of_range, row, s, std::string(cell), problem)) continue;
      return row_problem(DiagCode::out_of_range, row, header_for_slot(s), std::string(cell), problem);
    }
  }
  // Cross-column rule of the activity table.
  if (schema_.kind == TableKind::activity) {
    const std::size_t tasks = 3, ai_tasks = 4;  // schema order
    if (present_[tasks] && present_[ai_tasks] && ints_[ai_tasks] > ints_[tasks]) {
      return row_problem(DiagCode::ai_tasks_exceed_tasks, row, header_for_slot(ai_tasks),
                         std::to_string(ints_[ai_tasks]),
                         "ai_tasks (" + std::to_string(ints_[ai_tasks]) + ") is greater than tasks (" +
                             std::to_string(ints_[tasks]) + ")");
    }
  }
  if (sink_) return to_sink(row);
  // The row is good: append it (with the extra attribute columns after the schema's).
  for (std::size_t s = 0; s < table_.columns.size(); ++s) {
    Column& col = table_.columns[s];
    if (!col.present) continue;
    const bool has = present_[s];
    switch (col.type) {
      case ColumnType::integer:
      case ColumnType::date: col.ints().push_back(has ? ints_[s] : kMissingInt); break;
      case ColumnType::number: col.numbers().push_back(has ? nums_[s] : std::nan("")); break;
      case ColumnType::text:
        col.text().codes.push_back(has ? col.text().intern(name_text(s, trim(cells_[s]))) : kMissingCode);
        break;
      case ColumnType::boolean:
      case ColumnType::work_mode:
        col.small().push_back(has ? static_cast<std::int8_t>(ints_[s]) : kMissingBool);
        break;
    }
  }
  table_.source_rows.push_back(static_cast<std::uint32_t>(row));
  return Ok{};
}

// plain: the row came by the plain path (cells without blanks around them, micros_ set).
Status TableBuilder::to_sink(std::uint64_t row, bool plain) {
  if (!plain)
    for (std::size_t s = 0; s < cells_.size(); ++s)
      if (present_[s]) cells_[s] = name_text(s, trim(cells_[s]));
  const RowView view{present_, ints_, nums_, cells_, plain ? std::span<const std::int64_t>(micros_) : std::span<const std::int64_t>()};
  switch (sink_->accept(view, row)) {
    case RowSink::Outcome::kept:
    case RowSink::Outcome::outside_window: ++sink_rows_; return Ok{};
    case RowSink::Outcome::duplicate: {
      std::string key;
      for (std::size_t s : {std::size_t{0}, std::size_t{1}, std::size_t{2}})  // person_id, date, task_type
        key += (key.empty() ? "" : " x ") + (schema_.columns[s].type == ColumnType::date ? format_iso_date(ints_[s])
                                                                                        : std::string(cells_[s]));
      return row_problem(DiagCode::duplicate_key, row, "", key, repeated_key("repeats the key of an earlier row"),
                         true);
    }
    case RowSink::Outcome::too_large:
      return row_problem(DiagCode::out_of_range, row, "", "",
                         "its values are too large to add up exactly (a sum would pass 9.2e12; see docs/input-format.md)");
  }
  return Ok{};
}

std::uint64_t TableBuilder::rows_kept() const { return sink_ ? sink_rows_ : table_.row_count(); }

Status TableBuilder::drop_duplicate_keys(Table& table, TableSummary& summary) {
  std::vector<int> key_cols;
  switch (schema_.kind) {
    case TableKind::activity: key_cols = {0, 1, 2}; break;  // person_id, date, task_type
    case TableKind::people: key_cols = {0}; break;          // person_id
    case TableKind::surveys: key_cols = {0, 1}; break;      // person_id, date
    case TableKind::playbook: key_cols = {0, 1}; break;     // role, task_type
    case TableKind::identities: key_cols = {0}; break;      // identity
  }
  const std::size_t n = table.row_count();
  auto key_part = [&](int c, std::size_t r) -> std::uint64_t {
    const Column& col = table.columns[static_cast<std::size_t>(c)];
    if (col.type == ColumnType::text) return col.text().codes[r];
    return static_cast<std::uint32_t>(col.ints()[r]);
  };
  // One pass in row order: a hash table (open addressing, linear probing) maps
  // each key to its first row. Linear in rows whatever their order or repeats.
  std::size_t capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  constexpr std::uint32_t kEmpty = 0xffffffffu;
  std::vector<std::uint32_t> first_row_of(capacity, kEmpty);
  const std::size_t mask = capacity - 1;
  auto same_key = [&](std::size_t a, std::size_t b) {
    for (int c : key_cols)
      if (key_part(c, a) != key_part(c, b)) return false;
    return true;
  };
  std::vector<bool> keep(n, true);
  std::size_t dropped = 0;
  std::uint64_t probes = 0;
  for (std::size_t r = 0; r < n; ++r) {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (int c : key_cols) h = splitmix64_mix(h ^ key_part(c, r));
    std::size_t i = static_cast<std::size_t>(h) & mask;
    std::size_t first = n;  // the earlier row with this key, if any
    for (; first_row_of[i] != kEmpty; i = (i + 1) & mask) {
      ++probes;
      if (same_key(first_row_of[i], r)) {
        first = first_row_of[i];
        break;
      }
    }
    if (first == n) {
      first_row_of[i] = static_cast<std::uint32_t>(r);
      continue;
    }
    keep[r] = false;
    ++dropped;
    std::string key;
    for (int c : key_cols) {
      const Column& col = table.columns[static_cast<std::size_t>(c)];
      if (!key.empty()) key += " x ";
      if (col.type == ColumnType::text) key += std::string(col.text().at(r));
      else key += format_iso_date(col.ints()[r]);  // the only non-text key column is a date
    }
    // A key of one column (people: person_id) names it, as other row problems name theirs.
    const std::string column = key_cols.size() == 1 ? header_for_slot(static_cast<std::size_t>(key_cols[0])) : "";
    Status s = row_problem(DiagCode::duplicate_key, table.source_rows[r], column, key,
                           repeated_key("repeats the key of row " + std::to_string(table.source_rows[first])),
                           schema_.kind != TableKind::playbook);
    if (!s) {
      count_work(Work::duplicate_key_probes, probes);
      return s;
    }
  }
  count_work(Work::duplicate_key_probes, probes);
  if (dropped > 0) table.keep_rows(keep);
  (void)summary;
  return Ok{};
}

}  // namespace gapscore::ingest
