// The plain path of TableBuilder: the common CSV row of a table that goes to
// a sink (the activity), parsed and checked in one pass over its fields. It
// accepts only cells whose value the general parsers give alike, and leaves
// every other row to the general path, which reads it again and writes its
// diagnostic: the two paths give the same rows, values and diagnostics.
#include "base/date.h"
#include "ingest/table_builder.h"

namespace gapscore::ingest {

// Rows that go to a sink, with every header field a schema column (extra
// attribute columns are the people table's, which keeps its rows).
bool TableBuilder::plain_rows_apply() {
  if (!sink_) return false;
  for (std::size_t i = 0; i < header_slot_.size(); ++i) {
    const int slot = header_slot_[i];
    if (slot >= 0 && static_cast<std::size_t>(slot) >= schema_slots()) return false;
    if (schema_.kind == TableKind::activity && slot >= 0 && slot < 3) key_fields_[static_cast<std::size_t>(slot)] = static_cast<int>(i);
  }
  return true;
}

namespace {

// A key written "in quotes" (no quote inside: a hint needs no more).
std::string_view unquoted(std::string_view cell) {
  return cell.size() >= 2 && cell.front() == '"' && cell.back() == '"' ? cell.substr(1, cell.size() - 2) : cell;
}

}  // namespace

// One line per row, kAheadRows lines ahead of it: its person_id, date and
// task_type go to the sink, which can start fetching their state. A line that
// is not one record (a quoted newline) only makes a hint wrong; a new chunk
// (rest elsewhere in the input) starts again.
void TableBuilder::look_ahead(std::string_view rest, std::uint64_t rest_offset) {
  if (!kLookAhead) return;
  if (rest.empty() || key_fields_[0] < 0 || key_fields_[1] < 0 || key_fields_[2] < 0 || !sink_->wants_upcoming()) return;
  if (ahead_offset_ < rest_offset || ahead_offset_ > rest_offset + rest.size()) {
    ahead_offset_ = rest_offset;
    rows_ahead_ = 0;
  } else if (rows_ahead_ > 0) {
    --rows_ahead_;  // this row was one of them
  }
  const int last_field = std::max({key_fields_[0], key_fields_[1], key_fields_[2]});
  std::array<std::string_view, 3> keys;
  while (rows_ahead_ < kAheadRows) {
    std::size_t at = static_cast<std::size_t>(ahead_offset_ - rest_offset);
    if (at >= rest.size()) return;
    const std::size_t line_end = rest.find('\n', at);
    if (line_end == std::string_view::npos) return;
    int field = 0;
    std::size_t start = at;
    for (std::size_t j = at; j <= line_end && field <= last_field; ++j) {
      if (j < line_end && rest[j] != delimiter && rest[j] != '\r') continue;
      for (std::size_t k = 0; k < 3; ++k)
        if (key_fields_[k] == field) keys[k] = unquoted(rest.substr(start, j - start));
      ++field;
      start = j + 1;
    }
    ahead_offset_ = rest_offset + line_end + 1;
    if (field <= last_field) {  // a short line
      ++rows_ahead_;
      continue;
    }
    // Another reader's row never reaches this one (the CSV reader skips it).
    if (options_.shard_count > 1 && shard_of_id(trim(keys[0]), options_.shard_count) != options_.shard_index) continue;
    ++rows_ahead_;
    std::int32_t day = kMissingInt;
    if (keys[1].size() == 10)
      if (const auto d = parse_iso_date(keys[1])) day = *d;
    sink_->upcoming(keys[0], day, keys[2]);
  }
}

bool TableBuilder::plain_csv_row(std::span<const std::string_view> fields, const char* readable_end) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const int slot = header_slot_[i];
    if (slot < 0) continue;
    const auto s = static_cast<std::size_t>(slot);
    const ColumnSpec& spec = schema_.columns[s];
    const std::string_view cell = fields[i];
    cells_[s] = cell;
    present_[s] = !cell.empty();
    if (cell.empty()) {
      if (spec.required_value) return false;
      continue;
    }
    if (!untrimmed_edges(cell)) return false;
    CellError err{};
    switch (spec.type) {
      case ColumnType::integer:
        if (!parse_plain_integer(cell, ints_[s]) || !in_bounds(spec, ints_[s])) return false;
        break;
      case ColumnType::number:
        // A short cell with 8 readable bytes is read as one word.
        if ((readable_end && cell.size() <= 8 && readable_end - cell.data() >= 8 &&
             parse_short_decimal(cell.data(), cell.size(), nums_[s], micros_[s])) ||
            parse_plain_decimal(cell, nums_[s], &micros_[s])) {
          if (delimiter == ';' && grouped_once(cell, '.')) return false;
        } else if (delimiter != ';' || !parse_comma_decimal(cell, nums_[s], micros_[s])) {
          return false;
        }
        if (!in_bounds(spec, nums_[s])) return false;
        break;
      case ColumnType::date:
        if (!parse_date_as(cell, s, ints_[s], err)) return false;
        break;
      case ColumnType::boolean: {
        std::int8_t b = 0;
        if (!parse_bool(cell, b, err)) return false;
        ints_[s] = b;
        break;
      }
      case ColumnType::work_mode: {
        std::int8_t m = 0;
        if (!parse_work_mode(cell, m, err)) return false;
        ints_[s] = m;
        break;
      }
      case ColumnType::text:
        if (name_slot_[s] && may_hold_combining_mark(cell)) return false;  // the general path composes its accents
        break;
    }
  }
  if (schema_.kind == TableKind::activity) {
    const std::size_t tasks = 3, ai_tasks = 4;  // schema order; both required
    if (ints_[ai_tasks] > ints_[tasks]) return false;
  }
  return true;
}

}  // namespace gapscore::ingest
