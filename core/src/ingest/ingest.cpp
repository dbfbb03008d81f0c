#include "ingest/ingest.h"

#include <algorithm>
#include <array>

#include "ingest/cell_parse.h"
#include "ingest/csv.h"
#include "base/ascii_case.h"
#include "base/sha256.h"
#include "ingest/json_reader.h"
#include "ingest/table_builder.h"

namespace gapscore {

struct TableIngestor::Impl {
  Impl(IngestOptions opts, DiagnosticLog& log_ref)
      : options(std::move(opts)),
        log(log_ref),
        name(table_name(options.kind)),
        builder(schema_for(options.kind), options, log_ref),
        csv(CsvOptions{options.delimiter, std::size_t{1} << 20, options.shard_index == 0, options.windows_1252}, name) {
    builder.set_sink(options.row_sink);
    if (ingest::kByteRanges && options.range.active()) {
      // Reader 0 reads from the start and is cut at the next range; the others
      // first read the header (and the rows a date format is detected from).
      phase = options.range.index == 0 && !options.range.exact ? Phase::body : Phase::head;
      builder.set_probing(phase == Phase::head);
    }
  }

  IngestOptions options;
  DiagnosticLog& log;
  std::string name;
  ingest::TableBuilder builder;
  CsvReader csv;
  Sha256 sha;
  std::uint64_t bytes = 0;
  InputFormat format = InputFormat::detect;
  std::string pending;  // leading bytes seen before the format could be decided
  std::string json_text;
  bool header_done = false;
  bool filtering = false;
  bool reserved = false;
  bool failed = false;
  Error failure;
  // Reading a byte range (IngestOptions::range).
  enum class Phase : std::uint8_t { head, seek, body, settle, done } phase = Phase::body;
  bool cut_done = false;
  std::uint64_t blank_lines_at_cut = 0;
  std::uint64_t pos = 0;  // offset of the next byte to push
  std::string head_bytes;
  std::optional<std::uint64_t> header_end;
  ingest::RangeFacts facts;

  Status fail(Error e) {
    failed = true;
    failure = e;
    return e;
  }

  // A shard skips other shards' rows right after their person_id cell; not
  // while a date format is being detected, which needs every row's date.
  void filter_other_shards() {
    if (filtering || options.shard_count <= 1 || builder.dates_pending()) return;
    filtering = true;
    const std::vector<int>& slots = builder.header_slots();
    const auto person = std::find(slots.begin(), slots.end(), 0);
    if (person == slots.end()) return;
    csv.set_shard_filter(static_cast<std::size_t>(person - slots.begin()), options.shard_index, options.shard_count);
    builder.set_rows_filtered();
  }

  Status csv_record(const CsvRecord& rec) {
    if (!header_done) {
      header_done = true;
      builder.delimiter = csv.delimiter();
      Status s = builder.set_csv_header(rec.fields);
      if (s) filter_other_shards();
      return s;
    }
    if (!reserved && !options.row_sink && options.expected_bytes > 0 && builder.rows_read() >= kRowsToEstimateFrom &&
        rec.byte_offset >= options.expected_bytes / kHintTrustFactor)
      reserve_from(rec.byte_offset);
    Status s = builder.add_csv_record(rec.fields, rec.row, rec.malformed_quote_field, rec.rest, rec.rest_offset);
    if (s && !filtering) filter_other_shards();
    return s;
  }

