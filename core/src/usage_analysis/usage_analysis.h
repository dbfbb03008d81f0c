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
#include "privacy/disclosure_audit.h"
#include "privacy/suppression.h"
#include "usage_analysis/segments.h"

namespace gapscore::usage_analysis {

struct GroupUsage {
  double population = 0, active = 0, engaged = 0, intensity_sum = 0, breadth_sum = 0;
  double licensed = 0, never_used = 0;  // licensed: in an export with a value; never used: licensed, never active
  double tool_active[2] = {0, 0};
  std::map<std::string, double> surface_active;  // people active per surface ("github_copilot:ide:vscode")
  UsageCounters counters;
  // The figures over its active users (intensity, breadth, acceptance) are
  // shown only when the disclosure audit shows that set: with one active user
  // they would be that user's own.
  bool active_shown = true;
  privacy::CellStatus active_status = privacy::CellStatus::shown;  // why not, when not
};

// People active in one period, for everyone or one group (both shown).
struct UsageTrendCell {
  std::int32_t start = 0;            // first day of the period
  std::optional<std::size_t> group;  // nullopt = everyone
  double active = 0, population = 0;
  privacy::CellStatus status = privacy::CellStatus::shown;
  std::vector<std::uint32_t> people;  // active in the period (population indices, sorted)
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
  bool enough = false;  // the disclosure audit shows it
  std::vector<std::uint32_t> in_both, ranked;  // activity person indices: in both; with an intensity and an AI share
  bool ranked_shown = true;  // the rank correlation's people (the disclosure audit)
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
  bool people_with_usage_shown = true;  // the organisation's active users may be counted (identity, input sizes)
};

// `ds.usage` must be set. `activity` is null in adoption-only reports. Nothing
// is hidden yet: declare the figures, run the disclosure audit, then apply it.
UsageAnalysis analyze_usage(const Dataset& ds, const Config& config, const analysis::AnalysisResult* activity);

// The usage section's figures in the disclosure audit: each group's people
// ("usage"), its active users ("usage_active"), each period's active users
// ("usage_period:<start>", with the change rule along each group's periods),
// and the comparison with the activity table ("people").
struct UsageFigures {
  privacy::FigureId overall = 0, overall_active = 0;
  std::vector<privacy::FigureId> groups, groups_active;
  std::vector<privacy::FigureId> trends;  // UsageAnalysis::trends order
  std::optional<privacy::FigureId> comparison, comparison_ranked;
};
UsageFigures declare_usage_figures(privacy::DisclosureAudit& audit, const UsageAnalysis& ua, const JoinedUsage& u);
// After the audit ran: hides what it hides, and recomputes what follows from
// the shown groups (uniformity, training targets).
void apply_usage_figures(const privacy::DisclosureAudit& audit, const UsageFigures& figures, UsageAnalysis& ua);

// The usage metrics of a group (ratios undefined without a denominator).
std::optional<double> usage_adoption_rate(const GroupUsage& g);
std::optional<double> active_days_share(const GroupUsage& g);
std::optional<double> apps_per_active_user(const GroupUsage& g);

}  // namespace gapscore::usage_analysis
