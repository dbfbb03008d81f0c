// The analysis' figures in the disclosure audit: everyone and each group over
// the window ("people"), the groups x periods table, and the two sides of each
// AI user / non-user gap ("quality": person-level quality-adjusted output per
// hour, whose means times counts are sums an attacker can subtract).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"
#include "privacy/contributor_figures.h"
#include "privacy/disclosure_audit.h"

namespace gapscore::privacy {

// The domains the analysis registers in (other sections add to the same ones).
inline constexpr const char* kPeopleDomain = "people";    // per-person sums over the window
inline constexpr const char* kQualityDomain = "quality";  // person-level quality-adjusted output per hour
inline constexpr const char* kModelDomain = "model";  // people kept in a like-with-like model (its n), and the groups

struct GapFigures {
  FigureId users = 0, non_users = 0, all = 0;  // shown together
  // The like-with-like gap's n: a count of the people it kept (a people figure).
  std::optional<FigureId> adjusted_n;
  // The like-with-like estimate's cells, each as its AI users and its
  // non-users in the pooled sides' domain (all shown together, or the
  // estimate is withheld): the first cell's AI users, when there is a cell.
  std::optional<FigureId> adjusted_cells;
};

struct AnalysisFigures {
  FigureId overall = 0;
  std::vector<FigureId> groups;
  std::optional<GapFigures> overall_gap;
  std::vector<std::optional<GapFigures>> group_gaps;
  // config.rollup_by: each rollup group and its gap. A rollup group holds whole
  // groups, so "rollup group minus its shown groups" is one of the audit's
  // subset checks; rollup figures give way to the groups (Keep::insight).
  std::vector<FigureId> rollup;
  std::vector<std::optional<GapFigures>> rollup_gaps;
  // The people behind each metric (privacy/contributor_figures.h).
  ContributorFigures contributors;
};

// The active people of a set (person indices, sorted).
std::vector<std::uint32_t> active_people(const analysis::AnalysisResult& a, std::span<const std::uint32_t> members);

// Spends the trend cells' people lists (suppression_input).
AnalysisFigures declare_analysis_figures(DisclosureAudit& audit, analysis::AnalysisResult& a);

// After the audit ran: the plan of groups and trend cells (and of the rollup
// groups); every gap the audit hides loses its figures (reason set, counts
// NaN: not published).
SuppressionPlan apply_analysis_figures(const DisclosureAudit& audit, const AnalysisFigures& figures,
                                       analysis::AnalysisResult& a);

}  // namespace gapscore::privacy
