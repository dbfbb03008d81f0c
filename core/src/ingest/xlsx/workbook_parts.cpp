#include "ingest/xlsx/workbook_parts.h"

#include <cctype>

#include "ingest/xlsx/xml_scanner.h"

namespace gapscore::xlsx {

Error part_error(std::string_view part, const std::string& why, std::size_t offset) {
  return Error(make_diagnostic(DiagCode::workbook_invalid, "the workbook's part " + std::string(part) +
                                                               " is not valid XML (" + why + ", near byte " +
                                                               std::to_string(offset) + "); save the workbook again"));
}

Result<std::vector<std::string>> read_shared_strings(std::string_view xml) {
  std::vector<std::string> strings;
  XmlScanner x(xml);
  int in_phonetic = 0;
  bool in_item = false, in_text = false;
  for (;;) {
    switch (x.next()) {
      case XmlScanner::Event::done:
        return strings;
      case XmlScanner::Event::error:
        return part_error("xl/sharedStrings.xml", x.error(), x.offset());
      case XmlScanner::Event::start:
        if (x.name() == "si") {
          strings.emplace_back();
          in_item = true;
        } else if (x.name() == "rPh") {
          ++in_phonetic;
        } else if (x.name() == "t") {
          in_text = in_item && in_phonetic == 0;
        }
        break;
      case XmlScanner::Event::end:
        if (x.name() == "si") {
          if (in_item) decode_ooxml_escapes(strings.back());  // an </si> without its <si> closes nothing
          in_item = false;
        } else if (x.name() == "rPh" && in_phonetic > 0) {
          --in_phonetic;
        } else if (x.name() == "t") {
          in_text = false;
        }
        break;
      case XmlScanner::Event::text:
        if (in_text) x.append_text(strings.back());
        break;
    }
  }
}

bool format_code_is_date(std::string_view code) {
  bool day_or_year = false, month_or_minute = false, hour_or_second = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == '"') {  // literal text
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '[') {  // colour, condition or locale ([Red], [<=9], [$-409]), or elapsed time ([h], [mm])
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) hour_or_second = true;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {  // an escaped, padding or fill character
      ++i;
    } else if (c == 'd' || c == 'y') {
      day_or_year = true;
    } else if (c == 'm') {
      month_or_minute = true;
    } else if (c == 'h' || c == 's') {
      hour_or_second = true;
    }
  }
  // "m" is a month unless the code is a time ("h:mm", "mm:ss").
  return day_or_year || (month_or_minute && !hour_or_second);
}

namespace {

bool builtin_is_date(unsigned id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

unsigned to_unsigned(std::string_view s) {
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || v > 100000) return 0;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v;
}

}  // namespace

Result<std::vector<bool>> read_date_styles(std::string_view xml) {
  std::vector<std::pair<unsigned, bool>> custom;  // numFmtId -> is a date
  std::vector<unsigned> style_formats;
  XmlScanner x(xml);
  bool in_cell_xfs = false;
  for (;;) {
    const auto e = x.next();
    if (e == XmlScanner::Event::done) break;
    if (e == XmlScanner::Event::error) return part_error("xl/styles.xml", x.error(), x.offset());
    if (e == XmlScanner::Event::end && x.name() == "cellXfs") in_cell_xfs = false;
    if (e != XmlScanner::Event::start) continue;
    if (x.name() == "numFmt") {
      std::string code;
      append_decoded(x.attribute("formatCode").value_or(""), code);
      custom.emplace_back(to_unsigned(x.attribute("numFmtId").value_or("")), format_code_is_date(code));
    } else if (x.name() == "cellXfs") {
      in_cell_xfs = true;
    } else if (x.name() == "xf" && in_cell_xfs) {
      style_formats.push_back(to_unsigned(x.attribute("numFmtId").value_or("0")));
    }
  }
  std::vector<bool> is_date(style_formats.size());
  for (std::size_t i = 0; i < style_formats.size(); ++i) {
    const unsigned id = style_formats[i];
    bool date = builtin_is_date(id);
    for (const auto& [custom_id, custom_date] : custom)
      if (custom_id == id) date = custom_date;
    is_date[i] = date;
  }
  return is_date;
}

}  // namespace gapscore::xlsx
