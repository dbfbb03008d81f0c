// The input flags shared by analyze and validate, and running them through
// a Session with the tables streamed from disk.
#pragma once

#include <map>

#include <string>
#include <vector>

#include "args.h"
#include "gapscore/session.h"

namespace gapscore::cli {

std::vector<FlagSpec> input_flags();

// Whether a session keeps the small tables' bytes: only one whose state is saved needs them.
enum class TableBytes { keep, drop };

// Builds the config (file + --group-by/--strict overrides, then `encodings`
// over config.encodings) and a new Session. Usage problems come back with code
// invalid_argument.
Result<Session> make_analysis(const ParsedArgs& args, TableBytes bytes,
                              const std::map<std::string, std::string>& encodings = {});
// The activity files in reading order: one file as given; several in SHA-256
// order (then each digest is known), each distinct file once, the others noted.
struct ActivityPlan {
  struct File {
    std::string path, sha256;  // sha256 "" for a single file (the reader hashes it)
  };
  std::vector<File> files, repeats;
};
Result<ActivityPlan> plan_activity(const ParsedArgs& args);

// Streams every table given on the command line into the analysis.
// `bytes`: as the analysis was made (a session made again to read by person keeps the same).
// A CSV table that turns out to be Windows-1252 (DiagCode::looks_windows_1252)
// is read again with config.encodings set for it.
Status stream_inputs(const ParsedArgs& args, Session& analysis, TableBytes bytes);

// Exit code of analyze/validate for a failure: 2 when the command line is at
// fault (bad option, bad config, unreadable file), 1 when the data is.
int failure_exit_code(DiagCode code);

// Prints diagnostics for people on stderr, one line each.
void print_diagnostics(const std::vector<Diagnostic>& items);
// The log's listed diagnostics, then how many more it counted but did not list.
void print_log(const DiagnosticLog& log);
// Prints the error unless the session logged it already (data errors are in the
// log; usage errors, privacy refusals and unreadable workbooks are not).
void print_unless_logged(const Error& error, const DiagnosticLog& log);

}  // namespace gapscore::cli
