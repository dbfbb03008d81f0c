#include "ingest/ingest.h"

#include <algorithm>

#include "ingest/cell_parse.h"
#include "ingest/csv.h"
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
        csv(CsvOptions{options.delimiter, std::size_t{1} << 20, options.shard_index == 0}, name) {
    builder.set_sink(options.row_sink);
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
};

TableIngestor::TableIngestor(IngestOptions options, DiagnosticLog& log)
    : impl_(std::make_unique<Impl>(std::move(options), log)) {
  impl_->format = impl_->options.format;
  // A ".json" name settles it, so JSON that is not an array (a scalar, say) gets a JSON error.
  const std::string& name = impl_->options.source_name;
  if (impl_->format == InputFormat::detect && name.size() >= 5) {
    std::string ext = name.substr(name.size() - 5);
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (ext == ".json") impl_->format = InputFormat::json;
  }
}

TableIngestor::~TableIngestor() = default;

Status TableIngestor::push(std::string_view chunk) {
  Impl& m = *impl_;
  if (m.failed) return m.failure;
  if (m.options.shard_index == 0 && !m.options.digest_by_caller) m.sha.update(chunk);
  m.bytes += chunk.size();
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
    if (Status s = m.csv.finish([&m](const CsvRecord& r) { return m.csv_record(r); }); !s)
      return std::move(s).error();
    if (!m.header_done) return empty();
    summary.blank_lines = m.csv.blank_lines();
    summary.byte_order_mark = m.csv.had_bom();
    const char d = m.csv.delimiter();
    summary.delimiter = d == '\t' ? "\\t" : std::string(1, d);
  }
  auto table = m.builder.finish(summary);
  if (!table) return std::move(table).error();
  return IngestedTable{std::move(table).value(), std::move(summary)};
}

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
