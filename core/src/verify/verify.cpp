// verify_report: digests, then recomputation, then a byte comparison.
#include <array>

#include <nlohmann/json.hpp>

#include "base/json_parse.h"
#include "config/config_json.h"
#include "gapscore/session.h"
#include "base/sha256.h"
#include "gapscore/verify.h"

namespace gapscore {
namespace {

std::string table_str(TableKind k) { return std::string(table_name(k)); }

std::string described(const ReportedInput& in) {
  return table_str(in.kind) + (in.source.empty() ? std::string() : " (" + in.source + ")");
}

InputFormat format_of(const std::string& f) {
  if (f == "csv") return InputFormat::csv;
  if (f == "json") return InputFormat::json;
  return InputFormat::detect;
}

// A dp report states its release's place in the privacy-budget ledger
// (privacy.differential_privacy.ledger, after the release). Recomputing it as
// the same release needs the ledger as it was before: spent minus epsilon, one
// release fewer. Empty when the report is not a later dp release.
std::string ledger_before(std::string_view report_text) {
  JsonParseError error;
  const auto r = parse_json_dom(report_text, error);
  if (!r || !r->is_object()) return {};
  const auto privacy = r->find("privacy");
  if (privacy == r->end() || !privacy->is_object()) return {};
  const auto dp = privacy->find("differential_privacy");
  if (dp == privacy->end() || !dp->is_object()) return {};
  const auto l = dp->find("ledger"), eps = dp->find("epsilon_spent");
  if (l == dp->end() || !l->is_object() || eps == dp->end() || !eps->is_number()) return {};
  const auto id = l->find("id"), total = l->find("total_epsilon"), spent = l->find("spent_epsilon"),
             releases = l->find("releases");
  if (id == l->end() || !id->is_string() || total == l->end() || !total->is_number() || spent == l->end() ||
      !spent->is_number() || releases == l->end() || !releases->is_number_unsigned() ||
      releases->get<std::uint64_t>() < 2)
    return {};
  nlohmann::ordered_json entry = {{"total_epsilon", total->get<double>()},
                                  {"spent_epsilon", spent->get<double>() - eps->get<double>()},
                                  {"releases", releases->get<std::uint64_t>() - 1}};
  nlohmann::ordered_json text = {{"gapscore_privacy_ledger", 1},
                                 {"entries", {{id->get<std::string>(), std::move(entry)}}}};
  return text.dump();
}

VerifyOutcome stop(VerifyOutcome out, VerifyVerdict verdict, std::string headline) {
  out.verdict = verdict;
  out.headline = std::move(headline);
  return out;
}

void add_diagnostics(VerifyOutcome& out, const Error& e, std::size_t from = 0) {
  for (std::size_t i = from; i < e.diagnostics.size(); ++i) out.messages.push_back(e.diagnostics[i].message);
}

// The report's config printed back from the re-created Config must be the report's:
// otherwise this engine cannot re-create the run (a key it prints but cannot read).
std::optional<ReportDifference> config_round_trip(const ReportRecord& record, const Config& config) {
  const std::string again =
      config_json(config).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  auto d = first_difference(record.config_json, again);
  if (!d || !d->note.empty()) return std::nullopt;  // equal values: spelling is the byte comparison's business
  d->path = "/config" + d->path;
  return d;
}

}  // namespace

VerifyOutcome verify_report(std::string_view report_text, std::span<const VerifyInput> inputs,
                            const VerifyOptions& options) {
  VerifyOutcome out;
  auto record_or = read_report_record(report_text);
  if (!record_or) return stop(std::move(out), VerifyVerdict::cannot_verify, "cannot verify: " + record_or.error().message());
  const ReportRecord& record = record_or.value();

  // Which given input is which reported table: by kind, and for a table read
  // from several files (activity given as --activity a.csv --activity b.csv),
  // by digest among the files of that kind.
  std::array<std::size_t, kTableKindCount> given_count{}, reported_count{};
  for (const VerifyInput& in : inputs) ++given_count[static_cast<std::size_t>(in.kind)];
  std::string missing;
  for (const ReportedInput& r : record.inputs) {
    ++reported_count[static_cast<std::size_t>(r.kind)];
    if (!given_count[static_cast<std::size_t>(r.kind)]) missing += (missing.empty() ? "" : ", ") + described(r);
  }
  if (!missing.empty())
    return stop(std::move(out), VerifyVerdict::cannot_verify,
                "cannot verify: the report was made from tables that were not given: " + missing);

  // Digests, before anything that depends on the report's claims about the run.
  bool mismatch = false;
  for (std::size_t k = 0; k < kTableKindCount; ++k) {
    const auto kind = static_cast<TableKind>(k);
    if (given_count[k] && !reported_count[k]) {
      mismatch = true;
      for (const VerifyInput& in : inputs)
        if (in.kind == kind)
          out.messages.push_back("the report was made without a " + table_str(kind) + " table, but one was given (" +
                                 in.name + ")");
    } else if (given_count[k] > reported_count[k]) {
      mismatch = true;
      out.messages.push_back("the report lists " + std::to_string(reported_count[k]) + " " + table_str(kind) +
                             " file(s), " + std::to_string(given_count[k]) + " were given");
    }
  }
  std::vector<std::string> digest(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (!reported_count[static_cast<std::size_t>(inputs[i].kind)]) continue;
    if (!inputs[i].sha256.empty()) {
      digest[i] = inputs[i].sha256;
      continue;
    }
    Sha256 hash;
    Status s = inputs[i].read([&](std::string_view chunk) -> Status {
      hash.update(chunk);
      return Ok{};
    });
    if (!s) {
      add_diagnostics(out, s.error(), 1);
      return stop(std::move(out), VerifyVerdict::cannot_verify, "cannot verify: " + s.error().message());
    }
    digest[i] = to_hex(hash.finish());
  }
  std::vector<const VerifyInput*> source_of(record.inputs.size(), nullptr);
  std::vector<bool> taken(inputs.size(), false);
  // Files whose digest is the report's first, then the rest in order (a mismatch each).
  std::vector<std::size_t> pick(record.inputs.size(), inputs.size());
  for (std::size_t j = 0; j < record.inputs.size(); ++j)
    for (std::size_t i = 0; i < inputs.size() && pick[j] == inputs.size(); ++i)
      if (!taken[i] && inputs[i].kind == record.inputs[j].kind && !record.inputs[j].sha256.empty() &&
          digest[i] == record.inputs[j].sha256) {
        pick[j] = i;
        taken[i] = true;
      }
  for (std::size_t j = 0; j < record.inputs.size(); ++j)
    for (std::size_t i = 0; i < inputs.size() && pick[j] == inputs.size(); ++i)
      if (!taken[i] && inputs[i].kind == record.inputs[j].kind) {
        pick[j] = i;
        taken[i] = true;
      }
  for (std::size_t j = 0; j < record.inputs.size(); ++j) {
    const ReportedInput& r = record.inputs[j];
    if (pick[j] == inputs.size()) {  // fewer files of this kind than the report lists
      mismatch = true;
      out.messages.push_back("the report lists " + std::to_string(reported_count[static_cast<std::size_t>(r.kind)]) +
                             " " + table_str(r.kind) + " file(s), fewer were given: " + described(r) + " is missing");
      continue;
    }
    source_of[j] = &inputs[pick[j]];
    if (r.sha256.empty()) continue;  // typed columns: no bytes, no digest (refused below)
    DigestCheck c;
    c.kind = r.kind;
    c.name = inputs[pick[j]].name;
    c.source = r.source;
    c.expected = r.sha256;
    c.actual = digest[pick[j]];
    c.matches = c.actual == c.expected;
    if (!c.matches) {
      mismatch = true;
      out.messages.push_back(table_str(r.kind) + ": " + inputs[pick[j]].name + " has SHA-256 " + c.actual + ", the report's " +
                             described(r) + " has " + c.expected);
    }
    out.digests.push_back(std::move(c));
  }
  if (mismatch)
    return stop(std::move(out), VerifyVerdict::inputs_mismatch,
                "inputs differ: the given tables are not the ones the report was made from");

  // Can the run be re-created here?
  for (const ReportedInput& r : record.inputs)
    if (r.sha256.empty())
      return stop(std::move(out), VerifyVerdict::cannot_verify,
                  "cannot verify: the " + table_str(r.kind) + " table was given to the run as " +
                      (r.format.empty() ? std::string("an unknown format") : "\"" + r.format + "\"") +
                      " (typed columns), which has no bytes and no digest; only byte inputs can be verified");
  if (record.gapscore_version != engine_version())
    return stop(std::move(out), VerifyVerdict::cannot_verify,
                "cannot verify: the report was made by gapscore " + record.gapscore_version + ", this is gapscore " +
                    std::string(engine_version()) + "; verify it with the version that made it");
  if (record.dp && !record.dp_seeded)
    return stop(std::move(out), VerifyVerdict::cannot_verify,
                "cannot verify: the report is differentially private with secure random noise "
                "(config.privacy.dp.seed is null), so it is random by design and no rerun reproduces it");

  Config config;
  if (options.config) {
    config = *options.config;
    if (options.salt && record.salt_given) config.privacy.salt = *options.salt;
    if (record.salt_given && config.privacy.salt.empty()) {
      out.needs_salt = true;
      return stop(std::move(out), VerifyVerdict::cannot_verify,
                  "cannot verify: the report was made with a secret salt (config.privacy.salt_given is true) and "
                  "the configuration given has none");
    }
  } else {
    auto c = config_from_report(record, options.salt);
    if (!c) {
      out.needs_salt = record.salt_given && (!options.salt || options.salt->empty());
      add_diagnostics(out, c.error(), 1);
      return stop(std::move(out), VerifyVerdict::cannot_verify, "cannot verify: " + c.error().message());
    }
    config = std::move(c).value();
    if (auto d = config_round_trip(record, config)) {
      out.messages.push_back("report: " + d->expected + ", re-created: " + d->actual);
      return stop(std::move(out), VerifyVerdict::cannot_verify,
                  "cannot verify: the report's config does not re-create itself at " + d->path +
                      " (a setting this engine cannot read back)");
    }
  }
  if (options.salt && !record.salt_given)
    out.messages.push_back("note: the report was made without a salt; the salt given was not used");

  // Recompute, streaming the tables in the report's order with its source names.
  auto analysis = Session::create(std::move(config));
  if (!analysis) {
    add_diagnostics(out, analysis.error());
    return stop(std::move(out), VerifyVerdict::cannot_verify, "cannot verify: the configuration is not valid");
  }
  std::optional<Error> run_error;  // the engine's, as opposed to reading the bytes
  if (const std::string ledger = ledger_before(report_text); !ledger.empty())
    if (Status s = analysis->set_ledger(ledger); !s) run_error = s.error();
  for (std::size_t j = 0; j < record.inputs.size(); ++j) {
    if (run_error) break;
    const ReportedInput& r = record.inputs[j];
    const VerifyInput& in = *source_of[j];
    // A workbook's digest is of the file, not of the sheet `read` gives: the caller's.
    const bool digest_given = !in.sha256.empty();
    Status s = analysis->begin_table(r.kind, r.source, format_of(r.format), 0, Shard{}, digest_given);
    if (!s) {
      run_error = s.error();
      break;
    }
    Status read = in.read([&](std::string_view chunk) -> Status {
      Status p = analysis->push(chunk);
      if (!p) run_error = p.error();
      return p;
    });
    if (run_error) break;
    if (!read) {
      add_diagnostics(out, read.error(), 1);
      return stop(std::move(out), VerifyVerdict::cannot_verify, "cannot verify: " + read.error().message());
    }
    Status e = analysis->end_table(in.sha256);
    if (!e) {
      run_error = e.error();
      break;
    }
  }
  if (!run_error) {
    auto text = analysis->report();
    if (text) out.recomputed = std::move(text).value();
    else run_error = text.error();
  }
  if (run_error) {
    add_diagnostics(out, *run_error);
    return stop(std::move(out), VerifyVerdict::different,
                "different: the inputs match the digests but do not produce a report (" + run_error->message() + ")");
  }

  out.difference = first_difference(report_text, out.recomputed);
  if (!out.difference)
    return stop(std::move(out), VerifyVerdict::identical,
                "identical: the report is byte for byte what these inputs produce with gapscore " +
                    std::string(engine_version()));
  const std::string where = out.difference->path.empty() ? std::string("the top level") : out.difference->path;
  return stop(std::move(out), VerifyVerdict::different, "different: the recomputed report differs first at " + where);
}

}  // namespace gapscore
