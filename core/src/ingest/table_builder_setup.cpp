// TableBuilder's set-up and wrap-up: the constructor, the CSV header, the
// required-column check and finish(). They run once per table, so they live
// apart from the per-row code (table_builder.cpp) and the wasm build compiles
// them for size.
#include <algorithm>
#include <numeric>

#include "base/text_distance.h"
#include "base/work_counter.h"
#include "ingest/column_hints.h"
#include "ingest/table_builder.h"

namespace gapscore::ingest {
namespace {

ColumnData empty_data(ColumnType t) {
  switch (t) {
    case ColumnType::integer:
    case ColumnType::date: return std::vector<std::int32_t>{};
    case ColumnType::number: return std::vector<double>{};
    case ColumnType::text: return TextColumn{};
    case ColumnType::boolean:
    case ColumnType::work_mode: return std::vector<std::int8_t>{};
  }
  return std::vector<double>{};
}

}  // namespace

TableBuilder::TableBuilder(const TableSchema& schema, const IngestOptions& options, DiagnosticLog& log)
    : schema_(schema), options_(options), log_(log), table_name_(schema.name) {
  table_.name = table_name_;
  const std::size_t n = schema.columns.size();
  for (const ColumnSpec& spec : schema.columns) {
    Column c;
    c.name = std::string(spec.name);
    c.type = spec.type;
    c.data = empty_data(spec.type);
    table_.columns.push_back(std::move(c));
  }
  slot_header_.resize(n);
  seen_.assign(n, false);
  cells_.resize(n);
  present_.assign(n, 0);
  numeric_.assign(n, 0);
  ints_.resize(n);
  nums_.resize(n);
  micros_.assign(n, kNoMicros);
  for (const ColumnSpec& spec : schema.columns)
    name_slot_.push_back(spec.name == "team" || spec.name == "role" || spec.name == "task_type" || spec.name == "person_id" ||
                         spec.name == "manager_id");
  composed_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (schema.columns[i].type != ColumnType::date) continue;
    DateColumn d;
    d.slot = i;
    // The config was checked when it was parsed; an unreadable format here falls back to detection.
    if (!options_.date_format.empty()) d.format = DateFormat::parse(options_.date_format);
    dates_pending_ = dates_pending_ || !d.format;
    date_columns_.push_back(std::move(d));
  }
}

int TableBuilder::unknown_column(std::string_view header, bool json_field) {
  const std::string what = std::string(json_field ? "field " : "column ") + quote_for_diagnostic(header);
  const std::uint64_t row = json_field ? 0 : 1;
  if (schema_.kind != TableKind::people) {
    ignored_headers_.emplace_back(header);
    header_log().add(make_diagnostic(DiagCode::unknown_column, table_name_ + ": " + what + " is not used by gapscore; ignored",
                                     table_name_, row, std::string(header)));
    return -1;
  }
  // The people table keeps it: an HR attribute (department, location...) to group or roll up by.
  const std::string wanted = normalize_header(header);
  bool repeated = false;
  for (std::size_t s = schema_slots(); s < slot_header_.size(); ++s) repeated = repeated || normalize_header(slot_header_[s]) == wanted;
  if (repeated || slot_header_.size() - schema_slots() >= kMaxExtraColumns) {
    ignored_headers_.emplace_back(header);
    header_log().add(make_diagnostic(
        DiagCode::unknown_column,
        table_name_ + ": " + what + (repeated ? " repeats the name of an earlier column" : " is past the first " + std::to_string(kMaxExtraColumns) + " extra columns") + "; ignored",
        table_name_, row, std::string(header)));
    return -1;
  }
  // Kept, and listed among the table's columns in the report's inputs: nothing to warn about.
  Column c;
  c.name = std::string(trim(header));
  c.type = ColumnType::text;
  c.present = true;
  c.data = TextColumn{};
  table_.columns.push_back(std::move(c));
  slot_header_.emplace_back(trim(header));
  seen_.push_back(true);
  cells_.emplace_back();
  present_.push_back(0);
  numeric_.push_back(0);
  ints_.push_back(0);
  nums_.push_back(0);
  micros_.push_back(kNoMicros);
  name_slot_.push_back(1);
  composed_.emplace_back();
  extra_text_.emplace_back();
  return static_cast<int>(slot_header_.size() - 1);
}

