// AI-usage exports joined to people: who each export's users are (identities
// table, e-mail, GitHub login or person_id), and per person their active days,
// surfaces and counters over the window. Part of the join step: the join's
// diagnostics (unmatched users) are logged here, before any analysis.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gapscore/config.h"
#include "dataset/person.h"
#include "gapscore/status.h"
#include "usage/usage_table.h"

namespace gapscore {

struct Dataset;

// The people usage is measured against: the people table, or else the people with activity.
struct UsagePopulation {
  std::vector<PersonInfo> persons;
  std::vector<std::string> email, login;  // lower-cased, "" if unknown
  std::vector<std::uint32_t> by_id;       // indices in person-id order
};

struct PersonUsage {
  std::set<std::int32_t> days;  // active days
  std::set<std::string> surfaces;    // apps and features ("tool:surface"): breadth
  std::set<std::string> breakdowns;  // IDEs and models used ("github_copilot:ide:vscode")
  bool tool_active[2] = {false, false};
  bool licensed = false;  // in an export with a value (a row, active or not; a Viva week not NA)
  std::map<std::int32_t, double> weekly_actions;  // ISO week (Monday) -> actions, for usage segments
};

struct UsageCounters {
  double generations = 0, acceptances = 0, lines_suggested = 0, lines_accepted = 0, interactions = 0;
  bool has_acceptance = false, has_lines = false;
  void add(const usage::UsageRow& r);
  void add(const UsageCounters& o);
};

struct JoinedUsage {
  UsagePopulation population;
  std::vector<PersonUsage> per_person;      // by population index
  std::vector<UsageCounters> counters;      // by population index
  std::vector<std::pair<std::uint32_t, std::int32_t>> person_days;  // (person, day) active, for trends
  std::size_t identities = 0, matched = 0, unmatched = 0;  // distinct (tool, identity) pairs
  bool tools_seen[2] = {false, false};
  double covered_days = 0;  // union of the person-level exports' date ranges within the window
  std::vector<usage::AggregateDay> aggregates;  // team-level daily figures within the window
  std::vector<usage::UsageFileSummary> files;
  std::pair<std::int32_t, std::int32_t> date_range{0, 0};  // first and last day the exports cover
  // Weeks with action counts (any identity, inside the window): first and last Monday.
  std::optional<std::pair<std::int32_t, std::int32_t>> action_weeks;
  // Per population index: a person query's numeric columns (normalised name) as
  // the mean over the person's rows in the window, for the KPI audit.
  std::vector<std::vector<std::pair<std::string, double>>> person_metrics;
  bool from_person_query = false;  // a person query listed the population
};

JoinedUsage join_usage(const Dataset& ds, usage::UsageData data, const Config& config, DiagnosticLog& log);

}  // namespace gapscore
