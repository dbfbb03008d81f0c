// CSV reader: RFC 4180 quoting, line endings, BOM, delimiter detection,
// UTF-8 validation, and that chunk boundaries never change the result.
#include "ingest/csv.h"
#include "ingest/line_scan.h"
#include "ingest/shard.h"
#include "base/prng.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gapscore {
namespace {

struct Parsed {
  std::vector<std::vector<std::string>> records;
  std::vector<std::uint64_t> rows;
  std::vector<int> malformed;
  std::vector<std::uint64_t> offsets;
  std::vector<bool> in_place;  // the record's fields were views into its chunk (CsvRecord::rest given)
  char delimiter = 0;
  std::uint64_t skipped = 0;
  std::uint64_t blank_lines = 0;
  bool bom = false;
  std::optional<Error> error;
};

// shards > 1: keep the records whose second field is in shard 0 of `shards`.
Parsed parse(std::string_view text, std::size_t chunk = 0, CsvOptions opts = {}, std::uint32_t shards = 1) {
  Parsed out;
  CsvReader reader(opts, "activity");
  if (shards > 1) reader.set_shard_filter(1, 0, shards);
  auto sink = [&](const CsvRecord& r) -> Status {
    out.records.emplace_back(r.fields.begin(), r.fields.end());
    out.rows.push_back(r.row);
    out.malformed.push_back(r.malformed_quote_field);
    out.offsets.push_back(r.byte_offset);
    out.in_place.push_back(r.rest.data() != nullptr);
    return Ok{};
  };
  if (chunk == 0) chunk = text.size() + 1;
  for (std::size_t i = 0; i < text.size(); i += chunk) {
    Status s = reader.feed(text.substr(i, chunk), sink);
    if (!s) {
      out.error = s.error();
      return out;
    }
  }
  Status s = reader.finish(sink);
  if (!s) out.error = s.error();
  out.delimiter = reader.delimiter();
  out.blank_lines = reader.blank_lines();
  out.bom = reader.had_bom();
  out.skipped = reader.skipped_records();
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, PlainRecordsWithAndWithoutFinalNewline) {
  EXPECT_EQ(parse("a,b\n1,2\n").records, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(parse("a,b\n1,2").records, (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, QuotedFieldsKeepDelimitersNewlinesAndQuotes) {
  const Parsed p = parse("name,note\n\"Smith, J\",\"line1\nline2\"\n\"say \"\"hi\"\"\",x\n");
  ASSERT_FALSE(p.error);
  EXPECT_EQ(p.records, (Rows{{"name", "note"}, {"Smith, J", "line1\nline2"}, {"say \"hi\"", "x"}}));
  // The multi-line record is one spreadsheet row.
  EXPECT_EQ(p.rows, (std::vector<std::uint64_t>{1, 2, 3}));
}

TEST(CsvReader, CrLfAndLoneCrLineEnds) {
  EXPECT_EQ(parse("a,b\r\n1,2\r\n").records, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(parse("a,b\r1,2\r").records, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(parse("a\r\n\"x\r\ny\"\r\n").records, (Rows{{"a"}, {"x\r\ny"}}));
}

TEST(CsvReader, ByteOrderMarkIsSkipped) {
  const Parsed p = parse("\xEF\xBB\xBFperson_id,date\nP1,2025-01-01\n");
  EXPECT_TRUE(p.bom);
  EXPECT_EQ(p.records[0][0], "person_id");
}

TEST(CsvReader, DetectsDelimiter) {
  EXPECT_EQ(parse("a;b;c\n1;2;3\n").delimiter, ';');
  EXPECT_EQ(parse("a\tb\tc\n1\t2\t3\n").delimiter, '\t');
  EXPECT_EQ(parse("a,b\n").delimiter, ',');
  // Delimiters inside quoted header cells do not count.
  EXPECT_EQ(parse("\"a;b;c\",d\n1,2\n").delimiter, ',');
  EXPECT_EQ(parse("\"a,b,c\";d;e\n1;2;3\n").delimiter, ';');
  // Blank lines before the header (empty, or spaces and tabs) do not decide it.
  EXPECT_EQ(parse("\n \t\r\na;b;c\n1;2;3\n").delimiter, ';');
  EXPECT_EQ(parse("\xEF\xBB\xBF\t\na,b\n1,2\n").delimiter, ',');
  // An explicit delimiter wins over detection.
  EXPECT_EQ(parse("a;b,c\n", 0, CsvOptions{',', 1 << 20}).records[0], (std::vector<std::string>{"a;b", "c"}));
}

TEST(CsvReader, ExcelsSeparatorLineNamesTheDelimiterAndIsNoRow) {
  // Excel writes "sep=;" first (and hides it): the header is still spreadsheet row 1.
  const std::string text = "sep=;\r\nperson_id;hours\r\nP1;1,5\r\nP2;2\r\n";
  for (std::size_t chunk : {0, 1, 3, 7}) {
    const Parsed p = parse(text, chunk);
    ASSERT_FALSE(p.error) << chunk;
    EXPECT_EQ(p.delimiter, ';') << chunk;
    EXPECT_EQ(p.records, (Rows{{"person_id", "hours"}, {"P1", "1,5"}, {"P2", "2"}})) << chunk;
    EXPECT_EQ(p.rows, (std::vector<std::uint64_t>{1, 2, 3})) << chunk;
    // Byte offsets stay the file's.
    EXPECT_EQ(p.offsets[1], text.find("P1")) << chunk;
  }
  EXPECT_EQ(parse("\xEF\xBB\xBFSEP=\t\na\tb\n1\t2\n").records, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(parse("sep=|\na|b\n").records, (Rows{{"a", "b"}}));
  // Not a separator line: a header that happens to start so, or a letter as the delimiter.
  EXPECT_EQ(parse("sep=x\n1\n").records[0], (std::vector<std::string>{"sep=x"}));
  EXPECT_EQ(parse("sep=;,b\n1,2\n").records[0], (std::vector<std::string>{"sep=;", "b"}));
}

TEST(CsvReader, BlankLinesAreCountedNotReturned) {
  const Parsed p = parse("a,b\n\n1,2\n\n\n3,4\n");
  EXPECT_EQ(p.records, (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(p.blank_lines, 3u);
  // Row numbers still count the blank lines, as a spreadsheet does.
  EXPECT_EQ(p.rows, (std::vector<std::uint64_t>{1, 3, 6}));
  // A line of only spaces and tabs is blank too (not a one-field record), in
  // the plain path and where a chunk boundary sends it down the general one.
  for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
    const Parsed w = parse("  \na,b\n \t \n1,2\r\n\t\r\n3,4\n   ", chunk);
    EXPECT_EQ(w.records, (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}})) << chunk;
    EXPECT_EQ(w.blank_lines, 4u) << chunk;
    EXPECT_EQ(w.rows, (std::vector<std::uint64_t>{2, 4, 6})) << chunk;
  }
}

TEST(CsvReader, MalformedQuotesAreFlaggedPerField) {
  const Parsed p = parse("a,b\n1,2\"x\n\"ok\"junk,3\n");
  ASSERT_FALSE(p.error);
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.malformed[0], -1);
  EXPECT_EQ(p.malformed[1], 1);
  EXPECT_EQ(p.malformed[2], 0);
}

TEST(CsvReader, UnterminatedQuoteNamesTheRowWhereItOpened) {
  const Parsed p = parse("a,b\n1,2\n3,\"never closed\n4,5\n");
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code(), DiagCode::unterminated_quote);
  EXPECT_EQ(p.error->first().row, 3u);
}

TEST(CsvReader, FieldTooLargeIsAnError) {
  std::string big = "a\n\"" + std::string(2000, 'x') + "\"\n";
  const Parsed p = parse(big, 0, CsvOptions{',', 1000});
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code(), DiagCode::field_too_large);
  EXPECT_EQ(p.error->first().row, 2u);
}

TEST(CsvReader, InvalidUtf8ReportsByteOffset) {
  // After UTF-8 beyond ASCII (the header's "é"), a bad byte is damage, not another encoding.
  const std::string text = "a\xC3\xA9,b\n1,\xC3\x28\n";  // C3 must be followed by a continuation byte
  const Parsed p = parse(text);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code(), DiagCode::invalid_utf8);
  EXPECT_EQ(p.error->first().byte_offset, 9u);
  // Overlong encodings and surrogates are invalid too.
  EXPECT_EQ(parse("\xC3\xA9\n\xC0\xAF\n").error->first().byte_offset, 3u);
  EXPECT_EQ(parse("\xC3\xA9\n\xED\xA0\x80\n").error->first().byte_offset, 4u);
  // A character cut off at the end of the file.
  EXPECT_EQ(parse("\xC3\xA9\n\xE2\x82").error->code(), DiagCode::invalid_utf8);
  // Valid multi-byte text passes.
  EXPECT_FALSE(parse("team\nZürich \xE2\x82\xAC \xF0\x9F\x98\x80\n").error);
}

// Only ASCII before the first byte that is not UTF-8: most likely Windows-1252
// (Excel's "CSV" on Windows), said so, at the same offset. A UTF-8 byte-order
// mark says UTF-8.
TEST(CsvReader, OnlyAsciiBeforeABadByteLooksLikeWindows1252) {
  const Parsed p = parse("a,b\n1,\xC3\x28\n");
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code(), DiagCode::looks_windows_1252);
  EXPECT_EQ(p.error->first().byte_offset, 7u);
  EXPECT_NE(p.error->message().find("\"encodings\": {\"activity\": \"windows-1252\"}"), std::string::npos) << p.error->message();
  const Parsed at_end = parse("a\nCaf\xE9");  // the file ends inside a would-be character
  ASSERT_TRUE(at_end.error);
  EXPECT_EQ(at_end.error->code(), DiagCode::looks_windows_1252);
  EXPECT_EQ(at_end.error->first().byte_offset, 5u);
  EXPECT_EQ(parse("\xEF\xBB\xBF" "a\n\xE9\n").error->code(), DiagCode::invalid_utf8);
}

TEST(CsvReader, Utf16AndBinaryAreRecognised) {
  EXPECT_EQ(parse(std::string("\xFF\xFE" "a\0,\0", 6)).error->code(), DiagCode::invalid_utf8);
  EXPECT_EQ(parse(std::string("PK\x03\x04rest", 8)).error->code(), DiagCode::binary_input);
  EXPECT_EQ(parse(std::string("a,b\n1,\0\n", 8)).error->code(), DiagCode::binary_input);
  // UTF-16 without a byte-order mark, either byte order, is named as UTF-16 (not "not a text file").
  for (const std::string& utf16 : {std::string("p\0,\0q\0\n\0" "1\0,\0" "2\0\n\0", 16), std::string("\0p\0,\0q\0\n\0" "1\0,\0" "2\0\n", 16)}) {
    const Parsed p = parse(utf16);
    ASSERT_TRUE(p.error);
    EXPECT_EQ(p.error->code(), DiagCode::invalid_utf8);
    EXPECT_NE(p.error->message().find("UTF-16"), std::string::npos) << p.error->message();
  }
}

TEST(CsvReader, ChunkBoundariesDoNotMatter) {
  const std::string text =
      "\xEF\xBB\xBFid;note;v\r\n"
      "1;\"a;b\r\nc\";2,5\r\n"
      "\r\n"
      "2;\"q\"\"q\";\xE2\x82\xAC\r\n"
      "3;x;y";
  const Parsed whole = parse(text);
  ASSERT_FALSE(whole.error);
  for (std::size_t chunk = 1; chunk <= text.size(); ++chunk) {
    const Parsed p = parse(text, chunk);
    ASSERT_FALSE(p.error) << "chunk " << chunk;
    EXPECT_EQ(p.records, whole.records) << "chunk " << chunk;
    EXPECT_EQ(p.rows, whole.rows) << "chunk " << chunk;
    EXPECT_EQ(p.delimiter, ';') << "chunk " << chunk;
  }
}

TEST(CsvReader, InvalidUtf8SplitAcrossChunksIsStillFound) {
  const std::string text = "a\nx\xF0\x9F\x98" "b\n";  // 4-byte sequence broken by 'b'
  for (std::size_t chunk = 1; chunk <= text.size(); ++chunk) {
    const Parsed p = parse(text, chunk);
    ASSERT_TRUE(p.error) << chunk;
    EXPECT_EQ(p.error->first().byte_offset, 6u) << chunk;
  }
}

// The first problem in the file wins, wherever chunks end: a record's error
// (here a sink that refuses the record "bad", or a header "\x01") before an invalid byte, the
// invalid byte before a later record's; a file's signature before anything.
TEST(CsvReader, EncodingErrorsComeInFileOrderWhereverChunksEnd) {
  struct Case {
    std::string text;
    DiagCode code;
    std::size_t records;  // taken before the error
  };
  const std::vector<Case> cases = {
      {"a\nbad\n\xff\n", DiagCode::invalid_argument, 1},
      {"\x01\n\xff", DiagCode::invalid_argument, 0},
      {"a\nok\n\xff\nbad\n", DiagCode::looks_windows_1252, 2},
      {std::string("a\nok\0\nbad\n", 10), DiagCode::binary_input, 1},
      {std::string("a\n\0\xff\nbad\n", 10), DiagCode::binary_input, 1},
      {"\xEF\xBB\xBF" "a\nbad\n\xC3", DiagCode::invalid_argument, 1},
      {"a\nok\n\xC3", DiagCode::looks_windows_1252, 2},
      {"a\n\xC3\xA9\n\xff\nbad\n", DiagCode::invalid_utf8, 2},
      {std::string("PK\x03\x04\nbad\n", 9), DiagCode::binary_input, 0},
      {std::string("\xFF\xFE" "a\0\n\0", 6), DiagCode::invalid_utf8, 0},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\nbad\n", DiagCode::binary_input, 0},
  };
  for (const Case& c : cases) {
    for (std::size_t chunk = 1; chunk <= c.text.size(); ++chunk) {
      CsvReader reader({}, "activity");
      std::size_t records = 0;
      auto sink = [&](const CsvRecord& r) -> Status {
        if (r.fields[0] == "bad" || r.fields[0] == "\x01") return Error(make_diagnostic(DiagCode::invalid_argument, "refused"));
        ++records;
        return Ok{};
      };
      Status s = Ok{};
      for (std::size_t i = 0; s && i < c.text.size(); i += chunk) s = reader.feed(std::string_view(c.text).substr(i, chunk), sink);
      if (s) s = reader.finish(sink);
      ASSERT_FALSE(s) << testing::PrintToString(c.text) << " chunk " << chunk;
      EXPECT_EQ(s.error().code(), c.code) << testing::PrintToString(c.text) << " chunk " << chunk;
      EXPECT_EQ(records, c.records) << testing::PrintToString(c.text) << " chunk " << chunk;
    }
  }
}

// A byte range's reader goes on at a record start after the header: an
// invalid byte there is named by its offset in the file, not in the range.
TEST(CsvReader, ARangeNamesInvalidBytesByTheirOffsetInTheFile) {
  const std::string file = "a,b\n1,2\n3,\xff\n";
  CsvReader reader({}, "activity");
  auto sink = [](const CsvRecord&) -> Status { return Ok{}; };
  ASSERT_TRUE(reader.feed(std::string_view(file).substr(0, 4), sink));
  reader.restart_at(8);
  const Status s = reader.feed(std::string_view(file).substr(8), sink);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), DiagCode::invalid_utf8);
  EXPECT_EQ(s.error().first().byte_offset, 10u);
}

