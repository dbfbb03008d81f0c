// Runs every file of the malformed-input corpus (tests/data/bad, described
// by manifest.json, written by make_corpus.py) through ingest and checks the
// documented outcome: a precise error, a counted row skip, or a clean read.
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "gapscore/inputs.h"
#include "ingest/ingest.h"
#include "zlib_inflate.h"

namespace gapscore {
namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

nlohmann::json manifest() {
  return nlohmann::json::parse(read_bytes(std::string(GAPSCORE_TEST_DATA_DIR) + "/bad/manifest.json"));
}

// Words a case's message must have (message_has) or must not have (message_lacks).
void expect_message_words(const Diagnostic& d, const nlohmann::json& c) {
  if (c.contains("message_has")) { EXPECT_NE(d.message.find(c["message_has"].get<std::string>()), std::string::npos) << d.message; }
  if (c.contains("message_lacks")) { EXPECT_EQ(d.message.find(c["message_lacks"].get<std::string>()), std::string::npos) << d.message; }
}

class BadInput : public ::testing::TestWithParam<std::size_t> {};

TEST(BadInputCorpus, HasAtLeastThirtyMalformedFiles) {
  std::size_t malformed = 0;
  for (const auto& c : manifest()) malformed += c["expect"] != "ok";
  EXPECT_GE(malformed, 30u);
}

TEST_P(BadInput, GivesItsDocumentedOutcome) {
  const nlohmann::json c = manifest().at(GetParam());
  const std::string file = c["file"];
  SCOPED_TRACE(file);
  std::string bytes = read_bytes(std::string(GAPSCORE_TEST_DATA_DIR) + "/bad/" + file);
  // Workbooks are made CSV first, as the CLI and the npm package do (by content, not by name).
  std::optional<Error> workbook_error;
  if (looks_like_workbook(bytes)) {
    auto csv = workbook_to_csv(bytes, "", cli::zlib_inflate, file);
    if (csv) bytes = std::move(csv).value();
    else workbook_error = std::move(csv).error();
  }
  DiagnosticLog log(100);
  IngestOptions opts;
  opts.kind = *table_kind_from_name(c["table"].get<std::string>());
  opts.strict = c["strict"];
  opts.source_name = file;
  if (c.value("format", "") == "json") opts.format = InputFormat::json;
  // Odd chunk size: every structure must survive being split anywhere.
  TableIngestor ingestor(opts, log);
  Status pushed = workbook_error ? Status(*workbook_error) : Status(Ok{});
  for (std::size_t i = 0; i < bytes.size() && pushed; i += 4093) pushed = ingestor.push(std::string_view(bytes).substr(i, 4093));
  Result<IngestedTable> result = pushed ? ingestor.finish() : Result<IngestedTable>(std::move(pushed).error());

  const std::string expect = c["expect"];
  if (expect == "error") {
    ASSERT_FALSE(result.ok()) << "expected failure with " << c["code"];
    const Diagnostic& d = result.error().first();
    EXPECT_EQ(diag_code_name(d.code), c["code"].get<std::string>()) << d.message;
    EXPECT_FALSE(d.message.empty());
    EXPECT_EQ(d.severity, Severity::error);
    if (c.contains("row")) { EXPECT_EQ(d.row, c["row"].get<std::uint64_t>()) << d.message; }
    if (c.contains("column")) { EXPECT_EQ(d.column, c["column"].get<std::string>()) << d.message; }
    if (c.contains("value")) { EXPECT_EQ(d.value, c["value"].get<std::string>()) << d.message; }
    if (c.contains("byte_offset")) { EXPECT_EQ(d.byte_offset, c["byte_offset"].get<std::uint64_t>()) << d.message; }
    expect_message_words(d, c);
    return;
  }
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_EQ(result->summary.rows_used, c["rows_used"].get<std::uint64_t>());
  if (expect == "ok") {
    EXPECT_EQ(result->summary.rows_skipped, 0u);
    EXPECT_EQ(log.warnings(), 0u);
    return;
  }
  if (expect == "cell") {  // the row is kept, the cell read as empty, with a warning naming it
    EXPECT_EQ(result->summary.rows_skipped, 0u);
    ASSERT_EQ(log.items().size(), 1u);
    const Diagnostic& d = log.items().front();
    EXPECT_EQ(diag_code_name(d.code), c["code"].get<std::string>()) << d.message;
    EXPECT_EQ(d.severity, Severity::warning);
    EXPECT_EQ(d.row, c["row"].get<std::uint64_t>()) << d.message;
    EXPECT_EQ(d.column, c["column"].get<std::string>()) << d.message;
    EXPECT_NE(d.message.find(c["table"] == "surveys" ? "read as empty, the row's other answers are kept"
                                                     : "read as empty, the person is kept"),
              std::string::npos)
        << d.message;
    const Column& column = result->table.column(c["column"].get<std::string>());
    const std::size_t r = d.row - 2;  // data rows start at file row 2
    const bool missing = column.type == ColumnType::text ? column.text().codes[r] == kMissingCode
                         : column.type == ColumnType::boolean || column.type == ColumnType::work_mode
                             ? column.small()[r] == kMissingBool
                             : column.ints()[r] == kMissingInt;
    EXPECT_TRUE(missing) << "the bad cell was not read as empty";
    return;
  }
  EXPECT_EQ(result->summary.rows_skipped, c["rows_skipped"].get<std::uint64_t>());
  bool found = false;
  for (const Diagnostic& d : log.items()) {
    if (diag_code_name(d.code) != c["code"].get<std::string>()) continue;
    found = true;
    EXPECT_EQ(d.severity, Severity::warning);
    EXPECT_EQ(d.row, c["row"].get<std::uint64_t>()) << d.message;
    if (c.contains("column")) { EXPECT_EQ(d.column, c["column"].get<std::string>()) << d.message; }
    EXPECT_NE(d.message.find("row skipped"), std::string::npos) << d.message;
    expect_message_words(d, c);
    break;
  }
  EXPECT_TRUE(found) << "no " << c["code"] << " diagnostic";
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::Range<std::size_t>(0, manifest().size()),
                         [](const ::testing::TestParamInfo<std::size_t>& param_info) {
                           std::string name = manifest().at(param_info.param)["file"];
                           for (char& ch : name)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

}  // namespace
}  // namespace gapscore
