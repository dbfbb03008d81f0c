// The people behind each figure in the disclosure audit (docs/privacy.md, "The
// people behind each figure"). A team of 5 with one AI user publishes, as its
// hours saved, that one person's hours; a team with one survey respondent, as
// its sentiment, that person's answer. For each metrics::Contributor kind the
// report's metrics stand on, this registers the kind's people in each group,
// the organisation and each rollup group as figures of a domain of their own
// (so "everyone minus the shown teams" is checked over them too), and their
// trend cells as a table that follows the people's. A kind whose people are
// everyone everywhere adds nothing and is not registered.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "analysis/run.h"
#include "privacy/disclosure_audit.h"

namespace gapscore::privacy {

struct ContributorKindFigures {
  std::uint32_t kind = 0;  // one metrics::Contributor bit
  FigureId overall = 0;
  std::vector<FigureId> groups, rollup;
  std::optional<std::size_t> trend_table;  // the audit's table of its trend cells
};

struct ContributorTables {
  std::vector<SuppressionInput> trend_tables;  // one per kind with trend cells, in `kinds` order
};

struct ContributorFigures {
  std::vector<ContributorKindFigures> kinds;
  ContributorTables pending;  // trend tables to register after the people's table
};

// Registers the window figures; the trend tables wait in `pending` (the
// people's table must be the audit's first). Call before suppression_input(a),
// which takes the trend cells' people.
ContributorFigures declare_contributor_figures(DisclosureAudit& audit, const analysis::AnalysisResult& a,
                                               FigureId overall, const std::vector<FigureId>& groups,
                                               const std::vector<FigureId>& rollup);
// Registers the pending trend tables (after the people's table).
void declare_contributor_tables(DisclosureAudit& audit, ContributorFigures& figures);

// After the audit ran: each group, the organisation, each rollup group and
// each trend cell loses the metrics whose people the audit hid.
// people_*: the people's figures of the organisation, groups and rollup groups
// (a hidden group publishes nothing to subtract from).
void apply_contributor_figures(const DisclosureAudit& audit, const ContributorFigures& figures,
                               analysis::AnalysisResult& a, FigureId people_overall,
                               const std::vector<FigureId>& people_groups, const std::vector<FigureId>& people_rollup);

}  // namespace gapscore::privacy
