#include "ingest/csv.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "ingest/byte_range.h"
#include "base/ascii_case.h"
#include "ingest/cell_parse.h"
#include "ingest/line_scan.h"
#include "ingest/shard.h"

namespace gapscore {
namespace {

// Bytes that end an unquoted run: the three delimiters we detect, quote, CR, LF.
std::array<bool, 256> special_bytes(char delimiter) {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(delimiter)] = true;
  t['"'] = true;
  t['\r'] = true;
  t['\n'] = true;
  return t;
}

// Where the first line with text starts (after a byte-order mark): blank
// lines before the header, empty or of spaces and tabs, are skipped as the
// reader skips them, so they decide neither the delimiter nor the header.
std::size_t first_text_line(std::string_view head) {
  std::size_t start = head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (std::size_t j = start; j < head.size(); ++j) {
    const char c = head[j];
    if (c == '\n' || c == '\r') start = j + 1;
    else if (c != ' ' && c != '\t') break;
  }
  return start;
}

// True once `head` holds a complete first line with text (a newline outside quotes).
bool has_complete_first_line(std::string_view head) {
  bool in_quotes = false;
  for (char c : head.substr(first_text_line(head))) {
    if (c == '"') in_quotes = !in_quotes;
    else if (!in_quotes && (c == '\n' || c == '\r')) return true;
  }
  return false;
}

constexpr std::size_t kMaxHeadBytes = std::size_t{1} << 20;

// Excel writes "sep=;" as the first line of a CSV to name its delimiter, and
// hides that line: its length with the line end, or 0 when `head` does not
// start with one (any letter case; the delimiter neither a letter, a digit,
// a quote nor a space).
std::size_t separator_line(std::string_view head) {
  if (head.size() < 6) return 0;
  if (ascii_lower(head.substr(0, 4)) != "sep=") return 0;
  const auto d = static_cast<unsigned char>(head[4]);
  if (d <= ' ' && d != '\t') return 0;
  const char letter = ascii_lower(head[4]);
  if (d == '"' || d >= 0x80 || (d >= '0' && d <= '9') || (letter >= 'a' && letter <= 'z')) return 0;
  if (head[5] == '\n') return 6;
  if (head[5] != '\r') return 0;
  return head.size() > 6 && head[6] == '\n' ? 7 : 6;
}

}  // namespace

CsvReader::CsvReader(CsvOptions options, std::string table_name)
    : options_(options), table_(std::move(table_name)), delimiter_(options.delimiter) {
  if (options_.windows_1252) windows_1252_.emplace();
}

Diagnostic CsvReader::diag(DiagCode code, std::string message) const {
  Diagnostic d = make_diagnostic(code, std::move(message), table_, row_);
  d.byte_offset = input_offset(record_offset_);
  return d;
}

char CsvReader::detect_delimiter(std::string_view head) const {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool in_quotes = false;
  for (char c : head.substr(first_text_line(head))) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '\n' || c == '\r') break;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  // Ties go to the comma, then semicolon: the more common exports.
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

// The records before the first encoding error are read first, so that the
// error that comes first in the file is the one returned, wherever chunks end.
Status CsvReader::process_checked(std::string_view data, const Sink& sink) {
  const std::uint64_t base = utf8_.offset();
  std::optional<Diagnostic> bad = encoding_error(data);
  const auto good = bad ? static_cast<std::size_t>(bad->byte_offset - base) : data.size();
  if (Status s = process(data.substr(0, good), sink); !s || !bad) return s;
  return Error(std::move(*bad));
}

Status CsvReader::feed(std::string_view chunk, const Sink& sink) {
  if (!windows_1252_) return feed_text(chunk, sink);
  Status s = feed_text(windows_1252_->decode(chunk), sink);
  windows_1252_->forget_before(record_offset_);  // later offsets asked for are of this record or later ones
  return s;
}

Status CsvReader::feed_text(std::string_view chunk, const Sink& sink) {
  if (!started_) {
    head_.append(chunk);
    if (!has_complete_first_line(head_) && head_.size() < kMaxHeadBytes) return Ok{};
    return start(sink);
  }
  return process_checked(chunk, sink);
}

