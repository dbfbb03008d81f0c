// Parsing one cell's text into a typed value. Each parser says precisely why
// a cell was rejected, so the diagnostic can name the problem.
#pragma once

#include <cstdint>
#include <string_view>

#include "gapscore/diagnostic_codes.h"
#include "model/table.h"

namespace gapscore::ingest {

struct CellError {
  DiagCode code;
  const char* problem;  // e.g. "is not a number"
};

// The length of an invisible character (U+FEFF byte-order mark, U+200B..D
// zero-width space and joiners, U+2060 word joiner) starting at s[i], or 0.
// Such a character before an id ("cat" of two exports keeps the second's
// byte-order mark) made it another person (an outside review).
inline std::size_t invisible_at(std::string_view s, std::size_t i) {
  if (s.size() - i < 3) return 0;
  const auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]),
             b2 = static_cast<unsigned char>(s[i + 2]);
  const bool bom = b0 == 0xEF && b1 == 0xBB && b2 == 0xBF;
  const bool zero_width = b0 == 0xE2 && ((b1 == 0x80 && b2 >= 0x8B && b2 <= 0x8D) || (b1 == 0x81 && b2 == 0xA0));
  return bom || zero_width ? 3 : 0;
}

// A no-break space (U+00A0, C2 A0) at s[i]: a spreadsheet's padding, not part
// of a name ("Beta" and "Beta" + NBSP were two teams: an outside review). C2 is
// never a continuation byte, so C2 A0 at a cell's end is always one.
inline bool no_break_space_at(std::string_view s, std::size_t i) {
  return s.size() - i >= 2 && s[i] == '\xC2' && s[i + 1] == '\xA0';
}

// A first or last byte that may start or end an invisible character or a
// no-break space (the plain path leaves such cells to the general one, which trims them).
inline bool may_be_invisible(char first, char last) {
  const auto f = static_cast<unsigned char>(first), l = static_cast<unsigned char>(last);
  return f == 0xEF || f == 0xE2 || f == 0xC2 || l == 0xBF || l == 0x8B || l == 0x8C || l == 0x8D || l == 0xA0;
}

// Whether a cell's first and last bytes leave nothing to trim: neither a space
// nor a tab, nor a byte that may begin (first) or end (last) an invisible
// character or a no-break space. The common cell, so the check is inline.
inline bool untrimmed_edges(std::string_view s) {
  if (s.empty()) return false;
  const char first = s.front(), last = s.back();
  return first != ' ' && first != '\t' && last != ' ' && last != '\t' && !may_be_invisible(first, last);
}

// trim() of a cell whose edges have something to trim (cell_parse.cpp).
std::string_view trim_edges(std::string_view s);

// Leading/trailing spaces, tabs, no-break spaces and invisible characters are
// not part of a value. It runs for several cells of every row: the common cell
// returns at once, inline (in wasm, a copy compiled for size would otherwise be
// the one every caller gets), and only the others take the loop.
inline std::string_view trim(std::string_view s) { return untrimmed_edges(s) ? s : trim_edges(s); }

// The common number cell: optional '-', at most 15 digits, at most one '.'
// between digits. Its digits are exact in a double and so is 10^k (k <= 15), so
// one IEEE division gives the correctly rounded value, the same double the
// general parser returns (Clinger's fast path). With `micros`, also the value
// x 10^6 as an integer where that is exact (at most 6 decimals, below 2^50),
// else kNoMicros. False: not this shape (parse_number decides).
inline constexpr std::int64_t kNoMicros = INT64_MIN;
// A decimal as a scaled integer: round(v * 10^6), half away from zero. Exact
// for cells with at most 6 decimals and |v| below about 4e9 (both double
// operations are correctly rounded, so every platform gives the same integer).
// False: beyond 64 bits.
bool to_fixed(double v, std::int64_t& out);
bool parse_plain_decimal(std::string_view s, double& out, std::int64_t* micros = nullptr);
// parse_plain_decimal of a cell of 1 to 8 bytes without a sign (p[0, n)),
// its 8 bytes read as one word: no loop and no branch on the digits. Reads
// p[0, 8): the caller knows those bytes are readable. False: not that shape
// either (a sign, other bytes, no digit on a side of the '.'); then
// parse_plain_decimal decides.
bool parse_short_decimal(const char* p, std::size_t n, double& out, std::int64_t& micros);

// The common integer cell: an optional sign and 1 to 9 digits (exact in int32).
// False: not this shape (parse_integer decides). Inline: every integer cell of
// every row (its callers are all compiled -O3 in wasm).
inline bool parse_plain_integer(std::string_view s, std::int32_t& out) {
  const bool negative = !s.empty() && s[0] == '-';
  const std::size_t i = !s.empty() && (s[0] == '-' || s[0] == '+');
  if (i == s.size() || s.size() - i > 9) return false;
  std::int32_t v = 0;
  for (std::size_t j = i; j < s.size(); ++j) {
    const char c = s[j];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = negative ? -v : v;
  return true;
}

// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);

// "1.250", "12.500", "-1.250.000": digits grouped in threes by `separator`,
// as a decimal-comma locale writes thousands with dots (and a decimal-dot one
// with commas: "1,250"). In a semicolon-delimited file, whose decimals may be
// either, such a value has two readings (1250 or 1.25), so it is an error,
// never a guess.
bool thousands_grouped(std::string_view s, char separator = '.');

// thousands_grouped(s, mark) of a cell that a plain reader took (digits and
// at most one mark): "1.250", "-12.500", "999,000" are, "0.125" and "1.25"
// are not. Inline: every number cell of a semicolon-delimited file.
inline bool grouped_once(std::string_view s, char mark) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return s.size() >= 5 && s.size() <= 7 && s[s.size() - 4] == mark && s[0] != '0';
}

// The plain decimal of a semicolon-delimited file written with a decimal comma
// ("2,05"): read as parse_plain_decimal reads "2.05", the value parse_number
// gives it with decimal_comma. False for any other shape, and for a comma that
// may group thousands ("1,250": parse_number reports it). Every number cell of
// such a file, so it stays on the plain path (and in cell_parse.cpp, -O3).
bool parse_comma_decimal(std::string_view s, double& out, std::int64_t& micros);

// decimal_comma: accept "1,5" for 1.5 (semicolon-delimited European exports);
// a value thousands_grouped by dots or commas is then ambiguous_number.
bool parse_number(std::string_view text, bool decimal_comma, double& out, CellError& err);
// Whole numbers; "12.0" is accepted, "12.5" is not. Range of int32.
bool parse_integer(std::string_view text, bool decimal_comma, std::int32_t& out, CellError& err);
bool parse_date(std::string_view text, std::int32_t& out, CellError& err);
bool parse_bool(std::string_view text, std::int8_t& out, CellError& err);
bool parse_work_mode(std::string_view text, std::int8_t& out, CellError& err);

}  // namespace gapscore::ingest
