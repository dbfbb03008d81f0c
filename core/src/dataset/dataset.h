// The ingested input tables joined into one dataset: activity rows within the
// window, and for every person in activity their resolved attributes (people
// table first, then inline activity columns, else unassigned).
#pragma once

#include <span>

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
#include "ingest/proxy_sink.h"
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
  // The activity's legacy-proxy columns (emails_sent, meeting_hours) summed per person id.
  ingest::ProxySums activity_proxies;
};

// A legacy proxy for the KPI audit (config.insights.kpi_proxies), per person
// (indexed like Dataset::persons): the activity's emails_sent / meeting_hours
// sums, else a person query's numeric column (its mean per week or day).
struct ProxyColumn {
  std::string name;    // normalised ("emails_sent")
  std::string source;  // "activity" | "viva_person_query"
  std::vector<std::optional<double>> values;
};
std::vector<ProxyColumn> kpi_proxy_columns(const Dataset& ds, const Config& config);

// Joins the ingested tables and the activity state (read separately, see
// core/src/activity). `activity` is required unless `adoption_only`
// (AI-usage exports given): then the people table is required instead.
// `usage` (AI-usage exports, may be null) is joined to the people as the last step.
// `activity_proxies`: the activity's legacy-proxy sums per person (may be null).
// Without a people table, a Viva Insights person query among the usage exports
// lists the people of an adoption-only report (with their HR attributes).
Result<Dataset> build_dataset(std::vector<IngestedTable> tables, activity::ActivityData* activity, const Config& config,
                              DiagnosticLog& log, bool adoption_only = false, usage::UsageData* usage = nullptr,
                              const ingest::ProxySums* activity_proxies = nullptr);

// A people-table row as a PersonInfo (attributes straight from the table).
PersonInfo person_from_people_row(const Table& people, std::size_t row);

// The people table's extra columns (beyond its schema) for one row: HR attributes.
std::vector<std::pair<std::string, std::string>> people_extra_attributes(const Table& people, std::size_t row);
// Sets a person's person-query attributes; the people table's win on a shared name.
void set_query_attributes(PersonInfo& person, std::span<const std::pair<std::string, std::string>> attributes);

// group_by, rollup_by and rollout.by name attributes some input has (checked
// at the join and on every re-analysis).
Status check_attributes(const Dataset& ds, const Config& config);

// The value of a groupable attribute for a person, as shown in group keys.
std::string person_attribute(const PersonInfo& person, std::string_view attribute);

}  // namespace gapscore
