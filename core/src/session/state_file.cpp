// Session::save_state / load_state: a session's read state as bytes
// (docs/partial-state.md). Layout, all little-endian:
//   "GSPSTATE" | u32 format version | text engine version | text config (canonical JSON)
//   | u32 shard index | u32 shard count | u32 shards held
//   | u32 tables, each: u8 kind | summary | (activity file: log, u32 + texts repeated names) or (text raw bytes;
//     not in a handoff, whose reader has the table)
//   | u8 has activity | the activity part (all activity files) | legacy-proxy sums per person
//   | u32 usage exports, each: text bytes | text source | u8 format
//   | 32-byte SHA-256 of everything before it
#include <array>
#include <cstring>

#include <nlohmann/json.hpp>

#include "activity/part_codec.h"
#include "base/byte_codec.h"
#include "base/date.h"
#include "base/sha256.h"
#include "config/config_json.h"
#include "ingest/cell_parse.h"
#include "session/session_impl.h"

namespace gapscore {
namespace {

constexpr std::string_view kMagic = "GSPSTATE";
// 2: several activity files, shards held, date formats, legacy-proxy sums, usage formats 5-7;
// 3: the activity's sums and cell codes as varints;
// 4: the same layout, but people are shared out among parallel readers by
// another hash (ingest/shard.h): a shard of format 3 would hold other people
// than a shard of 4, so only a whole state of format 3 still loads.
// 5: a diagnostic names its file (Diagnostic::source).
// 6: the legacy-proxy sums in millionths (ingest::ProxySums), exact in any order.
constexpr std::uint32_t kFormatVersion = 6, kWholeStatesSince = 3, kShardsSince = 4, kDiagnosticSourceSince = 5,
                        kProxyMillionthsSince = 6;

std::uint64_t double_bits(double v) {
  std::uint64_t b = 0;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

double bits_double(std::uint64_t b) {
  double v = 0;
  std::memcpy(&v, &b, sizeof v);
  return v;
}

Error state_error(DiagCode code, std::string why) {
  return Error(make_diagnostic(code, "saved state: " + std::move(why), "state"));
}

void write_summary(const TableSummary& s, ByteWriter& w) {
  w.text(s.table);
  w.text(s.source_name);
  w.text(s.format);
  w.u64(s.bytes);
  w.text(s.sha256);
  w.u64(s.rows_read);
  w.u64(s.rows_used);
  w.u64(s.rows_skipped);
  w.u64(s.blank_lines);
  w.text(s.delimiter);
  w.u8(s.byte_order_mark ? 1 : 0);
  w.u32(static_cast<std::uint32_t>(s.columns.size()));
  for (const std::string& c : s.columns) w.text(c);
  w.u32(static_cast<std::uint32_t>(s.ignored_columns.size()));
  for (const std::string& c : s.ignored_columns) w.text(c);
  w.text(s.date_format);
}

TableSummary read_summary(ByteReader& r) {
  TableSummary s;
  s.table = r.text();
  s.source_name = r.text();
  s.format = r.text();
  s.bytes = r.u64();
  s.sha256 = r.text();
  s.rows_read = r.u64();
  s.rows_used = r.u64();
  s.rows_skipped = r.u64();
  s.blank_lines = r.u64();
  s.delimiter = r.text();
  s.byte_order_mark = r.u8() != 0;
  for (std::uint32_t i = 0, n = r.count(4); i < n; ++i) s.columns.push_back(r.text());
  for (std::uint32_t i = 0, n = r.count(4); i < n; ++i) s.ignored_columns.push_back(r.text());
  s.date_format = r.text();
  return s;
}

void write_diagnostic(const Diagnostic& d, ByteWriter& w) {
  w.u32(static_cast<std::uint32_t>(d.code));
  w.u8(static_cast<std::uint8_t>(d.severity));
  w.text(d.message);
  w.text(d.table);
  w.text(d.source);
  w.u64(d.row);
  w.text(d.column);
  w.text(d.value);
  w.u64(d.byte_offset);
  w.u8(d.names_person ? 1 : 0);
}

Diagnostic read_diagnostic(ByteReader& r, std::uint32_t format) {
  Diagnostic d;
  const std::uint32_t code = r.u32();
  if (code >= diag_code_count()) r.fail();
  d.code = r.ok() ? diag_code_at(code) : DiagCode::internal_error;
  const std::uint8_t severity = r.u8();
  if (severity > static_cast<std::uint8_t>(Severity::info)) r.fail();
  d.severity = static_cast<Severity>(severity);
  d.message = r.text();
  d.table = r.text();
  if (format >= kDiagnosticSourceSince) d.source = r.text();
  d.row = r.u64();
  d.column = r.text();
  d.value = r.text();
  d.byte_offset = r.u64();
  d.names_person = r.u8() != 0;
  return d;
}

void write_log(const DiagnosticLog& log, ByteWriter& w) {
  w.u32(static_cast<std::uint32_t>(log.items().size()));
  for (const Diagnostic& d : log.items()) write_diagnostic(d, w);
  w.u32(static_cast<std::uint32_t>(log.counts().size()));
  for (const auto& [key, n] : log.counts()) {
    w.text(key.first);
    w.u32(static_cast<std::uint32_t>(key.second));
    w.u64(n);
  }
  w.u64(log.total());
  w.u64(log.errors());
  w.u64(log.warnings());
}

DiagnosticLog read_log(ByteReader& r, std::size_t max_items, std::uint32_t format) {
  std::vector<Diagnostic> items;
  for (std::uint32_t i = 0, n = r.count(32); i < n && r.ok(); ++i) items.push_back(read_diagnostic(r, format));
  std::map<std::pair<std::string, DiagCode>, std::uint64_t> counts;
  for (std::uint32_t i = 0, n = r.count(16); i < n && r.ok(); ++i) {
    std::string table = r.text();
    const std::uint32_t code = r.u32();
    const std::uint64_t count = r.u64();
    if (code >= diag_code_count()) r.fail();
    if (r.ok()) counts[{std::move(table), diag_code_at(code)}] = count;
  }
  const std::uint64_t total = r.u64(), errors = r.u64(), warnings = r.u64();
  if (items.size() > max_items) r.fail();
  return DiagnosticLog::restore(max_items, std::move(items), std::move(counts), total, errors, warnings);
}

// The config fields that decide how inputs are read; a saved state and the
// config that reads it must agree on all of them.
std::vector<std::string> reading_differences(const Config& a, const Config& b) {
  std::vector<std::string> diff;
  if (a.period != b.period) diff.push_back("period");
  if (a.window_start != b.window_start || a.window_end != b.window_end) diff.push_back("window");
  if (a.strict != b.strict) diff.push_back("mode");
  if (a.columns != b.columns) diff.push_back("columns");
  if (a.date_formats != b.date_formats) diff.push_back("date_formats");
  if (a.encodings != b.encodings) diff.push_back("encodings");
  if (a.usage.identity != b.usage.identity) diff.push_back("usage.identity");
  if (a.max_diagnostics != b.max_diagnostics) diff.push_back("max_diagnostics");
  return diff;
}

// The reading settings as a config file would give them (parse_config reads it back).
std::string reading_config_json(const Config& c) {
  nlohmann::ordered_json j;
  j["mode"] = c.strict ? "strict" : "lenient";
  j["max_diagnostics"] = c.max_diagnostics;
  j["period"] = c.period == Period::week ? "week" : "month";
  nlohmann::ordered_json window = nlohmann::ordered_json::object();
  if (c.window_start) window["start"] = format_iso_date(*c.window_start);
  if (c.window_end) window["end"] = format_iso_date(*c.window_end);
  j["window"] = window;
  nlohmann::ordered_json columns = nlohmann::ordered_json::object();
  for (const auto& [table, pairs] : c.columns)
    for (const auto& [from, to] : pairs) columns[table][from] = to;
  j["columns"] = columns;
  nlohmann::ordered_json dates = nlohmann::ordered_json::object();
  for (const auto& [table, format] : c.date_formats) dates[table] = format;
  j["date_formats"] = dates;
  if (!c.encodings.empty()) {  // older states have none: their inputs were UTF-8
    nlohmann::ordered_json enc = nlohmann::ordered_json::object();
    for (const auto& [table, name] : c.encodings) enc[table] = name;
    j["encodings"] = enc;
  }
  j["usage"] = {{"identity", c.usage.identity}};
  return j.dump();
}

}  // namespace

void keep_found_encodings(const Config& was, Config& now) {
  for (const auto& [table, name] : was.encodings) now.encodings.try_emplace(table, name);
}

Status check_same_reading(const Config& was, const Config& now) {
  const std::vector<std::string> diff = reading_differences(was, now);
  if (diff.empty()) return Ok{};
  std::string list;
  for (const std::string& d : diff) list += (list.empty() ? "" : ", ") + d;
  Diagnostic d = make_diagnostic(DiagCode::config_needs_reread,
                                 "these settings decide how the inputs are read and differ from the ones they were read "
                                 "with: " + list + "; read the inputs again with the new settings",
                                 "config", 0, diff.front());
  return Error(std::move(d));
}

Result<std::string> Session::save_state(StateUse use) const {
  const Impl& m = *impl_;
  if (m.fatal) return *m.fatal;
  if (m.current) return state_error(DiagCode::invalid_argument, "a table is still open");
  if (m.dataset) return state_error(DiagCode::invalid_argument, "save the state before the first report (or join)");
  // Everything but the checksum.
  auto write = [&m, use](ByteWriter& w) -> Status {
    w.raw(kMagic);
    w.u32(kFormatVersion);
    w.text(engine_version());
    w.text(reading_config_json(m.config));
    w.u32(m.shard.index);
    w.u32(m.shard.count);
    w.u32(m.shards_held);
    w.u32(static_cast<std::uint32_t>(m.tables.size()));
    std::size_t activity_file = 0;
    for (const IngestedTable& t : m.tables) {
      const auto kind = *table_kind_from_name(t.summary.table);
      w.u8(static_cast<std::uint8_t>(kind));
      write_summary(t.summary, w);
      if (kind == TableKind::activity) {
        if (!m.activity_part || activity_file >= m.activity_files.size())
          return state_error(DiagCode::internal_error, "the activity state is missing");
        const Impl::ActivityFile& f = m.activity_files[activity_file++];
        write_log(f.log, w);
        w.u32(static_cast<std::uint32_t>(f.repeats.size()));
        for (const std::string& name : f.repeats) w.text(name);
        continue;
      }
      // The merging reader read this table itself: a handoff carries its summary only.
      if (use == StateUse::handoff) continue;
      const auto raw = m.raw_tables.find(kind);
      if (raw == m.raw_tables.end())
        return state_error(DiagCode::invalid_argument,
                           "the " + t.summary.table + " table's bytes were not kept (typed columns, or keep_table_bytes(false)); give it as CSV or JSON to save it");
      w.text(raw->second);
    }
    w.u8(activity_file > 0 ? 1 : 0);
    if (activity_file > 0) {
      activity::PartCodec::write(*m.activity_part, w);
      w.u32(static_cast<std::uint32_t>(m.activity_proxies.by_person.size()));
      for (const auto& [person, sums] : m.activity_proxies.by_person) {
        w.text(person);
        w.u32(static_cast<std::uint32_t>(sums.size()));
        for (const auto& [sum, rows] : sums) {
          w.u64(double_bits(sum));
          w.u64(double_bits(rows));
        }
      }
    }
    w.u32(static_cast<std::uint32_t>(m.raw_usage.size()));
    for (const Impl::RawUsage& u : m.raw_usage) {
      w.text(u.bytes);
      w.text(u.source);
      w.u8(static_cast<std::uint8_t>(u.format));
    }
    return Ok{};
  };
  // Counted first, then written into one buffer of the exact size.
  ByteWriter size = ByteWriter::counting();
  if (Status s = write(size); !s) return std::move(s).error();
  ByteWriter w;
  w.reserve(size.size() + 32);
  if (Status s = write(w); !s) return std::move(s).error();
  std::array<std::uint8_t, 32> digest{};
  if (use == StateUse::file) digest = sha256(w.bytes());
  w.raw(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
  return std::move(w.bytes());
}

Result<Session> Session::load_state(std::string_view state, std::string_view config_json, StateUse use) {
  auto config = parse_config(config_json);
  if (!config) return std::move(config).error();
  if (state.size() < kMagic.size() + 32 || state.substr(0, kMagic.size()) != kMagic)
    return state_error(DiagCode::unknown_format, "not a gapscore state file (no GSPSTATE header)");
  const std::string_view body = state.substr(0, state.size() - 32);
  if (use == StateUse::file) {
    const auto digest = sha256(body);
    if (std::string_view(reinterpret_cast<const char*>(digest.data()), 32) != state.substr(state.size() - 32))
      return state_error(DiagCode::invalid_json, "the checksum does not match: the file is corrupt or truncated");
  }
  ByteReader r(body);
  (void)r.raw(kMagic.size());
  const std::uint32_t format = r.u32();
  if (format < kWholeStatesSince || format > kFormatVersion)
    return state_error(DiagCode::unknown_format, "format version " + std::to_string(format) + " (this engine reads " +
                                                     std::to_string(kFormatVersion) + ")");
  const std::string version = r.text();
  if (version != engine_version())
    return state_error(DiagCode::unknown_format, "made by gapscore " + clip_for_diagnostic(version) + ", this is " +
                                                     std::string(engine_version()) + "; read the inputs again");
  auto saved = parse_config(r.text());
  if (!saved) return state_error(DiagCode::invalid_json, "its config is unreadable");
  keep_found_encodings(*saved, *config);
  if (Status s = check_same_reading(*saved, *config); !s) return std::move(s).error();
  auto session = create(std::move(config).value());
  if (!session) return std::move(session).error();
  Impl& m = *session->impl_;
  m.shard.index = r.u32();
  m.shard.count = r.u32();
  m.shards_held = r.u32();
  if (!r.ok() || m.shard.count == 0 || m.shard.index >= m.shard.count || m.shards_held == 0 ||
      m.shards_held >= m.shard.count + (m.shard.count == 1 ? 1 : 0))
    return state_error(DiagCode::invalid_json, "corrupt shard");
  if (format < kShardsSince && m.shard.count > 1)
    return state_error(DiagCode::unknown_format, "a shard of format version " + std::to_string(format) +
                                                     ", whose people were shared out among readers differently; read the inputs again");
  const std::uint32_t tables = r.count(8);
  for (std::uint32_t i = 0; i < tables; ++i) {
    const std::uint8_t kind_byte = r.u8();
    if (!r.ok() || kind_byte >= kTableKindCount) return state_error(DiagCode::invalid_json, "corrupt table list");
    const auto kind = static_cast<TableKind>(kind_byte);
    TableSummary summary = read_summary(r);
    if (!r.ok() || summary.table != table_name(kind)) return state_error(DiagCode::invalid_json, "corrupt table summary");
    if (m.seen[kind_byte] && kind != TableKind::activity) return state_error(DiagCode::invalid_json, "a table is listed twice");
    if (kind == TableKind::activity) {
      // Several activity files: strictly in SHA-256 order (the order they were read in).
      const std::vector<TableSummary*> before = m.activity_summaries();
      if (!before.empty() && !(before.back()->sha256 < summary.sha256) && !summary.sha256.empty())
        return state_error(DiagCode::invalid_json, "the activity files are not in SHA-256 order");
      Impl::ActivityFile& f = m.new_activity_file();
      f.log = read_log(r, f.log.max_items(), format);
      for (std::uint32_t k = 0, n = r.count(4); k < n && r.ok(); ++k) f.repeats.insert(r.text());
      if (!r.ok()) return state_error(DiagCode::invalid_json, "the activity diagnostics are corrupt");
      m.seen[kind_byte] = true;
      IngestedTable t;
      t.table.name = "activity";
      t.summary = std::move(summary);
      m.tables.push_back(std::move(t));
      continue;
    }
    if (!m.activity_files.empty()) return state_error(DiagCode::invalid_json, "a table is listed after the activity");
    if (use == StateUse::handoff) {
      // Only merged (Session::merge compares the summaries): not read again.
      m.seen[kind_byte] = true;
      IngestedTable t;
      t.table.name = summary.table;
      t.summary = std::move(summary);
      m.tables.push_back(std::move(t));
      continue;
    }
    const std::string raw = r.text();
    if (!r.ok()) return state_error(DiagCode::invalid_json, "a table's bytes are cut off");
    // Read again as it was read: same bytes, same config, same diagnostics.
    const InputFormat table_format = summary.format == "json" ? InputFormat::json : InputFormat::csv;
    if (Status s = session->begin_table(kind, summary.source_name, table_format); !s) return std::move(s).error();
    if (Status s = session->push(raw); !s) return std::move(s).error();
    if (Status s = session->end_table(); !s) return std::move(s).error();
  }
  const std::uint8_t has_part = r.u8();
  if (!r.ok() || has_part != (m.activity_files.empty() ? 0 : 1)) return state_error(DiagCode::invalid_json, "corrupt activity marker");
  if (has_part) {
    auto part = activity::PartCodec::read(r);
    if (!part) return state_error(DiagCode::invalid_json, "the activity state is corrupt");
    std::vector<std::uint32_t> same(m.activity_files.size());
    for (std::uint32_t i = 0; i < same.size(); ++i) same[i] = i;
    if (!part->renumber_files(same)) return state_error(DiagCode::invalid_json, "the activity state names an unknown file");
    m.activity_part.emplace(std::move(*part));
    for (std::uint32_t p = 0, n = r.count(8); p < n && r.ok(); ++p) {
      auto& sums = m.activity_proxies.by_person[r.text()];
      for (std::uint32_t c = 0, k = r.count(16); c < k && r.ok(); ++c) {
        const double sum = bits_double(r.u64()), rows = bits_double(r.u64());
        // Earlier formats kept the sums themselves, added as doubles row by row.
        std::int64_t fixed = 0;
        const double millionths = format >= kProxyMillionthsSince ? sum
                                  : ingest::to_fixed(sum, fixed) ? static_cast<double>(fixed)
                                                                 : sum * 1e6;
        sums.emplace_back(millionths, rows);
      }
    }
    if (!r.ok()) return state_error(DiagCode::invalid_json, "the activity's proxy sums are corrupt");
  }
  const std::uint32_t usage = r.count(9);
  for (std::uint32_t i = 0; i < usage; ++i) {
    const std::string bytes = r.text(), source = r.text();
    const std::uint8_t format_byte = r.u8();
    if (!r.ok() || format_byte > static_cast<std::uint8_t>(UsageFormat::github_org_report))
      return state_error(DiagCode::invalid_json, "a usage export is cut off");
    if (Status s = session->add_usage(bytes, source, static_cast<UsageFormat>(format_byte)); !s) return std::move(s).error();
  }
  if (!r.ok() || r.remaining() != 0) return state_error(DiagCode::invalid_json, "unexpected bytes at the end");
  return session;
}

}  // namespace gapscore
