// Merging sessions that read one activity CSV in byte ranges (Shard::by_bytes):
// the ranges must meet at record boundaries; a later range's rows are
// renumbered as the file numbers them; its rows of keys an earlier range holds
// are read again and taken back (the first row in file order wins).
#include <cctype>

#include "activity/range_sinks.h"
#include "session/session_impl.h"

namespace gapscore {
namespace {

// A range's diagnostic as the file numbers its row: the row, and the
// "<table> row N" its message starts with.
Diagnostic renumbered(Diagnostic d, std::uint64_t by) {
  if (d.row == 0 || by == 0) return d;
  const std::string was = d.table + " row " + std::to_string(d.row);
  d.row += by;
  const bool prefix = d.message.compare(0, was.size(), was) == 0 &&
                      (d.message.size() == was.size() || !std::isdigit(static_cast<unsigned char>(d.message[was.size()])));
  if (prefix) d.message = d.table + " row " + std::to_string(d.row) + d.message.substr(was.size());
  return d;
}

DiagnosticLog renumbered(const DiagnosticLog& log, std::uint64_t by) {
  std::vector<Diagnostic> items;
  items.reserve(log.items().size());
  for (const Diagnostic& d : log.items()) items.push_back(renumbered(d, by));
  return DiagnosticLog::restore(log.max_items(), std::move(items), log.counts(), log.total(), log.errors(), log.warnings());
}

TableSummary* activity_summary(std::vector<IngestedTable>& tables) {
  for (IngestedTable& t : tables)
    if (t.summary.table == "activity") return &t.summary;
  return nullptr;
}

}  // namespace

Result<bool> Session::merge_range(Session&& later, const ChunkSource& source) {
  Impl& m = *impl_;
  Impl& o = *later.impl_;
  if (m.fatal) return *m.fatal;
  auto invalid = [](std::string why) { return Error(make_diagnostic(DiagCode::invalid_argument, "merge_range: " + why)); };
  auto fail = [&m](Error e) -> Result<bool> {
    (void)m.fail(e);
    return e;
  };
  if (m.current || o.current) return invalid("a table is still open");
  if (m.dataset || o.dataset) return invalid("a session was joined already");
  if (!m.shard.by_bytes || !o.shard.by_bytes || m.shard.count != o.shard.count ||
      o.shard.index != m.shard.index + m.shards_held)
    return invalid("merge the byte ranges of one file in order, into the first");
  if (o.fatal) return false;  // its first error may not be the file's first: read it another way
  if (!m.activity_part || !o.activity_part || m.activity_files.size() != 1 || o.activity_files.size() != 1)
    return invalid("both sessions must have read one activity file");
  if (o.tables.size() != m.tables.size()) return invalid("the sessions read different tables");
  for (std::size_t i = 0; i < m.tables.size(); ++i) {
    const TableSummary& a = m.tables[i].summary;
    const TableSummary& b = o.tables[i].summary;
    if (a.table != b.table || a.bytes != b.bytes || (a.table != "activity" && a.sha256 != b.sha256))
      return invalid("the sessions read different tables");
  }
  TableSummary& mine = *activity_summary(m.tables);
  const TableSummary& theirs = *activity_summary(o.tables);
  const ingest::RangeFacts& before = m.range_facts;
  const ingest::RangeFacts& after = o.range_facts;
  // The ranges meet at a record boundary both agree on, read the same way.
  if (!before.usable || !after.usable || !before.clean || before.end != after.begin ||
      mine.date_format != theirs.date_format || mine.delimiter != theirs.delimiter)
    return false;
  // Sums too large to add are refused row by row, in an order a range cannot
  // know; the legacy-proxy sums are doubles (their order changes their bits).
  if (m.activity_part->overflow_rows() > 0 || o.activity_part->overflow_rows() > 0 ||
      !m.activity_proxies.by_person.empty() || !o.activity_proxies.by_person.empty())
    return false;

  // The later range numbered its first record 2, as if it followed the header.
  const std::uint64_t shift = m.range_next_row - 2;
  o.activity_part->shift_rows(shift);
  DiagnosticLog log = renumbered(o.activity_files[0].log, shift);
  TableSummary summary = theirs;

  const activity::SharedKeys shared = m.activity_part->shared_keys(*o.activity_part);
  if (shared.count > 0) {
    // Read the later range again: each shared key's row there is a repeat.
    IngestOptions opts = o.table_options(TableKind::activity, theirs.source_name);
    opts.range.exact = true;
    opts.range.file_bytes = theirs.bytes;
    opts.range.begin = after.begin;
    opts.range.end = after.end;
    opts.digest_by_caller = true;
    opts.key_filter = [&shared](std::string_view person, std::optional<std::int32_t> day, std::string_view task) {
      return shared.maybe(person, day, task);
    };
    activity::RecheckSink sink(shared, *o.activity_part, shift);
    opts.row_sink = &sink;
    DiagnosticLog again(SIZE_MAX);
    TableIngestor reader(opts, again);
    for (std::optional<std::uint64_t> at = reader.wanted_offset(); at; at = reader.wanted_offset()) {
      std::string_view chunk;
      if (Status s = source(*at, chunk); !s) return fail(std::move(s).error());
      if (chunk.empty()) break;
      if (Status s = reader.push(chunk); !s) return false;
    }
    if (!reader.finish(std::string(64, '0')) || !reader.range_facts().clean || reader.range_facts().end != after.end ||
        sink.taken_back() != shared.count)
      return false;
    // Each row taken back is reported as the repeat it is, in row order.
    DiagnosticLog repeats(static_cast<std::size_t>(m.config.max_diagnostics));
    for (const Diagnostic& d : again.items())
      if (d.code == DiagCode::duplicate_key) repeats.add(renumbered(d, shift));
    log.merge_by_row(repeats);
    summary.rows_used -= sink.taken_back();
    summary.rows_skipped += sink.taken_back();
    // People whose first or conflicting attribute came from a row taken back.
    for (std::uint32_t p = 0; p < shared.dirty.size(); ++p) {
      if (!shared.dirty[p]) continue;
      const std::string& person = o.activity_part->person_ids().texts()[p];
      const auto it = sink.attributes().find(person);
      o.activity_part->replace_attributes(person, it == sink.attributes().end() ? activity::InlineAttributes{} : it->second);
    }
  }

  const auto merged = m.activity_part->merge(std::move(*o.activity_part));
  if (!merged) return fail(Error(make_diagnostic(DiagCode::out_of_range, "activity: a sum is too large to add up exactly", "activity")));
  if (*merged) return fail(Error(make_diagnostic(DiagCode::internal_error, "merge_range: a repeated key was not taken back", "activity")));
  mine.rows_read += summary.rows_read;
  mine.rows_used += summary.rows_used;
  mine.rows_skipped += summary.rows_skipped;
  mine.blank_lines += summary.blank_lines;
  if (mine.sha256.empty()) mine.sha256 = summary.sha256;
  m.activity_files[0].log.merge_by_row(log);
  m.range_facts.end = after.end;
  m.range_facts.clean = after.clean;
  m.range_next_row = after.next_row + shift;
  m.shards_held += o.shards_held;
  if (m.shards_held == m.shard.count) {
    m.shard = Shard{};
    m.shards_held = 1;
    if (Status s = m.check_activity_row_counts(); !s) return fail(std::move(s).error());
  }
  return true;
}

}  // namespace gapscore
