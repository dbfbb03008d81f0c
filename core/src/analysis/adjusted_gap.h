// The AI user / non-user gap compared like with like: inside stratum cells
// (the cross product of the group_by keys, plus role when roles are known; a
// group's own gap uses role only). A pooled comparison mixes who uses AI with
// where they work: when AI users sit mostly in low-output teams, the pooled
// average can point the other way from every within-team comparison
// (Simpson's paradox). Checked against statsmodels in tests/adjusted_gap_test.cpp
// (fixtures from tests/reference/adjusted_gap_reference.py).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/run.h"
#include "dataset/dataset.h"
#include "gapscore/config.h"

namespace gapscore::analysis {

inline constexpr std::string_view kAdjustedGapMethod =
    "OLS quality_adjusted_output_per_hour ~ ai_user + C(stratum), HC3 standard errors, normal 95% interval";

// Strata of the organisation's gap: group_by, then role when roles are known and not already grouped by.
std::vector<std::string> overall_strata(const Dataset& ds, const Config& config);
// Strata of one group's gap: role, when roles are known and not part of group_by; else none.
std::vector<std::string> group_strata(const Dataset& ds, const Config& config);

// y = person quality_adjusted_output_per_hour of the active members with one
// (the pooled gap's sample); one fixed effect per stratum cell; cells with
// fewer than max(2, privacy.min_group_size) AI users or non-users are dropped
// first (the estimate weighs each cell's difference: a small cell's would be
// left over when a shown group's is subtracted). No estimate (reason set)
// when the pooled gap was not compared, there are no strata, fewer than
// max(2, privacy.min_group_size) AI users or non-users remain, or a person
// alone in a cell decides the coefficient (leverage 1).
AdjustedGap adjusted_gap(const Dataset& ds, std::span<const PersonFigures> figures,
                         std::span<const std::uint32_t> members, const std::vector<std::string>& strata,
                         const GapResult& pooled, const Config& config);

// true when the pooled difference and the adjusted estimate have opposite
// signs and the adjusted p < 0.05; false otherwise; nullopt without an estimate.
std::optional<bool> gap_paradox(const GapResult& g);

// Fills `adjusted` and `paradox` of the overall gap and of every group's gap.
void add_adjusted_gaps(const Dataset& ds, const Config& config, AnalysisResult& a);

// Cohen's bands of |g|: < 0.2 negligible, < 0.5 small, < 0.8 medium, else large.
std::string_view effect_size_band(double g);

}  // namespace gapscore::analysis
