// Which part holds a sheet (xl/workbook.xml and its relationships), and the
// whole read of a workbook in memory for callers with a synchronous inflater.
#include <algorithm>
#include <cctype>
#include <optional>

#include "gapscore/inputs.h"
#include "ingest/xlsx/workbook_parts.h"
#include "ingest/xlsx/xml_scanner.h"

namespace gapscore {

namespace {

using xlsx::XmlScanner;

Error invalid(std::string message) { return Error(make_diagnostic(DiagCode::workbook_invalid, std::move(message))); }

struct SheetEntry {
  std::string name, relationship;
};

// A relationship target is relative to xl/ (the workbook's folder) unless it starts with '/'.
std::string resolve_target(std::string_view target) {
  std::vector<std::string_view> parts;
  if (!target.starts_with('/')) parts.push_back("xl");
  while (!target.empty()) {
    const std::size_t slash = target.find('/');
    const std::string_view segment = target.substr(0, slash);
    target = slash == std::string_view::npos ? std::string_view() : target.substr(slash + 1);
    if (segment == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!segment.empty() && segment != ".") {
      parts.push_back(segment);
    }
  }
  std::string path;
  for (std::string_view p : parts) path += (path.empty() ? "" : "/") + std::string(p);
  return path;
}

bool same_text_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Result<SheetLocation> locate_sheet(std::string_view workbook_xml, std::string_view workbook_rels_xml,
                                   std::string_view sheet_name) {
  if (workbook_xml.empty())
    return invalid("this zip is not an Excel workbook (it has no xl/workbook.xml); save the sheet as .xlsx or CSV UTF-8");
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  XmlScanner x(workbook_xml);
  for (auto e = x.next(); e != XmlScanner::Event::done; e = x.next()) {
    if (e == XmlScanner::Event::error) return xlsx::part_error(kWorkbookPart, x.error(), x.offset());
    if (e != XmlScanner::Event::start) continue;
    if (x.name() == "workbookPr") {
      const auto v = x.attribute("date1904").value_or("");
      date1904 = v == "1" || v == "true";
    } else if (x.name() == "sheet") {
      SheetEntry s;
      xlsx::append_decoded(x.attribute("name").value_or(""), s.name);
      s.relationship = std::string(x.attribute("id").value_or(""));
      sheets.push_back(std::move(s));
    }
  }
  if (sheets.empty()) return invalid("the workbook has no sheets");
  const SheetEntry* chosen = &sheets.front();
  if (!sheet_name.empty()) {
    chosen = nullptr;
    for (const SheetEntry& s : sheets)
      if (s.name == sheet_name) chosen = &s;
    for (const SheetEntry& s : sheets)
      if (!chosen && same_text_ignoring_case(s.name, sheet_name)) chosen = &s;
    if (!chosen) {
      std::string names;
      for (const SheetEntry& s : sheets) names += (names.empty() ? "\"" : ", \"") + s.name + "\"";
      return invalid("the workbook has no sheet named \"" + std::string(sheet_name) + "\"; its sheets are " + names);
    }
  }
  XmlScanner rels(workbook_rels_xml);
  for (auto e = rels.next(); e != XmlScanner::Event::done; e = rels.next()) {
    if (e == XmlScanner::Event::error) return xlsx::part_error(kWorkbookRelsPart, rels.error(), rels.offset());
    if (e != XmlScanner::Event::start || rels.name() != "Relationship" || rels.attribute("Id") != chosen->relationship)
      continue;
    const std::string_view type = rels.attribute("Type").value_or("");
    if (!type.ends_with("/worksheet"))
      return invalid("sheet \"" + chosen->name + "\" is a chart or dialog sheet, not a table; name a worksheet");
    std::string target;
    xlsx::append_decoded(rels.attribute("Target").value_or(""), target);
    SheetLocation found{chosen->name, resolve_target(target), date1904, {}};
    for (const SheetEntry& s : sheets) found.all_sheets.push_back(s.name);
    return found;
  }
  return invalid("the workbook lists sheet \"" + chosen->name + "\" but not where it is (" +
                 std::string(kWorkbookRelsPart) + "); save the workbook again");
}

Result<WorkbookStep> workbook_step(std::string_view file, std::string_view sheet_name, const WorkbookParts& parts,
                                   std::string_view source) {
  auto entries = zip_entries(file);
  if (!entries) return std::move(entries).error();
  WorkbookStep step;
  std::uint64_t declared = 0;
  // A part's bytes (nullopt: asked for, not given yet; "" when the zip has no
  // such entry). Names compare ignoring case: some writers spell xl/SharedStrings.xml.
  auto part = [&](std::string_view name) -> Result<std::optional<std::string_view>> {
    for (const ZipEntry& e : *entries) {
      if (!same_text_ignoring_case(e.name, name)) continue;
      if (e.expanded_size > kMaxWorkbookExpandedBytes - declared)
        return invalid("the workbook expands to more than " + std::to_string(kMaxWorkbookExpandedBytes >> 20) +
                       " MB (part " + e.name + "); a zip bomb, or save the sheet as CSV UTF-8");
      declared += e.expanded_size;
      if (e.method == 0) return std::optional<std::string_view>(file.substr(static_cast<std::size_t>(e.data_offset), static_cast<std::size_t>(e.compressed_size)));
      for (const auto& [given_name, bytes] : parts) {
        if (given_name != e.name) continue;
        if (bytes.size() != e.expanded_size)
          return invalid("the workbook is damaged (part " + e.name + " is not the size the zip declares)");
        return std::optional<std::string_view>(bytes);
      }
      step.need.push_back(e);
      return std::optional<std::string_view>();
    }
    return std::optional<std::string_view>(std::string_view());
  };
  auto workbook = part(kWorkbookPart);
  if (!workbook) return std::move(workbook).error();
  auto rels = part(kWorkbookRelsPart);
  if (!rels) return std::move(rels).error();
  if (!step.need.empty()) return step;
  auto where = locate_sheet(**workbook, **rels, sheet_name);
  if (!where) return std::move(where).error();
  step.sheet = where->name;
  step.sheets = where->all_sheets;
  auto strings = part(kSharedStringsPart);
  if (!strings) return std::move(strings).error();
  auto styles = part(kStylesPart);
  if (!styles) return std::move(styles).error();
  auto sheet = part(where->part);
  if (!sheet) return std::move(sheet).error();
  if (!step.need.empty()) return step;
  if ((*sheet)->empty())
    return invalid("the workbook lists sheet \"" + where->name + "\" but its part " + where->part + " is missing");
  const std::string label =
      source.empty() ? "sheet \"" + where->name + "\"" : std::string(source) + ", sheet \"" + where->name + "\"";
  auto csv = sheet_to_csv(**sheet, **strings, **styles, where->date1904, label);
  if (!csv) return std::move(csv).error();
  step.csv = std::move(csv).value();
  return step;
}

Result<std::string> workbook_to_csv(std::string_view file, std::string_view sheet_name, const Inflate& inflate,
                                    std::string_view source) {
  WorkbookParts parts;
  for (int round = 0; round < 3; ++round) {  // workbook and its relationships, then the sheet's parts
    auto step = workbook_step(file, sheet_name, parts, source);
    if (!step) return std::move(step).error();
    if (step->need.empty()) return std::move(step->csv);
    for (const ZipEntry& e : step->need) {
      auto bytes = inflate(file.substr(static_cast<std::size_t>(e.data_offset), static_cast<std::size_t>(e.compressed_size)), e.expanded_size);
      if (!bytes) return std::move(bytes).error();
      parts.emplace_back(e.name, std::move(bytes).value());
    }
  }
  return invalid("the workbook could not be read in three steps");  // not reached: each step gives what the next needs
}

}  // namespace gapscore
