// A person as the analysis knows them: id and the attributes groups are made of.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/table.h"

namespace gapscore {

inline constexpr std::string_view kUnassigned = "(unassigned)";

struct PersonInfo {
  std::string id;
  std::string team;        // "" when unknown
  std::string role;
  std::string manager_id;
  WorkMode work_mode = WorkMode::missing;
  std::int8_t ai_trained = kMissingBool;
  bool in_people_table = false;
  // HR attributes (column as written, value): first the people table's extra
  // columns (department, location...), then a Viva Insights person query's.
  std::vector<std::pair<std::string, std::string>> hr;
  std::uint32_t people_attributes = 0;  // how many of `hr` come from the people table
};

}  // namespace gapscore
