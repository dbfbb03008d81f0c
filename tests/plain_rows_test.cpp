// The plain path (ingest/table_builder_plain.cpp) against the general path:
// random activity rows, with plain and unusual cells, read once as written and
// once with a blank around every cell (which sends every row down the general
// path). The rows the sink gets, their fixed-point values and the diagnostics
// must be the same.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <tuple>
#include <string>
#include <vector>

#include "activity/exact_sums.h"
#include "ingest/cell_parse.h"
#include "ingest/ingest.h"
#include "ingest/table_builder.h"

namespace gapscore {
namespace {

// What a sink sees of a row, as text, so that two readings compare as one string.
class RecordingSink : public ingest::RowSink {
 public:
  explicit RecordingSink(const TableSchema& schema) : schema_(schema) {}
  Outcome accept(const ingest::RowView& r, std::uint64_t row_number) override {
    std::string line = std::to_string(row_number) + ":";
    for (std::size_t s = 0; s < schema_.columns.size(); ++s) {
      line += " " + std::string(schema_.columns[s].name) + "=";
      if (!r.present[s]) {
        line += "-";
        continue;
      }
      switch (schema_.columns[s].type) {
        case ColumnType::number: {
          // The fixed-point value the activity state keeps (activity/sink.cpp).
          std::int64_t fixed = 0;
          const bool ok = ingest::cell_millionths(r, s, fixed);
          char buf[64];
          std::snprintf(buf, sizeof buf, "%.17g", r.nums[s]);
          line += std::string(buf) + (ok ? "/" + std::to_string(fixed) : "/too-large");
          break;
        }
        case ColumnType::text: line += "[" + std::string(r.cells[s]) + "]"; break;
        default: line += std::to_string(r.ints[s]); break;
      }
    }
    rows.push_back(line);
    plain_rows += !r.micros.empty();
    return Outcome::kept;
  }
  std::vector<std::string> rows;
  std::size_t plain_rows = 0;  // rows that came by the plain path (they carry micros)