Status TableBuilder::set_csv_header(std::span<const std::string_view> header) {
  header_slot_.assign(header.size(), -1);
  std::vector<Diagnostic> fatal;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string_view h = trim(header[i]);
    if (h.empty()) {
      header_log().add(make_diagnostic(DiagCode::blank_header,
                               table_name_ + ": header of column " + std::to_string(i + 1) + " is empty; column ignored",
                               table_name_, 1, "", ""));
      continue;
    }
    const int slot = resolve(h);
    if (slot < 0) {
      header_slot_[i] = unknown_column(h, false);
      continue;
    }
    const auto s = static_cast<std::size_t>(slot);
    if (seen_[s]) {
      fatal.push_back(make_diagnostic(DiagCode::duplicate_column,
                                      table_name_ + ": columns " + quote_for_diagnostic(slot_header_[s]) + " and " + quote_for_diagnostic(h) +
                                          " both map to " + std::string(schema_.columns[s].name),
                                      table_name_, 1, std::string(h)));
      continue;
    }
    seen_[s] = true;
    slot_header_[s] = std::string(h);
    header_slot_[i] = slot;
  }
  for (std::size_t s = 0; s < schema_.columns.size(); ++s) table_.columns[s].present = seen_[s];
  if (!fatal.empty()) return Error(std::move(fatal));
  // Headers are known: now check the required columns.
  std::vector<std::string> original;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header_slot_[i] < 0 || static_cast<std::size_t>(header_slot_[i]) >= schema_slots())
      original.emplace_back(trim(header[i]));
  std::string expected;
  for (const ColumnSpec& spec : schema_.columns) {
    if (!spec.required_column) continue;
    if (!expected.empty()) expected += ", ";
    expected += spec.name;
  }
  for (std::size_t s = 0; s < schema_.columns.size(); ++s) {
    const ColumnSpec& spec = schema_.columns[s];
    if (!spec.required_column || seen_[s]) continue;
    std::string msg = table_name_ + ": required column \"" + std::string(spec.name) + "\" not found (required: " +
                      expected + ")";
    const std::string found = likely_header(spec.name, original);
    if (!found.empty()) {
      msg += "; closest header found: " + quote_for_diagnostic(found) + "; to use it, add to the config: " +
             column_mapping_json(table_name_, found, spec.name);
    } else if (!original.empty()) {
      std::string list;
      for (std::size_t i = 0; i < original.size() && i < 8; ++i) list += (i ? ", " : "") + quote_for_diagnostic(original[i]);
      msg += "; headers not recognised: " + list;
    } else {
      msg += "; no header resembles it";
    }
    // column: the one that is missing; value: the header that probably meant it.
    fatal.push_back(make_diagnostic(DiagCode::missing_column, std::move(msg), table_name_, 1, std::string(spec.name), found));
  }
  if (!fatal.empty()) return Error(std::move(fatal));
  return Ok{};
}

Status TableBuilder::check_required_columns_seen() {
  std::vector<Diagnostic> fatal;
  for (std::size_t s = 0; s < schema_.columns.size(); ++s) {
    const ColumnSpec& spec = schema_.columns[s];
    if (!spec.required_column || seen_[s]) continue;
    std::vector<std::string> unmatched;
    for (const auto& [k, slot] : json_keys_)
      if (slot < 0 || static_cast<std::size_t>(slot) >= schema_slots()) unmatched.push_back(k);
    std::string msg = table_name_ + ": required field \"" + std::string(spec.name) + "\" not found in any object";
    const std::string close = likely_header(spec.name, unmatched);
    if (!close.empty())
      msg += "; closest field found: " + quote_for_diagnostic(close) + "; to use it, add to the config: " +
             column_mapping_json(table_name_, close, spec.name);
    fatal.push_back(make_diagnostic(DiagCode::missing_column, std::move(msg), table_name_, 0, std::string(spec.name), close));
  }
  if (!fatal.empty()) return Error(std::move(fatal));
  return Ok{};
}

Result<Table> TableBuilder::finish(TableSummary& summary) {
  if (dates_pending_) {
    // The table ended before a date format was known: ambiguous values are an
    // error; no date-like value at all leaves the default, and the rows say why.
    for (DateColumn& d : date_columns_) {
      if (d.format || !table_.columns[d.slot].present) continue;
      if (!d.detector.nothing_seen()) return std::move(ambiguous_dates(d)).error();
      d.format = DateFormat::iso();
    }
    dates_pending_ = false;
    if (Status s = replay_pending(); !s) return std::move(s).error();
  }
  // Every present column holds exactly one value per kept row; later code indexes them by row.
  for (const Column& col : table_.columns) {
    if (!col.present) continue;
    const std::size_t n = std::visit([](const auto& v) {
      if constexpr (requires { v.codes; }) return v.codes.size();
      else return v.size();
    }, col.data);
    if (n != table_.row_count())
      return Error(make_diagnostic(DiagCode::internal_error,
                                   table_name_ + ": column " + col.name + " has " + std::to_string(n) + " values for " +
                                       std::to_string(table_.row_count()) + " rows",
                                   table_name_));
  }
  if (!sink_)
    if (Status s = drop_duplicate_keys(table_, summary); !s) return std::move(s).error();
  if (options_.strict && strict_errors_ > 0) {
    std::vector<Diagnostic> errors;
    for (const Diagnostic& d : log_.items())
      if (d.severity == Severity::error && d.table == table_name_) errors.push_back(d);
    return Error(std::move(errors));
  }
  summary.rows_read = rows_read_;
  summary.rows_used = rows_kept();
  summary.rows_skipped = rows_read_ - rows_kept();
  for (std::size_t s = 0; s < schema_.columns.size(); ++s)
    if (table_.columns[s].present) summary.columns.emplace_back(schema_.columns[s].name);
  for (std::size_t s = schema_slots(); s < table_.columns.size(); ++s) summary.columns.push_back(table_.columns[s].name);
  summary.ignored_columns = ignored_headers_;
  summary.date_format = date_format_name();
  table_.settle();
  // A shard's (or byte range's) own counts say nothing about the table: they are merged first.
  if (options_.shard_count > 1 || options_.range.active() || options_.later_file) return std::move(table_);
  if (Status s = check_row_counts(summary, schema_, log_); !s) return std::move(s).error();
  return std::move(table_);
}

Status check_row_counts(const TableSummary& summary, const TableSchema& schema, DiagnosticLog& log) {
  const std::string table_name(schema.name);
  if (summary.rows_read == 0) {
    Diagnostic d = make_diagnostic(DiagCode::no_rows, table_name + ": the table has a header but no data rows",
                                   table_name);
    if (!schema.required_table) {
      d.severity = Severity::warning;
      d.message += "; it is ignored";
      log.add(d);
    } else {
      return Error(std::move(d));
    }
  } else if (summary.rows_used == 0) {
    return Error(make_diagnostic(DiagCode::no_valid_rows,
                                 table_name + ": all " + std::to_string(summary.rows_read) +
                                     " rows were skipped; see the diagnostics for why",
                                 table_name));
  }
  return Ok{};
}

}  // namespace gapscore::ingest