// A reader of shard 0 of 2 skips the other shard's records after their second
// field, scanning the rest only for the record's end: quoted newlines and
// doubled quotes, CRLF, a lone CR and fields longer than a word end it right,
// in any chunking.
TEST(CsvReader, SkippedRecordsEndWhereTheyEnd) {
  const auto pick = [](std::uint32_t shard) {
    for (int i = 0;; ++i)
      if (std::string v = "k" + std::to_string(i); shard_of(v, 2) == shard) return v;
  };
  const std::string keep = pick(0), skip = pick(1);
  const std::string text = "id," + keep + ",v\n" +
                           "1," + skip + ",\"a\nb\"\n" + "2," + keep + ",x\n" +
                           "3," + skip + ",y\r\n" + "4," + keep + ",z\r\n" +
                           "5," + skip + ",w\r" + "6," + keep + ",u\n" +
                           "7," + skip + ",\"q,\"\"r\"\"\"\n" + "8," + keep + ",\"t\ns\"\n" +
                           "9," + skip + ",a field longer than a word, and then some\n" + "10," + keep + ",end\n" +
                           "11," + skip + ",\"\n\"\n" + "12," + keep + ",last";
  const Rows expected{{"id", keep, "v"}, {"2", keep, "x"}, {"4", keep, "z"},    {"6", keep, "u"},
                      {"8", keep, "t\ns"}, {"10", keep, "end"}, {"12", keep, "last"}};
  // Every chunk size: the rest of a skipped record then starts at every
  // distance from a chunk's end, so short and long scans both run.
  for (std::size_t chunk = 0; chunk <= text.size(); ++chunk) {
    const Parsed got = parse(text, chunk, {}, 2);
    ASSERT_FALSE(got.error) << chunk;
    EXPECT_EQ(got.records, expected) << chunk;
    EXPECT_EQ(got.rows, (std::vector<std::uint64_t>{1, 3, 5, 7, 9, 11, 13})) << chunk;
    EXPECT_EQ(got.skipped, 6u) << chunk;
  }
}

