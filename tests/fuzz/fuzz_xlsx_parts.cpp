// The fuzzed bytes as parts of an Excel workbook. First byte: what they are
// (mod 5): 0 a whole .xlsx (zip directory, zlib inflate, sheet lookup, cells),
// 1 a worksheet, 2 a shared-string table, 3 a styles part, 4 a workbook part;
// the other parts are fixed small ones. A sheet read as CSV is then read as a
// people table, as the CLI and the npm package read it.
#include "fuzz_common.h"
#include "gapscore/inputs.h"
#include "zlib_inflate.h"

namespace {

constexpr std::string_view kSheet =
    "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>person_id</t></is></c><c t=\"s\"><v>0</v></c></row>"
    "<row r=\"2\"><c t=\"s\"><v>1</v></c><c s=\"1\"><v>45663</v></c></row></sheetData></worksheet>";
constexpr std::string_view kStrings = "<sst><si><t>hire_date</t></si><si><r><t>P</t></r><r><t>1</t></r></si></sst>";
constexpr std::string_view kStyles = "<styleSheet><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
constexpr std::string_view kRels =
    "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gapscore;
  if (size == 0) return 0;
  const std::string_view bytes = gapscore_fuzz::as_text(data + 1, size - 1);
  Result<std::string> csv = std::string();
  switch (data[0] % 5) {
    case 0: csv = workbook_to_csv(bytes, "", cli::zlib_inflate, "fuzz.xlsx"); break;
    case 1: csv = sheet_to_csv(bytes, kStrings, kStyles, false); break;
    case 2: csv = sheet_to_csv(kSheet, bytes, kStyles, true); break;
    case 3: csv = sheet_to_csv(kSheet, kStrings, bytes, false); break;
    default: {
      auto where = locate_sheet(bytes, kRels, "");
      if (!where) csv = std::move(where).error();
      else if (where->part.empty()) __builtin_trap();
    }
  }
  gapscore_fuzz::check_error_has_diagnostic(csv);
  if (!csv || csv->empty()) return 0;
  if (csv->back() != '\n') __builtin_trap();  // every row written ends its line
  auto a = Session::create(R"({"bootstrap": {"resamples": 100}})");
  if (!a) __builtin_trap();
  if (!a->begin_table(TableKind::people, "fuzz.xlsx", InputFormat::csv)) return 0;
  if (!a->push(*csv)) return 0;
  (void)a->end_table();
  return 0;
}
