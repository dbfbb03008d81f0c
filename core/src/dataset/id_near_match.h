// Activity people missing from the people table whose id is there but
// written another way: letter case (e009 / E009), or leading zeros a
// spreadsheet dropped (010 / 10). Ids are compared exactly, so every such
// person is "(unassigned)"; one warning per kind says so, with one example.
#pragma once

#include <string_view>
#include <vector>

#include "dataset/person.h"
#include "gapscore/status.h"

namespace gapscore {

// `missing`: the activity's people the people table does not name; `people_ids`: the
// table's ids in row order (the first row of two that match alike is the example).
void note_id_near_matches(const std::vector<const PersonInfo*>& missing, const std::vector<std::string_view>& people_ids,
                          DiagnosticLog& log);

}  // namespace gapscore
