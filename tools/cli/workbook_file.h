// Input files that are Excel workbooks: the chosen sheet as CSV text, and the
// workbook file's own SHA-256 (the digest a report records is of the file the
// user has, whatever form it was read in).
#pragma once

#include <optional>
#include <string>

#include "args.h"
#include "gapscore/status.h"

namespace gapscore::cli {

struct WorkbookSheet {
  std::string csv, sha256;
};

// The --sheet flag: "NAME" for every workbook, or "TABLE=NAME" for one table.
FlagSpec sheet_flag();
// The sheet to read for `table` (activity, people, ..., usage): "" = the first.
std::string sheet_for(const ParsedArgs& args, const std::string& table);

// By its first bytes (standard input never is).
bool is_workbook_file(const std::string& path);
// nullopt when `path` is not a workbook (by its first bytes; standard input never is).
Result<std::optional<WorkbookSheet>> read_workbook(const std::string& path, const std::string& sheet);
// The same for bytes already read.
Result<std::optional<WorkbookSheet>> read_workbook_bytes(const std::string& bytes, const std::string& path,
                                                         const std::string& sheet);

}  // namespace gapscore::cli
