// AI-usage exports turned into adoption, intensity and breadth per group:
// group figures with privacy suppression, trends per period, team aggregates,
// training targets, and the comparison with activity-based AI use. Plain
// results; report/usage_json.cpp writes the report's "usage" section.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/grouping.h"
#include "analysis/run.h"
#include "dataset/dataset.h"
#include "gapscore/config.h"
#include "privacy/suppression.h"
#include "usage_analysis/segments.h"

namespace gapscore::usage_analysis {

struct GroupUsage {
  double population = 0, active = 0, engaged = 0, intensity_sum = 0, breadth_sum = 0;
  double licensed = 0, never_used = 0;  // licensed: in an export with a value; never used: licensed, never active
  double tool_active[2] = {0, 0};
  std::map<std::string, double> surface_active;  // people active per surface ("github_copilot:ide:vscode")
  UsageCounters counters;
};

// People active in one period, for everyone or one group (both shown).
struct UsageTrendCell {
  std::int32_t start = 0;            // first day of the period
  std::optional<std::size_t> group;  // nullopt = everyone
  double active = 0, population = 0;
  privacy::CellStatus status = privacy::CellStatus::shown;
};

// A team's daily export figures averaged over one period.
struct TeamAggregate {
  std::string team;
  std::int32_t start = 0;
  std::size_t days = 0;
  std::optional<double> mean_active, mean_engaged, acceptance_rate, lines_acceptance_rate;
  bool shown = false;  // mean daily active users at least min_group_size
};

struct UsageTrainingTarget {
  std::size_t group = 0;
  double non_adopters = 0, non_adopter_share = 0;
};

// Telemetry against the activity table's AI users, over people in both.
struct ActivityComparison {
  double people = 0;
  bool enough = false;  // at least min_group_size people
  std::optional<double> telemetry_adoption_rate, activity_adoption_rate, agreement, telemetry_only_share,
      activity_only_share;
  double rank_people = 0;  // people with an intensity and an AI task share
  std::optional<double> spearman_rho, spearman_p_value;
};

struct UsageAnalysis {
  analysis::Grouping grouping;
  GroupUsage overall;
  std::vector<GroupUsage> groups;
  privacy::SuppressionPlan plan;
  std::vector<bool> tools_present;
  double people_with_usage = 0;
  analysis::UniformityStats adoption, intensity, breadth;  // across shown groups
  std::vector<UsageTrendCell> trends;  // by period: everyone, then each group
  std::vector<TeamAggregate> team_aggregates;
  std::vector<UsageTrainingTarget> training_targets;  // highest non-adopter share first
  std::optional<ActivityComparison> comparison;       // with an activity table
  Segments segments;                                  // usage segments (weekly action counts)
};

// `ds.usage` must be set. `activity` is null in adoption-only reports.
UsageAnalysis analyze_usage(const Dataset& ds, const Config& config, const analysis::AnalysisResult* activity);

// The usage metrics of a group (ratios undefined without a denominator).
std::optional<double> usage_adoption_rate(const GroupUsage& g);
std::optional<double> active_days_share(const GroupUsage& g);
std::optional<double> apps_per_active_user(const GroupUsage& g);

}  // namespace gapscore::usage_analysis
