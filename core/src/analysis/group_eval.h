// Evaluates one set of people (a group, the whole organisation, or a group in
// one period): catalog metrics, the AI user / non-user gap, and the gap score.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analysis/person_figures.h"
#include "config/setting_refs.h"
#include "gapscore/config.h"
#include "metrics/sums.h"

namespace gapscore::metrics {
class PeriodSums;
}

namespace gapscore::analysis {

// The AI user / non-user gap adjusted for where people work
// (analysis/adjusted_gap.h): OLS y ~ ai_user + C(stratum) with HC3 errors.
struct AdjustedGap {
  std::optional<double> estimate, se, ci_low, ci_high, p_value;  // ci: normal 95% interval
  std::optional<double> hedges_g;  // J·estimate/s_within: the spread inside the kept cells' sides
  double n = 0;                    // people kept: in stratum cells with k AI users and k non-users
  std::vector<std::uint32_t> people;  // those people (person indices, sorted): n is a count of them (privacy)
  // The people of each kept cell (sorted): the estimate weighs each cell's two
  // means, so the privacy audit checks each cell's sides (then drops these).
  std::vector<std::vector<std::uint32_t>> cell_people;
  double n_users = 0, n_non_users = 0;  // of those (not published on their own)
  std::size_t cells = 0;           // stratum cells kept
  std::vector<std::string> strata;  // the attributes the cells are made of, e.g. {"team", "role"}
  std::optional<std::string> reason;  // why there is no estimate (words, no config key)
  SettingRefs settings = 0;  // the config keys the reason depends on (config/setting_refs.h)
  // Enough AI users and non-users overall, too few of them in cells that hold
  // both: AI use goes with the cells, so the pooled difference may be theirs.
  bool confounded = false;
  // Hidden by the disclosure audit: its people differ from the pooled sides'
  // by 1..k-1 on a side, so the two together would single those few out.
  bool withheld = false;
};

// The pooled comparison: every AI user against every non-user of the set.
struct GapResult {
  std::optional<std::string> unavailable_reason;  // why the gap (or its interval) is not shown (words)
  SettingRefs unavailable_settings = 0;  // the config keys that reason depends on
  bool compared = false;                          // means and tests were computed
  double n_users = 0, n_non_users = 0;
  double mean_users = 0, mean_non_users = 0, difference = 0;
  std::optional<double> hedges_g, mann_whitney_u, p_value, ci_low, ci_high;
  std::optional<AdjustedGap> adjusted;            // set by add_adjusted_gaps
  // Pooled difference and adjusted estimate point opposite ways and the
  // adjusted one is significant (p < 0.05); nullopt without an estimate.
  std::optional<bool> paradox;
};

struct ScoreComponent {
  std::string_view name;
  std::optional<double> value;
  double weight = 0;
  std::uint32_t contributors = 0;  // metrics::Contributor kinds of the metric it is made of
};

struct ScoreResult {
  std::optional<double> value;
  std::vector<ScoreComponent> components;  // in catalog order, only those the inputs allow
};

// A metric or score component the disclosure audit hid, and why (words).
struct WithheldMetric {
  std::string_view name;
  std::string reason;
};

struct GroupResult {
  double headcount = 0;
  std::vector<std::optional<double>> metrics;  // one per group metric, in catalog order
  std::optional<GapResult> gap;                // only when requested
  ScoreResult score;
  std::vector<WithheldMetric> withheld;        // in catalog order, then score components
};

struct EvalContext {
  const Config* config = nullptr;  // privacy.min_group_size limits the gap's sub-samples
  std::uint32_t available = 0;  // metrics::Need bits the inputs satisfy
  // Members' sums: the window's per-person table, or, for a trend period, the
  // period's cells read on demand (then person_sums is empty).
  std::span<const metrics::Sums> person_sums;
  const metrics::PeriodSums* period_sums = nullptr;
  std::span<const PersonFigures> figures;
  std::span<const SurveyAnswers> surveys;
};

// `members` are person indices in id order (the reduction order).
// `gap_seed` seeds the bootstrap; nullopt skips the gap statistics.
GroupResult evaluate_group(const EvalContext& ctx, std::span<const std::uint32_t> members,
                           std::optional<std::uint64_t> gap_seed);

// Hides every metric and score component that stands on one of `kinds`
// (metrics::Contributor; the disclosure audit found too few people behind
// them), and scores the group again without those components.
void withhold_kinds(GroupResult& r, std::uint32_t kinds, const std::string& reason);

// The metrics::Contributor kinds of the metric a score component is made of
// (playbook_gap: utilization_rate, sentiment_gap: sentiment_mean; 0 for the others).
std::uint32_t component_contributors(std::string_view component);

// Names of the group metrics, in catalog order (the order of GroupResult::metrics);
// made once, from the catalog.
const std::vector<std::string_view>& group_metric_names();
std::optional<double> metric_value(const GroupResult& r, std::string_view name);

}  // namespace gapscore::analysis
