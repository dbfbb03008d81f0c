// Reading one input table (CSV or JSON bytes, pushed in chunks of any size)
// into a typed columnar Table, with diagnostics. Lenient mode skips bad rows
// and counts them; strict mode fails with the first errors listed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <span>
#include <utility>
#include <variant>
#include <vector>

#include "gapscore/inputs.h"
#include "gapscore/status.h"
#include "ingest/byte_range.h"
#include "ingest/shard.h"
#include "model/schema.h"
#include "model/table.h"

namespace gapscore {

namespace ingest {
class RowSink;  // ingest/table_builder.h
}

struct IngestOptions {
  TableKind kind = TableKind::activity;
  bool strict = false;
  // One of several activity files (the first too, when the caller said more
  // are coming): the session checks row counts against the whole table, so a
  // file without a usable row is a warning, whichever file it is, not an empty table.
  bool later_file = false;
  InputFormat format = InputFormat::detect;
  char delimiter = 0;  // CSV only; 0 = detect
  // Extra header names: (header as found in the file, canonical column name).
  // Matching is on normalised names (see normalize_header).
  std::vector<std::pair<std::string, std::string>> column_map;
  // The date column's format (config.date_formats, ingest/date_formats.h); "" = detect.
  std::string date_format;
  // The file is Windows-1252 (config.encodings), read as UTF-8. CSV only.
  bool windows_1252 = false;
  std::string source_name;  // file name for the report; may be empty
  // Total input size when the caller knows it (file size, buffer length); 0 = unknown.
  // Only a hint: columns are sized once from it instead of growing by doubling.
  std::uint64_t expected_bytes = 0;
  // Where checked rows go instead of a table (the activity table); null: a table is built.
  ingest::RowSink* row_sink = nullptr;
  // Reading in parallel: every reader sees every byte, and takes the rows
  // whose person_id hashes to its shard (so one person's rows, repeats
  // included, are all in one shard). Shard 0 also digests the bytes and
  // counts blank lines. CSV only.
  std::uint32_t shard_index = 0, shard_count = 1;
  // Reading in parallel by byte range (ingest/byte_range.h): this reader
  // takes the records that start in its share of the bytes, after the header
  // (and the first rows while a date format is detected) read from the start.
  // The caller pushes the bytes at wanted_offset(). CSV only.
  ingest::ByteRangeSpec range;
  // Reading a range again (range.exact): only the records whose key passes
  // go on to the builder (day: nullopt when the date does not read).
  std::function<bool(std::string_view person, std::optional<std::int32_t> day, std::string_view task)> key_filter;
  // The caller digests the bytes itself (e.g. WebCrypto, in parallel with
  // reading) and gives the digest to finish(); the ingestor does not hash.
  bool digest_by_caller = false;
};


struct TableSummary {
  std::string table;
  std::string source_name;
  std::string format;  // "csv" | "json"
  std::uint64_t bytes = 0;
  std::string sha256;  // of the bytes exactly as given
  std::uint64_t rows_read = 0;     // data rows (records after the header / array elements)
  std::uint64_t rows_used = 0;
  std::uint64_t rows_skipped = 0;  // rows_read - rows_used
  std::uint64_t blank_lines = 0;   // CSV empty lines, ignored
  std::string delimiter;           // CSV only
  bool byte_order_mark = false;
  std::vector<std::string> columns;          // canonical names found
  std::vector<std::string> ignored_columns;  // headers not used, as written
  std::string date_format;                   // of the date column, configured or detected; "" without one
};

struct IngestedTable {
  Table table;
  TableSummary summary;
};

class TableIngestor {
 public:
  TableIngestor(IngestOptions options, DiagnosticLog& log);
  ~TableIngestor();
  TableIngestor(const TableIngestor&) = delete;
  TableIngestor& operator=(const TableIngestor&) = delete;

  // After a failed push the ingestor is finished; finish() returns the error again.
  Status push(std::string_view chunk);
  // `sha256_hex`: the digest, when IngestOptions::digest_by_caller.
  Result<IngestedTable> finish(std::string_view sha256_hex = {});

  // Reading a byte range: the offset of the bytes the next push() must start
  // at; nullopt once the range is read (then call finish()). Without a range:
  // the bytes pushed so far (the next ones follow).
  std::optional<std::uint64_t> wanted_offset() const;
  // Reading a byte range, after finish(): where it began and ended.
  const ingest::RangeFacts& range_facts() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Builds a table from typed columns with the same validation as CSV/JSON
// (ranges, integers, dates, duplicates, lenient/strict). Row N = index N-1.
// All columns must have the same length. summary.format is "columns" and
// summary.sha256 is empty (there are no bytes to digest).
Result<IngestedTable> ingest_columns(std::span<const ColumnInput> columns, const IngestOptions& options,
                                     DiagnosticLog& log);

// One-shot convenience over TableIngestor.
Result<IngestedTable> ingest_table(std::string_view bytes, const IngestOptions& options, DiagnosticLog& log);

}  // namespace gapscore
