// Shared helpers of the libFuzzer targets (tests/fuzz/README.md).
// The targets check memory safety, UB and crashes (ASan/UBSan); errors are
// values (Result), so a failing call is a normal outcome, never a finding.
// Cheap invariants that must hold on every input end the run with
// __builtin_trap(), which libFuzzer reports as a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>

#include "gapscore/session.h"

namespace gapscore_fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A file of tests/fuzz/fixed/ (the small tables combined with the fuzzed bytes),
// read once per process. Missing or empty is a setup mistake, not a finding.
inline std::string fixed_file(const char* name) {
  std::ifstream in(std::string(GAPSCORE_FUZZ_FIXED_DIR) + "/" + name, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.empty()) __builtin_trap();
  return text;
}

inline const std::string& fixed_activity_csv() {
  static const std::string text = fixed_file("activity.csv");
  return text;
}
inline const std::string& fixed_people_csv() {
  static const std::string text = fixed_file("people.csv");
  return text;
}

// Bootstrap resamples at the minimum (100, default 2000): the same code runs,
// about 20x less work per input, so many more inputs per second.
inline constexpr std::string_view kFastConfig = R"({"bootstrap":{"resamples":100}})";

// A failed call must say why.
template <typename T>
void check_error_has_diagnostic(const gapscore::Result<T>& r) {
  if (!r.ok() && r.error().diagnostics.empty()) __builtin_trap();
}

// A report that was made is a JSON object with a trailing newline.
inline void check_report(const gapscore::Result<std::string>& r) {
  check_error_has_diagnostic(r);
  if (!r.ok()) return;
  const std::string& text = r.value();
  if (text.size() < 3 || text.front() != '{' || text.back() != '\n') __builtin_trap();
}

// Streams `text` into the open table in up to three chunks, cut at positions
// taken from the data itself so that the fuzzer also explores chunk boundaries
// (a quote, a CRLF, a UTF-8 sequence or a JSON token split across pushes).
// Empty chunks are pushed too: they must be harmless.
inline gapscore::Status push_in_chunks(gapscore::Session& a, std::string_view text) {
  const std::size_t n = text.size();
  std::size_t cut1 = 0, cut2 = 0;
  if (n > 0) {
    const auto b0 = static_cast<unsigned char>(text[0]);
    const auto bl = static_cast<unsigned char>(text[n - 1]);
    cut1 = (static_cast<std::size_t>(b0) * 131u + bl) % (n + 1);
    cut2 = cut1 + (static_cast<std::size_t>(bl) * 31u + n) % (n - cut1 + 1);
  }
  for (std::string_view chunk : {text.substr(0, cut1), text.substr(cut1, cut2 - cut1), text.substr(cut2)}) {
    gapscore::Status s = a.push(chunk);
    check_error_has_diagnostic(s);
    if (!s) return s;
  }
  return gapscore::Ok{};
}

// Streams `text` into the open table in pieces of `piece` bytes (the last
// one shorter), e.g. pieces too small for a reader's fast path.
inline gapscore::Status push_in_pieces(gapscore::Session& a, std::string_view text, std::size_t piece) {
  for (std::size_t at = 0; at < text.size(); at += piece) {
    gapscore::Status s = a.push(text.substr(at, piece));
    check_error_has_diagnostic(s);
    if (!s) return s;
  }
  return gapscore::Ok{};
}

// One whole table from bytes: begin, pushes, end. piece 0: up to three
// chunks (push_in_chunks); otherwise pieces of that many bytes (push_in_pieces).
inline gapscore::Status add_table(gapscore::Session& a, gapscore::TableKind kind, std::string_view text,
                                  gapscore::InputFormat format, std::uint64_t expected_bytes = 0,
                                  std::size_t piece = 0) {
  gapscore::Status s = a.begin_table(kind, "fuzz", format, expected_bytes);
  if (!s) return s;
  if (s = piece ? push_in_pieces(a, text, piece) : push_in_chunks(a, text); !s) return s;
  s = a.end_table();
  check_error_has_diagnostic(s);
  return s;
}

// Two errors are the same when every diagnostic is, field for field (for the
// differential checks: one input read two ways must fail the same way).
inline bool same_error(const gapscore::Error& a, const gapscore::Error& b) {
  if (a.diagnostics.size() != b.diagnostics.size()) return false;
  for (std::size_t i = 0; i < a.diagnostics.size(); ++i) {
    const gapscore::Diagnostic &x = a.diagnostics[i], &y = b.diagnostics[i];
    if (x.code != y.code || x.severity != y.severity || x.message != y.message || x.table != y.table ||
        x.source != y.source || x.row != y.row || x.column != y.column || x.value != y.value || x.byte_offset != y.byte_offset ||
        x.names_person != y.names_person)
      return false;
  }
  return true;
}

// Both succeeded with equal values, or both failed with the same error.
template <typename T>
bool same_result(const gapscore::Result<T>& a, const gapscore::Result<T>& b) {
  if (a.ok() != b.ok()) return false;
  if constexpr (std::is_same_v<T, gapscore::Ok>) {
    if (a.ok()) return true;
  } else {
    if (a.ok()) return a.value() == b.value();
  }
  return same_error(a.error(), b.error());
}

// The end of every run: the report (or its error) and the ingest summary.
inline void finish(gapscore::Session& a) {
  check_report(a.report());
  const std::string validation = a.validation_report();
  if (validation.empty() || validation.front() != '{') __builtin_trap();
}

}  // namespace gapscore_fuzz
