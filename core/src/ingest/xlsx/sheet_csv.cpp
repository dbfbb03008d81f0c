// One worksheet's XML (<sheetData><row r=".."><c r="B2" t="s" s="3"><v>..</v></c>)
// written as CSV whose row N is the sheet's row N, so that every diagnostic
// names the row a spreadsheet user sees.
#include <cstdint>

#include "base/date.h"
#include "base/date_formats.h"
#include "gapscore/inputs.h"
#include "ingest/xlsx/workbook_parts.h"
#include "ingest/xlsx/xml_scanner.h"

namespace gapscore {

namespace {

using xlsx::XmlScanner;

constexpr std::uint64_t kMaxRows = 1'048'576;  // Excel's own limits
constexpr std::uint32_t kMaxColumns = 16'384;
// A row wider than the header is written with at most this many fields: it is
// ragged (skipped) whatever its width, and a cell at column XFD must not turn
// 20 bytes of XML into 16 KB of commas.
constexpr std::uint32_t kMaxFieldsWritten = 1025;

struct CellRef {
  std::uint32_t column = 0;  // 0-based
  std::uint64_t row = 0;     // 1-based; 0 when the reference has no row
};

std::optional<CellRef> parse_ref(std::string_view ref) {
  CellRef r;
  std::size_t i = 0;
  std::uint32_t col = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    col = col * 26 + static_cast<std::uint32_t>(ref[i] - 'A' + 1);
    if (col > kMaxColumns) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  r.column = col - 1;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return std::nullopt;
    r.row = r.row * 10 + static_cast<std::uint64_t>(ref[i] - '0');
    if (r.row > kMaxRows) return std::nullopt;
  }
  return r;
}

std::optional<std::uint64_t> parse_count(std::string_view s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

std::string column_letters(std::uint32_t column) {
  char letters[4] = {};  // at most XFD
  std::size_t n = 4;
  for (std::uint32_t c = column + 1; c > 0 && n > 0; c = (c - 1) / 26) letters[--n] = static_cast<char>('A' + (c - 1) % 26);
  return std::string(letters + n, letters + 4);
}

void append_csv_field(std::string& out, std::string_view field) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// The sheet's rows as CSV lines: the header's width fixes every row's width.
class CsvRows {
 public:
  void add(std::uint64_t row, std::vector<std::string>& fields) {
    while (!fields.empty() && fields.back().empty()) fields.pop_back();
    if (fields.empty()) return;  // an empty row: a blank line if a later row has data
    if (!width_) width_ = fields.size();
    for (; written_ + 1 < row; ++written_) out_.push_back('\n');
    const std::size_t n = std::min<std::size_t>(std::max(fields.size(), width_), kMaxFieldsWritten);
    for (std::size_t i = 0; i < n; ++i) {
      if (i) out_.push_back(',');
      if (i < fields.size()) append_csv_field(out_, fields[i]);
    }
    out_.push_back('\n');
    written_ = row;
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  std::size_t width_ = 0;
  std::uint64_t written_ = 0;  // the last sheet row written
};

struct Cell {
  std::uint32_t column = 0;
  std::string type;  // t: s, str, inlineStr, b, e, d, n (default)
  std::uint64_t style = 0;
  std::string value;  // <v> or the inline string's text
};

}  // namespace

Result<std::string> sheet_to_csv(std::string_view sheet_xml, std::string_view shared_strings_xml,
                                 std::string_view styles_xml, bool date1904, std::string_view source) {
  auto strings = xlsx::read_shared_strings(shared_strings_xml);
  if (!strings) return std::move(strings).error();
  auto date_styles = xlsx::read_date_styles(styles_xml);
  if (!date_styles) return std::move(date_styles).error();
  const std::string where = source.empty() ? std::string("the sheet") : std::string(source);
  auto cell_error = [&](std::uint64_t row, std::uint32_t column, const std::string& why) {
    Diagnostic d = make_diagnostic(DiagCode::workbook_invalid,
                                   where + ": cell " + column_letters(column) + std::to_string(row) + " " + why);
    d.row = row;
    d.column = column_letters(column);
    return Error(std::move(d));
  };

  CsvRows rows;
  std::vector<std::string> fields;
  Cell cell;
  std::uint64_t row = 0;
  std::uint32_t next_column = 0;
  bool in_data = false, in_row = false, in_cell = false, in_value = false, in_inline = false, in_text = false;
  int in_phonetic = 0;
  XmlScanner x(sheet_xml);
  for (;;) {
    const auto e = x.next();
    if (e == XmlScanner::Event::done) break;
    if (e == XmlScanner::Event::error) return xlsx::part_error(where, x.error(), x.offset());
    const std::string_view name = x.name();
    if (e == XmlScanner::Event::text) {
      if (in_value || (in_text && in_phonetic == 0)) x.append_text(cell.value);
      continue;
    }
    const bool start = e == XmlScanner::Event::start;
    if (name == "sheetData") {
      in_data = start;
    } else if (!in_data) {
      continue;
    } else if (name == "row") {
      if (start) {
        std::uint64_t r = row + 1;
        if (auto attr = x.attribute("r")) {
          auto n = parse_count(*attr);
          if (!n || *n == 0 || *n > kMaxRows) return cell_error(row + 1, 0, "is in a row numbered \"" + std::string(*attr) + "\"");
          r = *n;
        }
        if (r <= row) return cell_error(r, 0, "is in a row that comes after a later row: the sheet is damaged");
        row = r;
        next_column = 0;
        fields.clear();
        in_row = true;
      } else if (in_row) {
        rows.add(row, fields);
        in_row = false;
      }
    } else if (name == "c" && in_row) {
      if (start) {
        cell = Cell{};
        cell.column = next_column;
        if (auto ref = x.attribute("r")) {
          auto parsed = parse_ref(*ref);
          if (!parsed || (parsed->row != 0 && parsed->row != row))
            return cell_error(row, next_column, "has a reference \"" + std::string(*ref) + "\" outside its row");
          cell.column = parsed->column;
        }
        if (cell.column < next_column || cell.column >= kMaxColumns)
          return cell_error(row, cell.column, "comes before a cell to its right: the sheet is damaged");
        cell.type = std::string(x.attribute("t").value_or("n"));
        cell.style = parse_count(x.attribute("s").value_or("0")).value_or(0);
        in_cell = true;
      } else if (in_cell) {
        std::string text = std::move(cell.value);
        if (cell.type == "s") {
          const auto index = parse_count(text);
          if (!index || *index >= strings->size())
            return cell_error(row, cell.column, "refers to shared string \"" + text + "\", but the workbook has " +
                                                    std::to_string(strings->size()));
          text = (*strings)[static_cast<std::size_t>(*index)];
        } else if (cell.type == "inlineStr" || cell.type == "str") {
          xlsx::decode_ooxml_escapes(text);
        } else if (cell.type == "b") {
          text = text == "1" ? "true" : text == "0" ? "false" : text;
        } else if (cell.type == "n" && cell.style < date_styles->size() && (*date_styles)[static_cast<std::size_t>(cell.style)]) {
          if (auto day = excel_serial_to_days(text, date1904)) text = format_iso_date(*day);
        }
        if (fields.size() <= cell.column) fields.resize(cell.column + 1);
        fields[cell.column] = std::move(text);
        next_column = cell.column + 1;
        in_cell = false;
      }
    } else if (name == "v" && in_cell) {
      in_value = start;
    } else if (name == "is" && in_cell) {
      in_inline = start;
    } else if (name == "rPh" && in_inline) {
      in_phonetic += start ? 1 : (in_phonetic > 0 ? -1 : 0);
    } else if (name == "t" && in_inline) {
      in_text = start;
    }
  }
  return rows.take();
}

}  // namespace gapscore
