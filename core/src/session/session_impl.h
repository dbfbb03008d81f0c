// The state behind a Session: the tables read so far, the activity as
// per-person state, the diagnostics, and (after the join) the dataset. Shared
// by session.cpp (reading, merging, reporting) and state_file.cpp (saving and
// loading it as bytes).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "activity/playbook_resolver.h"
#include "activity/sink.h"
#include "dataset/dataset.h"
#include "gapscore/session.h"
#include "ingest/ingest.h"
#include "ingest/proxy_sink.h"
#include "ingest/table_builder.h"
#include "privacy/ledger.h"

namespace gapscore {

struct Session::Impl {
  Config config;
  // The config of the last report made: a config the data refuses (an
  // attribute no input has, a roll-up that does not nest) falls back to it.
  std::optional<Config> reported_config;
  DiagnosticLog log;
  std::vector<IngestedTable> tables;
  std::vector<TableSummary> failed_inputs;
  std::optional<TableIngestor> current;
  TableKind current_kind = TableKind::activity;
  std::string current_source;
  bool seen[kTableKindCount] = {};
  std::optional<Error> fatal;
  std::optional<Dataset> dataset;
  usage::UsageData usage;
  bool has_usage = false;
  // The activity table is read into per-person state, not kept as rows.
  std::unique_ptr<activity::PlaybookResolver> playbook;
  std::optional<activity::Part> activity_part;
  std::optional<activity::PartSink> activity_sink;
  // The activity's legacy-proxy columns (emails_sent, meeting_hours) per person, for the KPI audit.
  ingest::ProxySums activity_proxies;
  std::optional<ingest::ProxySink> proxy_sink;
  std::optional<activity::ActivityData> activity;
  // Per activity file, in the order of the activity entries of `tables` (their
  // SHA-256 order): its diagnostics, kept apart until the join so that shards
  // read in parallel can interleave theirs by row and states of other files
  // merge in any order; and the names under which the same bytes came again.
  struct ActivityFile {
    DiagnosticLog log;
    std::set<std::string> repeats;
  };
  std::vector<ActivityFile> activity_files;
  bool activity_log_joined = false;
  // Session::expect_activity_files: how many distinct files the caller will
  // read, and whether their row counts still wait for the last of them.
  std::size_t activity_files_expected = 0;
  bool activity_counts_pending = false;
  Shard shard;
  std::uint32_t shards_held = 1;  // shards merged into this one (itself included)
  // Byte ranges (Shard::by_bytes): where the ranges held began and ended, and
  // the file's row number after their last record.
  ingest::RangeFacts range_facts;
  std::uint64_t range_next_row = 0;
  // A later range's rows of keys earlier ranges hold were taken back already
  // (Session::merge_ranges does it for every range at once).
  bool range_repeats_taken_back = false;
  // Byte ranges (range_merge.cpp): whether `after` can follow `before` (an
  // error for a caller's mistake, false: read the file another way); and
  // taking back a range's rows of keys earlier ranges hold.
  static Result<bool> ranges_line_up(const Impl& before, const Impl& after);
  static Result<bool> take_back_repeats(Impl& o, const activity::SharedKeys& shared, const ChunkSource& source);
  bool digest_by_caller = false;  // of the table being read
  // What a saved state needs to read the inputs again: the small tables' and
  // the usage exports' bytes (the activity is saved as its state).
  std::map<TableKind, std::string> raw_tables;
  bool keep_table_bytes = true;
  struct RawUsage {
    std::string bytes, source;
    UsageFormat format = UsageFormat::detect;
  };
  std::vector<RawUsage> raw_usage;
  // The log as the join left it: every report starts from it again.
  std::optional<DiagnosticLog> log_after_join;
  // The privacy-budget ledger (protection "dp") and the salt made for "generate".
  privacy::Ledger ledger;
  std::string ledger_text;
  std::string generated_salt;

  explicit Impl(Config c)
      : config(std::move(c)),
        log(static_cast<std::size_t>(config.max_diagnostics)) {}

