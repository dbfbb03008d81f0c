// Streaming RFC 4180 CSV reader: bytes go in as chunks of any size, records
// come out through a callback. Handles quoted fields with embedded
// delimiters/newlines/quotes, CRLF/LF/CR line ends, a UTF-8 byte-order mark,
// delimiter detection (comma, semicolon, tab) and UTF-8 validation.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gapscore/status.h"
#include "base/utf8.h"
#include "ingest/windows_1252.h"

namespace gapscore {

struct CsvOptions {
  char delimiter = 0;  // 0: detect from the header line
  std::size_t max_field_bytes = std::size_t{1} << 20;
  bool check_encoding = true;  // UTF-8 and NUL checks (a parallel reader leaves them to shard 0)
  // The input is Windows-1252 (config.encodings): it is read as UTF-8
  // (ingest/windows_1252.h); byte offsets still name the input's bytes.
  bool windows_1252 = false;
};

// One parsed record. `row` is the spreadsheet row number (header = 1; blank
// lines count as rows but produce no record). When `malformed_quote_field`
// is >= 0 the record broke quoting rules in that field; the fields are still
// given as read so the caller can report them.
struct CsvRecord {
  std::span<const std::string_view> fields;
  std::uint64_t row = 0;
  std::uint64_t byte_offset = 0;
  int malformed_quote_field = -1;
  // The chunk's bytes after this record, and their offset in the input, when
  // the record's fields are views into the chunk: the rows to come, which a
  // reader may look at ahead (hints only; empty otherwise).
  std::string_view rest;
  std::uint64_t rest_offset = 0;
};

class CsvReader {
 public:
  using Sink = std::function<Status(const CsvRecord&)>;

  CsvReader(CsvOptions options, std::string table_name);

  // Feeds the next chunk. A non-ok status is fatal (encoding or structure);
  // the reader must not be fed again after it.
  Status feed(std::string_view chunk, const Sink& sink);
  // Flushes the last record (a final newline is optional).
  Status finish(const Sink& sink);

  // Reading in parallel: records whose field `field` belongs to another shard
  // (shard_of its trimmed text != index) are skipped after that field: the
  // rest of the record is only scanned for its end (never copied), and the
  // sink does not see it. Rows still count, so row numbers stay exact.
  void set_shard_filter(std::size_t field, std::uint32_t index, std::uint32_t count) {
    filter_field_ = field;
    filter_index_ = index;
    filter_count_ = count;
  }
  std::uint64_t skipped_records() const { return skipped_; }
  // Reading again only some records: those whose first `fields` fields fail
  // `keep` are skipped like another shard's (never both filters at once).
  using RecordFilter = std::function<bool(std::span<const std::string_view>)>;
  void set_record_filter(std::size_t fields, RecordFilter keep) {
    filter_field_ = fields - 1;
    keep_ = std::move(keep);
    filter_count_ = 2;  // turns the filter on; skips() asks keep_
  }

  // Reading a byte range of a file (ingest/byte_range.h): after the header,
  // the reader goes on at `byte_offset`, a record start, as row 2, with no
  // record, blank line or encoding state carried over.
  void restart_at(std::uint64_t byte_offset);
  // No record is open: the bytes so far ended exactly at a record's end.
  bool at_record_start() const {
    return state_ == State::field_start && ends_.empty() && buf_.empty() && !skipping_ && !pending_cr_;
  }
  // The row number the next record gets.
  std::uint64_t next_row() const { return row_; }

  char delimiter() const { return delimiter_; }
  std::uint64_t bytes_read() const { return bytes_; }
  // Read as Windows-1252: where bytes first read as UTF-8 instead (Windows1252Text::utf8_like_at).
  std::optional<std::uint64_t> utf8_like_at() const { return windows_1252_ ? windows_1252_->utf8_like_at() : std::nullopt; }
  // Empty lines, and after the header lines of separators only (",,,,"): ignored, counted.
  std::uint64_t blank_lines() const { return blank_lines_; }
  std::uint64_t records() const { return records_; }
  bool had_bom() const { return had_bom_; }

 private:
  enum class State : std::uint8_t { field_start, unquoted, quoted, quote_in_quoted };

  Status start(const Sink& sink);
  Status process_checked(std::string_view data, const Sink& sink);
  std::optional<Diagnostic> signature_error(std::string_view head) const;
  std::optional<Diagnostic> encoding_error(std::string_view data);
  std::optional<Diagnostic> windows_1252_guess(std::uint64_t offset) const;
  Status process(std::string_view data, const Sink& sink);
  Status end_field();
  Status end_record(const Sink& sink);
  bool blank_record() const;
  Status check_field_size();
  std::size_t skip_rest(const char* p, std::size_t n, std::size_t i, std::uint64_t base);
  std::size_t whole_plain_record(const char* p, std::size_t n, std::size_t i, std::uint64_t base,
                                 const Sink& sink, Status& status);
  std::size_t skip_plain_record(const char* p, std::size_t n, std::size_t j, std::uint64_t base);
  void next_record();
  void clear_record();  // no field or record open
  char detect_delimiter(std::string_view head) const;
  Diagnostic diag(DiagCode code, std::string message) const;
  Status feed_text(std::string_view chunk, const Sink& sink);
  // The input's offset of an offset in the text read (they differ only for Windows-1252).
  std::uint64_t input_offset(std::uint64_t text_offset) const {
    return windows_1252_ ? windows_1252_->input_offset(text_offset) : text_offset;
  }

  CsvOptions options_;
  std::string table_;
  char delimiter_ = 0;
  State state_ = State::field_start;
  bool started_ = false;       // BOM/delimiter decided
  bool pending_cr_ = false;    // previous byte ended a line with CR; swallow a following LF
  bool had_bom_ = false;
  std::string head_;           // bytes held back until the delimiter can be detected
  std::string buf_;            // bytes of the current record's fields
  std::vector<std::uint32_t> ends_;  // end offset of each finished field in buf_
  std::vector<std::string_view> views_;
  std::size_t field_start_ = 0;
  int malformed_field_ = -1;
  std::uint64_t bytes_ = 0;          // bytes consumed by process()
  std::uint64_t record_offset_ = 0;  // byte offset where the current record began
  std::uint64_t row_ = 1;
  std::uint64_t blank_lines_ = 0;
  std::uint64_t records_ = 0;
  bool header_passed_ = false;  // a record went to the sink (restart_at keeps it: a byte range's reader read the header)
  Utf8Validator utf8_;
  std::optional<ingest::Windows1252Text> windows_1252_;
  bool from_start_ = true;  // no restart_at: whether only ASCII came before a bad byte is known
  // Whether a record whose field filter_field_ is `cell` is skipped.
  bool skips(std::string_view cell) const;
  bool skips_record(std::span<const std::string_view> fields) const;
  RecordFilter keep_;
  std::size_t filter_field_ = 0;
  std::uint32_t filter_index_ = 0, filter_count_ = 1;  // count 1: no filter
  bool skipping_ = false;
  std::uint64_t skipped_ = 0;
};

}  // namespace gapscore
