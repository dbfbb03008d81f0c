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

const TableSummary* activity_summary(const std::vector<IngestedTable>& tables) {
  for (const IngestedTable& t : tables)
    if (t.summary.table == "activity") return &t.summary;
  return nullptr;
}

}  // namespace

// Whether `after`, the next range of the file, can follow `before` (one range
// or several merged): an error for a caller's mistake, false when the file
// must be read another way.
Result<bool> Session::Impl::ranges_line_up(const Impl& before, const Impl& after) {
  auto invalid = [](std::string why) { return Error(make_diagnostic(DiagCode::invalid_argument, "merge_range: " + why)); };
  if (before.current || after.current) return invalid("a table is still open");
  if (before.dataset || after.dataset) return invalid("a session was joined already");
  if (!before.shard.by_bytes || !after.shard.by_bytes || before.shard.count != after.shard.count ||
      after.shard.index != before.shard.index + before.shards_held)
    return invalid("merge the byte ranges of one file in order, into the first");
  if (after.fatal) return false;  // its first error may not be the file's first: read it another way
  if (!before.activity_part || !after.activity_part || before.activity_files.size() != 1 || after.activity_files.size() != 1)
    return invalid("both sessions must have read one activity file");
  if (after.tables.size() != before.tables.size()) return invalid("the sessions read different tables");
  for (std::size_t i = 0; i < before.tables.size(); ++i) {
    const TableSummary& a = before.tables[i].summary;
    const TableSummary& b = after.tables[i].summary;
    if (a.table != b.table || a.bytes != b.bytes || (a.table != "activity" && a.sha256 != b.sha256))
      return invalid("the sessions read different tables");
  }
  const TableSummary& mine = *activity_summary(before.tables);
  const TableSummary& theirs = *activity_summary(after.tables);
  // The ranges meet at a record boundary both agree on, read the same way.
  const ingest::RangeFacts& b = before.range_facts;
  const ingest::RangeFacts& a = after.range_facts;
  if (!b.usable || !a.usable || !b.clean || b.end != a.begin || mine.date_format != theirs.date_format ||
      mine.delimiter != theirs.delimiter)
    return false;
  // Sums too large to add are refused row by row, in an order a range cannot
  // know; a repeat taken back out of a range leaves its legacy proxies in.
  if (before.activity_part->overflow_rows() > 0 || after.activity_part->overflow_rows() > 0 ||
      !before.activity_proxies.by_person.empty() || !after.activity_proxies.by_person.empty())
    return false;
  return true;
}

// Reads range `o` again and takes back its rows of the `shared` keys (each is
// a repeat of an earlier range's row): out of its part, into its log as
// repeats, out of its rows used. Rows keep the range's own numbers (the merge
// moves them on). False: the second reading did not agree with the first.
Result<bool> Session::Impl::take_back_repeats(Impl& o, const activity::SharedKeys& shared, const ChunkSource& source) {
  TableSummary& summary = *activity_summary(o.tables);
  o.range_repeats_taken_back = true;
  if (shared.count == 0) return true;
  IngestOptions opts = o.table_options(TableKind::activity, summary.source_name);
  opts.range.exact = true;
  opts.range.file_bytes = summary.bytes;
  opts.range.begin = o.range_facts.begin;
  opts.range.end = o.range_facts.end;
  opts.digest_by_caller = true;
  opts.key_filter = [&shared](std::string_view person, std::optional<std::int32_t> day, std::string_view task) {
    return shared.maybe(person, day, task);
  };
  activity::RecheckSink sink(shared, *o.activity_part, 0);
  opts.row_sink = &sink;
  // Only the rows taken back, as repeats: the first reading logged the rest.
  // Counted all, listed as many as a log lists (memory that does not grow
  // with the repeats).
  DiagnosticLog repeats(static_cast<std::size_t>(o.config.max_diagnostics), DiagCode::duplicate_key);
  TableIngestor reader(opts, repeats);
  for (std::optional<std::uint64_t> at = reader.wanted_offset(); at; at = reader.wanted_offset()) {
    std::string_view chunk;
    if (Status s = source(*at, chunk); !s) return std::move(s).error();
    if (chunk.empty()) break;
    if (Status s = reader.push(chunk); !s) return false;
  }
  if (!reader.finish(std::string(64, '0')) || !reader.range_facts().clean || reader.range_facts().end != o.range_facts.end ||
      sink.taken_back() != shared.count)
    return false;
  // Each row taken back is reported as the repeat it is, in row order.
  o.activity_files[0].log.merge_by_row(repeats);
  summary.rows_used -= sink.taken_back();
  summary.rows_skipped += sink.taken_back();
  // People whose first or conflicting attribute came from a row taken back.
  for (std::uint32_t p = 0; p < shared.dirty.size(); ++p) {
    if (!shared.dirty[p]) continue;
    const std::string& person = o.activity_part->person_ids().texts()[p];
    const auto it = sink.attributes().find(person);
    o.activity_part->replace_attributes(person, it == sink.attributes().end() ? activity::InlineAttributes{} : it->second);
  }
  return true;
}