// The buffered head: check its signature, drop a byte-order mark, settle the
// delimiter (from at most kMaxHeadBytes, wherever chunks ended), then parse it.
Status CsvReader::start(const Sink& sink) {
  started_ = true;
  const std::string head = std::move(head_);
  head_.clear();
  if (std::optional<Diagnostic> d = signature_error(head)) return Error(std::move(*d));
  std::string_view h = head;
  if (h.substr(0, 3) == "\xEF\xBB\xBF") {
    had_bom_ = true;
    (void)utf8_.feed(h.substr(0, 3));
    h.remove_prefix(3);
    bytes_ = 3;
    record_offset_ = 3;
  }
  if (const std::size_t line = separator_line(h); line > 0) {
    // Read as the delimiter it names, not as the header; not a spreadsheet row.
    if (delimiter_ == 0) delimiter_ = h[4];
    (void)utf8_.feed(h.substr(0, line));
    pending_cr_ = h[line - 1] == '\r';  // its LF may come in the next chunk
    h.remove_prefix(line);
    bytes_ += line;
    record_offset_ += line;
  }
  if (delimiter_ == 0) delimiter_ = detect_delimiter(h.substr(0, kMaxHeadBytes));
  return process_checked(h, sink);
}

Status CsvReader::finish(const Sink& sink) {
  if (!started_) {
    Status s = start(sink);
    if (!s) return s;
  }
  if (auto bad = options_.check_encoding ? utf8_.finish() : std::nullopt) {
    if (auto guess = windows_1252_guess(*bad)) return Error(std::move(*guess));
    Diagnostic d = make_diagnostic(DiagCode::invalid_utf8,
                                   table_ + ": the file ends inside a UTF-8 character (byte offset " +
                                       std::to_string(*bad) + ")",
                                   table_);
    d.byte_offset = input_offset(*bad);
    return Error(std::move(d));
  }
  if (state_ == State::quoted) {
    return Error(diag(DiagCode::unterminated_quote,
                      table_ + " row " + std::to_string(row_) + ": a quoted field opened here is never closed"));
  }
  if (state_ != State::field_start || !ends_.empty() || !buf_.empty()) {
    Status s = end_field();
    if (!s) return s;
    return end_record(sink);
  }
  return Ok{};
}

Status CsvReader::check_field_size() {
  if (buf_.size() - field_start_ > options_.max_field_bytes) {
    // Only spaces and tabs, unquoted (a spreadsheet's "empty" row padded out):
    // cells are trimmed, so one blank stands for them all (an outside review:
    // one 2 MiB blank line rejected the file).
    if (state_ == State::unquoted &&
        std::all_of(buf_.begin() + static_cast<std::ptrdiff_t>(field_start_), buf_.end(), [](char c) { return c == ' ' || c == '\t'; })) {
      buf_.resize(field_start_ + 1);
      return Ok{};
    }
    return Error(diag(DiagCode::field_too_large, table_ + " row " + std::to_string(row_) + ", field " +
                                                     std::to_string(ends_.size() + 1) + ": longer than " +
                                                     std::to_string(options_.max_field_bytes) + " bytes"));
  }
  return Ok{};
}

Status CsvReader::end_field() {
  if (ends_.size() >= 1024) {
    // The header's limit. A data row past it is one damaged row (the builder
    // skips it as ragged): its 1025th field takes in the rest.
    if (!header_passed_)
      return Error(diag(DiagCode::too_many_columns,
                        table_ + " row " + std::to_string(row_) + ": more than 1024 fields in one row"));
    if (ends_.size() > 1024) return Ok{};
  }
  ends_.push_back(static_cast<std::uint32_t>(buf_.size()));
  if (filter_count_ > 1 && !skipping_ && ends_.size() == filter_field_ + 1) {
    if (ingest::kByteRanges && keep_) {
      views_.clear();
      std::size_t begin = 0;
      for (std::uint32_t end : ends_) {
        views_.emplace_back(buf_.data() + begin, end - begin);
        begin = end;
      }
      skipping_ = skips_record(views_);
    } else {
      const std::size_t begin = ends_.size() > 1 ? ends_[ends_.size() - 2] : 0;
      skipping_ = skips(std::string_view(buf_).substr(begin, buf_.size() - begin));
    }
  }
  field_start_ = buf_.size();
  return Ok{};
}

