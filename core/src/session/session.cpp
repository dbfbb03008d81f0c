#include "gapscore/session.h"

#include <algorithm>
#include <array>
#include <optional>

#include "base/sha256.h"
#include "config/config_json.h"
#include "privacy/ledger.h"
#include "privacy/secure_random.h"
#include "report/inputs_section.h"
#include "report/report_builder.h"
#include "session/session_impl.h"
#include "usage/parsers.h"

namespace gapscore {

Session::Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;
Session::~Session() = default;

Result<Session> Session::create(std::string_view config_json_text) {
  auto config = parse_config(config_json_text);
  if (!config) return std::move(config).error();
  return create(std::move(config).value());
}

namespace {

// "privacy": {"salt": "generate"}: 32 hex digits from the system's secure
// random source, or `kept` when this session made one already.
Status generate_salt(Config& config, std::string& kept) {
  if (!config.privacy.generate_salt) return Ok{};
  if (kept.empty()) {
    std::array<std::uint8_t, 16> key{};
    if (!privacy::secure_random_bytes(key.data(), key.size()))
      return Error(make_diagnostic(DiagCode::internal_error, "no secure random source to generate privacy.salt"));
    kept = to_hex(key);
  }
  config.privacy.salt = kept;
  config.privacy.generate_salt = false;  // made once: a shard session copying this config keeps it
  return Ok{};
}

}  // namespace

Result<Session> Session::create(Config config) {
  std::string generated;
  if (Status s = generate_salt(config, generated); !s) return std::move(s).error();
  Session a;
  a.impl_ = std::make_unique<Impl>(std::move(config));
  a.impl_->generated_salt = std::move(generated);
  return a;
}

const std::string& Session::generated_salt() const { return impl_->generated_salt; }

Status Session::set_ledger(std::string_view bytes) {
  auto ledger = privacy::Ledger::parse(bytes);
  if (!ledger) return std::move(ledger).error();
  impl_->ledger = std::move(ledger).value();
  impl_->ledger_text = std::string(bytes);
  return Ok{};
}

const std::string& Session::ledger() const { return impl_->ledger_text; }

const Config& Session::config() const { return impl_->config; }
const DiagnosticLog& Session::log() const { return impl_->log; }

Status Session::begin_table(TableKind kind, std::string source_name, InputFormat format, std::uint64_t expected_bytes,
                            Shard shard) {
  return begin_table(kind, std::move(source_name), format, expected_bytes, shard, false);
}

Status Session::begin_table(TableKind kind, std::string source_name, InputFormat format, std::uint64_t expected_bytes,
                            Shard shard, bool digest_by_caller) {
  Impl& m = *impl_;
  if (kind == TableKind::activity) {
    if (shard.count == 0 || shard.index >= shard.count)
      return Error(make_diagnostic(DiagCode::invalid_argument, "begin_table: shard index must be below the shard count"));
    if (shard.count > 1 && m.config.strict)
      return Error(make_diagnostic(DiagCode::invalid_argument, "strict mode reads the activity in one shard"));
    if (!m.activity_files.empty() && (shard.index != m.shard.index || shard.count != m.shard.count))
      return Error(make_diagnostic(DiagCode::invalid_argument, "begin_table: every activity file is read as the same shard"));
    if (shard.by_bytes && !ingest::kByteRanges)
      return Error(make_diagnostic(DiagCode::invalid_argument, "begin_table: byte ranges are not built into this build (read by person)"));
    if (shard.by_bytes && (!digest_by_caller || !m.activity_files.empty() || format == InputFormat::json))
      return Error(make_diagnostic(DiagCode::invalid_argument,
                                   "begin_table: a byte range is read from one activity CSV whose digest the caller gives"));
    if (!m.current) m.shard = shard;
  }
  auto opts = m.claim(kind, source_name, "begin_table");
  if (!opts) return std::move(opts).error();
  opts->format = format;
  opts->later_file = kind == TableKind::activity && (m.activity_files.size() > 1 || m.activity_files_expected > 1);
  opts->expected_bytes = expected_bytes;
  opts->digest_by_caller = digest_by_caller;
  m.digest_by_caller = digest_by_caller;
  if (kind == TableKind::activity && shard.by_bytes) {
    opts->range.index = shard.index;
    opts->range.count = shard.count;
    opts->range.file_bytes = shard.file_bytes;
  } else if (kind == TableKind::activity) {
    opts->shard_index = shard.index;
    opts->shard_count = shard.count;
  }
  // Known sizes are reserved whole: a string grown by doubling holds up to twice the table.
  if (kind != TableKind::activity && m.keep_table_bytes && expected_bytes > 0 && expected_bytes < (1u << 30))
    m.raw_tables[kind].reserve(static_cast<std::size_t>(expected_bytes));
  m.current.emplace(std::move(opts).value(), kind == TableKind::activity ? m.activity_files.back().log : m.log);
  m.current_kind = kind;
  m.current_source = std::move(source_name);
  return Ok{};
}

void Session::keep_table_bytes(bool keep) { impl_->keep_table_bytes = keep; }

Status Session::push(std::string_view chunk) {
  Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (!m.current) return Error(make_diagnostic(DiagCode::invalid_argument, "push called without begin_table"));
  if (m.current_kind != TableKind::activity && m.keep_table_bytes) m.raw_tables[m.current_kind].append(chunk);
  Status s = m.current->push(chunk);
  if (!s) return m.fail(std::move(s).error());
  return Ok{};
}

std::optional<std::uint64_t> Session::wanted_offset() const {
  const Impl& m = *impl_;
  if (!m.current || m.fatal) return std::nullopt;
  return m.current->wanted_offset();
}

Status Session::pull(const ChunkSource& source) {
  while (const auto at = wanted_offset()) {
    std::string_view chunk;
    if (Status s = source(*at, chunk); !s) return s;
    if (chunk.empty()) return Ok{};
    if (Status s = push(chunk); !s) return s;
  }
  return Ok{};
}

Status Session::end_table(std::string_view sha256_hex) {
  Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (!m.current) return Error(make_diagnostic(DiagCode::invalid_argument, "end_table called without begin_table"));
  const bool hex = sha256_hex.size() == 64 && std::all_of(sha256_hex.begin(), sha256_hex.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  if (m.digest_by_caller != hex || (!m.digest_by_caller && !sha256_hex.empty()))
    return Error(make_diagnostic(DiagCode::invalid_argument,
                                 m.digest_by_caller ? "end_table needs the table's SHA-256 as 64 lowercase hex digits"
                                                    : "end_table was given a digest, but begin_table did not ask for one"));
  auto t = m.current->finish(sha256_hex);
  if (m.current_kind == TableKind::activity && m.shard.by_bytes) {
    m.range_facts = m.current->range_facts();
    m.range_next_row = m.range_facts.next_row;
  }
  m.current.reset();
  if (!t) return m.fail(std::move(t).error());
  if (m.current_kind == TableKind::activity && m.activity_files.size() > 1) {
    // Several activity files are one table read in SHA-256 order: for a key in
    // two files the first file's row wins (the state keeps the first).
    const std::string& previous = m.activity_summaries().back()->sha256;
    const std::string& now = t->summary.sha256;
    if (!previous.empty() && !now.empty() && now <= previous)
      return m.fail(Error(make_diagnostic(
          DiagCode::invalid_argument,
          now == previous ? "activity: " + clip_for_diagnostic(t->summary.source_name) +
                                " has the same SHA-256 as a file read already (use note_repeated_input)"
                          : "activity: several files must be given in the order of their SHA-256",
          "activity")));
  }
  const bool announced = m.current_kind == TableKind::activity && m.shard.count == 1 && m.activity_files_expected > 1;
  if (m.current_kind == TableKind::activity && m.activity_files.size() > 1 && m.shard.count == 1 && !announced)
    if (Status s = m.check_later_file_row_counts(t->summary); !s) return m.fail(std::move(s).error());
  // No rows come until the next activity file: the per-person sums are settled
  // now (one pass over the cells), so that a saved state need not work them out.
  if (m.current_kind == TableKind::activity && m.activity_part) m.activity_part->settle_totals();
  m.tables.push_back(std::move(t).value());
  if (announced) {
    // The row counts wait for the last file announced (or the join).
    m.activity_counts_pending = m.activity_files.size() < m.activity_files_expected;
    if (!m.activity_counts_pending)
      if (Status s = m.check_activity_row_counts(); !s) return m.fail(std::move(s).error());
  }
  return Ok{};
}

Status Session::expect_activity_files(std::size_t files) {
  Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (!m.activity_files.empty() || m.current)
    return Error(make_diagnostic(DiagCode::invalid_argument, "expect_activity_files: before the first activity file"));
  m.activity_files_expected = files;
  return Ok{};
}

Status Session::note_repeated_input(TableKind kind, std::string source_name, std::string_view sha256_hex) {
  Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (kind != TableKind::activity || m.current || m.dataset)
    return Error(make_diagnostic(DiagCode::invalid_argument, "note_repeated_input: only an activity file, between tables, before the join"));
  const std::vector<TableSummary*> summaries = m.activity_summaries();
  for (std::size_t i = 0; i < summaries.size() && i < m.activity_files.size(); ++i) {
    if (summaries[i]->sha256 != sha256_hex) continue;
    m.activity_files[i].repeats.insert(std::move(source_name));
    // The name kept is the first in byte order, whichever copy was read.
    auto& repeats = m.activity_files[i].repeats;
    if (*repeats.begin() < summaries[i]->source_name) {
      std::string first = *repeats.begin();
      repeats.erase(repeats.begin());
      repeats.insert(summaries[i]->source_name);
      summaries[i]->source_name = std::move(first);
    }
    return Ok{};
  }
  return Error(make_diagnostic(DiagCode::invalid_argument, "note_repeated_input: no activity file with that SHA-256 was read"));
}

Status Session::add_columns(TableKind kind, std::span<const ColumnInput> columns, std::string source_name) {
  Impl& m = *impl_;
  auto opts = m.claim(kind, std::move(source_name), "add_columns");
  if (!opts) return std::move(opts).error();
  auto t = ingest_columns(columns, *opts, kind == TableKind::activity ? m.activity_files.back().log : m.log);
  if (!t) return m.fail(std::move(t).error());
  m.tables.push_back(std::move(t).value());
  return Ok{};
}

Status Session::add_usage(std::string_view bytes, std::string source_name, UsageFormat format) {
  Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (m.current) return Error(make_diagnostic(DiagCode::invalid_argument, "add_usage called while a table is open"));
  if (m.dataset) return Error(make_diagnostic(DiagCode::invalid_argument, "add_usage called after the tables were joined"));
  m.raw_usage.push_back({std::string(bytes), source_name, format});
  usage::UsageReadOptions read;
  if (const auto f = m.config.date_formats.find("usage"); f != m.config.date_formats.end()) read.date_format = f->second;
  read.window_start = m.config.window_start;
  read.window_end = m.config.window_end;
  Status s = usage::read_usage_file(bytes, format, source_name, m.usage, m.log, read);
  if (!s) return m.fail(std::move(s).error());
  m.has_usage = true;
  return Ok{};
}

Status Session::merge(Session&& other) {
  Impl& m = *impl_;
  Impl& o = *other.impl_;
  if (m.fatal) return *m.fatal;
  if (o.fatal) return m.fail(*o.fatal);
  auto invalid = [](std::string why) { return Error(make_diagnostic(DiagCode::invalid_argument, "merge: " + why)); };
  if (m.current || o.current) return invalid("a table is still open");
  if (m.dataset || o.dataset) return invalid("a session was joined already");
  if (!m.activity_part || !o.activity_part) return invalid("both sessions must have read activity");
  if (m.shard.by_bytes || o.shard.by_bytes) return invalid("byte ranges merge with merge_range");
  if (m.shard.count == 1 && o.shard.count == 1) return merge_inputs(std::move(other));
  if (o.shard.count != m.shard.count || o.shard.index == m.shard.index)
    return invalid("both sessions must have read the activity as different shards of the same count");
  if (o.tables.size() != m.tables.size()) return invalid("the sessions read different tables");
  std::size_t activity_index = 0;
  for (std::size_t i = 0; i < m.tables.size(); ++i) {
    TableSummary& a = m.tables[i].summary;
    const TableSummary& b = o.tables[i].summary;
    if (a.table != b.table || a.bytes != b.bytes) return invalid("the sessions read different tables");
    if (a.table != "activity") {
      if (a.sha256 != b.sha256) return invalid("the " + a.table + " tables differ");
      continue;
    }
    a.rows_read += b.rows_read;
    a.rows_used += b.rows_used;
    a.rows_skipped += b.rows_skipped;
    if (a.sha256.empty()) a.sha256 = b.sha256;
    ++activity_index;
  }
  if (activity_index == 0 || activity_index != m.activity_files.size() || activity_index != o.activity_files.size())
    return invalid("no activity table");
  const auto shared = m.activity_part->merge(std::move(*o.activity_part));
  if (!shared) return m.fail(Error(make_diagnostic(DiagCode::out_of_range, "activity: a sum is too large to add up exactly", "activity")));
  if (*shared) return m.fail(invalid("the shards share " + std::to_string(*shared) + " keys (person x date x task type)"));
  for (std::size_t i = 0; i < m.activity_files.size(); ++i) {
    m.activity_files[i].log.merge_by_row(o.activity_files[i].log);
    m.activity_files[i].repeats.insert(o.activity_files[i].repeats.begin(), o.activity_files[i].repeats.end());
  }
  m.activity_proxies.merge(o.activity_proxies);
  // Every shard is here: the activity is whole again, and checked as a reader checks a table.
  m.shards_held += o.shards_held;
  if (m.shards_held == m.shard.count) {
    m.shard = Shard{};
    m.shards_held = 1;
    if (Status s = m.check_activity_row_counts(); !s) return m.fail(std::move(s).error());
  }
  return Ok{};
}

Status Session::merge_inputs(Session&& other) {
  Impl& m = *impl_;
  Impl& o = *other.impl_;
  auto invalid = [](std::string why) { return Error(make_diagnostic(DiagCode::invalid_argument, "merge: " + why)); };
  // Everything but the activity must be the same: the activity files were read against it.
  auto others_of = [](const Impl& x) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const IngestedTable& t : x.tables)
      if (t.summary.table != "activity") out.emplace_back(t.summary.table, t.summary.sha256);
    return out;
  };
  if (others_of(m) != others_of(o)) return invalid("the sessions read different people, surveys, playbook or identities tables");
  if (m.raw_usage.size() != o.raw_usage.size()) return invalid("the sessions read different AI-usage exports");
  for (std::size_t i = 0; i < m.raw_usage.size(); ++i)
    if (m.raw_usage[i].bytes != o.raw_usage[i].bytes) return invalid("the sessions read different AI-usage exports");
  std::vector<TableSummary*> mine = m.activity_summaries(), theirs = o.activity_summaries();
  if (mine.size() != m.activity_files.size() || theirs.size() != o.activity_files.size() || mine.empty() || theirs.empty())
    return invalid("no activity table");
  auto index_of = [](const std::vector<TableSummary*>& list, const std::string& digest) -> std::size_t {
    for (std::size_t i = 0; i < list.size(); ++i)
      if (list[i]->sha256 == digest) return i;
    return list.size();
  };
  for (const TableSummary* t : mine)
    if (t->sha256.empty()) return invalid("an activity table was given as typed columns (no SHA-256)");
  for (const TableSummary* t : theirs)
    if (t->sha256.empty()) return invalid("an activity table was given as typed columns (no SHA-256)");
  std::size_t common = 0;
  for (const TableSummary* t : theirs) common += index_of(mine, t->sha256) < mine.size() ? 1 : 0;
  // A state whose files are all in the other one adds nothing but the names it read them under.
  auto absorb_repeats = [&](Impl& keep, Impl& drop) {
    std::vector<TableSummary*> kept = keep.activity_summaries(), dropped = drop.activity_summaries();
    Session* keeper = &keep == &m ? this : &other;
    for (std::size_t i = 0; i < dropped.size(); ++i) {
      (void)keeper->note_repeated_input(TableKind::activity, dropped[i]->source_name, dropped[i]->sha256);
      for (const std::string& r : drop.activity_files[i].repeats)
        (void)keeper->note_repeated_input(TableKind::activity, r, dropped[i]->sha256);
    }
    (void)kept;
  };
  if (common == theirs.size()) {
    absorb_repeats(m, o);
    return Ok{};
  }
  if (common == mine.size()) {
    absorb_repeats(o, m);
    // The other's read state, this session's settings (config, privacy ledger, salt).
    o.config = std::move(m.config);
    o.ledger = std::move(m.ledger);
    o.ledger_text = std::move(m.ledger_text);
    o.generated_salt = std::move(m.generated_salt);
    std::swap(impl_, other.impl_);
    return Ok{};
  }
  if (common > 0)
    return invalid("the states share some activity files but not all; merge states of different files (a file in two states "
                   "cannot be taken out of one)");
  // The files of both in SHA-256 order; each part's file numbers follow it.
  std::vector<const TableSummary*> all(mine.begin(), mine.end());
  all.insert(all.end(), theirs.begin(), theirs.end());
  std::sort(all.begin(), all.end(), [](const TableSummary* a, const TableSummary* b) { return a->sha256 < b->sha256; });
  std::vector<std::uint32_t> map_mine(mine.size()), map_theirs(theirs.size());
  for (std::uint32_t i = 0; i < all.size(); ++i) {
    const std::size_t a = index_of(mine, all[i]->sha256);
    if (a < mine.size()) map_mine[a] = i;
    else map_theirs[index_of(theirs, all[i]->sha256)] = i;
  }
  if (!m.activity_part->renumber_files(map_mine) || !o.activity_part->renumber_files(map_theirs))
    return m.fail(Error(make_diagnostic(DiagCode::internal_error, "merge: an attribute names an unknown activity file", "activity")));
  const auto shared = m.activity_part->merge(std::move(*o.activity_part));
  if (!shared) return m.fail(Error(make_diagnostic(DiagCode::out_of_range, "activity: a sum is too large to add up exactly", "activity")));
  if (*shared)
    return m.fail(Error(make_diagnostic(
        DiagCode::duplicate_key,
        "merge: the states share " + std::to_string(*shared) +
            " keys (person x date x task type) in different files; a state cannot drop rows, so analyze (or partial) "
            "those files together: the file whose SHA-256 sorts first wins",
        "activity")));
  m.activity_proxies.merge(o.activity_proxies);
  // The tables: the others as they were, then the activity files in SHA-256 order, each with its log.
  std::vector<IngestedTable> tables;
  std::vector<IngestedTable*> activity_tables(all.size(), nullptr);
  std::vector<Impl::ActivityFile> files(all.size());
  for (Impl* x : {&m, &o}) {
    const std::vector<std::uint32_t>& map = x == &m ? map_mine : map_theirs;
    std::size_t k = 0;
    for (IngestedTable& t : x->tables) {
      if (t.summary.table != "activity") {
        if (x == &m) tables.push_back(std::move(t));
        continue;
      }
      files[map[k]] = std::move(x->activity_files[k]);
      activity_tables[map[k]] = &t;
      ++k;
    }
  }
  for (IngestedTable* t : activity_tables) tables.push_back(std::move(*t));
  m.tables = std::move(tables);
  m.activity_files = std::move(files);
  return Ok{};
}