Result<bool> Session::merge_range(Session&& later, const ChunkSource& source) {
  Impl& m = *impl_;
  Impl& o = *later.impl_;
  if (m.fatal) return *m.fatal;
  auto fail = [&m](Error e) -> Result<bool> {
    (void)m.fail(e);
    return e;
  };
  auto lined_up = Impl::ranges_line_up(m, o);
  if (!lined_up || !lined_up.value()) return lined_up;
  if (!o.range_repeats_taken_back) {
    auto taken = Impl::take_back_repeats(o, m.activity_part->shared_keys(*o.activity_part), source);
    if (!taken) return fail(std::move(taken).error());
    if (!taken.value()) return false;
  }

  // The later range numbered its first record 2, as if it followed the header.
  const std::uint64_t shift = m.range_next_row - 2;
  o.activity_part->shift_rows(shift);
  TableSummary& mine = *activity_summary(m.tables);
  const TableSummary& summary = *activity_summary(o.tables);
  const auto merged = m.activity_part->merge(std::move(*o.activity_part));
  // Sums that fit in each range but not in both: one reader would have
  // skipped the row that overflows, and only it knows which.
  if (!merged) return false;
  if (*merged) return fail(Error(make_diagnostic(DiagCode::internal_error, "merge_range: a repeated key was not taken back", "activity")));
  mine.rows_read += summary.rows_read;
  mine.rows_used += summary.rows_used;
  mine.rows_skipped += summary.rows_skipped;
  mine.blank_lines += summary.blank_lines;
  if (mine.sha256.empty()) mine.sha256 = summary.sha256;
  m.activity_files[0].log.merge_by_row(renumbered(o.activity_files[0].log, shift));
  m.range_facts.end = o.range_facts.end;
  m.range_facts.clean = o.range_facts.clean;
  m.range_next_row = o.range_facts.next_row + shift;
  m.shards_held += o.shards_held;
  if (m.shards_held == m.shard.count) {
    m.shard = Shard{};
    m.shards_held = 1;
    if (Status s = m.check_activity_row_counts(); !s) return fail(std::move(s).error());
  }
  return true;
}

Result<bool> Session::merge_ranges(std::vector<Session>&& later, const std::function<ChunkSource()>& open_source,
                                   const ParallelFor& parallel_for) {
  Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  // Every range, in file order, as read (none merged yet).
  std::vector<Impl*> ranges{&m};
  for (Session& s : later) ranges.push_back(s.impl_.get());
  if (m.shards_held != 1) return Error(make_diagnostic(DiagCode::invalid_argument, "merge_ranges: a range was merged already"));
  for (std::size_t k = 1; k < ranges.size(); ++k) {
    auto lined_up = Impl::ranges_line_up(*ranges[k - 1], *ranges[k]);
    if (!lined_up || !lined_up.value()) return lined_up;
  }
  std::vector<const activity::Part*> parts;
  for (Impl* r : ranges) parts.push_back(&*r->activity_part);
  // First every range's shared keys (reading the parts), then every range's
  // second reading (each changing its own part only).
  std::vector<activity::SharedKeys> shared(ranges.size());
  parallel_for(ranges.size() - 1, [&](std::size_t i) {
    shared[i + 1] = activity::Part::shared_keys(std::span(parts.data(), i + 1), *parts[i + 1]);
  });
  std::vector<Result<bool>> taken(ranges.size(), Result<bool>(true));
  parallel_for(ranges.size() - 1, [&](std::size_t i) {
    taken[i + 1] = Impl::take_back_repeats(*ranges[i + 1], shared[i + 1], open_source());
  });
  for (Result<bool>& t : taken) {
    if (!t) {
      (void)m.fail(t.error());
      return std::move(t).error();
    }
    if (!t.value()) return false;
  }
  for (Session& s : later) {
    auto merged = merge_range(std::move(s), {});
    if (!merged || !merged.value()) return merged;
  }
  return true;
}

}  // namespace gapscore
