// Windows-1252 input (config.encodings): each byte's UTF-8 against Python's
// cp1252 codec (tests/reference/windows_1252_reference.py), and the CSV
// reader's records and byte offsets for such a file in any chunking.
#include "ingest/csv.h"
#include "ingest/windows_1252.h"
#include "gapscore/session.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace gapscore {
namespace {

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// byte -> its UTF-8, as the reference script wrote them.
std::vector<std::string> reference() {
  std::istringstream lines(testing_util::read_file(std::string(GAPSCORE_TEST_DATA_DIR) + "/windows_1252_utf8.txt"));
  std::vector<std::string> out(256);
  std::string byte, utf8;
  std::size_t n = 0;
  while (lines >> byte >> utf8) {
    out.at(static_cast<std::size_t>(std::stoi(byte, nullptr, 16))) = from_hex(utf8);
    ++n;
  }
  EXPECT_EQ(n, 256u);
  return out;
}

TEST(Windows1252, EveryByteDecodesAsPythonsCp1252) {
  const std::vector<std::string> want = reference();
  std::string all_bytes, all_utf8;
  for (int b = 0; b < 256; ++b) {
    ingest::Windows1252Text text;
    const std::string one(1, static_cast<char>(b));
    EXPECT_EQ(std::string(text.decode(one)), want[static_cast<std::size_t>(b)]) << "byte " << b;
    all_bytes += one;
    all_utf8 += want[static_cast<std::size_t>(b)];
  }
  ingest::Windows1252Text text;
  EXPECT_EQ(std::string(text.decode(all_bytes)), all_utf8);
}

TEST(Windows1252, OffsetsInTheTextNameTheInputsBytes) {
  ingest::Windows1252Text text;
  const std::string input = "ab\xE9" "c\x80" "d";  // é: 2 UTF-8 bytes, €: 3
  const std::string_view utf8 = text.decode(input);
  ASSERT_EQ(utf8, "ab\xC3\xA9" "c\xE2\x82\xAC" "d");
  // Character starts: a b é c € d at 0 1 2 4 5 8 in the text, 0 1 2 3 4 5 in the input.
  const std::uint64_t starts[] = {0, 1, 2, 4, 5, 8, 9};
  for (std::uint64_t i = 0; i < 7; ++i) EXPECT_EQ(text.input_offset(starts[i]), i);
  text.forget_before(5);
  EXPECT_EQ(text.input_offset(5), 4u);
  EXPECT_EQ(text.input_offset(8), 5u);
  // The next chunk goes on from there.
  EXPECT_EQ(text.decode("\xFC"), "\xC3\xBC");
  EXPECT_EQ(text.input_offset(9), 6u);
  EXPECT_EQ(text.input_offset(11), 7u);
}

// Bytes that read as a UTF-8 character ("é" as C3 A9) are noted by their
// offset: the file may be UTF-8 after all. Windows-1252 text has none.
TEST(Windows1252, BytesThatReadAsUtf8AreNoted) {
  ingest::Windows1252Text plain;
  plain.decode("Z\xFCrich;\xE9t\xE9 \x96 Sa\xF5 Paulo\n");
  EXPECT_FALSE(plain.utf8_like_at());
  ingest::Windows1252Text mixed;
  mixed.decode("Z\xFCrich\n");
  mixed.decode("Caf\xC3\xA9 \xE2\x82\xAC\n");
  ASSERT_TRUE(mixed.utf8_like_at());
  EXPECT_EQ(*mixed.utf8_like_at(), 10u);
  ingest::Windows1252Text euro;
  euro.decode("a\xE2\x82\xAC");  // a three-byte character alone
  EXPECT_EQ(euro.utf8_like_at(), std::optional<std::uint64_t>(1));
}

struct Read {
  std::vector<std::vector<std::string>> records;
  std::vector<std::uint64_t> offsets;
  std::optional<Error> error;
};

Read read(const std::string& bytes, std::size_t chunk, bool windows_1252) {
  Read out;
  CsvOptions opts;
  opts.windows_1252 = windows_1252;
  CsvReader reader(opts, "activity");
  auto sink = [&](const CsvRecord& r) -> Status {
    out.records.emplace_back(r.fields.begin(), r.fields.end());
    out.offsets.push_back(r.byte_offset);
    return Ok{};
  };
  Status s = Ok{};
  for (std::size_t i = 0; s && i < bytes.size(); i += chunk) s = reader.feed(std::string_view(bytes).substr(i, chunk), sink);
  if (s) s = reader.finish(sink);
  if (!s) out.error = s.error();
  return out;
}

// The same table in UTF-8 and in Windows-1252 (quoted fields, a quoted newline,
// CRLF, a semicolon file's decimal commas): the same records in any chunking,
// each at its offset in the Windows-1252 file.
TEST(Windows1252, ACsvReadsAsItsUtf8TwinWithTheFilesOffsets) {
  const std::string cp1252 =
      "person_id;team;note\r\n"
      "P1;Z\xFCrich;\"caf\xE9, cr\xE8me\"\r\n"
      "P2;M\xFCnchen;\"line\r\nbr\xE9" "ak \x80" "5\"\r\n"
      "P\xC9" "3;S\xE3o Paulo;\x93quoted\x94 \x85\r\n"
      "P4;Oslo;plain\r\n";
  const std::string utf8 =
      "person_id;team;note\r\n"
      "P1;Z\xC3\xBCrich;\"caf\xC3\xA9, cr\xC3\xA8me\"\r\n"
      "P2;M\xC3\xBCnchen;\"line\r\nbr\xC3\xA9" "ak \xE2\x82\xAC" "5\"\r\n"
      "P\xC3\x89" "3;S\xC3\xA3o Paulo;\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\xA6\r\n"
      "P4;Oslo;plain\r\n";
  const Read want = read(utf8, utf8.size(), false);
  ASSERT_FALSE(want.error);
  ASSERT_EQ(want.records.size(), 5u);
  // Each record starts after the previous one's "\r\n" in the Windows-1252 bytes.
  std::vector<std::uint64_t> starts{0};
  for (std::size_t at = cp1252.find("\r\nP"); at != std::string::npos; at = cp1252.find("\r\nP", at + 1)) starts.push_back(at + 2);
  ASSERT_EQ(starts.size(), 5u);
  for (std::size_t chunk = 1; chunk <= cp1252.size(); ++chunk) {
    const Read got = read(cp1252, chunk, true);
    ASSERT_FALSE(got.error) << "chunk " << chunk;
    EXPECT_EQ(got.records, want.records) << "chunk " << chunk;
    EXPECT_EQ(got.offsets, starts) << "chunk " << chunk;
  }
}

// An error names the byte of the file: here the record whose quote never closes.
TEST(Windows1252, AnErrorNamesTheFilesByteOffset) {
  const std::string cp1252 = "team,note\nZ\xFCrich,ok\nM\xFCnchen,\"open\xE9\n";
  for (std::size_t chunk = 1; chunk <= cp1252.size(); ++chunk) {
    const Read got = read(cp1252, chunk, true);
    ASSERT_TRUE(got.error) << "chunk " << chunk;
    EXPECT_EQ(got.error->code(), DiagCode::unterminated_quote) << "chunk " << chunk;
    EXPECT_EQ(got.error->first().byte_offset, cp1252.find("M\xFC")) << "chunk " << chunk;
  }
  // A NUL is still found, at its own offset.
  const std::string nul = std::string("team\nZ\xFCrich\n\xE9") + '\0' + "x\n";
  const Read got = read(nul, 4, true);
  ASSERT_TRUE(got.error);
  EXPECT_EQ(got.error->code(), DiagCode::binary_input);
  EXPECT_EQ(got.error->first().byte_offset, nul.find('\0'));
}

}  // namespace
}  // namespace gapscore

namespace gapscore {
namespace {

// Encodings say how the files were found to be: new settings that leave a
// table's encoding out keep it (a re-analysis needs no second read); naming
// another encoding for a table changes how it is read.
TEST(Windows1252, NewSettingsKeepTheEncodingsTheFilesWereReadWith) {
  auto session = Session::create(R"({"encodings": {"activity": "windows-1252"}})");
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(session->configure(R"({"group_by": ["role"]})"));
  EXPECT_EQ(session->config().encodings.at("activity"), "windows-1252");
  EXPECT_EQ(session->config().group_by, std::vector<std::string>{"role"});
  const Status other = session->configure(R"({"encodings": {"people": "windows-1252"}})");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), DiagCode::config_needs_reread);
  EXPECT_NE(other.error().message().find("encodings"), std::string::npos);
}

}  // namespace
}  // namespace gapscore
