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
    m.shard = shard;
  }
  auto opts = m.claim(kind, source_name, "begin_table");
  if (!opts) return std::move(opts).error();
  opts->format = format;
  opts->expected_bytes = expected_bytes;
  opts->digest_by_caller = digest_by_caller;
  m.digest_by_caller = digest_by_caller;
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
  if (m.current_kind != TableKind::activity) m.raw_tables[m.current_kind].append(chunk);
  Status s = m.current->push(chunk);
  if (!s) return m.fail(std::move(s).error());
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
  m.raw_usage.push_back({std::string(bytes), source_name, format});
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
  if (!m.config.privacy.dp) {
    auto r = report::build_report(*m.dataset, m.config, m.log);
    if (!r) return std::move(r).error();
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