// Malformed quotes in skipped records (a quote inside an unquoted field, text
// after a closing quote) at every distance from a chunk's end: a skipped
// record ends where one reader of every record ends it, so the records kept
// and their row numbers are those of the unfiltered parse. (A quote that
// began a chunk after the rest of a skipped field had ended the chunk before
// was once taken for an opening quote, swallowing the next line.)
TEST(CsvReader, MalformedQuotesInSkippedRecordsEndWhereTheyEnd) {
  const auto pick = [](std::uint32_t shard) {
    for (int i = 0;; ++i)
      if (std::string v = "k" + std::to_string(i); shard_of(v, 2) == shard) return v;
  };
  const std::string keep = pick(0), skip = pick(1);
  const std::string text = "id,key,v,w\n" +
                           ("1," + skip + ",0.\"two\nlines\"\n") + ("2," + keep + ",x,y\n") +
                           ("3," + skip + ",a\"b,\"c\nd\",e\n") + ("4," + keep + ",\"t\ns\",z\n") +
                           ("5," + skip + ",\"q\"r,s\"\n") + ("6," + keep + ",u,v\n") +
                           ("7," + skip + ",abc\",\"d\ne\"\n") + ("8," + keep + ",last,1");
  const Parsed all = parse(text);
  ASSERT_FALSE(all.error);
  Rows expected;
  std::vector<std::uint64_t> rows;
  for (std::size_t r = 0; r < all.records.size(); ++r)
    if (all.records[r].size() < 2 || shard_of(all.records[r][1], 2) == 0) {
      expected.push_back(all.records[r]);
      rows.push_back(all.rows[r]);
    }
  ASSERT_EQ(expected.size(), 6u);  // the header, "lines\"" (too short to filter) and the four kept rows
  for (std::size_t chunk = 1; chunk <= text.size(); ++chunk) {
    const Parsed got = parse(text, chunk, {}, 2);
    ASSERT_FALSE(got.error) << chunk;
    EXPECT_EQ(got.records, expected) << "chunks of " << chunk;
    EXPECT_EQ(got.rows, rows) << "chunks of " << chunk;
  }
}