  // Sizes the columns once from the average length of the rows so far, 4% spare
  // for longer rows later; a wrong guess only costs the usual growth. The hint is
  // trusted only once 1/kHintTrustFactor of it has arrived, so a wrong hint can
  // never reserve more than kHintTrustFactor times the rows actually read.
  static constexpr std::uint64_t kRowsToEstimateFrom = 1000;
  static constexpr std::uint64_t kHintTrustFactor = 16;
  static constexpr double kMinRowBytes = 24.0;
  void reserve_from(std::uint64_t bytes_so_far) {
    reserved = true;
    if (bytes_so_far == 0) return;
    const double rows_read = static_cast<double>(builder.rows_read());
    const double per_row = std::max(static_cast<double>(bytes_so_far) / (rows_read + 1), kMinRowBytes);
    const double rows = std::min(static_cast<double>(options.expected_bytes) / per_row * 1.04 + 64.0,
                                 rows_read * static_cast<double>(kHintTrustFactor) * 1.04 + 64.0);
    if (rows < 1e9) builder.reserve_rows(static_cast<std::size_t>(rows));
  }

  // Decides CSV or JSON from the first byte that is not whitespace or a BOM.
  bool decide(std::string_view data) {
    std::size_t i = 0;
    if (data.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < data.size() && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) ++i;
    if (i == data.size()) return false;
    format = data[i] == '[' || data[i] == '{' ? InputFormat::json : InputFormat::csv;
    return true;
  }

  Status route(std::string_view data) {
    if (format == InputFormat::json) {
      json_text.append(data);
      return Ok{};
    }
    return csv.feed(data, [this](const CsvRecord& r) { return csv_record(r); });
  }

  static constexpr std::size_t kMaxRangeHeadBytes = std::size_t{1} << 20;
  // Range reading: bytes pushed at `pos`, cut to the range's records.
  Status range_push(std::string_view chunk) {
    const std::uint64_t at = pos;
    pos += chunk.size();
    if (phase == Phase::done) return Ok{};
    if (options.windows_1252) {
      // Its offsets in the text read are not the file's: a range could not be found in it.
      phase = Phase::done;
      facts.why = "a Windows-1252 file is read from its start";
      return Ok{};
    }
    if (!header_end) {
      head_bytes.append(chunk);
      header_end = ingest::header_line_end(head_bytes);
      if (!header_end && head_bytes.size() > kMaxRangeHeadBytes) {
        // No header line in the first MiB: not a file to split (a reader of
        // it all says what is wrong). Nothing more is held or read.
        head_bytes.clear();
        phase = Phase::done;
        facts.why = "no header line in the file's first MiB";
        return Ok{};
      }
      if (!header_end) return Ok{};  // finish() reads what there is
      const std::string held = std::move(head_bytes);
      head_bytes.clear();
      facts.usable = true;
      return range_feed(held, 0);
    }
    return range_feed(chunk, at);
  }

  const ingest::ByteRangeSpec& range() const { return options.range; }

  // Where range i's records start being looked for (a '\n' at or after it ends the line before).
  std::uint64_t search_from(std::uint32_t i) const {
    return std::max(range().nominal(i), *header_end) - 1;
  }

  void start_body(std::uint64_t begin) {
    csv.restart_at(begin);
    builder.set_probing(false);
    if (options.key_filter) install_key_filter();
    facts.begin = begin;
    phase = Phase::body;
  }

