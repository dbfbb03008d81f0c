// The ingested input tables joined into one dataset: activity rows within the
// window, and for every person in activity their resolved attributes (people
// table first, then inline activity columns, else unassigned).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gapscore/config.h"
#include "gapscore/diagnostics.h"
#include "gapscore/ingest.h"
#include "gapscore/table.h"

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
};

struct Dataset {
  bool has_activity = true;  // false: adoption-only (people + AI-usage exports)
  Table activity;  // rows inside the window only
  std::optional<Table> people, surveys, playbook, identities;
  std::vector<TableSummary> inputs;  // in the order given
  // Indexed by activity.person_id code.
  std::vector<PersonInfo> persons;
  // Person indices sorted by id (bytewise): the canonical order for reports.
  std::vector<std::uint32_t> persons_by_id;
  std::int32_t first_date = 0, last_date = 0;
  std::uint64_t rows_outside_window = 0;
  std::uint64_t people_without_activity = 0;
  std::uint64_t unknown_people = 0;
};

// Joins the ingested tables. `activity` is required unless `adoption_only`
// (AI-usage exports given): then the people table is required instead.
Result<Dataset> build_dataset(std::vector<IngestedTable> tables, const Config& config, DiagnosticLog& log,
                              bool adoption_only = false);

// A people-table row as a PersonInfo (attributes straight from the table).
PersonInfo person_from_people_row(const Table& people, std::size_t row);

// The value of a groupable attribute for a person, as shown in group keys.
std::string person_attribute(const PersonInfo& person, std::string_view attribute);

}  // namespace gapscore