// The eight-bytes-at-a-time scans: the first '\n', '"' or '\r', and the first
// '"', are where a byte-by-byte scan finds them, and the field-end flags mark
// exactly the bytes that are one of those or the delimiter, at every length
// and offset, with delimiters next to those bytes in value and high ones too.
TEST(LineScan, EightBytesAtATimeMatchAPlainScan) {
  std::uint64_t state = 12345;
  const auto next = [&state]() { return splitmix64(state); };
  for (const char delimiter : {',', ';', '\t', '|', '\x0b', '\xe9'}) {
    const char specials[] = {'"', '\n', '\r', delimiter};
    const auto is_line_end = [](char c) { return c == '\n' || c == '"' || c == '\r'; };
    for (int trial = 0; trial < 20000; ++trial) {
      const std::size_t n = next() % 40;
      // Exactly n bytes on the heap: a read past them is an error under ASan.
      std::unique_ptr<char[]> bytes(new char[n == 0 ? 1 : n]);
      const int rare = static_cast<int>(next() % 64) + 1;  // special bytes 1 in `rare`
      for (std::size_t i = 0; i < n; ++i)
        if (next() % static_cast<std::uint64_t>(rare) == 0) {
          bytes[i] = specials[next() % 4];
        } else {
          // Any other byte, neighbours of the special ones and high bytes included.
          do bytes[i] = static_cast<char>(next() % 256);
          while (is_line_end(bytes[i]) || bytes[i] == delimiter);
        }
      std::size_t line = n;
      for (std::size_t i = n; i-- > 0;)
        if (is_line_end(bytes[i])) line = i;
      ASSERT_EQ(first_line_special(bytes.get(), n), line) << "length " << n << " trial " << trial;
      const std::size_t quote = static_cast<std::size_t>(std::find(bytes.get(), bytes.get() + n, '"') - bytes.get());
      ASSERT_EQ(first_quote(bytes.get(), n), quote) << "length " << n << " trial " << trial;
      for (std::size_t at = 0; at + 8 <= n; ++at) {
        std::uint64_t expected = 0;
        for (std::size_t k = 0; k < 8; ++k)
          if (is_line_end(bytes[at + k]) || bytes[at + k] == delimiter) expected |= std::uint64_t{0x80} << (8 * k);
        ASSERT_EQ(field_end_flags(bytes.get() + at, repeated_byte(delimiter)), expected)
            << "length " << n << " trial " << trial << " at " << at << " delimiter " << int(delimiter);
      }
    }
  }
}