  Status range_feed(std::string_view data, std::uint64_t at) {
    while (!data.empty()) {
      const std::uint64_t end = at + data.size();
      auto from = [&](std::uint64_t offset) {
        data.remove_prefix(static_cast<std::size_t>(offset - at));  // offset lies in data
        at = offset;
      };
      switch (phase) {
        case Phase::head: {
          if (Status s = route(data); !s) return s;
          if (!header_done || builder.dates_pending()) return Ok{};
          // Header and date formats known: on to the range's first record.
          const std::uint64_t target = range().exact ? range().begin : search_from(range().index);
          if (range().exact) {
            start_body(target);
          } else {
            phase = Phase::seek;
          }
          if (target < at || target >= end) {
            pos = target;  // the caller goes back (or on) to it
            return Ok{};
          }
          from(target);
          break;
        }
        case Phase::seek: {
          const auto begin = ingest::line_start_after(data, at, search_from(range().index));
          if (!begin) return Ok{};
          start_body(*begin);
          from(*begin);
          break;
        }
        case Phase::body: {
          const bool last = range().index + 1 == range().count && !range().exact;
          std::optional<std::uint64_t> cut;
          if (range().exact) {
            // A range that ends with the file ends as one reader's does:
            // finish() closes a last record that has no line end.
            if (range().end < range().file_bytes && range().end <= end) cut = range().end;
          } else if (!last) {
            // The next range starts at the first line start after its search
            // point: at this range's own start when that point lies before it.
            const std::uint64_t next_from = search_from(range().index + 1);
            cut = next_from < facts.begin ? facts.begin : ingest::line_start_after(data, at, next_from);
          }
          if (!cut) return route(data);
          if (Status s = route(data.substr(0, static_cast<std::size_t>(*cut - at))); !s) return s;
          facts.end = *cut;
          facts.clean = csv.at_record_start();
          facts.next_row = csv.next_row();
          blank_lines_at_cut = csv.blank_lines();
          cut_done = true;
          if (builder.dates_pending()) {
            // The range's rows wait for a date format its own rows did not
            // settle: the next rows decide it, as for one reader, and are
            // not taken.
            builder.set_probing(true);
            phase = Phase::settle;
            from(*cut);
            break;
          }
          phase = Phase::done;
          return Ok{};
        }
        case Phase::settle:
          if (Status s = route(data); !s) return s;
          if (!builder.dates_pending()) {
            phase = Phase::done;
            csv.restart_at(pos);  // nothing more is read: no record stays open
          }
          return Ok{};
        case Phase::done:
          return Ok{};
      }
    }
    return Ok{};
  }

  // A range read again: only rows whose key the caller asks for reach the builder.
  void install_key_filter() {
    const std::vector<int>& slots = builder.header_slots();
    std::array<std::size_t, 3> field{};
    std::size_t needed = 0;
    for (int slot = 0; slot < 3; ++slot) {
      const auto it = std::find(slots.begin(), slots.end(), slot);
      if (it == slots.end()) return;  // the builder reports the missing column
      field[static_cast<std::size_t>(slot)] = static_cast<std::size_t>(it - slots.begin());
      needed = std::max(needed, field[static_cast<std::size_t>(slot)] + 1);
    }
    const DateFormat* date_format = builder.date_format_of(1);
    std::optional<DateFormat> date = date_format ? std::optional<DateFormat>(*date_format) : std::nullopt;
    csv.set_record_filter(needed, [this, field, date](std::span<const std::string_view> f) {
      const std::optional<std::int32_t> day = date ? date->read(ingest::trim(f[field[1]])) : std::nullopt;
      return options.key_filter(ingest::trim(f[field[0]]), day, ingest::trim(f[field[2]]));
    });
  }