bool CsvReader::skips(std::string_view cell) const {
  return shard_of_id(ingest::trim(cell), filter_count_) != filter_index_;
}

bool CsvReader::skips_record(std::span<const std::string_view> fields) const { return !keep_(fields); }

void CsvReader::restart_at(std::uint64_t byte_offset) {
  from_start_ = false;
  clear_record();
  pending_cr_ = false;
  bytes_ = byte_offset;
  record_offset_ = byte_offset;
  row_ = 2;
  blank_lines_ = records_ = skipped_ = 0;
  utf8_ = Utf8Validator{byte_offset};
}

void CsvReader::next_record() {
  ++row_;
  clear_record();
}

void CsvReader::clear_record() {
  buf_.clear();
  ends_.clear();
  field_start_ = 0;
  malformed_field_ = -1;
  state_ = State::field_start;
  skipping_ = false;
}

// Advances past the end of a skipped record (or to the end of the data),
// tracking quotes so that a newline inside a quoted field does not end it.
std::size_t CsvReader::skip_rest(const char* p, std::size_t n, std::size_t i, std::uint64_t base) {
  const auto record_end = [&](std::size_t at) {
    ++skipped_;
    next_record();
    pending_cr_ = p[at] == '\r';
    record_offset_ = base + at + 1;
    return at + 1;
  };
  while (i < n) {
    // The usual case: no quote before the line end, so the record ends there.
    if (state_ == State::field_start || state_ == State::unquoted) {
      const auto* nl = static_cast<const char*>(std::memchr(p + i, '\n', n - i));
      const std::size_t stop = nl ? static_cast<std::size_t>(nl - p) : n;
      const auto* cr = static_cast<const char*>(std::memchr(p + i, '\r', stop - i));
      const std::size_t end = cr ? static_cast<std::size_t>(cr - p) : stop;
      if (!std::memchr(p + i, '"', end - i)) {
        if (end == n) {
          // The record goes on in the next chunk, from the state these bytes
          // leave: a quote there opens a field only after a delimiter.
          if (n > i) state_ = p[n - 1] == delimiter_ ? State::field_start : State::unquoted;
          return n;
        }
        return record_end(end);
      }
    }
    const char c = p[i];
    switch (state_) {
      case State::field_start:
        state_ = c == '"' ? State::quoted : State::unquoted;
        if (c == '"') {
          ++i;
          continue;
        }
        [[fallthrough]];
      case State::unquoted:
        if (c == delimiter_) state_ = State::field_start;
        else if (c == '\n' || c == '\r') return record_end(i);
        ++i;
        break;
      case State::quoted: {
        const auto* q = static_cast<const char*>(std::memchr(p + i, '"', n - i));
        if (!q) return n;
        i = static_cast<std::size_t>(q - p) + 1;
        state_ = State::quote_in_quoted;
        break;
      }
      case State::quote_in_quoted:
        if (c == '"') state_ = State::quoted;
        else if (c == delimiter_) state_ = State::field_start;
        else if (c == '\n' || c == '\r') return record_end(i);
        else state_ = State::unquoted;
        ++i;
        break;
    }
  }
  return n;
}

// Whether every field of the record is empty or blank: a blank line, or after
// the header a line of separators only (",,,,": a spreadsheet's empty row).
bool CsvReader::blank_record() const {
  if (malformed_field_ >= 0 || (ends_.size() > 1 && !header_passed_)) return false;
  std::size_t begin = 0;
  for (std::uint32_t end : ends_) {
    if (!ingest::trim(std::string_view(buf_.data() + begin, end - begin)).empty()) return false;
    begin = end;
  }
  return true;
}

Status CsvReader::end_record(const Sink& sink) {
  const bool blank = blank_record();
  Status result = Ok{};
  if (blank) {
    // Counted whichever shard an empty person_id belongs to: every reader by
    // person sees every line (shard 0's count is the table's).
    ++blank_lines_;
  } else if (skipping_) {
    ++skipped_;
  } else {
    views_.clear();
    std::size_t begin = 0;
    for (std::uint32_t end : ends_) {
      views_.emplace_back(buf_.data() + begin, end - begin);
      begin = end;
    }
    CsvRecord rec{views_, row_, input_offset(record_offset_), malformed_field_, {}, 0};
    ++records_;
    header_passed_ = true;
    result = sink(rec);
  }
  next_record();
  return result;
}