// A record that lies whole in one chunk with no quote is read in place (no
// copy); one cut by a chunk boundary, quoted, blank, too long or too wide goes
// the general way. A chunk of one byte never holds a whole record, so it
// compares the two paths on the same text.
TEST(CsvReader, RecordsReadInPlaceEqualTheGeneralPath) {
  const std::string wide(1030, ',');
  const std::string text = std::string("id,team,v\n") +
                           "1,a,2\n" "2,b,3\r\n" "\n" "3,\"c,d\",4\n" "4,e,5\r" "5,f\"g,6\n" "\r\n" "6,,\n" +
                           "7,h,8\r\n" + "8,i,9";
  // Second fields (the header's too) of another shard than 0 of 2: the records skipped when filtering.
  std::uint64_t other_shard = 0;
  for (std::string_view team : {"team", "a", "b", "c,d", "e", "f\"g", "", "h", "i"}) other_shard += shard_of(team, 2) != 0;
  ASSERT_GT(other_shard, 0u);
  ASSERT_LT(other_shard, 9u);
  for (const bool filter : {false, true}) {
    const std::uint32_t shards = filter ? 2 : 1;
    const Parsed whole = parse(text, 0, {}, shards);
    const Parsed bytewise = parse(text, 1, {}, shards);
    ASSERT_FALSE(whole.error);
    ASSERT_FALSE(bytewise.error);
    EXPECT_EQ(whole.records, bytewise.records);
    EXPECT_EQ(whole.rows, bytewise.rows);
    EXPECT_EQ(whole.offsets, bytewise.offsets);
    EXPECT_EQ(whole.malformed, bytewise.malformed);
    EXPECT_EQ(whole.blank_lines, bytewise.blank_lines);
    EXPECT_EQ(whole.skipped, bytewise.skipped);
    EXPECT_EQ(whole.skipped, filter ? other_shard : 0u);
    EXPECT_EQ(whole.records.size(), filter ? 9u - other_shard : 9u);
  }
  // Limits are checked alike: a field over the size limit, a header of more than 1024 fields.
  CsvOptions small;
  small.max_field_bytes = 4;
  for (const auto& [bad, row] : {std::pair{std::string("a,b\n1,2\n3,12345\n"), 3u}, std::pair{wide + "\n1\n", 1u}}) {
    const Parsed whole = parse(bad, 0, small);
    const Parsed bytewise = parse(bad, 1, small);
    ASSERT_TRUE(whole.error);
    ASSERT_TRUE(bytewise.error);
    EXPECT_EQ(whole.error->code(), bytewise.error->code());
    EXPECT_EQ(whole.error->first().row, row);
    EXPECT_EQ(bytewise.error->first().row, row);
  }
  // A data row that wide is one damaged record (its table skips it as ragged): 1025 fields, the rest in the last.
  // (With a value: a row of separators only is an empty spreadsheet row, a blank line.)
  const std::string wide_row = "a\n1\nx" + wide + "\n2\n";
  const Parsed whole = parse(wide_row, 0);
  const Parsed bytewise = parse(wide_row, 1);
  ASSERT_FALSE(whole.error);
  ASSERT_FALSE(bytewise.error);
  EXPECT_EQ(whole.records, bytewise.records);
  ASSERT_EQ(whole.records.size(), 4u);
  EXPECT_EQ(whole.records[2].size(), 1025u);
  EXPECT_EQ(whole.records[2][0], "x");
  EXPECT_EQ(whole.records[3], std::vector<std::string>{"2"});
  // Separators only, after the header: an empty row, read as a blank line whatever the chunks.
  for (const std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
    const Parsed empty_rows = parse("a,b,c\n1,2,3\n,,\n, ,\n,,,,,,\n4,5,6\n", chunk);
    ASSERT_FALSE(empty_rows.error) << chunk;
    EXPECT_EQ(empty_rows.blank_lines, 3u) << chunk;
    EXPECT_EQ(empty_rows.records.size(), 3u) << chunk;
  }
  // A blank line longer than a field may be is still a blank line; a field of blanks and text is not one.
  for (const std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
    const Parsed padded = parse("a\n1\n \t       \t  \n2\n", chunk, small);
    ASSERT_FALSE(padded.error) << chunk;
    EXPECT_EQ(padded.blank_lines, 1u) << chunk;
    EXPECT_EQ(padded.records.size(), 3u) << chunk;
    EXPECT_TRUE(parse("a\n1\n        x\n2\n", chunk, small).error) << chunk;
  }
}

