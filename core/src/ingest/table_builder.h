// Turns rows of cell text into typed columns for one schema: header
// resolution, cell parsing, range checks, and the lenient/strict row policy.
// Shared by the CSV and JSON readers so both give identical tables.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gapscore/status.h"
#include "base/latin_nfc.h"
#include "ingest/cell_parse.h"
#include "base/date_formats.h"
#include "ingest/ingest.h"
#include "model/schema.h"
#include "model/table.h"

namespace gapscore::ingest {

// A row that passed every check, as typed values by schema slot.
struct RowView {
  std::span<const std::uint8_t> present;  // the cell has a value
  std::span<const std::int32_t> ints;     // integer, date (days), boolean, work_mode slots
  std::span<const double> nums;           // number slots
  std::span<const std::string_view> cells;  // text as written (trim it)
  // Number slots x 10^6 where the cell's text gives that exactly, else
  // kNoMicros (cell_parse.h); empty when the row's reader did not work it out.
  std::span<const std::int64_t> micros;
};

// Number slot s of a row in millionths: the reader's exact digits where it has
// them, else the value rounded (to_fixed). False: beyond 64 bits.
inline bool cell_millionths(const RowView& r, std::size_t s, std::int64_t& out) {
  if (!r.micros.empty() && r.micros[s] != kNoMicros) {
    out = r.micros[s];
    return true;
  }
  return to_fixed(r.nums[s], out);
}

// Looking ahead at rows to come (RowSink::upcoming) is native only: wasm has
// no prefetch, and plain loads in its place made a million shuffled rows about
// 9 % slower in Node. Off, the code is not compiled in (bundle size).
#if defined(__wasm__)
inline constexpr bool kLookAhead = false;
#else
inline constexpr bool kLookAhead = true;
#endif

// Where checked rows go instead of the table: the activity table is not kept
// as rows but read straight into per-person state (core/src/activity).
class RowSink {
 public:
  enum class Outcome : std::uint8_t { kept, duplicate, outside_window, too_large };
  virtual ~RowSink() = default;
  virtual Outcome accept(const RowView& row, std::uint64_t row_number) = 0;
  // The key of a row that comes later (a few rows ahead, perhaps not exactly
  // where expected): a hint to fetch its state early. day: kMissingInt when not known.
  virtual void upcoming(std::string_view /*person_id*/, std::int32_t /*day*/, std::string_view /*task_type*/) {}
  // Whether hints would help now (rows that jump between people).
  virtual bool wants_upcoming() const { return false; }
};

class TableBuilder {
 public:
  static constexpr std::size_t kMaxExtraColumns = 64;  // people-table attributes kept beyond the schema
  TableBuilder(const TableSchema& schema, const IngestOptions& options, DiagnosticLog& log);

  // Set by the CSV reader; a ';' file may write decimals with a comma ("1,5").
  char delimiter = ',';
  // Rows go to `sink` instead of the table (which then stays empty); duplicate
  // keys are the sink's to find.
  void set_sink(RowSink* sink) { sink_ = sink; }

  // CSV: resolve the header row; fatal problems (missing/duplicate columns) as Error.
  Status set_csv_header(std::span<const std::string_view> header);
  // CSV: one data record in header order.
  // rest, rest_offset: the records after this one (CsvRecord::rest), looked at ahead.
  Status add_csv_record(std::span<const std::string_view> fields, std::uint64_t row, int malformed_quote_field,
                        std::string_view rest = {}, std::uint64_t rest_offset = 0);

  // JSON: the slot of a key (schema column index), -1 when unused, -2 when two
  // keys name one column. The JSON reader declares every key of the table
  // before the first row, so a column first written in a later object is
  // still a column of every row (missing where an object lacks it).
  int slot_for_key(std::string_view key);
  // JSON: one row given by slot; `present[slot]` false = missing cell.
  Status add_slot_row(std::span<const std::string_view> cells, std::span<const std::uint8_t> present, std::uint64_t row);
  // Columns: one row where slot s is numeric when numeric[s] != 0 (value in
  // numbers[s], NaN = missing) and text otherwise (cells[s], "" = missing).
  Status add_typed_row(std::span<const std::string_view> cells, std::span<const double> numbers,
                       std::span<const std::uint8_t> numeric, std::span<const std::uint8_t> present, std::uint64_t row);
  // Columns: marks which slots the caller supplies (like a header).