  ActivityFile& new_activity_file() {
    activity_files.push_back({DiagnosticLog(static_cast<std::size_t>(config.max_diagnostics)), {}});
    return activity_files.back();
  }

  // The activity tables' summaries, in order (one per entry of activity_files).
  std::vector<TableSummary*> activity_summaries() {
    std::vector<TableSummary*> out;
    for (IngestedTable& t : tables)
      if (t.summary.table == "activity") out.push_back(&t.summary);
    return out;
  }

  void join_activity_log() {
    if (activity_log_joined) return;
    activity_log_joined = true;
    const std::vector<TableSummary*> summaries = activity_summaries();
    for (std::size_t i = 0; i < activity_files.size(); ++i) {
      log.append(activity_files[i].log);
      if (i < summaries.size())
        for (const std::string& r : activity_files[i].repeats) log.add(repeat_note(r, summaries[i]->source_name));
    }
  }

  static Diagnostic repeat_note(const std::string& repeat, const std::string& kept) {
    Diagnostic d = make_diagnostic(DiagCode::duplicate_input,
                                   repeat == kept ? "activity: " + clip_for_diagnostic(kept) + " was given more than once; it is read once"
                                                  : "activity: " + clip_for_diagnostic(repeat) + " has the same bytes (SHA-256) as " +
                                                        clip_for_diagnostic(kept) + "; it is read once",
                                   "activity");
    d.severity = Severity::warning;
    return d;
  }

  // Fatal errors also go into the log (strict-mode row errors are there already),
  // so the log alone tells the whole story of a run.
  Status fail(Error e) {
    join_activity_log();
    for (const Diagnostic& d : e.diagnostics) {
      bool logged = false;
      for (const Diagnostic& x : log.items())
        logged = logged || (x.code == d.code && x.row == d.row && x.message == d.message);
      if (!logged) log.add(d);
    }
    if (!fatal) fatal = e;
    current.reset();
    return e;
  }

  // What every way of handing over a table shares: no earlier failure, no table
  // open, each kind once; the ingest options come from the config.
  Result<IngestOptions> claim(TableKind kind, std::string source_name, std::string_view call) {
    if (fatal) return *fatal;
    if (current)
      return Error(make_diagnostic(DiagCode::invalid_argument, std::string(call) + " called while another table is open"));
    const auto k = static_cast<std::size_t>(kind);
    // The activity may come as several files (one table): each file opens a new
    // entry, its rows go into the same state.
    const bool more_activity = kind == TableKind::activity && seen[k] && activity_part && activity_sink;
    if (seen[k] && !more_activity)
      return Error(make_diagnostic(DiagCode::invalid_argument, "the " + std::string(table_name(kind)) + " table was already given"));
    // The activity is read once, into state that needs the playbook while it is read.
    if (kind == TableKind::playbook && seen[static_cast<std::size_t>(TableKind::activity)])
      return Error(make_diagnostic(DiagCode::invalid_argument, "give the playbook table before the activity table"));
    seen[k] = true;
    IngestOptions opts = table_options(kind, std::move(source_name));
    if (kind == TableKind::activity) {
      if (more_activity) {
        activity_part->set_file(static_cast<std::uint32_t>(activity_files.size()));
        opts.row_sink = &*proxy_sink;
      } else {
        opts.row_sink = start_activity();
      }
      new_activity_file();
    }
    return opts;
  }

  // How the config reads a table of this kind.
  IngestOptions table_options(TableKind kind, std::string source_name) const {
    IngestOptions opts;
    opts.kind = kind;
    opts.strict = config.strict;
    opts.source_name = std::move(source_name);
    const auto cols = config.columns.find(std::string(table_name(kind)));
    if (cols != config.columns.end()) opts.column_map = cols->second;
    const auto dates = config.date_formats.find(std::string(table_name(kind)));
    if (dates != config.date_formats.end()) opts.date_format = dates->second;
    opts.windows_1252 = config.encodings.count(std::string(table_name(kind))) > 0;
    return opts;
  }

