// Small-group suppression with complementary suppression (docs/privacy.md).
//
// The report's additive figures form one table: groups (rows) x periods
// (columns), plus the window column (each group over the whole window), the
// overall row (everyone per period) and the grand total. Every row and column
// adds up. The table is sparse: only cells with people exist (a group with no
// activity in a period has no cell, and a reader knows it is zero).
//
// Seen as a bipartite graph (rows and columns are nodes, cells a reader does
// not know are edges), an unknown cell can be computed exactly from the shown
// ones if and only if it lies on no cycle, i.e. it is a bridge. Unknown cells
// are hidden ones and trend cells that are not published at all (groups beyond
// config.trends.max_groups). The planner:
//   1. hides cells with 1..k-1 people, and trend cells whose active people
//      differ from the previous shown period of the same series by 1..k-1;
//   2. until nothing changes: in lines that partition people (a period's
//      groups, the window's groups) the unknown parts must hold at least k
//      people; and every unknown cell with 1..k-1 people, and every hidden
//      cell, that is a bridge gets a cycle by hiding the cheapest shown cells
//      that close one.
// Work is proportional to the cells that exist (sparse graph, heap Dijkstra).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/run.h"

namespace gapscore::privacy {

enum class CellStatus : std::uint8_t {
  shown,
  too_few_people,  // fewer than min_group_size people
  complementary,   // hidden so that another hidden cell cannot be worked out from totals
  small_change,    // differs from the previous shown period by fewer than min_group_size people
  not_published,   // a trend cell of a group beyond the trend selection (never in the report)
  overlap,         // another shown figure covers the same people but for 1..min_group_size-1 of them
};

const char* cell_status_reason(CellStatus s, int k);
// Why a figure of a shown group is withheld (a report's `withheld` entries):
// too few people stand behind it, or the others would give it away.
std::string withheld_reason(CellStatus why, int k);

// One trend cell: a group (or everyone, group = nullopt) in one period.
struct PeriodCell {
  std::size_t period = 0;
  std::optional<std::size_t> group;
  double size = 0;         // distinct people active in it (> 0)
  bool published = true;   // false: the cell is not in the report (its group is not in the trends)
  // Sorted person indices active in it (for the change rule; published cells only).
  std::vector<std::uint32_t> active;
};

// The table to plan for: sizes are headcounts (distinct people).
struct SuppressionInput {
  double overall = 0;          // everyone, whole window
  std::vector<double> groups;  // each group, whole window
  std::size_t periods = 0;
  // Period cells, at most one per (period, group) and per period with group = nullopt
  // (the period's overall cell, present for every period with people).
  std::vector<PeriodCell> cells;
  bool change_rule = true;  // apply the change rule along each published series
  // A table of the people behind one kind of figure (metrics::Contributor):
  // a cell or group with none of them shows a known nothing, not a small group.
  bool zero_is_known = false;
  // Cells hidden before planning (a contributor table's cells that the
  // people table hid), by index into `cells`; empty = none.
  std::vector<std::optional<CellStatus>> forced_cells;
  // Hidden before planning (by the disclosure audit's other checks); empty = none.
  std::optional<CellStatus> forced_overall;
  std::vector<std::optional<CellStatus>> forced_groups;
};

struct SuppressionPlan {
  int k = 5;
  CellStatus overall = CellStatus::shown;
  std::vector<CellStatus> groups;
  std::vector<CellStatus> cells;   // one per SuppressionInput::cells, same order
  std::vector<CellStatus> trends;  // AnalysisResult::trends order (from the AnalysisResult overload)
  std::vector<CellStatus> rollup;  // AnalysisResult::rollup's groups (set by apply_analysis_figures)
  std::size_t suppressed_groups() const;
  std::size_t suppressed_trend_cells() const;
};

SuppressionPlan plan_suppression(const SuppressionInput& in, int k);
// The analysis' table: published trend cells first (AnalysisResult::trends order), then the unpublished ones.
// The trend cells' people lists move into it (they serve only these checks;
// at 50M rows a second copy was 25 MB).
SuppressionInput suppression_input(analysis::AnalysisResult& a);

}  // namespace gapscore::privacy
