// config.rollup_by: a second, coarser grouping whose groups each hold whole
// groups of group_by (teams within departments). Evaluated like the groups;
// the disclosure audit checks both levels together (privacy/analysis_figures.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/group_eval.h"
#include "analysis/grouping.h"
#include "dataset/dataset.h"

namespace gapscore::analysis {

struct Rollup {
  Grouping grouping;                                // by config.rollup_by
  std::vector<GroupResult> groups;                  // rollup grouping order
  std::vector<std::vector<std::size_t>> children;   // per rollup group: the groups inside it, ascending
  // Why the groups do not nest (a group with people in two rollup groups), in words.
  std::optional<std::string> straddle;
};

Rollup roll_up(const Dataset& ds, const Config& config, const EvalContext& ctx, const Grouping& groups);

}  // namespace gapscore::analysis