  void finish_range() {
    if (phase == Phase::head) {
      facts.usable = false;
      facts.why = "the file ended before the range's header or date format was read";
    }
    if (phase == Phase::seek) {
      // No line starts in this range: it holds no record.
      csv.restart_at(pos);
      facts.begin = pos;
    }
    if (!cut_done) {
      facts.end = pos;
      facts.clean = true;
    } else if (!facts.clean) {
      csv.restart_at(pos);  // the cut fell inside a record: the merge refuses the ranges
    }
  }
};

TableIngestor::TableIngestor(IngestOptions options, DiagnosticLog& log)
    : impl_(std::make_unique<Impl>(std::move(options), log)) {
  impl_->format = impl_->options.format;
  // A ".json" name settles it, so JSON that is not an array (a scalar, say) gets a JSON error.
  const std::string& name = impl_->options.source_name;
  if (impl_->format == InputFormat::detect && name.size() >= 5) {
    if (ascii_lower(std::string_view(name).substr(name.size() - 5)) == ".json") impl_->format = InputFormat::json;
  }
}

TableIngestor::~TableIngestor() = default;

Status TableIngestor::push(std::string_view chunk) {
  Impl& m = *impl_;
  if (m.failed) return m.failure;
  if (m.options.shard_index == 0 && !m.options.digest_by_caller) m.sha.update(chunk);
  m.bytes += chunk.size();
  if (ingest::kByteRanges && m.options.range.active()) {
    m.format = InputFormat::csv;
    Status s = m.range_push(chunk);
    if (!s) return m.fail(std::move(s).error());
    return Ok{};
  }
  if (m.format == InputFormat::detect) {
    m.pending.append(chunk);
    if (!m.decide(m.pending)) {
      if (m.pending.size() > (1U << 20)) m.pending.erase(3);  // only whitespace so far; keep a possible BOM
      return Ok{};
    }
    std::string head = std::move(m.pending);
    m.pending.clear();
    Status s = m.route(head);
    if (!s) return m.fail(std::move(s).error());
    return Ok{};
  }
  Status s = m.route(chunk);
  if (!s) return m.fail(std::move(s).error());
  return Ok{};
}

Result<IngestedTable> TableIngestor::finish(std::string_view sha256_hex) {
  Impl& m = *impl_;
  if (m.failed) return m.failure;
  TableSummary summary;
  summary.table = m.name;
  summary.source_name = m.options.source_name;
  summary.bytes = m.bytes;
  summary.sha256 = m.options.digest_by_caller ? std::string(sha256_hex) : to_hex(m.sha.finish());
  auto empty = [&] {
    return Error(make_diagnostic(DiagCode::empty_input, m.name + ": the file is empty", m.name));
  };
  if (m.format == InputFormat::detect) return empty();
  if (m.format == InputFormat::json) {
    summary.format = "json";
    std::string_view text = m.json_text;
    std::uint64_t base = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
      text.remove_prefix(3);
      base = 3;
      summary.byte_order_mark = true;
    }
    if (!is_valid_utf8(text)) {
      Utf8Validator v;
      auto bad = v.feed(text);
      if (!bad) bad = v.finish();
      Diagnostic d = make_diagnostic(DiagCode::invalid_utf8,
                                     m.name + ": invalid UTF-8 at byte offset " + std::to_string(*bad + base), m.name);
      d.byte_offset = *bad + base;
      return Error(std::move(d));
    }
    if (Status s = ingest::read_json_rows(text, base, m.builder, m.name); !s) return std::move(s).error();
  } else {
    summary.format = "csv";
    if (ingest::kByteRanges && m.options.range.active()) {
      if (!m.header_end && m.phase == Impl::Phase::done)
        return Error(make_diagnostic(DiagCode::invalid_argument,
                                     m.name + ": " + std::string(m.facts.why) + "; read the file whole, not in byte ranges", m.name));
      if (!m.header_end) {  // a header line that never ended: read what there is
        m.header_end = m.head_bytes.size();
        if (Status s = m.route(m.head_bytes); !s) return std::move(s).error();
        m.facts.usable = false;
        m.facts.why = "the header line does not end";
      }
      m.finish_range();
      summary.bytes = m.options.range.file_bytes;
    }
    if (Status s = m.csv.finish([&m](const CsvRecord& r) { return m.csv_record(r); }); !s)
      return std::move(s).error();
    if (!m.header_done) return empty();
    if (m.options.windows_1252 && m.options.shard_index == 0) {
      m.log.add(make_diagnostic(DiagCode::read_as_windows_1252,
                                m.name + ": read as Windows-1252 (config.encodings." + m.name + ") and converted to UTF-8",
                                m.name));
      // Say when the file looks UTF-8 in places: several files of one table in
      // both encodings would otherwise give "ZÃ¼rich" beside "Zürich".
      if (const auto at = m.csv.utf8_like_at()) {
        Diagnostic d = make_diagnostic(
            DiagCode::utf8_in_windows_1252,
            m.name + ": read as Windows-1252, but the bytes at offset " + std::to_string(*at) +
                " read as UTF-8 (\"é\" would show as \"Ã©\"); if names look wrong, save every " + m.name +
                " file as CSV UTF-8",
            m.name);
        d.byte_offset = *at;
        m.log.add(std::move(d));
      }
    }
    if (!m.cut_done) m.facts.next_row = m.csv.next_row();
    summary.blank_lines = m.cut_done ? m.blank_lines_at_cut : m.csv.blank_lines();
    summary.byte_order_mark = m.csv.had_bom();
    const char d = m.csv.delimiter();
    summary.delimiter = d == '\t' ? "\\t" : std::string(1, d);
  }
  auto table = m.builder.finish(summary);
  if (!table) return std::move(table).error();
  return IngestedTable{std::move(table).value(), std::move(summary)};
}

