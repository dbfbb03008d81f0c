// Verifying a report against its inputs (`gapscore verify`, docs/verification.md).
//
// A report records what re-creating its run needs: the engine version, the
// effective configuration (defaults filled in, the salt replaced by
// privacy.salt_given) and the SHA-256 of every input's bytes. Verification
// checks the given inputs against those digests, recomputes the report with the
// report's own configuration and source names, and compares canonical bytes.
// Nothing the report says is trusted beyond that: a match proves the report is
// exactly what these inputs and the stated configuration produce with this
// engine version.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gapscore/config.h"
#include "gapscore/inputs.h"
#include "gapscore/status.h"

namespace gapscore {

// The outcome; the numbers are the CLI's exit codes.
enum class VerifyVerdict : std::uint8_t {
  identical = 0,        // the recomputed report has exactly the report's bytes
  different = 1,        // the inputs match, the recomputed report does not (first difference given)
  inputs_mismatch = 2,  // an input's SHA-256 is not the report's, or a table the report does not list was given
  cannot_verify = 3,    // bad request, or a report that cannot be recomputed here (see messages)
};

const char* verify_verdict_name(VerifyVerdict v);  // "identical", "different", ...

// One entry of report.inputs[].
struct ReportedInput {
  TableKind kind = TableKind::activity;
  std::string source;  // "" when the run gave no source name (report: null)
  std::string format;  // "csv" | "json" | "columns"
  std::string sha256;  // lowercase hex; "" when the report has none (typed columns)
};

// What verification reads from a report.
struct ReportRecord {
  std::string gapscore_version;
  std::vector<ReportedInput> inputs;  // in the order the run read them
  std::string config_json;            // report.config as compact JSON text
  bool salt_given = false;
  bool individual_results = false;
  bool dp = false;         // privacy.dp is set: a differentially private report
  bool dp_seeded = false;  // ... with a fixed noise seed (otherwise random by design)
};

// Reads the parts of a report that verification needs. Anything that is not a
// gapscore report (bad JSON, missing keys) fails with invalid_argument.
Result<ReportRecord> read_report_record(std::string_view report_text);

// The run's Config from the report's effective configuration. In report.config
// null means "not set" (window ends, privacy.dp, privacy.dp.seed, ...) and
// privacy.salt_given stands for the secret salt, which must be given here when
// it is true (invalid_argument naming the salt otherwise); a salt given for a report
// made without one is ignored.
Result<Config> config_from_report(const ReportRecord& record, const std::optional<std::string>& salt);

// Where two report texts first differ: the first value that differs, walking both
// documents in order (numbers by value, so 1 and 1.0 are the same value); when all
// values are equal, only the byte offset and a note.
struct ReportDifference {
  std::string path;      // JSON Pointer (RFC 6901), e.g. "/groups/3/metrics/adoption_rate"; "" = root
  std::string expected;  // value in the report being checked, compact JSON (clipped), "(absent)" if missing
  std::string actual;    // value in the recomputed report, likewise
  std::uint64_t byte_offset = 0;  // first byte at which the texts differ
  // Set when the JSON values are equal but the bytes are not (formatting, key order,
  // number spelling, line endings), or when a text is not JSON at all.
  std::string note;
};

// nullopt when the two texts are byte-identical.
std::optional<ReportDifference> first_difference(std::string_view expected, std::string_view actual);

// An input table offered for verification. `read` streams its bytes, in order,
// to the sink it is given and returns the sink's first failure or its own I/O
// error; it is called twice (digest, then analysis), so it must re-read.
using ByteSink = std::function<Status(std::string_view)>;
struct VerifyInput {
  TableKind kind = TableKind::activity;
  std::string name;  // how people know it, for messages (e.g. the file path)
  std::function<Status(const ByteSink&)> read;
  // The digest of the file as stored, when `read` gives it in another form (an
  // Excel workbook's sheet as CSV); "" = the SHA-256 of what `read` gives.
  std::string sha256;
};

struct VerifyOptions {
  // The salt of a report made with one (privacy.salt_given).
  std::optional<std::string> salt;
  // The configuration the run is claimed to have used. Without it the report's own
  // effective config is recomputed; with it this one is (its salt too, unless
  // `salt` is given), so a report made with any other config comes out different
  // at /config/...
  std::optional<Config> config;
};

struct DigestCheck {
  TableKind kind = TableKind::activity;
  std::string name;      // VerifyInput::name
  std::string source;    // the report's source name for the table
  std::string expected;  // the report's digest
  std::string actual;    // digest of the given bytes
  bool matches = false;
};

struct VerifyOutcome {
  VerifyVerdict verdict = VerifyVerdict::cannot_verify;
  std::string headline;               // one line saying what was found
  std::vector<std::string> messages;  // further lines for people (reasons, notes)
  std::vector<DigestCheck> digests;   // one per input that could be checked
  std::optional<ReportDifference> difference;  // verdict different
  std::string recomputed;                      // the recomputed report, when one was made
  bool needs_salt = false;  // cannot_verify only because the report's salt was not given
};

// Checks in this order, stopping at the first that fails: the report can be read
// and every table it lists is given (cannot_verify); the given tables are exactly
// the report's and each digest matches (inputs_mismatch); the report can be
// recomputed here: same engine version, salt available, DP noise seeded, no
// typed-column inputs, config re-creatable (cannot_verify); the recomputed bytes
// equal the report's (identical / different). Inputs are streamed in the
// report's order with its source names and formats.
VerifyOutcome verify_report(std::string_view report_text, std::span<const VerifyInput> inputs,
                            const VerifyOptions& options = {});

}  // namespace gapscore
