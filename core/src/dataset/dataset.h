// The ingested input tables joined into one dataset: activity rows within the
// window, and for every person in activity their resolved attributes (people
// table first, then inline activity columns, else unassigned).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gapscore/config.h"
#include "gapscore/status.h"
#include "activity/data.h"
#include "dataset/person.h"
#include "dataset/usage_join.h"
#include "ingest/ingest.h"
#include "model/table.h"

namespace gapscore {

struct Dataset {
  bool has_activity = true;  // false: adoption-only (people + AI-usage exports)
  activity::ActivityData activity;  // the activity table as per-person state, rows inside the window only
  std::optional<Table> people, surveys, playbook, identities;
  std::vector<TableSummary> inputs;  // in the order given
  // Indexed like activity.persons (id order).
  std::vector<PersonInfo> persons;
  // Person indices sorted by id (bytewise): the canonical order for reports.
  std::vector<std::uint32_t> persons_by_id;
  std::int32_t first_date = 0, last_date = 0;
  std::uint64_t rows_outside_window = 0;
  std::optional<JoinedUsage> usage;  // when AI-usage exports were given
  std::uint64_t people_without_activity = 0;
  std::uint64_t unknown_people = 0;
};

// Joins the ingested tables and the activity state (read separately, see
// core/src/activity). `activity` is required unless `adoption_only`
// (AI-usage exports given): then the people table is required instead.
// `usage` (AI-usage exports, may be null) is joined to the people as the last step.
Result<Dataset> build_dataset(std::vector<IngestedTable> tables, activity::ActivityData* activity, const Config& config,
                              DiagnosticLog& log, bool adoption_only = false, usage::UsageData* usage = nullptr);

// A people-table row as a PersonInfo (attributes straight from the table).
PersonInfo person_from_people_row(const Table& people, std::size_t row);

// The value of a groupable attribute for a person, as shown in group keys.
std::string person_attribute(const PersonInfo& person, std::string_view attribute);

}  // namespace gapscore