  // JSON: a row-level structural problem (element not an object, nested value).
  Status reject_row(DiagCode code, std::uint64_t row, std::string column, std::string problem);
  // JSON: after the last row, required columns never seen are fatal.
  Status check_required_columns_seen();

  // After all rows: duplicate keys, empty tables.
  Result<Table> finish(TableSummary& summary);

  // The CSV reader skips other shards' rows (CsvReader::set_shard_filter on
  // the person_id field): a record long enough to have that field is ours.
  void set_rows_filtered();
  // Reading a byte range: the rows before the range's start are read only
  // for the date format (no row is taken, nothing is logged).
  void set_probing(bool probing) { probing_ = probing; }
  // The format of the date in `slot` once known (configured or detected).
  const DateFormat* date_format_of(std::size_t slot) const;

  std::uint64_t rows_read() const { return rows_read_; }
  // Rows left to other shards (IngestOptions::shard_count > 1).
  std::uint64_t rows_of_other_shards() const { return other_shards_; }
  // Makes room for `rows` kept rows in every column (a capacity hint, never a limit).
  void reserve_rows(std::size_t rows);
  // After set_csv_header: header index -> slot (-1 unused).
  const std::vector<int>& header_slots() const { return header_slot_; }
  // Slots there are: the schema's columns, then the extra attribute columns
  // the people table keeps (columns gapscore does not define, such as
  // "department": person attributes that group_by and rollup_by can name).
  std::size_t slot_count() const { return cells_.size(); }
  // A date column's format is still being detected (rows are held back, and
  // every shard must see every row until it is known).
  bool dates_pending() const { return dates_pending_; }
  // The format of the table's date column ("" without one): configured or detected.
  std::string date_format_name() const;

 private:
  int resolve(std::string_view header) const;
  // A column gapscore does not define: kept as text (people table, up to
  // kMaxExtraColumns) with its slot, or -1 when ignored (diagnostic logged).
  int unknown_column(std::string_view header, bool json_field);
  std::size_t schema_slots() const { return schema_.columns.size(); }
  Status parse_row(std::uint64_t row);
  Status row_problem(DiagCode code, std::uint64_t row, std::string column, std::string value, std::string problem,
                     bool names_person = false);
  // A bad optional cell of the people table, read leniently: the person is
  // kept and the cell read as empty (warning). True when that applies;
  // otherwise the caller skips the row (row_problem).
  bool keep_row_without_cell(const ColumnSpec& spec, DiagCode code, std::uint64_t row, std::size_t slot,
                             std::string value, std::string problem);
  Status drop_duplicate_keys(Table& table, TableSummary& summary);
  // A repeated key's problem: lenient reading keeps the first row, strict reading stops.
  std::string repeated_key(std::string problem) const {
    return options_.strict ? problem : problem + " (the first row is kept)";
  }
  // Date formats (base/date_formats.h): rows wait until every date column's
  // format is known, then are replayed in order, so diagnostics stay in row order.
  struct DateColumn {
    std::size_t slot = 0;
    DateDetector detector;
    std::optional<DateFormat> format;  // configured, or decided by the detector
  };
  struct PendingRow {
    enum class Kind : std::uint8_t { csv, slots, typed, reject } kind = Kind::csv;
    std::uint64_t row = 0;
    int malformed_quote_field = -1;
    std::vector<std::string> cells;
    std::vector<std::uint8_t> present, numeric;
    std::vector<double> numbers;
    DiagCode code = DiagCode::internal_error;
    std::string column, problem;
  };
  // Feeds one row's date cells to the detectors; an ambiguous column is fatal.
  Status observe_dates(std::span<const std::string_view> cells_by_slot, std::span<const std::uint8_t> present);
  Status observe_csv_dates(std::span<const std::string_view> fields);
  Status replay_pending();
  Status take_csv_record(std::span<const std::string_view> fields, std::uint64_t row, int malformed_quote_field,
                         std::string_view rest = {}, std::uint64_t rest_offset = 0);
  // Tells the sink the keys of the row kAheadRows after this one (RowSink::upcoming).
  void look_ahead(std::string_view rest, std::uint64_t rest_offset);
  Status take_slot_row(std::span<const std::string_view> cells, std::span<const std::uint8_t> present, std::uint64_t row);
  Status take_typed_row(std::span<const std::string_view> cells, std::span<const double> numbers,
                        std::span<const std::uint8_t> numeric, std::span<const std::uint8_t> present, std::uint64_t row);
  Status ambiguous_dates(const DateColumn& d);
  bool parse_date_as(std::string_view cell, std::size_t slot, std::int32_t& out, CellError& err);
  std::string date_problem_;  // the text a date CellError points at
  Status to_sink(std::uint64_t row, bool plain = false);
  // The common CSV row in one pass (table_builder_plain.cpp): every cell plain
  // (no surrounding blanks, numbers like "-12.5", dates in the column's
  // format) and every check passed. False: the general path reads the row
  // again and says what is wrong with it.
  // readable_end: where the bytes the fields lie in end (nullptr: unknown).
  bool plain_csv_row(std::span<const std::string_view> fields, const char* readable_end);
  bool plain_rows_apply();
  bool owned(std::string_view person);
  // Header-level diagnostics are shard 0's to report (every shard reads the header).
  DiagnosticLog& header_log() {
    return options_.shard_index == 0 && options_.range.index == 0 && !options_.range.exact ? log_ : scratch_log_;
  }
  std::uint64_t rows_kept() const;
  std::string header_for_slot(std::size_t slot) const;

