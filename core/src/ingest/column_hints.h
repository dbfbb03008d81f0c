// What a missing column is probably called in the file, and the config that
// maps it: HR exports name person_id "Employee ID", the date "Work Date", ...
// The demo's column matcher offers the same mapping (docs/input-format.md).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace gapscore::ingest {

// Of `headers` (as written), the one that most likely means `column`: a known
// synonym first ("Employee ID" for person_id), else the closest by edit
// distance; "" when none is close.
std::string likely_header(std::string_view column, std::span<const std::string> headers);

// The config that maps `header` onto `column` for `table`, as JSON text:
// {"columns": {"people": {"Employee ID": "person_id"}}}
std::string column_mapping_json(std::string_view table, std::string_view header, std::string_view column);

}  // namespace gapscore::ingest