std::optional<std::uint64_t> TableIngestor::wanted_offset() const {
  const Impl& m = *impl_;
  if (!ingest::kByteRanges || !m.options.range.active()) return m.bytes;
  if (m.phase == Impl::Phase::done || m.failed) return std::nullopt;
  return m.pos;
}

const ingest::RangeFacts& TableIngestor::range_facts() const { return impl_->facts; }

Result<IngestedTable> ingest_table(std::string_view bytes, const IngestOptions& options, DiagnosticLog& log) {
  TableIngestor ingestor(options, log);
  if (Status s = ingestor.push(bytes); !s) return std::move(s).error();
  return ingestor.finish();
}

}  // namespace gapscore

namespace gapscore {

Result<IngestedTable> ingest_columns(std::span<const ColumnInput> columns, const IngestOptions& options,
                                     DiagnosticLog& log) {
  const TableSchema& schema = schema_for(options.kind);
  const std::string name(schema.name);
  ingest::TableBuilder builder(schema, options, log);
  builder.set_sink(options.row_sink);
  auto invalid = [&](std::string m) { return Error(make_diagnostic(DiagCode::invalid_argument, name + ": " + m, name)); };

  // Resolve column names like CSV headers, by building a header from them.
  std::vector<std::string_view> header;
  for (const ColumnInput& c : columns) header.emplace_back(c.name);
  if (Status s = builder.set_csv_header(header); !s) return std::move(s).error();
  const std::vector<int> slot_of = builder.header_slots();
  const std::size_t slots = builder.slot_count();  // the schema's, then the people table's extra columns

  std::size_t rows = 0;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::size_t n = std::visit([](const auto& v) { return v.size(); }, columns[i].values);
    if (i == 0) rows = n;
    else if (n != rows)
      return invalid("column \"" + columns[i].name + "\" has " + std::to_string(n) + " values but \"" + columns[0].name +
                   "\" has " + std::to_string(rows));
  }
  std::vector<std::string_view> cells(slots);
  std::vector<double> numbers(slots, 0.0);
  std::vector<std::uint8_t> numeric(slots, 0), present(slots, 0);
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (slot_of[i] >= 0) present[static_cast<std::size_t>(slot_of[i])] = 1;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (slot_of[i] < 0) continue;
      const auto s = static_cast<std::size_t>(slot_of[i]);
      if (const auto* nums = std::get_if<std::span<const double>>(&columns[i].values)) {
        numeric[s] = 1;
        numbers[s] = (*nums)[r];
      } else {
        numeric[s] = 0;
        cells[s] = std::get<std::vector<std::string>>(columns[i].values)[r];
      }
    }
    if (Status s = builder.add_typed_row(cells, numbers, numeric, present, r + 1); !s) return std::move(s).error();
  }
  TableSummary summary;
  summary.table = name;
  summary.source_name = options.source_name;
  summary.format = "columns";
  auto table = builder.finish(summary);
  if (!table) return std::move(table).error();
  return IngestedTable{std::move(table).value(), std::move(summary)};
}

}  // namespace gapscore
