#include "inputs.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "file_io.h"
#include "workbook_file.h"

namespace gapscore::cli {

namespace {
Diagnostic usage(std::string message) { return make_diagnostic(DiagCode::invalid_argument, std::move(message)); }
}  // namespace

std::vector<FlagSpec> input_flags() {
  return {
      {"activity", true, true, "activity table (CSV or JSON), required; repeat for several files of one table "
                               "(read in SHA-256 order: for a key in two files the first file wins)"},
      {"people", true, false, "people table"},
      {"surveys", true, false, "pulse-survey table"},
      {"playbook", true, false, "role playbook table"},
      {"identities", true, false, "maps users named in usage exports to person_id"},
      {"usage", true, true, "AI-usage export (Microsoft 365 / GitHub Copilot / Viva Insights person query); repeat for several files"},
      {"usage-format", true, false, "force the usage format: m365_copilot_csv, m365_copilot_graph_json, "
                                    "github_copilot_users_ndjson, github_copilot_aggregate_json, viva_person_query, "
                                    "github_copilot_users_report, github_copilot_org_report"},
      {"config", true, false, "JSON configuration file"},
      {"group-by", true, false, "comma-separated person attributes (overrides config), e.g. team,role, or a person "
                                "query's HR attributes, e.g. Organization"},
      {"rollup-by", true, false, "a coarser person attribute that contains the groups (overrides config), e.g. "
                                 "department, a column of the people table"},
      {"strict", false, false, "fail on the first bad rows instead of skipping them"},
      {"threads", true, false, "read the activity with N threads (default: the machine's cores; 1 in strict mode)"},
      {"split", true, false, "how threads share one activity CSV: people (default: each reads every byte and keeps its "
                             "share of the people) or bytes (each reads a byte range; a range starting inside a quoted "
                             "field falls back to people)"},
      sheet_flag(),
  };
}

namespace {

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

Result<Session> make_analysis(const ParsedArgs& args, TableBytes bytes, const std::map<std::string, std::string>& encodings) {
  // Adoption-only: usage exports with a people table, or a Viva Insights person
  // query, which lists the people itself (the engine says when neither is given).
  if (!args.has("activity") && !args.has("usage"))
    return Error(usage("--activity FILE is required (or --usage FILE, with --people FILE unless it is a Viva Insights "
                       "person query, for an adoption-only report)"));
  if (auto f = args.get("usage-format"); f && !usage_format_from_name(*f))
    return Error(usage("--usage-format: unknown format \"" + *f + "\""));
  std::string config_text;
  if (auto path = args.get("config")) {
    auto text = read_file(*path);
    if (!text) return std::move(text).error();
    config_text = std::move(text).value();
  }
  auto config = parse_config(config_text);
  if (!config) return std::move(config).error();
  if (auto g = args.get("group-by")) {
    std::vector<std::string> attrs = split_commas(*g);
    // The same rules as config.group_by: the people table's attributes, or a
    // person query's HR attributes (checked against the inputs at the join).
    nlohmann::ordered_json probe;
    probe["group_by"] = attrs;
    if (auto checked = parse_config(probe.dump()); !checked)
      return Error(usage("--group-by: " + checked.error().first().message));
    config->group_by = std::move(attrs);
  }
  if (auto r = args.get("rollup-by")) {
    nlohmann::ordered_json probe;
    probe["group_by"] = config->group_by;
    probe["rollup_by"] = *r;
    if (auto checked = parse_config(probe.dump()); !checked)
      return Error(usage("--rollup-by: " + checked.error().first().message));
    config->rollup_by = *r;
  }
  if (args.has("strict")) config->strict = true;
  for (const auto& [table, name] : encodings) config->encodings[table] = name;
  auto session = Session::create(std::move(config).value());
  if (session) session->keep_table_bytes(bytes == TableBytes::keep);
  return session;
}

Result<ActivityPlan> plan_activity(const ParsedArgs& args) {
  ActivityPlan plan;
  const std::vector<std::string>& paths = args.all("activity");
  if (paths.size() <= 1) {
    for (const std::string& p : paths) plan.files.push_back({p, ""});
    return plan;
  }
  // Several files are one table in one canonical order, their SHA-256: hash
  // each first (the readers then skip hashing), read each distinct file once.
  std::vector<ActivityPlan::File> all;
  for (const std::string& p : paths) {
    if (p == "-") return Error(usage("--activity -: standard input cannot be one of several activity files"));
    auto bytes = read_file(p);
    if (!bytes) return std::move(bytes).error();
    all.push_back({p, sha256_hex(bytes.value())});
  }
  std::sort(all.begin(), all.end(), [](const ActivityPlan::File& a, const ActivityPlan::File& b) {
    return a.sha256 != b.sha256 ? a.sha256 < b.sha256 : a.path < b.path;
  });
  for (const ActivityPlan::File& f : all) {
    if (!plan.files.empty() && plan.files.back().sha256 == f.sha256) plan.repeats.push_back(f);
    else plan.files.push_back(f);
  }
  return plan;
}

namespace {

// One table file: a workbook's sheet as CSV (the digest is the workbook's),
// anything else streamed as it is. sha256: known already ("" = the session hashes).
Status stream_table_file(Session& analysis, TableKind kind, const std::string& path, const std::string& sha256,
                         Shard shard, const std::string& sheet, const std::function<Result<std::string>()>& range_digest) {
  if (kind == TableKind::activity && shard.by_bytes) {
    // A byte range: the reader says which bytes it needs; the digest is hashed beside it.
    if (Status s = analysis.begin_table(kind, path, InputFormat::csv, shard.file_bytes, shard, true); !s) return s;
    FileChunks file(path);
    if (Status s = analysis.pull([&file](std::uint64_t at, std::string_view& chunk) { return file.read(at, chunk); }); !s)
      return s;
    auto digest = range_digest();
    if (!digest) return std::move(digest).error();
    return analysis.end_table(digest.value());
  }
  auto workbook = read_workbook(path, sheet);
  if (!workbook) return std::move(workbook).error();
  if (*workbook) {
    const WorkbookSheet& w = **workbook;
    if (Status s = analysis.begin_table(kind, path, InputFormat::csv, w.csv.size(), shard, true); !s) return s;
    if (Status s = analysis.push(w.csv); !s) return s;
    return analysis.end_table(w.sha256);
  }
  std::error_code size_error;  // standard input and pipes have no size: no hint
  const auto size = path == "-" ? 0 : std::filesystem::file_size(path, size_error);
  if (Status s = analysis.begin_table(kind, path, InputFormat::detect, size_error ? 0 : size, shard, !sha256.empty()); !s)
    return s;
  Status s = stream_file(path, [&](std::string_view chunk) { return analysis.push(chunk); });
  if (!s) return s;
  return analysis.end_table(sha256);
}

// The tables of the command line, the activity as shard `shard` (usage exports
// go to shard 0 only: they are not split). A byte range of the activity ends
// with `range_digest()`, the file's digest.
Status stream_tables(const ParsedArgs& args, const ActivityPlan& plan, Session& analysis, Shard shard,
                     const std::function<Result<std::string>()>& range_digest = {}) {
  for (TableKind kind : kReadOrder) {
    const std::string name(table_name(kind));
    if (kind == TableKind::activity) {
      // All named at once: a file without rows to use is a warning whenever another has some.
      if (plan.files.size() > 1)
        if (Status s = analysis.expect_activity_files(plan.files.size()); !s) return s;
      for (const ActivityPlan::File& f : plan.files)
        if (Status s = stream_table_file(analysis, kind, f.path, f.sha256, shard, sheet_for(args, name), range_digest); !s)
          return s;
      for (const ActivityPlan::File& f : plan.repeats)
        if (Status s = analysis.note_repeated_input(kind, f.path, f.sha256); !s) return s;
      continue;
    }
    if (const auto path = args.get(name))
      if (Status s = stream_table_file(analysis, kind, *path, "", shard, sheet_for(args, name), range_digest); !s) return s;
  }
  if (shard.index > 0) return Ok{};
  const UsageFormat format = usage_format_from_name(args.get("usage-format").value_or("")).value_or(UsageFormat::detect);
  for (const std::string& path : args.all("usage")) {
    auto bytes = read_file(path);
    if (!bytes) return std::move(bytes).error();
    auto workbook = read_workbook_bytes(bytes.value(), path, sheet_for(args, "usage"));
    if (!workbook) return std::move(workbook).error();
    const std::string& text = *workbook ? (*workbook)->csv : bytes.value();
    if (Status s = analysis.add_usage(text, path, format); !s) return s;
  }
  return Ok{};
}

std::uint32_t thread_count(const ParsedArgs& args, const Session& analysis) {
  // One reader when the input cannot be read twice or gains nothing from it.
  if (!args.has("activity") || analysis.config().strict) return 1;
  // A workbook is read whole (unzipped, its sheet made CSV): once, by one reader.
  for (const std::string& activity : args.all("activity"))
    if (activity == "-" || (activity.size() >= 5 && activity.substr(activity.size() - 5) == ".json") ||
        is_workbook_file(activity))
      return 1;
  if (auto t = args.get("threads")) {
    const long n = std::strtol(t->c_str(), nullptr, 10);
    return static_cast<std::uint32_t>(std::clamp(n, 1L, 64L));
  }
  return std::clamp(std::thread::hardware_concurrency(), 1U, 16U);
}

// The tables read `threads` times at once: sessions 1..threads-1 on threads
// of their own, this thread's `analysis` too; session i reads the activity as
// shard_of(i), a byte range of it ending with others_digest() (my_digest()
// for this thread's).
struct ParallelReads {
  std::vector<std::optional<Session>> sessions;
  std::vector<Status> results;
  Status mine = Ok{};
};

// task(0..n-1), one thread each (this one runs task 0).
void run_in_parallel(std::size_t n, const std::function<void(std::size_t)>& task) {
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < n; ++i) threads.emplace_back(task, i);
  if (n > 0) task(0);
  for (std::thread& t : threads) t.join();
}

ParallelReads read_in_parallel(const ParsedArgs& args, const ActivityPlan& plan, Session& analysis, std::uint32_t threads,
                               const std::function<Shard(std::uint32_t)>& shard_of,
                               const std::function<Result<std::string>()>& others_digest,
                               const std::function<Result<std::string>()>& my_digest) {
  ParallelReads r{std::vector<std::optional<Session>>(threads), std::vector<Status>(threads, Status(Ok{}))};
  run_in_parallel(threads, [&](std::size_t task) {
    const auto i = static_cast<std::uint32_t>(task);
    if (i == 0) {
      r.mine = stream_tables(args, plan, analysis, shard_of(0), my_digest);
      return;
    }
    // Merged into reader 0, never saved itself; it reads as reader 0 does.
    auto s = make_analysis(args, TableBytes::drop, analysis.config().encodings);
    if (!s) {
      r.results[i] = std::move(s).error();
      return;
    }
    r.results[i] = stream_tables(args, plan, *s, shard_of(i), others_digest);
    r.sessions[i] = std::move(s).value();
  });
  return r;
}

// One activity CSV read by `threads` readers, each taking a byte range of
// it, while another thread hashes it. False: the ranges did not line up (see
// Session::merge_range) or a reader failed: read it another way.
Result<bool> stream_by_ranges(const ParsedArgs& args, const ActivityPlan& plan, Session& analysis, std::uint32_t threads) {
  const std::string& path = plan.files[0].path;
  std::error_code size_error;
  const std::uint64_t size = std::filesystem::file_size(path, size_error);
  if (size_error) return false;
  std::future<Result<std::string>> digest = std::async(std::launch::async, [&path]() -> Result<std::string> {
    Sha256Stream hash;
    Status s = stream_file(path, [&hash](std::string_view chunk) -> Status {
      hash.update(chunk);
      return Ok{};
    });
    if (!s) return std::move(s).error();
    return hash.finish_hex();
  });
  // Only the first range's digest is kept; the others' are never read.
  ParallelReads reads = read_in_parallel(
      args, plan, analysis, threads, [&](std::uint32_t i) { return Shard{i, threads, true, size}; },
      []() -> Result<std::string> { return std::string(64, '0'); }, [&digest] { return digest.get(); });
  if (digest.valid()) digest.wait();
  if (!reads.mine) return false;
  std::vector<Session> later;
  for (std::uint32_t i = 1; i < threads; ++i) {
    if (!reads.results[i]) return false;
    later.push_back(std::move(*reads.sessions[i]));
  }
  // Each range's second reading (for its repeats) has a handle of its own.
  const auto open_source = [&path]() -> ChunkSource {
    auto file = std::make_shared<FileChunks>(path);
    return [file](std::uint64_t at, std::string_view& chunk) { return file->read(at, chunk); };
  };
  return analysis.merge_ranges(std::move(later), open_source, run_in_parallel);
}

}  // namespace

namespace {

Status stream_inputs_once(const ParsedArgs& args, Session& analysis, TableBytes bytes) {
  const std::string split = args.get("split").value_or("people");
  if (split != "people" && split != "bytes") return Error(usage("--split: people or bytes"));
  if (auto t = args.get("threads")) {
    // A whole number of readers: "abc", "-1", "2.5" or "" are usage errors, not one reader.
    const bool digits = !t->empty() && t->size() <= 6 && std::all_of(t->begin(), t->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::strtol(t->c_str(), nullptr, 10) < 1) return Error(usage("--threads: a whole number of 1 or more"));
  }
  auto planned = plan_activity(args);
  if (!planned) return std::move(planned).error();
  const ActivityPlan& plan = planned.value();
  const std::uint32_t threads = thread_count(args, analysis);
  if (threads == 1) return stream_tables(args, plan, analysis, Shard{});
  // A Windows-1252 activity is read from its start: its byte offsets are not the text's.
  if (split == "bytes" && plan.files.size() == 1 && plan.repeats.empty() && !analysis.config().encodings.count("activity")) {
    auto by_ranges = stream_by_ranges(args, plan, analysis, threads);
    if (!by_ranges) return std::move(by_ranges).error();
    if (by_ranges.value()) return Ok{};
    // Read by person instead, from the start, into a session as it was made.
    const std::string ledger = analysis.ledger();
    auto fresh = make_analysis(args, bytes, analysis.config().encodings);
    if (!fresh) return std::move(fresh).error();
    if (!ledger.empty())
      if (Status s = fresh->set_ledger(ledger); !s) return s;
    analysis = std::move(fresh).value();
  }
  // Every thread reads every byte and keeps its share of the people; shard 0
  // (this thread) then merges the others, in order.
  ParallelReads reads = read_in_parallel(args, plan, analysis, threads, [&](std::uint32_t i) { return Shard{i, threads}; }, {}, {});
  if (!reads.mine) return reads.mine;
  for (std::uint32_t i = 1; i < threads; ++i) {
    if (!reads.results[i]) {
      // Another reader's people hit the error (this one skipped their rows):
      // merged, its failure becomes this session's, so `validate --json` says it too.
      if (reads.sessions[i]) (void)analysis.merge(std::move(*reads.sessions[i]));
      return reads.results[i];
    }
    if (Status m = analysis.merge(std::move(*reads.sessions[i])); !m) return m;
  }
  return Ok{};
}

}  // namespace

Status stream_inputs(const ParsedArgs& args, Session& analysis, TableBytes bytes) {
  for (;;) {
    Status s = stream_inputs_once(args, analysis, bytes);
    if (s || s.error().first().code != DiagCode::looks_windows_1252) return s;
    // Not UTF-8, and only ASCII before the first bad byte: Excel's "CSV" on
    // Windows, most likely. The table is read again as Windows-1252 (as the npm
    // package does), into a new session; the report's config says so.
    Config config = analysis.config();
    const std::string table = s.error().first().table;
    if (!config.encodings.emplace(table, "windows-1252").second) return s;
    const std::string ledger = analysis.ledger();
    auto fresh = make_analysis(args, bytes, config.encodings);
    if (!fresh) return std::move(fresh).error();
    if (!ledger.empty())
      if (Status l = fresh->set_ledger(ledger); !l) return l;
    analysis = std::move(fresh).value();
  }
}

int failure_exit_code(DiagCode code) {
  switch (code) {
    case DiagCode::invalid_argument:
    case DiagCode::io_error:
    case DiagCode::config_invalid_json:
    case DiagCode::config_unknown_key:
    case DiagCode::config_invalid_value:
    case DiagCode::privacy_ledger_invalid:
      return 2;
    default:
      return 1;
  }
}

void print_diagnostics(const std::vector<Diagnostic>& items) {
  // A row problem starts with its file, as a compiler's would: "feb.csv: activity row 3, ...".
  for (const Diagnostic& d : items)
    std::fprintf(stderr, "%s [%s]: %s%s%s\n", severity_name(d.severity), std::string(diag_code_name(d.code)).c_str(),
                 d.source.c_str(), d.source.empty() ? "" : ": ", d.message.c_str());
}

void print_log(const DiagnosticLog& log) {
  print_diagnostics(log.items());
  if (log.truncated())
    std::fprintf(stderr, "... %llu more diagnostics not listed\n",
                 static_cast<unsigned long long>(log.total() - log.items().size()));
}

void print_unless_logged(const Error& error, const DiagnosticLog& log) {
  const Diagnostic& first = error.first();
  const auto& logged = log.items();
  const bool in_log = std::any_of(logged.begin(), logged.end(), [&](const Diagnostic& d) {
    return d.code == first.code && d.message == first.message;
  });
  if (!in_log) print_diagnostics(error.diagnostics);
}

}  // namespace gapscore::cli
