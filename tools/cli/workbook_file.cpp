#include "workbook_file.h"

#include <cstdio>

#include "file_io.h"
#include "gapscore/inputs.h"
#include "zlib_inflate.h"

namespace gapscore::cli {

FlagSpec sheet_flag() {
  return {"sheet", true, true,
          "the sheet of an .xlsx input to read: NAME for every workbook, or TABLE=NAME (e.g. people=Roster); "
          "default: the first sheet"};
}

std::string sheet_for(const ParsedArgs& args, const std::string& table) {
  std::string any;
  for (const std::string& v : args.all("sheet")) {
    const std::size_t eq = v.find('=');
    const std::string prefix = eq == std::string::npos ? std::string() : v.substr(0, eq);
    if (!table_kind_from_name(prefix) && prefix != "usage") any = v;  // a sheet name (it may hold '=')
    else if (prefix == table) return v.substr(eq + 1);
  }
  return any;
}

Result<std::optional<WorkbookSheet>> read_workbook_bytes(const std::string& bytes, const std::string& path,
                                                         const std::string& sheet) {
  if (!looks_like_workbook(bytes)) return std::optional<WorkbookSheet>();
  auto csv = workbook_to_csv(bytes, sheet, zlib_inflate, path);
  if (!csv) {
    Error e = std::move(csv).error();
    for (Diagnostic& d : e.diagnostics)
      if (d.message.find(path) == std::string::npos) d.message = path + ": " + d.message;
    return e;
  }
  return std::optional<WorkbookSheet>(WorkbookSheet{std::move(csv).value(), sha256_hex(bytes)});
}

bool is_workbook_file(const std::string& path) {
  if (path == "-") return false;
  char head[8] = {};
  std::size_t n = 0;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
  }
  return looks_like_workbook(std::string_view(head, n));
}

Result<std::optional<WorkbookSheet>> read_workbook(const std::string& path, const std::string& sheet) {
  if (!is_workbook_file(path)) return std::optional<WorkbookSheet>();
  auto bytes = read_file(path);
  if (!bytes) return std::move(bytes).error();
  return read_workbook_bytes(bytes.value(), path, sheet);
}

}  // namespace gapscore::cli