  const Table* table_of(TableKind kind) const {
    for (const IngestedTable& t : tables)
      if (table_kind_from_name(t.table.name) == kind && t.table.row_count() > 0) return &t.table;
    return nullptr;
  }

  ingest::RowSink* start_activity() {
    activity::PartOptions o;
    o.weekly = config.period == Period::week;
    o.window_start = config.window_start;
    o.window_end = config.window_end;
    if (const Table* pb = table_of(TableKind::playbook)) {
      playbook = std::make_unique<activity::TablePlaybookResolver>(table_of(TableKind::people), *pb);
      o.playbook = playbook.get();
    }
    activity_part.emplace(o);
    activity_sink.emplace(*activity_part);
    proxy_sink.emplace(*activity_sink, activity_proxies);
    return &*proxy_sink;
  }

  // What a reader checks at the end of a table, for activity files read in
  // shards once every shard is merged. A later file whose rows were all
  // skipped (repeats of an earlier file's keys, say) is a warning when the
  // files before it have rows to use: the table is all of them.
  Status check_activity_row_counts() {
    const std::vector<TableSummary*> summaries = activity_summaries();
    activity_counts_pending = false;
    // Every file announced (expect_activity_files): which comes first in
    // SHA-256 order does not decide whether the run fails.
    if (activity_files_expected > 1) {
      std::uint64_t total = 0;
      for (const TableSummary* s : summaries) total += s->rows_used;
      if (total > 0) {
        for (std::size_t i = 0; i < summaries.size() && i < activity_files.size(); ++i)
          if (summaries[i]->rows_used == 0) note_file_without_rows(*summaries[i], activity_files[i].log);
        return Ok{};
      }
    }
    std::uint64_t used = 0;
    for (std::size_t i = 0; i < summaries.size() && i < activity_files.size(); ++i) {
      if (i > 0 && used > 0 && summaries[i]->rows_used == 0) {
        note_file_without_rows(*summaries[i], activity_files[i].log);
        continue;
      }
      if (Status s = ingest::check_row_counts(*summaries[i], schema_for(TableKind::activity), activity_files[i].log); !s)
        return s;
      used += summaries[i]->rows_used;
    }
    return Ok{};
  }

  // The same for a later activity file read whole (`summary`, not yet among the tables).
  Status check_later_file_row_counts(const TableSummary& summary) {
    std::uint64_t used = 0;
    for (const TableSummary* s : activity_summaries()) used += s->rows_used;
    if (used > 0 && summary.rows_used == 0) {
      note_file_without_rows(summary, activity_files.back().log);
      return Ok{};
    }
    return ingest::check_row_counts(summary, schema_for(TableKind::activity), activity_files.back().log);
  }

  static void note_file_without_rows(const TableSummary& s, DiagnosticLog& log) {
    const std::string file = "activity: " + clip_for_diagnostic(s.source_name);
    Diagnostic d = s.rows_read == 0
                       ? make_diagnostic(DiagCode::no_rows, file + " has a header but no data rows; the other activity files are read", "activity")
                       : make_diagnostic(DiagCode::no_valid_rows,
                                         file + ": all " + std::to_string(s.rows_read) +
                                             " rows were skipped (see the diagnostics for why); the other activity files are read",
                                         "activity");
    d.severity = Severity::warning;
    log.add(std::move(d));
  }

  // The activity table was read (every shard merged): its state is finished, the rows are gone.
  Status finish_activity() {
    if (!activity_part) return Ok{};
    if (shard.count > 1)
      if (Status s = check_activity_row_counts(); !s) return s;
    activity = activity::finish(std::move(*activity_part));
    proxy_sink.reset();
    activity_sink.reset();
    activity_part.reset();
    return Ok{};
  }
};

// Ok when `now` reads inputs the way `was` did; else config_needs_reread naming the settings.
Status check_same_reading(const Config& was, const Config& now);
// config.encodings say how the files were found to be (the CLI and the npm
// package set one when a table turns out to be Windows-1252): new settings that
// leave a table's encoding out keep the one it was read with.
void keep_found_encodings(const Config& was, Config& now);

}  // namespace gapscore
