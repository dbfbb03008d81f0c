// Excel workbooks (core/src/ingest/xlsx, gapscore/inputs.h): the XML scanner,
// date styles, a sheet as CSV, the zip directory, and the CLI reading a roster
// workbook into the same report as its CSV (fixtures: tests/data/inputs/make_workbooks.py,
// bad workbooks: tests/data/bad/make_corpus.py).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "gapscore/inputs.h"
#include "ingest/xlsx/workbook_parts.h"
#include "ingest/xlsx/xml_scanner.h"
#include "test_util.h"
#include "zlib_inflate.h"

namespace gapscore {
namespace {

using testing_util::data_path;
using testing_util::read_file;

const std::string kStyles =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/><numFmt numFmtId=\"165\" "
    "formatCode=\"[h]:mm\"/></numFmts><cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf "
    "numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"2\"/></cellXfs></styleSheet>";

std::string sheet(const std::string& rows) { return "<worksheet><sheetData>" + rows + "</sheetData></worksheet>"; }

TEST(XmlScanner, ReadsTagsAttributesAndDecodedText) {
  xlsx::XmlScanner x("<?xml version=\"1.0\"?><!-- c --><x:row r='7' a=\"1 &amp; 2\"><t>A &lt;b&gt; &#233;&#x263A;</t>"
                     "<br/><![CDATA[<raw>&amp;]]></x:row>");
  ASSERT_EQ(x.next(), xlsx::XmlScanner::Event::start);
  EXPECT_EQ(x.name(), "row");
  EXPECT_EQ(x.attribute("r"), "7");
  EXPECT_EQ(x.attribute("a"), "1 &amp; 2");  // raw: decoded by the caller
  EXPECT_FALSE(x.attribute("missing"));
  ASSERT_EQ(x.next(), xlsx::XmlScanner::Event::start);
  ASSERT_EQ(x.next(), xlsx::XmlScanner::Event::text);
  std::string text;
  x.append_text(text);
  EXPECT_EQ(text, "A <b> \xC3\xA9\xE2\x98\xBA");
  EXPECT_EQ(x.next(), xlsx::XmlScanner::Event::end);
  ASSERT_EQ(x.next(), xlsx::XmlScanner::Event::start);
  EXPECT_EQ(x.name(), "br");
  EXPECT_EQ(x.next(), xlsx::XmlScanner::Event::end);  // self-closing
  ASSERT_EQ(x.next(), xlsx::XmlScanner::Event::text);
  text.clear();
  x.append_text(text);
  EXPECT_EQ(text, "<raw>&amp;");
  EXPECT_EQ(x.next(), xlsx::XmlScanner::Event::end);
  EXPECT_EQ(x.next(), xlsx::XmlScanner::Event::done);
}

TEST(XmlScanner, RefusesDoctypesAndUnclosedTags) {
  xlsx::XmlScanner doctype("<!DOCTYPE x [<!ENTITY a \"b\">]><x/>");
  EXPECT_EQ(doctype.next(), xlsx::XmlScanner::Event::error);
  xlsx::XmlScanner open("<row r=\"1\"");
  EXPECT_EQ(open.next(), xlsx::XmlScanner::Event::error);
}

TEST(XmlScanner, DecodesSpreadsheetEscapes) {
  std::string s = "a_x000D_b_x005F_x000D_c_xZZZZ_";
  xlsx::decode_ooxml_escapes(s);
  EXPECT_EQ(s, "a\rb_x000D_c_xZZZZ_");
}

TEST(DateStyles, BuiltInAndCustomDateFormatsButNotTimesOrNumbers) {
  for (const char* code : {"yyyy-mm-dd", "dd/mm/yyyy;@", "[$-409]mmmm d, yyyy", "mmm-yy", "d-mmm", "m/d/yy h:mm"})
    EXPECT_TRUE(xlsx::format_code_is_date(code)) << code;
  for (const char* code : {"General", "0.00", "[h]:mm", "h:mm:ss", "mm:ss", "#,##0 \"days\"", "[Red]0.0", "0_m"})
    EXPECT_FALSE(xlsx::format_code_is_date(code)) << code;
  auto styles = xlsx::read_date_styles(kStyles);
  ASSERT_TRUE(styles.ok()) << styles.error().message();
  EXPECT_EQ(*styles, (std::vector<bool>{false, true, true, false, false}));
}

TEST(SheetToCsv, WritesEveryCellKindInItsPlace) {
  const std::string strings =
      "<sst count=\"99\"><si><t>team</t></si><si><r><t>Data</t></r><r><rPr/><t xml:space=\"preserve\"> &amp; AI</t></r>"
      "<rPh><t>phonetic</t></rPh></si><si><t>a,\"b\"</t></si></sst>";
  const std::string xml = sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>person_id</t></is></c><c r=\"B1\" t=\"s\"><v>0</v></c>"
      "<c r=\"C1\" t=\"inlineStr\"><is><t>hire_date</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"str\"><f>CONCAT(\"P\",1)</f><v>P1</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
      "<c r=\"C2\" s=\"1\"><v>45663</v></c><c r=\"D2\" t=\"b\"><v>1</v></c></row>"
      "<row r=\"4\"><c r=\"A4\"><v>7</v></c><c r=\"C4\" s=\"2\"><v>45663.75</v></c><c r=\"D4\" t=\"e\"><v>#N/A</v></c></row>"
      "<row r=\"5\"><c r=\"B5\" t=\"s\"><v>2</v></c><c r=\"C5\" s=\"3\"><v>1.5</v></c><c r=\"D5\" s=\"4\"><v>0.1</v></c></row>"
      "<row r=\"6\"><c r=\"A6\" s=\"1\"/></row><row r=\"9\"></row>");
  auto csv = sheet_to_csv(xml, strings, kStyles, false);
  ASSERT_TRUE(csv.ok()) << csv.error().message();
  // Row 3 is a blank line (its place kept), rows 6 and 9 are empty at the end (dropped);
  // 2025-01-06 is serial 45663; times and plain numbers stay numbers.
  EXPECT_EQ(*csv,
            "person_id,team,hire_date,x\n"
            "P1,Data & AI,2025-01-06,true\n"
            "\n"
            "7,,2025-01-06,#N/A\n"
            ",\"a,\"\"b\"\"\",1.5,0.1\n");
}

TEST(SheetToCsv, CountsDaysFrom1904WhenTheWorkbookDoes) {
  const std::string xml = sheet("<row r=\"1\"><c t=\"inlineStr\"><is><t>d</t></is></c></row>"
                                "<row r=\"2\"><c s=\"1\"><v>0</v></c></row><row r=\"3\"><c s=\"1\"><v>44201</v></c></row>");
  auto csv = sheet_to_csv(xml, "", kStyles, true);
  ASSERT_TRUE(csv.ok()) << csv.error().message();
  EXPECT_EQ(*csv, "d\n1904-01-01\n2025-01-06\n");
}

TEST(SheetToCsv, ADamagedSheetNamesTheCell) {
  auto missing_string = sheet_to_csv(sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                                           "<row r=\"2\"><c r=\"C2\" t=\"s\"><v>5</v></c></row>"),
                                     "<sst><si><t>id</t></si></sst>", "", false, "roster.xlsx");
  ASSERT_FALSE(missing_string.ok());
  EXPECT_EQ(missing_string.error().code(), DiagCode::workbook_invalid);
  EXPECT_EQ(missing_string.error().first().row, 2u);
  EXPECT_EQ(missing_string.error().first().column, "C");
  EXPECT_NE(missing_string.error().message().find("roster.xlsx: cell C2"), std::string::npos)
      << missing_string.error().message();
  auto backwards = sheet_to_csv(sheet("<row r=\"3\"/><row r=\"2\"/>"), "", "", false);
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().code(), DiagCode::workbook_invalid);
  auto cells_backwards = sheet_to_csv(sheet("<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row>"), "", "", false);
  EXPECT_FALSE(cells_backwards.ok());
  auto beyond_excel = sheet_to_csv(sheet("<row r=\"99999999\"><c><v>1</v></c></row>"), "", "", false);
  EXPECT_FALSE(beyond_excel.ok());
}