  const TableSchema& schema_;
  IngestOptions options_;
  DiagnosticLog& log_;
  DiagnosticLog scratch_log_{1};
  std::string table_name_;
  Table table_;
  std::vector<int> header_slot_;              // CSV: header index -> slot (-1 unused)
  std::vector<std::string> slot_header_;      // slot -> header text as written
  std::vector<std::string> ignored_headers_;
  std::vector<std::pair<std::string, int>> json_keys_;  // JSON: key -> slot cache
  std::vector<bool> seen_;                    // slot appeared in the header / any JSON object
  // Scratch for the row being parsed.
  std::vector<std::string_view> cells_;
  std::vector<std::uint8_t> present_;
  std::vector<std::uint8_t> numeric_;  // slot holds a number given directly (columnar input)
  std::vector<std::int32_t> ints_;
  std::vector<double> nums_;
  std::vector<std::int64_t> micros_;  // the plain path's number slots x 10^6 (RowView::micros)
  // Slots that name a group or a kind of work (team, role, task_type, extra
  // attributes): an accent written two ways is one name (base/latin_nfc.h).
  std::vector<std::uint8_t> name_slot_;
  std::vector<std::string> composed_;  // scratch: a name slot's text with its accents composed
  std::string_view name_text(std::size_t slot, std::string_view text) {
    return name_slot_[slot] ? compose_latin(text, composed_[slot]) : text;
  }
  // The plain path: for rows that go to a sink, decided at the first row.
  enum class PlainRows : std::uint8_t { undecided, on, off } plain_rows_ = PlainRows::undecided;
  // Looking ahead: the header index of person_id, date and task_type, and
  // where the next line to look at starts (an offset in the input).
  static constexpr int kAheadRows = 8;
  std::array<int, 3> key_fields_{-1, -1, -1};
  std::uint64_t ahead_offset_ = 0;
  int rows_ahead_ = 0;
  std::vector<std::string> extra_text_;  // columnar input: a number given for an extra column, as text
  std::uint64_t rows_read_ = 0;
  std::uint64_t strict_errors_ = 0;
  RowSink* sink_ = nullptr;
  std::uint64_t other_shards_ = 0;
  std::size_t filtered_field_ = SIZE_MAX;  // set_rows_filtered: the person_id field's index
  std::uint64_t sink_rows_ = 0;  // rows the sink took (kept or outside the window)
  std::vector<DateColumn> date_columns_;
  bool dates_pending_ = false;
  bool probing_ = false;
  std::vector<PendingRow> pending_;
};

// After all rows (of all shards): a table without rows is an error (a warning
// for optional tables), and so is one whose rows were all skipped.
Status check_row_counts(const TableSummary& summary, const TableSchema& schema, DiagnosticLog& log);

}  // namespace gapscore::ingest