Result<Session> Session::empty_copy() const {
  const Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (m.current || m.dataset) return Error(make_diagnostic(DiagCode::invalid_argument, "empty_copy: before the join, between tables"));
  auto copy = create(m.config);
  if (!copy) return copy;
  for (const IngestedTable& t : m.tables) {
    const auto kind = table_kind_from_name(t.summary.table);
    if (!kind || *kind == TableKind::activity) continue;
    const auto raw = m.raw_tables.find(*kind);
    if (raw == m.raw_tables.end())
      return Error(make_diagnostic(DiagCode::invalid_argument, "empty_copy: the " + t.summary.table + " table's bytes were not kept (typed columns, or keep_table_bytes(false))"));
    if (Status s = copy->begin_table(*kind, t.summary.source_name, t.summary.format == "json" ? InputFormat::json : InputFormat::csv); !s)
      return std::move(s).error();
    if (Status s = copy->push(raw->second); !s) return std::move(s).error();
    if (Status s = copy->end_table(); !s) return std::move(s).error();
  }
  for (const Impl::RawUsage& u : m.raw_usage)
    if (Status s = copy->add_usage(u.bytes, u.source, u.format); !s) return std::move(s).error();
  return copy;
}

Status Session::join() {
  Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (m.dataset) return Ok{};
  if (m.current) return Error(make_diagnostic(DiagCode::invalid_argument, "a table is still open (call end_table)"));
  const bool adoption_only = !m.seen[static_cast<std::size_t>(TableKind::activity)] && m.has_usage;
  if (!m.seen[static_cast<std::size_t>(TableKind::activity)] && !adoption_only)
    return m.fail(Error(make_diagnostic(DiagCode::invalid_argument,
                                        "the activity table is required (or a people table with AI-usage exports)",
                                        "activity")));
  if (m.activity_counts_pending)
    if (Status s = m.check_activity_row_counts(); !s) return m.fail(std::move(s).error());
  if (Status s = m.finish_activity(); !s) return m.fail(std::move(s).error());
  m.join_activity_log();
  auto ds = build_dataset(std::move(m.tables), m.activity ? &*m.activity : nullptr, m.config, m.log, adoption_only,
                          m.has_usage ? &m.usage : nullptr, &m.activity_proxies);
  m.tables.clear();
  if (!ds) return m.fail(std::move(ds).error());
  m.dataset = std::move(ds).value();
  m.log_after_join = m.log;
  return Ok{};
}