TEST(SheetToCsv, ACellFarRightDoesNotBecomeMegabytesOfCommas) {
  auto csv = sheet_to_csv(sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"XFD2\"><v>1</v></c></row>"),
                          "", "", false);
  ASSERT_TRUE(csv.ok());
  EXPECT_LT(csv->size(), 1100u);  // a ragged row either way: at most 1025 fields are written
}

TEST(LocateSheet, FirstOrNamedSheetAndItsPart) {
  const std::string wb =
      "<workbook xmlns:r=\"urn:r\"><workbookPr date1904=\"true\"/><sheets><sheet name=\"Notes &amp; more\" sheetId=\"1\" "
      "r:id=\"rId2\"/><sheet name=\"Roster\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
  const std::string rels =
      "<Relationships><Relationship Id=\"rId1\" Type=\"http://x/relationships/worksheet\" Target=\"/xl/worksheets/b.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"http://x/relationships/worksheet\" Target=\"worksheets/../sheets/a.xml\"/>"
      "</Relationships>";
  auto first = locate_sheet(wb, rels, "");
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first->name, "Notes & more");
  EXPECT_EQ(first->part, "xl/sheets/a.xml");
  EXPECT_TRUE(first->date1904);
  auto named = locate_sheet(wb, rels, "roster");  // case-insensitive when no exact match
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->part, "xl/worksheets/b.xml");
  auto unknown = locate_sheet(wb, rels, "Payroll");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("its sheets are \"Notes & more\", \"Roster\""), std::string::npos)
      << unknown.error().message();
}

