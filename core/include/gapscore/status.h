// Errors are values: every fallible core function returns Result<T>, which
// holds either a value or an Error (one or more structured diagnostics).
// Nothing in the public API throws, so the wasm boundary has nothing to catch.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "gapscore/diagnostic_codes.h"

namespace gapscore {

enum class Severity : std::uint8_t {
  error,    // the run cannot produce a report
  warning,  // something was skipped or ignored; the report says how much
  info,     // worth knowing, nothing was lost
};

const char* severity_name(Severity s);

// One problem found in the input or configuration. `row` follows what a
// spreadsheet shows: for CSV the header is row 1 and the first record row 2;
// for JSON arrays row N is the N-th object. 0 means "not tied to a row".
struct Diagnostic {
  DiagCode code = DiagCode::internal_error;
  Severity severity = Severity::error;
  std::string message;
  std::string table;    // activity | people | surveys | playbook | config | usage...
  // The file a row problem is in (the input's source name, as in the report's
  // inputs[].source): with several activity files, "row 3" alone is not a place.
  std::string source;
  std::uint64_t row = 0;
  std::string column;   // header text as found in the file (or the config key)
  std::string value;    // offending text, truncated to kMaxDiagnosticValueBytes
  std::uint64_t byte_offset = 0;  // for encoding/structure errors; 0 if unknown
  // The message or value names a person (an id or a key containing one). Reports
  // withhold such text unless privacy.individual_results is on.
  bool names_person = false;
};

inline constexpr std::size_t kMaxDiagnosticValueBytes = 80;

// Truncates user text for a diagnostic on a UTF-8 boundary, marking the cut.
std::string clip_for_diagnostic(std::string_view text);
// The same, in double quotes: how a diagnostic names a column or a value.
std::string quote_for_diagnostic(std::string_view text);

Diagnostic make_diagnostic(DiagCode code, std::string message, std::string table = {},
                           std::uint64_t row = 0, std::string column = {}, std::string value = {});

// A failed operation: the first diagnostic is the headline, the rest give context
// (strict mode reports up to max_diagnostics of them).
struct Error {
  std::vector<Diagnostic> diagnostics;

  Error() = default;
  explicit Error(Diagnostic d) { diagnostics.push_back(std::move(d)); }
  explicit Error(std::vector<Diagnostic> ds) : diagnostics(std::move(ds)) {}

  const Diagnostic& first() const { return diagnostics.front(); }
  DiagCode code() const { return diagnostics.empty() ? DiagCode::internal_error : diagnostics.front().code; }
  std::string message() const { return diagnostics.empty() ? std::string() : diagnostics.front().message; }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  Result(Diagnostic d) : state_(std::in_place_index<1>, Error(std::move(d))) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& { return std::get<1>(state_); }
  Error&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;

// Collects the diagnostics of one run: every one is counted (per table and
// code), the first `max_items` are kept in full for the report.
class DiagnosticLog {
 public:
  explicit DiagnosticLog(std::size_t max_items = 100) : max_items_(max_items) {}
  // A log that takes diagnostics of one code only (others are not counted).
  DiagnosticLog(std::size_t max_items, DiagCode only) : max_items_(max_items), only_(only) {}

  void add(Diagnostic d);
  // A log as saved (session states): items, counts per (table, code), totals.
  static DiagnosticLog restore(std::size_t max_items, std::vector<Diagnostic> items,
                               std::map<std::pair<std::string, DiagCode>, std::uint64_t> counts, std::uint64_t total,
                               std::uint64_t errors, std::uint64_t warnings);
  // Another log's diagnostics after this one's (then the first max_items are kept).
  void append(const DiagnosticLog& other);
  // Another log of rows of the same table, read in parallel: the items of both,
  // each in row order, interleave by row (this log's first on a tie).
  void merge_by_row(const DiagnosticLog& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  // (table, code) -> how many times it occurred.
  const std::map<std::pair<std::string, DiagCode>, std::uint64_t>& counts() const { return counts_; }
  std::uint64_t total() const { return total_; }
  std::uint64_t errors() const { return errors_; }
  std::uint64_t warnings() const { return warnings_; }
  bool truncated() const { return total_ > items_.size(); }
  std::size_t max_items() const { return max_items_; }

 private:
  void add_counts(const DiagnosticLog& other);
  std::size_t max_items_;
  std::optional<DiagCode> only_;
  std::vector<Diagnostic> items_;
  std::map<std::pair<std::string, DiagCode>, std::uint64_t> counts_;
  std::uint64_t total_ = 0;
  std::uint64_t errors_ = 0;
  std::uint64_t warnings_ = 0;
};


// An error as compact JSON {"code", "message", "diagnostics": [...]}, each
// diagnostic as in a report (snake_case keys). With `context`, the diagnostics
// logged so far follow the error's own (the rows behind "all rows skipped").
std::string error_json(const Error& e, const DiagnosticLog* context = nullptr);

}  // namespace gapscore