 private:
  const TableSchema& schema_;
};

struct Reading {
  std::size_t plain_rows = 0;
  std::vector<std::string> rows;
  std::vector<std::string> diagnostics;
  std::string outcome;
};

Reading read(const std::string& csv, std::size_t chunk) {
  const TableSchema& schema = schema_for(TableKind::activity);
  RecordingSink sink(schema);
  DiagnosticLog log(100000);
  IngestOptions options;
  options.kind = TableKind::activity;
  options.row_sink = &sink;
  TableIngestor ingestor(options, log);
  Reading out;
  Status pushed = Ok{};
  for (std::size_t at = 0; at < csv.size() && pushed; at += chunk) pushed = ingestor.push(std::string_view(csv).substr(at, chunk));
  auto table = ingestor.finish();
  out.outcome = table ? "rows_read=" + std::to_string(table.value().summary.rows_read) +
                            " rows_used=" + std::to_string(table.value().summary.rows_used)
                      : "error: " + table.error().message();
  out.rows = std::move(sink.rows);
  out.plain_rows = sink.plain_rows;
  for (const Diagnostic& d : log.items())
    out.diagnostics.push_back(std::to_string(static_cast<int>(d.code)) + " row " + std::to_string(d.row) + " [" +
                              d.column + "] " + d.message);
  return out;
}

std::uint32_t next(std::uint32_t& x) {  // xorshift32
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return x;
}

std::string pick(std::uint32_t& x, const std::vector<std::string>& options) { return options[next(x) % options.size()]; }

// A decimal with 1 to 15 digits, the point anywhere, sometimes negative.
std::string random_decimal(std::uint32_t& x) {
  const std::size_t digits = 1 + next(x) % 15;
  std::string s;
  for (std::size_t i = 0; i < digits; ++i) s += static_cast<char>('0' + next(x) % 10);
  const std::size_t point = next(x) % (digits + 1);
  if (point > 0 && point < digits) s.insert(digits - point, ".");
  return (next(x) % 8 == 0 ? "-" : "") + s;
}

std::string number_cell(std::uint32_t& x, bool optional) {
  switch (next(x) % 4) {
    case 0: return random_decimal(x);
    case 1:
      return pick(x, {"1.5", "0", "-0", "12", "0.25", "7.000001", "0.0000005", "2.5e1", "+3", "1,5", ".5", "5.",
                      "0.12345678", "1234567890123456", "9007199254740993", "4503599627.370497", "2251799813.6851835",
                      "abc", "nan", "inf", "1e400", "-1", "1.5.2", "--1", optional ? "" : "2"});
    default: return std::to_string(next(x) % 100) + "." + std::to_string(next(x) % 100);
  }
}

std::string integer_cell(std::uint32_t& x) {
  return next(x) % 3 ? std::to_string(next(x) % 20)
                     : pick(x, {"0", "007", "-0", "3.0", "3.5", "1e1", "+4", "999999999", "1234567890", "-2", "x", ""});
}

std::string random_row(std::uint32_t& x, int person) {
  const std::string tasks = next(x) % 10 ? std::to_string(1 + next(x) % 9) : integer_cell(x);
  const std::string ai = next(x) % 10 ? std::to_string(next(x) % 3) : integer_cell(x);
  std::string date = "2024-0" + std::to_string(1 + next(x) % 9) + "-1" + std::to_string(next(x) % 10);
  if (next(x) % 20 == 0) date = pick(x, {"2024-02-30", "2024-1-5", "2024-01-05T09:00", "05/01/2024", "", "2024-01-05 "});
  std::vector<std::string> cells = {
      "p" + std::to_string(person), date, pick(x, {"code", "docs", "review", ""}), tasks, ai, number_cell(x, false),
      number_cell(x, true), number_cell(x, true), next(x) % 4 ? integer_cell(x) : "",
      next(x) % 3 ? "0." + std::to_string(next(x) % 100) : number_cell(x, true), number_cell(x, true),
      number_cell(x, true), integer_cell(x), pick(x, {"Team A", "Team B", ""}), pick(x, {"dev", "qa", ""}),
      pick(x, {"remote", "Hybrid", "office", "on-site", "moon", ""})};
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + cells[i];
  return line;
}

std::string padded(const std::string& csv, char delimiter) {
  std::string out;
  bool header = true;
  for (char c : csv) {
    if (header) {
      out += c;
      header = c != '\n';
      continue;
    }
    if (c == delimiter) out += std::string(" ") + delimiter + " ";
    else if (c == '\n') out += " \n ";
    else out += c;
  }
  return out;
}

// The file as another export would write it: columns in another order, some
// optional ones left out, and with ';' between cells (then a decimal comma is
// a number: "2,05" plain, "1,250" ambiguous, "1,2.5" not a number).
std::string reshaped(const std::string& csv, const std::vector<std::size_t>& columns, char delimiter, bool commas) {
  std::string out;
  std::size_t at = 0;
  bool header = true;
  while (at < csv.size()) {
    const std::size_t end = csv.find('\n', at);
    std::vector<std::string> cells;
    for (std::size_t from = at;;) {
      const std::size_t comma = csv.find(',', from);
      if (comma == std::string::npos || comma > end) {
        cells.push_back(csv.substr(from, end - from));
        break;
      }
      cells.push_back(csv.substr(from, comma - from));
      from = comma + 1;
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
      std::string cell = cells[columns[i]];
      if (commas && !header && cell.find('.') != std::string::npos && cell.size() % 4 != 3) cell[cell.find('.')] = ',';
      if (commas && !header && cell == "1.5") cell = "1,2.5";
      out += (i ? std::string(1, delimiter) : "") + cell;
    }
    out += "\n";
    header = false;
    at = end + 1;
  }
  return out;
}

TEST(PlainRows, GiveTheGeneralPathsRowsValuesAndDiagnostics) {
  const std::string header =
      "person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,rework_hours,errors,quality,outcome_value,"
      "cycle_time_hours,ai_interactions,team,role,work_mode\n";
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    std::uint32_t x = seed * 2654435761u;
    // A first row in ISO dates settles the date format (an odd first date could make it another).
    std::string csv = header + "p0,2024-01-02,code,2,1,1.5,,,,,,,,,,\n";
    for (int r = 0; r < 400; ++r) csv += random_row(x, static_cast<int>(next(x) % 40)) + "\n";
    // As written; then reordered without some optional columns; then with ';' and some decimal commas.
    const std::vector<std::size_t> all{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    const std::vector<std::size_t> fewer{2, 0, 5, 4, 3, 1, 15, 9, 11, 13};
    for (const auto& [columns, delimiter, commas] :
         {std::tuple{all, ',', false}, std::tuple{fewer, ',', false}, std::tuple{all, ';', true}}) {
      const std::string shaped = reshaped(csv, columns, delimiter, commas);
      std::string general = padded(shaped, delimiter);
      general.pop_back();  // the padding's trailing blank line start
      const Reading plain = read(shaped, 1 + seed * 97);
      const Reading reference = read(general, 1 << 16);
      const std::string what = "seed " + std::to_string(seed) + ", " + std::to_string(columns.size()) + " columns, '" + delimiter + "'";
      ASSERT_EQ(plain.outcome, reference.outcome) << what;
      ASSERT_EQ(plain.rows, reference.rows) << what;
      ASSERT_EQ(plain.diagnostics, reference.diagnostics) << what;
      // Both kinds of row occur: the comparison is not of one path with itself.
      EXPECT_GT(plain.rows.size(), 50u) << what << ": " << plain.outcome;
      EXPECT_GT(plain.plain_rows, 0u) << what;
      EXPECT_LT(plain.plain_rows, plain.rows.size()) << what;
      EXPECT_EQ(reference.plain_rows, 0u) << what;
      EXPECT_GT(plain.diagnostics.size(), 20u) << what;
    }
  }
}

// European exports: ';' between cells and decimal commas. Such rows are read
// on the plain path (they carry micros), with the general path's values; a
// comma that may group thousands is still the general path's ambiguity.
TEST(PlainRows, DecimalCommasOfASemicolonFileStayOnThePlainPath) {
  const std::string csv =
      "person_id;date;task_type;tasks;ai_tasks;hours;baseline_hours;rework_hours;errors;quality;outcome_value;"
      "cycle_time_hours;ai_interactions;team;role;work_mode\n"
      "p1;2024-01-02;code;2;1;1,5;2,25;0,07;0;0,88;59,66;27,2;3;A;dev;remote\n"
      "p2;2024-01-02;code;3;0;0,5;12,12;0;1;1;1234,5;0,000001;0;B;qa;office\n"
      "p3;2024-01-03;docs;1;1;7,000001;2;0,5;0;0,9;1234567,125;1,5;1;A;dev;hybrid\n"
      "p4;2024-01-03;docs;1;1;1,250;2;0,5;0;0,9;1;1;1;A;dev;hybrid\n";
  std::string general = padded(csv, ';');
  general.pop_back();
  const Reading plain = read(csv, 1 << 16);
  const Reading reference = read(general, 1 << 16);
  EXPECT_EQ(plain.outcome, reference.outcome);
  EXPECT_EQ(plain.rows, reference.rows);
  EXPECT_EQ(plain.diagnostics, reference.diagnostics);
  ASSERT_EQ(plain.rows.size(), 3u) << ::testing::PrintToString(plain.diagnostics);  // the fourth row's hours are ambiguous
  EXPECT_EQ(plain.plain_rows, 3u);
  EXPECT_EQ(reference.plain_rows, 0u);
  ASSERT_EQ(plain.diagnostics.size(), 1u);
  EXPECT_NE(plain.diagnostics[0].find("row 5 [hours]"), std::string::npos) << plain.diagnostics[0];
  EXPECT_NE(plain.rows[0].find("hours=1.5/1500000"), std::string::npos) << plain.rows[0];
}

// The plain path's grouping check (grouped_once, inline) against the general
// reader's (thousands_grouped) on every cell a plain reader takes, with either
// mark; and parse_comma_decimal against the decimal-point reader: "d,dd" is
// read as "d.dd" is, unless its comma may group thousands.
TEST(PlainRows, CommaDecimalsAndTheirGroupingMatchTheGeneralReaders) {
  std::uint32_t x = 20261205;
  std::size_t grouped = 0, read = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string cell = random_decimal(x);
    if (next(x) % 4 == 0) cell = std::to_string(next(x) % 1000) + "." + std::to_string(next(x) % 1000);  // short, often grouped
    double dot_value = 0;
    std::int64_t dot_micros = 0;
    if (!ingest::parse_plain_decimal(cell, dot_value, &dot_micros)) continue;
    std::string comma = cell;
    if (const std::size_t at = comma.find('.'); at != std::string::npos) comma[at] = ',';
    EXPECT_EQ(ingest::grouped_once(cell, '.'), ingest::thousands_grouped(cell, '.')) << cell;
    const bool comma_grouped = ingest::thousands_grouped(comma, ',');
    EXPECT_EQ(ingest::grouped_once(comma, ','), comma_grouped) << comma;
    grouped += comma_grouped;
    double value = 0;
    std::int64_t micros = 0;
    const bool took = ingest::parse_comma_decimal(comma, value, micros);
    EXPECT_EQ(took, comma.find(',') != std::string::npos && !comma_grouped) << comma;
    if (!took) continue;
    ++read;
    EXPECT_EQ(value, dot_value) << comma;
    EXPECT_EQ(micros, dot_micros) << comma;
  }
  EXPECT_GT(grouped, 1000u);  // both verdicts occur
  EXPECT_GT(read, 50000u);
}

// A short number cell read as one word (parse_short_decimal) against the byte
// loop (parse_plain_decimal): the same verdict, double and fixed-point value
// for every cell of 1 to 8 bytes without a sign, whatever bytes follow it; a
// signed cell is left to the loop. Cells are drawn from digits, '.', signs
// and the bytes next to them ('/', ':', 0x2E +- 1, high bytes that carry).
TEST(PlainRows, ShortDecimalsReadAsAWordEqualTheByteLoop) {
  const std::string alphabet = "0123456789012345678901234567890123456789....-+/:,e \xfa\xff\x2d\x2f\x3a\x3f\x40";
  std::uint64_t state = 77;
  const auto next = [&state]() {
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  std::size_t accepted = 0;
  for (int trial = 0; trial < 400000; ++trial) {
    const std::size_t n = 1 + next() % 8;
    char bytes[8];
    for (std::size_t i = 0; i < 8; ++i)
      bytes[i] = i < n ? alphabet[next() % alphabet.size()] : static_cast<char>(next() % 256);
    const std::string_view cell(bytes, n);
    double word = -1, loop = -2;
    std::int64_t word_micros = 1, loop_micros = 2;
    const bool by_word = ingest::parse_short_decimal(bytes, n, word, word_micros);
    const bool by_loop = ingest::parse_plain_decimal(cell, loop, &loop_micros);
    const bool signed_cell = cell[0] == '-' || cell[0] == '+';
    ASSERT_EQ(by_word, by_loop && !signed_cell) << "cell '" << cell << "'";
    if (!by_word) continue;
    ++accepted;
    std::uint64_t word_bits = 0, loop_bits = 0;
    std::memcpy(&word_bits, &word, 8);
    std::memcpy(&loop_bits, &loop, 8);
    ASSERT_EQ(word_bits, loop_bits) << "cell '" << cell << "'";
    ASSERT_EQ(word_micros, loop_micros) << "cell '" << cell << "'";
  }
  EXPECT_GT(accepted, 20000u);  // the draws do reach the accepted shapes
}

}  // namespace
}  // namespace gapscore
