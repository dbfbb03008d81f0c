#include "gapscore/session.h"

#include <array>
#include <optional>

#include "activity/playbook_resolver.h"
#include "activity/sink.h"
#include "config/config_json.h"
#include "ingest/table_builder.h"
#include "base/sha256.h"
#include "privacy/ledger.h"
#include "privacy/secure_random.h"
#include "dataset/dataset.h"
#include "report/inputs_section.h"
#include "report/report_builder.h"
#include "usage/parsers.h"

namespace gapscore {

struct Session::Impl {
  Config config;
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
  std::optional<activity::ActivityData> activity;
  // The activity's diagnostics, kept apart until the join so that shards read
  // in parallel can interleave theirs by row.
  DiagnosticLog activity_log;
  bool activity_log_joined = false;
  Shard shard;
  privacy::Ledger ledger;
  std::string ledger_text;
  std::string generated_salt;

  explicit Impl(Config c)
      : config(std::move(c)),
        log(static_cast<std::size_t>(config.max_diagnostics)),
        activity_log(static_cast<std::size_t>(config.max_diagnostics)) {}

  void join_activity_log() {
    if (activity_log_joined) return;
    activity_log_joined = true;
    log.append(activity_log);
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
    if (seen[k])
      return Error(make_diagnostic(DiagCode::invalid_argument, "the " + std::string(table_name(kind)) + " table was already given"));
    // The activity is read once, into state that needs the playbook while it is read.
    if (kind == TableKind::playbook && seen[static_cast<std::size_t>(TableKind::activity)])
      return Error(make_diagnostic(DiagCode::invalid_argument, "give the playbook table before the activity table"));
    seen[k] = true;
    IngestOptions opts;
    opts.kind = kind;
    opts.strict = config.strict;
    opts.source_name = std::move(source_name);
    const auto cols = config.columns.find(std::string(table_name(kind)));
    if (cols != config.columns.end()) opts.column_map = cols->second;
    if (kind == TableKind::activity) opts.row_sink = start_activity();
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
    return &*activity_sink;
  }