// Exporters that quote every field ("a","b") are read in place too: a quoted
// field with no quote inside is a view between its quotes. Random records of
// every field form the general path knows (escaped quotes, delimiters and line
// ends inside quotes, blanks around quotes, text after a closing quote, a
// quote inside an unquoted field, fields over the size limit, empty rows),
// read whole and in chunks of 1 to 9 bytes (1 byte: never in place), with and
// without a shard filter, give the same records, rows, offsets, flags, counts
// and errors.
TEST(CsvReader, QuotedRecordsReadInPlaceEqualTheGeneralPath) {
  const std::vector<std::string> forms = {
      "abc", "", "\"abc\"", "\"\"", "\"a,b\"", "\"a\nb\"", "\"a\r\nb\"", "\"a\"\"b\"", "\"\"\"\"",
      " \"a\"", "\"a\" ", "\"a\"b", "a\"b", "  ", "\" \"", "\"0123456789abcdef\"", "0123456789abcdef",
      "\"x,y,z,w,v,u,t,s\"", "12.5", "\"2025-01-06\""};
  const std::vector<std::string> ends = {"\n", "\r\n", "\r"};
  CsvOptions limited;
  limited.max_field_bytes = 12;
  Prng rng(20261205);
  std::size_t quoted_in_place = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text = "id,key,v,w\n";
    const std::size_t records = 1 + rng.below(12);
    for (std::size_t r = 0; r < records; ++r) {
      if (rng.below(10) == 0) {
        text += rng.below(2) ? "\n" : ",,,\n";  // an empty row
        continue;
      }
      const std::size_t fields = 1 + rng.below(5);
      for (std::size_t f = 0; f < fields; ++f) {
        if (f > 0) text += ',';
        text += forms[rng.below(forms.size())];
      }
      if (r + 1 < records || rng.below(2)) text += ends[rng.below(ends.size())];
    }
    const CsvOptions options = round % 3 == 0 ? limited : CsvOptions{};
    for (const std::uint32_t shards : {1u, 2u}) {
      const Parsed whole = parse(text, 0, options, shards);
      for (std::size_t chunk = 1; chunk <= 9; ++chunk) {
        const Parsed part = parse(text, chunk, options, shards);
        ASSERT_EQ(whole.error.has_value(), part.error.has_value()) << text << " chunk " << chunk;
        if (whole.error) {
          EXPECT_EQ(whole.error->code(), part.error->code()) << text;
          EXPECT_EQ(whole.error->first().row, part.error->first().row) << text;
          continue;
        }
        EXPECT_EQ(whole.records, part.records) << text << " chunk " << chunk << " shards " << shards;
        EXPECT_EQ(whole.rows, part.rows) << text;
        EXPECT_EQ(whole.offsets, part.offsets) << text;
        EXPECT_EQ(whole.malformed, part.malformed) << text;
        EXPECT_EQ(whole.blank_lines, part.blank_lines) << text;
        EXPECT_EQ(whole.skipped, part.skipped) << text;
      }
      if (whole.error) continue;
      for (std::size_t r = 1; r < whole.records.size(); ++r)
        for (const std::string& field : whole.records[r])
          if (whole.in_place[r] && field.find(',') != std::string::npos) ++quoted_in_place;
    }
  }
  // Records with a quoted delimiter were read in place (the test would pass
  // without the quoted path otherwise).
  EXPECT_GT(quoted_in_place, 100u);
  // A file quoted throughout: its records read in place.
  const Parsed quoted = parse("\"id\",\"key\",\"v\"\n\"1\",\"a,b\",\"2.5\"\n\"2\",\"\",\"x\"\r\n\"3\",\"c\",\"line\nbreak\"\n\"4\",\"d\",\"\"\n", 0);
  ASSERT_FALSE(quoted.error);
  EXPECT_EQ(quoted.records, (Rows{{"id", "key", "v"}, {"1", "a,b", "2.5"}, {"2", "", "x"}, {"3", "c", "line\nbreak"}, {"4", "d", ""}}));
  EXPECT_EQ(quoted.rows, (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
  // (The last record lies in the chunk's last eight bytes: the general path's.)
  EXPECT_EQ(quoted.in_place, (std::vector<bool>{true, true, true, true, false}));
}

}  // namespace
}  // namespace gapscore
