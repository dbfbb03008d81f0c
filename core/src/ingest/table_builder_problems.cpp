// TableBuilder's rare paths: a bad row's diagnostic, the rows held back
// while a date column's format is still being detected, and their replay.
// They run per bad row or once per table, never per good row, so they live
// apart from the per-row code (table_builder.cpp) and the wasm build compiles
// them for size.
#include "base/date.h"
#include "ingest/table_builder.h"

namespace gapscore::ingest {
namespace {

// "people row 3, column "x": <problem>", the words every row and cell diagnostic starts with.
std::string row_message(const std::string& table, std::uint64_t row, const std::string& column, const std::string& problem) {
  std::string msg = table + " row " + std::to_string(row);
  if (!column.empty()) msg += ", column " + quote_for_diagnostic(column);
  return msg + ": " + problem;
}

}  // namespace

std::string TableBuilder::date_format_name() const {
  for (const DateColumn& d : date_columns_)
    if (table_.columns[d.slot].present) return d.format ? d.format->name() : std::string();
  return {};
}

const DateFormat* TableBuilder::date_format_of(std::size_t slot) const {
  for (const DateColumn& d : date_columns_)
    if (d.slot == slot) return d.format ? &*d.format : nullptr;
  return nullptr;
}

Status TableBuilder::ambiguous_dates(const DateColumn& d) {
  return Error(make_diagnostic(DiagCode::ambiguous_date, ambiguous_date_message(table_name_, header_for_slot(d.slot), d.detector),
                               table_name_, 0, header_for_slot(d.slot),
                               d.detector.samples().empty() ? std::string() : d.detector.samples().front()));
}

Status TableBuilder::observe_dates(std::span<const std::string_view> cells_by_slot, std::span<const std::uint8_t> present) {
  bool pending = false;
  for (DateColumn& d : date_columns_) {
    if (d.format || !table_.columns[d.slot].present) continue;
    if (present[d.slot] && d.detector.observe(cells_by_slot[d.slot])) d.format = d.detector.format();
    if (d.format) continue;
    if (d.detector.values_seen() >= DateDetector::kMaxValues && d.detector.nothing_seen()) {
      d.format = DateFormat::iso();  // nothing looked like a date: the rows will say why
      continue;
    }
    if (d.detector.gave_up()) return ambiguous_dates(d);
    pending = true;
  }
  if (!pending) {
    dates_pending_ = false;
    return replay_pending();
  }
  return Ok{};
}

Status TableBuilder::observe_csv_dates(std::span<const std::string_view> fields) {
  std::vector<std::string_view> cells(schema_.columns.size());
  std::vector<std::uint8_t> present(schema_.columns.size(), 0);
  for (std::size_t i = 0; i < header_slot_.size() && i < fields.size(); ++i) {
    if (header_slot_[i] < 0) continue;
    const auto s = static_cast<std::size_t>(header_slot_[i]);
    if (s >= schema_slots() || schema_.columns[s].type != ColumnType::date) continue;
    cells[s] = fields[i];
    present[s] = 1;
  }
  return observe_dates(cells, present);
}

// The rows held back while a date format was unknown, in their order, now that it is.
Status TableBuilder::replay_pending() {
  std::vector<PendingRow> rows = std::move(pending_);
  pending_.clear();
  for (const PendingRow& p : rows) {
    std::vector<std::string_view> views(p.cells.begin(), p.cells.end());
    Status st = Ok{};
    switch (p.kind) {
      case PendingRow::Kind::csv: st = take_csv_record(views, p.row, p.malformed_quote_field); break;
      case PendingRow::Kind::slots: st = take_slot_row(views, p.present, p.row); break;
      case PendingRow::Kind::typed: st = take_typed_row(views, p.numbers, p.numeric, p.present, p.row); break;
      case PendingRow::Kind::reject: st = reject_row(p.code, p.row, p.column, p.problem); break;
    }
    if (!st) return st;
  }
  return Ok{};
}

Status TableBuilder::row_problem(DiagCode code, std::uint64_t row, std::string column, std::string value,
                                 std::string problem, bool names_person) {
  std::string msg = row_message(table_name_, row, column, problem);
  // A problem in the person_id column quotes the id itself.
  const bool person_cell = !column.empty() && column == header_for_slot(0) && schema_.columns[0].name == "person_id";
  Diagnostic d = make_diagnostic(code, std::move(msg), table_name_, row, std::move(column), std::move(value));
  d.names_person = names_person || person_cell;
  d.source = options_.source_name;
  if (options_.strict) {
    d.severity = Severity::error;
    log_.add(std::move(d));
    ++strict_errors_;
    // Strict mode lists the first errors, then stops reading.
    if (strict_errors_ >= log_.max_items()) {
      std::vector<Diagnostic> first;
      for (const Diagnostic& x : log_.items())
        if (x.severity == Severity::error) first.push_back(x);
      return Error(std::move(first));
    }
  } else {
    d.severity = Severity::warning;
    d.message += "; row skipped";
    log_.add(std::move(d));
  }
  return Ok{};
}

// A person whose hire date or ai_trained flag is mistyped is still on their
// team: skipping the row made all their activity "(unassigned)". A survey
// answer out of scale leaves the same row's other answer standing (answers
// are read column by column). Strict reading still stops at the cell
// (row_problem).
bool TableBuilder::keep_row_without_cell(const ColumnSpec& spec, DiagCode code, std::uint64_t row, std::size_t slot,
                                         std::string value, std::string problem) {
  const bool people = schema_.kind == TableKind::people;
  if ((!people && schema_.kind != TableKind::surveys) || spec.required_value || options_.strict) return false;
  const std::string column = header_for_slot(slot);
  const char* kept = people ? "; read as empty, the person is kept" : "; read as empty, the row's other answers are kept";
  Diagnostic d = make_diagnostic(code, row_message(table_name_, row, column, problem) + kept,
                                 table_name_, row, column, std::move(value));
  d.severity = Severity::warning;
  d.source = options_.source_name;
  log_.add(std::move(d));
  present_[slot] = 0;
  return true;
}

Status TableBuilder::reject_row(DiagCode code, std::uint64_t row, std::string column, std::string problem) {
  if (!owned({})) return Ok{};
  if (dates_pending_) {
    PendingRow p;
    p.kind = PendingRow::Kind::reject;
    p.row = row;
    p.code = code;
    p.column = std::move(column);
    p.problem = std::move(problem);
    pending_.push_back(std::move(p));
    return Ok{};
  }
  ++rows_read_;
  return row_problem(code, row, std::move(column), {}, std::move(problem));
}

}  // namespace gapscore::ingest
