// A session: one analysis, the API the CLI and the wasm binding call. Create it
// with a JSON config, stream each input table in (chunks of any size), then ask
// for the canonical JSON report.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gapscore/config.h"
#include "gapscore/inputs.h"
#include "gapscore/status.h"
#include "gapscore/version.h"

namespace gapscore {

// One of `count` readers of the same activity table, each taking the rows of
// its share of the people (all rows of one person go to one shard); or, with
// by_bytes, the records that start in its share of the file's bytes
// (file_bytes: the file's size; see merge_range).
struct Shard {
  std::uint32_t index = 0, count = 1;
  bool by_bytes = false;
  std::uint64_t file_bytes = 0;
};

// The bytes of a table file from `offset` on, any length (empty: none are
// left), for readers that ask for bytes by offset (Session::wanted_offset).
// `chunk` may point into the source's own buffer: valid until its next call.
using ChunkSource = std::function<Status(std::uint64_t offset, std::string_view& chunk)>;

// Runs task(0), ..., task(n - 1), on as many threads as the caller gives them
// (the engine starts none), and returns once all have run.
using ParallelFor = std::function<void(std::size_t n, const std::function<void(std::size_t)>& task)>;

class Session {
 public:
  // Fails with config_* diagnostics when the config is invalid.
  static Result<Session> create(std::string_view config_json);
  static Result<Session> create(Config config);

  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  ~Session();

  // Tables are given one at a time: begin, push chunks, end. Each table kind
  // at most once, in kReadOrder (the activity last); activity is required before report().
  // expected_bytes: the table's total size when known (0 = unknown), a hint for sizing columns.
  // shard: for reading the activity in parallel (see merge); ignored for other tables.
  Status begin_table(TableKind kind, std::string source_name = {}, InputFormat format = InputFormat::detect,
                     std::uint64_t expected_bytes = 0, Shard shard = {});
  // digest_by_caller: the caller hashes the bytes itself (in parallel, with a
  // faster implementation) and gives the SHA-256 to end_table; the session does not hash.
  Status begin_table(TableKind kind, std::string source_name, InputFormat format, std::uint64_t expected_bytes,
                     Shard shard, bool digest_by_caller);
  Status push(std::string_view chunk);
  // The tables other than the activity are kept as read, for save_state() and
  // empty_copy(). A caller that calls neither (the CLI's analyze, validate and
  // shard helpers) says so before reading them, and their bytes are not kept
  // (at 50M rows with the surveys, 33 MB of CSV in 50 MB of strings).
  void keep_table_bytes(bool keep);
  // The offset the next push() must start at: the bytes so far, or for a
  // byte-range reader wherever its range needs (the header comes from the
  // start); nullopt when it needs no more (call end_table) or no table is open.
  std::optional<std::uint64_t> wanted_offset() const;
  // Pushes the open table's bytes from `source`, where wanted_offset() says,
  // until it needs no more or the bytes end; then end_table() is the caller's.
  Status pull(const ChunkSource& source);
  // sha256_hex: the table's digest (64 lowercase hex digits) when begin_table said digest_by_caller.
  Status end_table(std::string_view sha256_hex = {});
  // A whole table given as typed columns (see ingest_columns) instead of bytes.
  Status add_columns(TableKind kind, std::span<const ColumnInput> columns, std::string source_name = {});

  // An AI-usage export (Microsoft 365 Copilot, GitHub Copilot; any number of
  // files, e.g. one per refresh date). Without an activity table the report is
  // adoption-only and the people table is required.
  Status add_usage(std::string_view bytes, std::string source_name = {}, UsageFormat format = UsageFormat::detect);

  // Reading in parallel: sessions 0..n-1 with the same config read the same
  // tables, the activity with Shard{i, n}; then shard 0 merges the others, in
  // index order, before join(). The result is byte-identical to one session
  // reading everything. Fails if the shards did not read the same inputs.
  // Whole sessions (not shards) of different activity files merge too: see below.
  Status merge(Session&& other);

  // Reading one activity CSV in parallel by byte range: sessions 0..n-1 read
  // it with Shard{i, n, true, size} (digest_by_caller: the caller hashes the
  // file), then session 0 merges the others in index order. A later range's
  // row whose key an earlier range holds is a repeat: `source` (the file's
  // bytes) lets this range's rows of such keys be read again and taken back.
  // True: merged, byte-identical to one reader. False: the ranges do not
  // line up (a range started inside a quoted field, a date format the first
  // range did not settle, proxy columns, sums too large): read the file again
  // another way (by person, Shard{i, n}); neither session can be used then.
  // Native builds only: the wasm build refuses Shard::by_bytes (bundle size).
  Result<bool> merge_range(Session&& later, const ChunkSource& source);
  // The same for every later range at once (`later`: ranges 1..n-1, in order):
  // each range's second reading, for its repeats, runs on its own task of
  // `parallel_for`, with a source of its own from `open_source`. merge_range
  // merges them one after the other, each reading again after the last.
  Result<bool> merge_ranges(std::vector<Session>&& later, const std::function<ChunkSource()>& open_source,
                            const ParallelFor& parallel_for);