// The common record: whole in this chunk, ends in LF or CRLF, not blank,
// within the field limits, each field either unquoted without a quote or
// quoted with no quote inside ("text", as exporters that quote every field
// write it). Its fields are given as views into the chunk, nothing is copied.
// Returns the index after its line end, or 0 when the record is not of this
// kind (nothing was changed: take the general path, which reads an escaped
// quote, text after a closing quote or a quote inside a field).
std::size_t CsvReader::whole_plain_record(const char* p, std::size_t n, std::size_t i, std::uint64_t base,
                                          const Sink& sink, Status& status) {
  views_.clear();
  const std::uint64_t delimiters = repeated_byte(delimiter_);
  std::size_t field = i, j = i, next = 0;
  bool last_quoted = false;  // the last field was quoted: its view is in views_ already
  bool skip = false;         // another reader's record, read to its end for the quotes in it
  // Whether the filter, now that its field is read, gives this record to another reader.
  const auto filtered_out = [&] {
    return filter_count_ > 1 && views_.size() == filter_field_ + 1 &&
           (ingest::kByteRanges && keep_ ? skips_record(views_) : skips(views_.back()));
  };
  // Eight bytes at a time, each field end found by its flag: the loads do not
  // wait for the field ends before them (a scan per field would). A record
  // that reaches the chunk's last eight bytes takes the general path.
  bool ended = false;
  for (std::size_t w = i; !ended;) {
    if (n - w < 8) return 0;
    std::size_t resume = w + 8;
    for (std::uint64_t flags = field_end_flags(p + w, delimiters); flags != 0; flags &= flags - 1) {
      j = w + static_cast<std::size_t>(std::countr_zero(flags)) / 8;
      if (j - field > options_.max_field_bytes) return 0;
      if (p[j] != delimiter_) {
        if (p[j] != '"') {  // the line's end
          ended = true;
          break;
        }
        // Only a quote that opens a field; its text ends at the next quote,
        // which must be followed by a delimiter or the line's end.
        if (j != field) return 0;
        const std::size_t q = j + 1 + first_quote(p + j + 1, n - j - 1);
        if (q + 1 >= n || q - j - 1 > options_.max_field_bytes || views_.size() + 1 >= 1024) return 0;
        views_.emplace_back(p + j + 1, q - j - 1);
        j = q + 1;
        if (p[j] == '\n' || p[j] == '\r') {
          last_quoted = true;
          ended = true;
          break;
        }
        if (p[j] != delimiter_) return 0;  // "" (an escaped quote) or text after the closing quote
        field = j + 1;
        skip = skip || filtered_out();  // (an empty first field goes to the general path below)
        resume = field;  // the next word starts after the field
        break;
      }
      if (views_.size() + 1 >= 1024) return 0;
      views_.emplace_back(p + field, j - field);
      field = j + 1;
      if (!skip && filtered_out()) {
        if (field - i == views_.size()) return 0;  // perhaps an empty row (general path)
        // The rest scanned only for its end when it has no quote; else read on.
        if (const std::size_t after = skip_plain_record(p, n, field, base)) return after;
        skip = true;
      }
    }
    if (!ended) w = resume;
  }
  if (p[j] == '\n') next = j + 1;
  else if (p[j] == '\r' && j + 1 < n && p[j + 1] == '\n') next = j + 2;
  else return 0;  // a quote, a lone CR, or a CR at the chunk's end
  if (views_.empty() && ingest::trim(std::string_view(p + i, j - i)).empty()) return 0;  // a blank line
  // Separators only (",,,,"), or blanks before the first: perhaps an empty row, the general path's to decide.
  if (j - i == views_.size() || (!views_.empty() && ingest::trim(views_.front()).empty())) return 0;
  if (!last_quoted) views_.emplace_back(p + field, j - field);
  if (skip || filtered_out()) {
    ++skipped_;
  } else {
    CsvRecord rec{views_, row_, input_offset(record_offset_), -1, std::string_view(p + next, n - next), base + next};
    ++records_;
    header_passed_ = true;
    // Assigned only when it failed: an Ok moved in is a variant's move, on every row.
    if (Status s = sink(rec); !s) status = std::move(s);
  }
  ++row_;
  record_offset_ = base + next;
  return next;
}