Status Session::configure(std::string_view config_json) {
  auto config = parse_config(config_json);
  if (!config) return std::move(config).error();
  return configure(std::move(config).value());
}

Status Session::configure(Config config) {
  Impl& m = *impl_;
  keep_found_encodings(m.config, config);
  if (Status s = check_same_reading(m.config, config); !s) return s;
  if (Status s = generate_salt(config, m.generated_salt); !s) return s;
  m.config = std::move(config);
  return Ok{};
}

namespace {

// privacy.ledger_id, else the people table's digest, else the activity's.
std::string ledger_id(const Config& config, const Dataset& ds) {
  if (!config.privacy.ledger_id.empty()) return config.privacy.ledger_id;
  for (const char* table : {"people", "activity"})
    for (const TableSummary& t : ds.inputs)
      if (t.table == table && !t.sha256.empty()) return t.sha256;
  return "default";
}

}  // namespace

Result<std::string> Session::report() {
  Impl& m = *impl_;
  if (Status s = join(); !s) return std::move(s).error();
  m.log = *m.log_after_join;  // notes of an earlier report do not carry over
  // A config the data refuses is not kept: the session goes on with the last one that made a report.
  auto refused = [&](Error e) {
    if (e.code() == DiagCode::config_invalid_value && m.reported_config) m.config = *m.reported_config;
    return e;
  };
  if (!m.config.privacy.dp) {
    auto r = report::build_report(*m.dataset, m.config, m.log);
    if (!r) return refused(std::move(r).error());
    m.reported_config = m.config;
    return report::canonical_text(r.value());
  }
  // A differentially private release (analyze, re-analyze after configure(),
  // a merged session's report) spends from the ledger; a refused or failed
  // release spends nothing.
  const DpConfig& dp = *m.config.privacy.dp;
  privacy::Ledger next = m.ledger;
  report::LedgerState state;
  state.id = ledger_id(m.config, *m.dataset);
  auto entry = next.spend(state.id, dp.epsilon, dp.total_epsilon);
  if (!entry) return std::move(entry).error();
  state.entry = entry.value();
  auto r = report::build_report(*m.dataset, m.config, m.log, &state);
  if (!r) return refused(std::move(r).error());
  m.reported_config = m.config;
  m.ledger = std::move(next);
  m.ledger_text = m.ledger.text();
  return report::canonical_text(r.value());
}

std::string Session::validation_report() const {
  const Impl& m = *impl_;
  report::Json r;
  r["gapscore_version"] = std::string(engine_version());
  r["ok"] = !m.fatal.has_value();
  std::vector<TableSummary> summaries;
  if (m.dataset) summaries = m.dataset->inputs;
  for (const IngestedTable& t : m.tables) summaries.push_back(t.summary);
  r["inputs"] = report::inputs_section(summaries);
  report::Json err = nullptr;
  if (m.fatal) {
    err = report::Json::array();
    for (const Diagnostic& d : m.fatal->diagnostics) err.push_back(report::diagnostic_json(d));
  }
  r["error"] = err;
  r["diagnostics"] = report::diagnostics_section(m.log);
  // After a join with a people table: how many of the activity's people it
  // names (most of them missing means the two files use different ids).
  report::Json join = nullptr;
  if (m.dataset && m.dataset->has_activity && m.dataset->people)
    join = {{"people_in_activity", m.dataset->persons.size()}, {"missing_from_people_table", m.dataset->unknown_people}};
  r["people_join"] = join;
  return report::canonical_text(r);
}

}  // namespace gapscore
