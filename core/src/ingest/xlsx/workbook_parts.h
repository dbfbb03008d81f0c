// The workbook parts a sheet's cells refer to: the shared-string table and
// the cell styles (which number formats are dates).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gapscore/status.h"

namespace gapscore::xlsx {

// Every <si> of xl/sharedStrings.xml as text (rich-text runs joined, phonetic
// runs left out). The declared count is not trusted: the table is what is there.
Result<std::vector<std::string>> read_shared_strings(std::string_view xml);

// For each cell style (xl/styles.xml <cellXfs>, in order), whether its number
// format shows a date: the built-in date formats (14-17, 22, 27-36, 50-58) or
// a custom format code with a day, month or year (not a time of day only).
Result<std::vector<bool>> read_date_styles(std::string_view xml);

// Whether a custom number format code shows a date (exposed for its test).
bool format_code_is_date(std::string_view code);

// "workbook_invalid" naming the part, for XML that cannot be read.
Error part_error(std::string_view part, const std::string& why, std::size_t offset);

}  // namespace gapscore::xlsx