// The rest of a plain record another reader takes, scanned only for its end.
// 0 when the rest has a quote or a CR other than a CRLF line end, or does not
// end in this chunk (the general path decides then).
std::size_t CsvReader::skip_plain_record(const char* p, std::size_t n, std::size_t j, std::uint64_t base) {
  const std::size_t end = j + first_line_special(p + j, n - j);
  std::size_t next = 0;
  if (end < n && p[end] == '\n') next = end + 1;
  else if (end + 1 < n && p[end] == '\r' && p[end + 1] == '\n') next = end + 2;
  else return 0;
  ++skipped_;
  ++row_;
  record_offset_ = base + next;
  return next;
}

Status CsvReader::process(std::string_view data, const Sink& sink) {
  const std::array<bool, 256> special = special_bytes(delimiter_);
  const char* p = data.data();
  const std::size_t n = data.size();
  const std::uint64_t base = bytes_;
  std::size_t i = 0;
  auto line_end = [&](char c) -> Status {
    Status s = end_field();
    if (!s) return s;
    s = end_record(sink);
    pending_cr_ = c == '\r';
    record_offset_ = base + i + 1;
    return s;
  };
  while (i < n) {
    char c = p[i];
    if (pending_cr_) {
      pending_cr_ = false;
      if (c == '\n') {
        ++i;
        record_offset_ = base + i;
        continue;
      }
    }
    if (skipping_) {
      i = skip_rest(p, n, i, base);
      continue;
    }
    if (state_ == State::field_start && ends_.empty() && buf_.empty()) {
      Status s = Ok{};
      if (const std::size_t next = whole_plain_record(p, n, i, base, sink, s)) {
        if (!s) return s;
        i = next;
        continue;
      }
    }
    switch (state_) {
      case State::field_start:
        if (c == '"') {
          state_ = State::quoted;
          ++i;
          continue;
        }
        state_ = State::unquoted;
        [[fallthrough]];
      case State::unquoted: {
        std::size_t j = i;
        while (j < n && !special[static_cast<unsigned char>(p[j])]) ++j;
        buf_.append(p + i, j - i);
        i = j;
        if (Status s = check_field_size(); !s) return s;
        if (i == n) break;
        c = p[i];
        if (c == delimiter_) {
          if (Status s = end_field(); !s) return s;
          state_ = State::field_start;
          ++i;
        } else if (c == '\n' || c == '\r') {
          if (Status s = line_end(c); !s) return s;
          ++i;
        } else {  // a quote inside an unquoted field: keep it, flag the record
          if (malformed_field_ < 0) malformed_field_ = static_cast<int>(ends_.size());
          buf_.push_back('"');
          ++i;
        }
        break;
      }
      case State::quoted: {
        std::size_t j = i;
        while (j < n && p[j] != '"') ++j;
        buf_.append(p + i, j - i);
        i = j;
        if (Status s = check_field_size(); !s) return s;
        if (i == n) break;
        state_ = State::quote_in_quoted;
        ++i;
        break;
      }
      case State::quote_in_quoted:
        if (c == '"') {  // "" is an escaped quote
          buf_.push_back('"');
          state_ = State::quoted;
          ++i;
        } else if (c == delimiter_) {
          if (Status s = end_field(); !s) return s;
          state_ = State::field_start;
          ++i;
        } else if (c == '\n' || c == '\r') {
          if (Status s = line_end(c); !s) return s;
          ++i;
        } else {  // text after the closing quote
          if (malformed_field_ < 0) malformed_field_ = static_cast<int>(ends_.size());
          buf_.push_back(c);
          state_ = State::unquoted;
          ++i;
        }
        break;
    }
  }
  bytes_ = base + n;
  return Ok{};
}

}  // namespace gapscore
