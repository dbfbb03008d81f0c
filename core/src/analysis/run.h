// The whole analysis of a joined dataset, as structured results (the report
// builder turns them into JSON; privacy rules and insights work on them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/group_eval.h"
#include "analysis/grouping.h"
#include "analysis/rollup.h"
#include "gapscore/config.h"
#include "dataset/dataset.h"

namespace gapscore::analysis {

struct UniformityStats {
  std::size_t groups = 0;  // groups with a value
  std::optional<double> gini, theil_t, cv, min, max;
};

// The metrics shown per period in trends (and gap_score).
inline constexpr std::string_view kTrendMetrics[] = {"adoption_rate", "ai_task_share", "time_saved_hours",
                                                     "quality_adjusted_output_per_hour", "error_rate"};
bool is_trend_metric(std::string_view name);
// The metrics::Contributor kinds behind them and behind gap_score's components.
std::uint32_t trend_contributor_kinds();

// Quality-adjusted output per hour of one side of a group cell (its people who
// are AI users over the whole window, or its other people), and how many of
// them have the figure in the period. Never published: success stories compare
// the two sides, and only where each has enough people.
struct SideFigure {
  std::optional<double> quality_adjusted_output_per_hour;
  std::uint32_t people = 0;
};

// A published trend cell: everyone, or one selected group, in one period where
// it has people (cells without people do not exist).
struct TrendCell {
  std::size_t period_index = 0;  // into AnalysisResult::periods
  std::int32_t period_start = 0;
  std::string period_label;
  std::optional<std::size_t> group;  // nullopt = whole organisation
  GroupResult result;
  // Sorted person indices with rows in the period (privacy checks; moved into
  // the disclosure audit's table by privacy::suppression_input).
  std::vector<std::uint32_t> active_people;
  // Each active person's metrics::Contributor kinds in the period (same order).
  std::vector<std::uint32_t> active_kinds;
  SideFigure ai_users, non_users;  // group cells only
  double errors = 0, error_tasks = 0;  // group cells only: Σerrors, Σtasks over rows with errors (never published)
};

// A group x period cell with people whose group is not among the trend groups:
// never published, but the privacy planner must know it (it is part of the
// period's total).
struct UnpublishedCell {
  std::size_t period_index = 0;
  std::size_t group = 0;
  double people = 0;
  // People of each trend_contributor_kinds() kind, lowest bit first.
  std::vector<std::uint32_t> kind_people;
};

// Which groups get trend series (config.trends): an explicit list, or the
// max_groups largest by headcount (ties by key order).
struct TrendSelection {
  std::vector<std::size_t> groups;         // grouping indices, in grouping order
  std::size_t eligible = 0;                // groups there were to choose from
  bool capped = false;                     // max_groups left some out
  std::vector<std::string> unknown_keys;   // config.trends.groups entries matching no group (as text)
};

// One person in one period (collected only when a rollout is configured: the
// difference-in-differences estimate works on these).
struct PersonPeriod {
  std::uint32_t person = 0;
  std::int32_t period_start = 0;
  std::optional<double> quality_adjusted_output_per_hour;
  std::optional<double> error_rate;
};

struct AnalysisResult {
  std::uint32_t available = 0;  // metrics::Need bits
  Grouping grouping;
  std::vector<PersonFigures> figures;  // whole window, by person index
  GroupResult overall;
  std::vector<GroupResult> groups;  // grouping order
  std::optional<Rollup> rollup;     // config.rollup_by's groups, when set
  std::vector<std::int32_t> periods;  // start day of each period with activity, ascending
  TrendSelection trend_groups;
  std::vector<TrendCell> trends;  // by period, then overall first, then selected groups with people
  std::vector<UnpublishedCell> unpublished_cells;
  std::vector<PersonPeriod> person_periods;
};

AnalysisResult run_analysis(const Dataset& ds, const Config& config);

// Stable 64-bit seed for a group's bootstrap: config seed mixed with the group key text.
std::uint64_t group_seed(std::uint64_t config_seed, const std::vector<std::string>& key);

UniformityStats uniformity_of(const std::vector<double>& values);

TrendSelection select_trend_groups(const Grouping& grouping, const std::vector<GroupResult>& groups, const Config& config);

}  // namespace gapscore::analysis