  // Several activity files are one table: give them one after another in the
  // order of their SHA-256 (digest_by_caller helps: hash first, then read). For
  // a key (person x date x task type) in two files the first file's row wins.
  // A file whose bytes were read already is not read again but noted here (a
  // duplicate_input warning in the report); the name kept is the first in byte order.
  Status note_repeated_input(TableKind kind, std::string source_name, std::string_view sha256_hex);
  // Before the first activity file: `files` distinct activity files will be
  // read (the CLI's --activity files, the package's add()). Then a file whose
  // rows were all skipped is a warning whenever another file has rows, whichever
  // comes first in SHA-256 order; the check waits for the last file (or join).
  // Unannounced, a first file with no row to use ends the read (no later file is known).
  Status expect_activity_files(std::size_t files);

  // Merging states of different activity files (each read as one shard, e.g.
  // saved states of one month each): same config, same other tables and usage
  // exports. The result is byte-identical to one session reading all the files,
  // whatever the order and grouping of the merges, unless two states share a key
  // in different files (then it fails: a state cannot drop rows). A state whose
  // files are all in the other one is noted (duplicate_input), never added twice.
  // (merge() above does this itself when both sessions are whole, not shards.)

  // A session with this one's config, other tables and usage exports, but no
  // activity yet: read more activity files into it, then merge it into this one.
  Result<Session> empty_copy() const;

  // Joins the tables (people attributes, window); report() does this itself.
  // Separate so that validation can include join diagnostics without analysis.
  Status join();

  // The canonical report (UTF-8 JSON, fixed key order, trailing newline).
  // May be called again, after configure(), without reading anything again.
  // Under protection "dp" each call is a release: it spends privacy.dp.epsilon
  // from the privacy-budget ledger, or fails with privacy_budget_exhausted.
  Result<std::string> report();

  // The privacy-budget ledger (protection "dp", docs/privacy.md): the bytes a
  // previous session's ledger() returned, for example from a file or a store.
  // Not called, or empty: a new ledger. Fails with privacy_ledger_invalid.
  Status set_ledger(std::string_view bytes);
  // The ledger to store after report(): the given one plus this session's
  // releases (empty when none was given and nothing was released).
  const std::string& ledger() const;

  // The salt made for "privacy": {"salt": "generate"} (32 hex digits); empty
  // otherwise. It is never in the report: keep it to get the same pseudonyms
  // and cell keys in later reports.
  const std::string& generated_salt() const;

  // New settings for the next report(), keeping everything read. Grouping,
  // thresholds, weights, privacy and insights settings can change; settings
  // that decide how the inputs are read cannot (period, window, mode, columns,
  // usage.identity, max_diagnostics): that fails with config_needs_reread,
  // naming them, and the inputs must be read again with the new config.
  Status configure(std::string_view config_json);
  Status configure(Config config);

  // Everything read so far as bytes (docs/partial-state.md): the activity as
  // per-person state, the other tables and usage exports as given. As
  // sensitive as the inputs themselves. Fails for tables given as typed columns
  // (other than the activity) and after a fatal error.
  // StateUse::handoff: bytes that go from one reader of an analysis to the one
  // that merges them, in the same process or page, never stored: the SHA-256
  // checksum is left out (zeros) and not checked, so neither side hashes the
  // whole state; nor are the other tables' bytes (the merging reader read them
  // too; a loaded handoff holds their summaries, for merge() only). A handoff
  // state does not load as a file.
  enum class StateUse : std::uint8_t { file, handoff };
  Result<std::string> save_state(StateUse use = StateUse::file) const;
  // A session holding a saved state, ready for report(), merge() or more input.
  // `config` must read inputs the way the saved one did (see configure).
  static Result<Session> load_state(std::string_view state, std::string_view config_json, StateUse use = StateUse::file);

  // Ingest outcome only, whether or not ingest succeeded: inputs read,
  // diagnostics, and the fatal error if any. Canonical JSON.
  std::string validation_report() const;

  const Config& config() const;
  const DiagnosticLog& log() const;

 private:
  Session();
  Status merge_inputs(Session&& other);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gapscore