TEST(Workbook, TheRosterWorkbookIsItsCsv) {
  const std::string file = read_file(data_path("inputs/people_roster.xlsx"));
  auto entries = zip_entries(file);
  ASSERT_TRUE(entries.ok()) << entries.error().message();
  EXPECT_EQ(entries->size(), 8u);
  auto csv = workbook_to_csv(file, "", cli::zlib_inflate);
  ASSERT_TRUE(csv.ok()) << csv.error().message();
  EXPECT_EQ(*csv, read_file(data_path("inputs/people_roster.expected.csv")));
  auto notes = workbook_to_csv(read_file(data_path("inputs/people_notes_first.xlsx")), "Notes", cli::zlib_inflate);
  ASSERT_TRUE(notes.ok());
  EXPECT_EQ(*notes, "This workbook's roster is on the sheet Roster.\n42\n");
}

TEST(Workbook, InflatingStopsAtTheDeclaredSize) {
  auto cut = cli::zlib_inflate("", 10);
  EXPECT_FALSE(cut.ok());
  // A stored block of 5 bytes ("hello") declared as 3: refused, and as 5: read.
  const std::string stored("\x01\x05\x00\xFA\xFF" "hello", 10);
  EXPECT_FALSE(cli::zlib_inflate(stored, 3).ok());
  auto ok = cli::zlib_inflate(stored, 5);
  ASSERT_TRUE(ok.ok()) << ok.error().message();
  EXPECT_EQ(*ok, "hello");
}

#ifdef GAPSCORE_CLI_PATH
std::string sample(const std::string& name) { return std::string(GAPSCORE_SOURCE_DIR) + "/web-demo/sample/" + name; }

TEST(WorkbookCli, ARosterWorkbookGivesTheReportItsCsvGives) {
  const auto dir = testing_util::fresh_temp_dir("workbook_cli");
  const std::string tables = " --activity " + sample("activity.csv") + " --surveys " + sample("surveys.csv");
  const std::string from_xlsx = (dir / "xlsx.json").string(), from_csv = (dir / "csv.json").string();
  auto a = testing_util::run_cli("analyze" + tables + " --people " + data_path("inputs/people_roster.xlsx") + " --out " + from_xlsx);
  ASSERT_EQ(a.exit_code, 0) << a.out;
  auto c = testing_util::run_cli("analyze" + tables + " --people " + sample("people.csv") + " --out " + from_csv);
  ASSERT_EQ(c.exit_code, 0) << c.out;
  nlohmann::json x = testing_util::read_json(from_xlsx), y = testing_util::read_json(from_csv);
  // The inputs name and digest the workbook file; everything else is the same.
  const std::string xlsx_bytes = read_file(data_path("inputs/people_roster.xlsx"));
  bool found = false;
  for (const auto& in : x["inputs"])
    if (in["table"] == "people") {
      found = true;
      EXPECT_EQ(in["sha256"], sha256_hex(xlsx_bytes));
    }
  EXPECT_TRUE(found);
  x.erase("inputs");
  y.erase("inputs");
  EXPECT_EQ(x.dump(), y.dump());
  // verify reads the workbook the same way: identical (exit 0).
  auto v = testing_util::run_cli("verify --report " + from_xlsx + tables + " --people " + data_path("inputs/people_roster.xlsx"));
  EXPECT_EQ(v.exit_code, 0) << v.out;
}

TEST(WorkbookCli, TheSheetIsChosenByNameAndAnUnknownNameListsTheSheets) {
  const std::string base = "validate --activity " + sample("activity.csv") + " --people " + data_path("inputs/people_notes_first.xlsx");
  auto first = testing_util::run_cli(base);
  EXPECT_NE(first.exit_code, 0);
  EXPECT_NE(first.out.find("missing_column"), std::string::npos) << first.out;
  auto named = testing_util::run_cli(base + " --sheet people=Roster");
  EXPECT_EQ(named.exit_code, 0) << named.out;
  auto unknown = testing_util::run_cli("analyze --activity " + sample("activity.csv") + " --people " +
                                       data_path("inputs/people_notes_first.xlsx") + " --sheet Payroll --out /dev/null");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("no sheet named \"Payroll\"; its sheets are \"Notes\", \"Roster\""), std::string::npos) << unknown.out;
}

TEST(WorkbookCli, ALegacyXlsSaysHowToSaveIt) {
  auto r = testing_util::run_cli("analyze --activity " + sample("activity.csv") + " --people " +
                                 data_path("bad/xlsx_legacy.xls") + " --out /dev/null");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("workbook_invalid"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("save it as .xlsx"), std::string::npos) << r.out;
}
#endif

}  // namespace
}  // namespace gapscore
