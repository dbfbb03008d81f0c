// Reads a JSON array of objects (or an object wrapping one under "rows",
// "data", "records" or "value") into a TableBuilder, one object per row,
// through nlohmann's SAX interface: no DOM, no exceptions.
#pragma once

#include <string_view>

#include "gapscore/status.h"
#include "ingest/table_builder.h"

namespace gapscore::ingest {

Status read_json_rows(std::string_view bytes, std::uint64_t base_offset, TableBuilder& builder,
                      const std::string& table_name);

}  // namespace gapscore::ingest
