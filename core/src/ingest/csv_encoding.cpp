// The CSV reader's encoding checks (a file's signature, invalid UTF-8, a NUL):
// once per chunk, so compiled for size in the wasm build (core/CMakeLists.txt).
#include "ingest/csv.h"

#include <algorithm>

namespace gapscore {

namespace {

// ASCII text as UTF-16 without a byte-order mark: in the first 16 characters
// one byte of each pair is 0 and the other is not (either byte order).
bool looks_utf16_without_bom(std::string_view head) {
  const std::size_t n = std::min<std::size_t>(head.size(), 32) & ~std::size_t{1};
  if (n < 4) return false;
  bool le = true, be = true;
  for (std::size_t i = 0; i < n; i += 2) {
    le = le && head[i] != '\0' && head[i + 1] == '\0';
    be = be && head[i] == '\0' && head[i + 1] != '\0';
  }
  return le || be;
}

}  // namespace

// A ZIP, legacy Excel, UTF-16 or UTF-32 file given as text, told apart by its first bytes.
std::optional<Diagnostic> CsvReader::signature_error(std::string_view head) const {
  if (head.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(head[0]), b1 = static_cast<unsigned char>(head[1]);
    // FF FE 00 00 and 00 00 FE FF mark UTF-32, whose first bytes UTF-16's share.
    const bool utf32 = head.size() >= 4 && ((b0 == 0xFF && b1 == 0xFE && head[2] == '\0' && head[3] == '\0') ||
                                            (b0 == 0 && b1 == 0 && static_cast<unsigned char>(head[2]) == 0xFE &&
                                             static_cast<unsigned char>(head[3]) == 0xFF));
    if (utf32 || (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
      return make_diagnostic(DiagCode::invalid_utf8,
                             table_ + (utf32 ? ": the file is UTF-32 encoded" : ": the file is UTF-16 encoded") +
                                 "; save it as UTF-8 (CSV UTF-8 in Excel)",
                             table_);
    }
  }
  if (looks_utf16_without_bom(head))
    return make_diagnostic(DiagCode::invalid_utf8,
                           table_ + ": the file looks UTF-16 encoded (every other byte is 0, and it has no "
                                    "byte-order mark); save it as UTF-8 (CSV UTF-8 in Excel)",
                           table_);
  if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    return make_diagnostic(DiagCode::binary_input,
                           table_ + ": this is a ZIP archive (an Excel .xlsx workbook?) given as text; give it "
                                    "as a file (the CLI and the npm package read .xlsx) or save the sheet as CSV UTF-8",
                           table_);
  }
  if (head.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    return make_diagnostic(DiagCode::binary_input,
                           table_ + ": this is a legacy Excel .xls workbook or a password-protected one; save "
                                    "it as .xlsx (without a password) or as CSV UTF-8",
                           table_);
  }
  return std::nullopt;
}

// Not UTF-8 at `offset` (a bad byte, or the end inside a character) with
// nothing but ASCII before it: most likely Excel's "CSV" from a Windows
// machine. The CLI, the npm package and the Python module then read it again as
// Windows-1252 (config.encodings) by themselves.
std::optional<Diagnostic> CsvReader::windows_1252_guess(std::uint64_t offset) const {
  if (utf8_.saw_multibyte() || had_bom_ || windows_1252_ || !from_start_) return std::nullopt;
  Diagnostic d = make_diagnostic(
      DiagCode::looks_windows_1252,
      table_ + ": not UTF-8 at byte offset " + std::to_string(offset) +
          ", and only ASCII before it: it looks like Windows-1252 (Excel's \"CSV\" on Windows); read it with "
          "\"encodings\": {\"" + table_ + "\": \"windows-1252\"} in the config, or save it as CSV UTF-8",
      table_);
  d.byte_offset = offset;
  return d;
}

// The first invalid UTF-8 byte or NUL in `data`, the next bytes of the input.
std::optional<Diagnostic> CsvReader::encoding_error(std::string_view data) {
  if (!options_.check_encoding) return std::nullopt;
  const std::optional<std::uint64_t> bad = utf8_.feed(data);
  // The validator goes on past a NUL (and stops at bad UTF-8): a NUL it saw comes first.
  if (utf8_.saw_nul()) {
    Diagnostic d = make_diagnostic(DiagCode::binary_input,
                                   table_ + ": NUL byte at byte offset " + std::to_string(utf8_.nul_offset()) +
                                       "; this does not look like a text file",
                                   table_);
    d.byte_offset = input_offset(utf8_.nul_offset());
    return d;
  }
  if (!bad) return std::nullopt;
  if (auto d = windows_1252_guess(*bad)) return d;
  Diagnostic d = make_diagnostic(DiagCode::invalid_utf8,
                                 table_ + ": invalid UTF-8 at byte offset " + std::to_string(*bad) + "; save the file as UTF-8",
                                 table_);
  d.byte_offset = *bad;
  return d;
}

}  // namespace gapscore