  // The activity table was read (every shard merged): its state is finished, the rows are gone.
  Status finish_activity() {
    if (!activity_part) return Ok{};
    if (shard.count > 1)
      for (const IngestedTable& t : tables)
        if (t.summary.table == "activity")
          if (Status s = ingest::check_row_counts(t.summary, schema_for(TableKind::activity), activity_log); !s) return s;
    activity = activity::finish(*activity_part);
    activity_sink.reset();
    activity_part.reset();
    return Ok{};
  }
};

Session::Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;
Session::~Session() = default;

Result<Session> Session::create(std::string_view config_json_text) {
  auto config = parse_config(config_json_text);
  if (!config) return std::move(config).error();
  return create(std::move(config).value());
}

Result<Session> Session::create(Config config) {
  std::string generated;
  if (config.privacy.generate_salt) {
    std::array<std::uint8_t, 16> key{};
    if (!privacy::secure_random_bytes(key.data(), key.size()))
      return Error(make_diagnostic(DiagCode::internal_error, "no secure random source to generate privacy.salt"));
    generated = to_hex(key);
    config.privacy.salt = generated;
    config.privacy.generate_salt = false;  // made once: a shard session copying this config keeps it
  }
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
  Impl& m = *impl_;
  if (kind == TableKind::activity) {
    if (shard.count == 0 || shard.index >= shard.count)
      return Error(make_diagnostic(DiagCode::invalid_argument, "begin_table: shard index must be below the shard count"));
    if (shard.count > 1 && m.config.strict)
      return Error(make_diagnostic(DiagCode::invalid_argument, "strict mode reads the activity in one shard"));
    m.shard = shard;
  }
  auto opts = m.claim(kind, source_name, "begin_table");
  if (!opts) return std::move(opts).error();
  opts->format = format;
  opts->expected_bytes = expected_bytes;
  if (kind == TableKind::activity) {
    opts->shard_index = shard.index;
    opts->shard_count = shard.count;
  }
  m.current.emplace(std::move(opts).value(), kind == TableKind::activity ? m.activity_log : m.log);
  m.current_kind = kind;
  m.current_source = std::move(source_name);
  return Ok{};
}

Status Session::push(std::string_view chunk) {
  Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (!m.current) return Error(make_diagnostic(DiagCode::invalid_argument, "push called without begin_table"));
  Status s = m.current->push(chunk);
  if (!s) return m.fail(std::move(s).error());
  return Ok{};
}

Status Session::end_table() {
  Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (!m.current) return Error(make_diagnostic(DiagCode::invalid_argument, "end_table called without begin_table"));
  auto t = m.current->finish();
  m.current.reset();
  if (!t) return m.fail(std::move(t).error());
  m.tables.push_back(std::move(t).value());
  return Ok{};
}

Status Session::add_columns(TableKind kind, std::span<const ColumnInput> columns, std::string source_name) {
  Impl& m = *impl_;
  auto opts = m.claim(kind, std::move(source_name), "add_columns");
  if (!opts) return std::move(opts).error();
  auto t = ingest_columns(columns, *opts, kind == TableKind::activity ? m.activity_log : m.log);
  if (!t) return m.fail(std::move(t).error());
  m.tables.push_back(std::move(t).value());
  return Ok{};
}

Status Session::add_usage(std::string_view bytes, std::string source_name, UsageFormat format) {
  Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (m.current) return Error(make_diagnostic(DiagCode::invalid_argument, "add_usage called while a table is open"));
  if (m.dataset) return Error(make_diagnostic(DiagCode::invalid_argument, "add_usage called after the tables were joined"));
  Status s = usage::read_usage_file(bytes, format, source_name, m.usage, m.log);
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
  if (!m.activity_part || !o.activity_part || o.shard.count != m.shard.count || o.shard.index == m.shard.index)
    return invalid("both sessions must have read the activity as different shards of the same count");
  if (o.tables.size() != m.tables.size()) return invalid("the sessions read different tables");
  IngestedTable* mine_activity = nullptr;
  for (std::size_t i = 0; i < m.tables.size(); ++i) {
    TableSummary& a = m.tables[i].summary;
    const TableSummary& b = o.tables[i].summary;
    if (a.table != b.table || a.bytes != b.bytes) return invalid("the sessions read different tables");
    if (a.table != "activity") {
      if (a.sha256 != b.sha256) return invalid("the " + a.table + " tables differ");
      continue;
    }
    mine_activity = &m.tables[i];
    a.rows_read += b.rows_read;
    a.rows_used += b.rows_used;
    a.rows_skipped += b.rows_skipped;
  }
  if (!mine_activity) return invalid("no activity table");
  const auto shared = m.activity_part->merge(*o.activity_part);
  if (!shared) return m.fail(Error(make_diagnostic(DiagCode::out_of_range, "activity: a sum is too large to add up exactly", "activity")));
  if (*shared) return m.fail(invalid("the shards share " + std::to_string(*shared) + " keys (person x date x task type)"));
  m.activity_log.merge_by_row(o.activity_log);
  return Ok{};
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
  if (Status s = m.finish_activity(); !s) return m.fail(std::move(s).error());
  m.join_activity_log();
  auto ds = build_dataset(std::move(m.tables), m.activity ? &*m.activity : nullptr, m.config, m.log, adoption_only,
                          m.has_usage ? &m.usage : nullptr);
  m.tables.clear();
  if (!ds) return m.fail(std::move(ds).error());
  m.dataset = std::move(ds).value();
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
  if (!m.config.privacy.dp) {
    auto r = report::build_report(*m.dataset, m.config, m.log);
    if (!r) return std::move(r).error();
    return report::canonical_text(r.value());
  }
  // A differentially private release spends from the ledger; a refused or
  // failed release spends nothing.
  const DpConfig& dp = *m.config.privacy.dp;
  privacy::Ledger next = m.ledger;
  report::LedgerState state;
  state.id = ledger_id(m.config, *m.dataset);
  auto entry = next.spend(state.id, dp.epsilon, dp.total_epsilon);
  if (!entry) return std::move(entry).error();
  state.entry = entry.value();
  auto r = report::build_report(*m.dataset, m.config, m.log, &state);
  if (!r) return std::move(r).error();
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
  return report::canonical_text(r);
}

}  // namespace gapscore
