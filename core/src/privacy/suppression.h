// Small-group suppression with complementary suppression (docs/privacy.md).
//
// The report's additive figures form one table: groups (rows) x periods
// (columns), plus the window column (each group over the whole window), the
// overall row (everyone per period) and the grand total. Every row and column
// adds up. Seen as a bipartite graph (rows and columns are nodes, hidden cells
// are edges), a hidden cell can be computed exactly from the shown ones if
// and only if it lies on no cycle, i.e. it is a bridge. The planner:
//   1. hides cells with 1..k-1 people, and trend cells whose active people
//      differ from the previous shown period of the same series by 1..k-1;
//   2. until nothing changes: in lines that partition people (a period's
//      groups, the window's groups) the hidden parts must hold at least k
//      people; and every bridge gets a cycle by hiding the smallest shown
//      cell that closes one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/run.h"

namespace gapscore::privacy {

enum class CellStatus : std::uint8_t {
  shown,
  too_few_people,  // fewer than min_group_size people
  complementary,   // hidden so that another hidden cell cannot be worked out from totals
  small_change,    // differs from the previous shown period by fewer than min_group_size people
};

const char* cell_status_reason(CellStatus s, int k);

// The table to plan for: sizes are headcounts (distinct people); 0 = empty cell.
struct SuppressionInput {
  double overall = 0;                              // everyone, whole window
  std::vector<double> groups;                      // each group, whole window
  std::vector<double> period_overall;              // everyone, each period
  std::vector<std::vector<double>> cells;          // [period][group]
  // Sorted person indices active in each trend cell (for the change rule).
  std::vector<std::vector<std::uint32_t>> period_overall_active;        // [period]
  std::vector<std::vector<std::vector<std::uint32_t>>> cell_active;     // [period][group]
};

struct SuppressionPlan {
  int k = 5;
  CellStatus overall = CellStatus::shown;
  std::vector<CellStatus> groups;
  std::vector<CellStatus> period_overall;
  std::vector<std::vector<CellStatus>> cells;  // [period][group]
  std::vector<CellStatus> trends;              // the same, in AnalysisResult::trends order
  std::size_t suppressed_groups() const;
  std::size_t suppressed_trend_cells() const;
};

SuppressionPlan plan_suppression(const SuppressionInput& in, int k);
SuppressionPlan plan_suppression(const analysis::AnalysisResult& a, int k);

}  // namespace gapscore::privacy
