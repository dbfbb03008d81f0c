#include "analysis/rollup.h"

#include "analysis/run.h"

namespace gapscore::analysis {
namespace {

std::string key_text(const std::vector<std::string>& key) {
  std::string out;
  for (const std::string& v : key) out += (out.empty() ? "" : " / ") + clip_for_diagnostic(v);
  return out;
}

}  // namespace

Rollup roll_up(const Dataset& ds, const Config& config, const EvalContext& ctx, const Grouping& groups) {
  Rollup r;
  r.grouping = group_persons(ds, {config.rollup_by});
  r.children.resize(r.grouping.size());
  // Each group must lie inside one rollup group: else a rollup figure is not
  // the sum of whole groups, and neither a reader nor the audit can relate them.
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::uint32_t first = r.grouping.group_of_person[groups.members[g].front()];
    for (std::uint32_t p : groups.members[g]) {
      const std::uint32_t other = r.grouping.group_of_person[p];
      if (other == first) continue;
      r.straddle = "the group \"" + key_text(groups.keys[g]) + "\" has people in both \"" +
                   key_text(r.grouping.keys[first]) + "\" and \"" + key_text(r.grouping.keys[other]) +
                   "\" of " + clip_for_diagnostic(config.rollup_by) + "; a roll-up needs every group inside one of them";
      return r;
    }
    r.children[first].push_back(g);
  }
  for (std::size_t i = 0; i < r.grouping.size(); ++i)
    r.groups.push_back(evaluate_group(ctx, r.grouping.members[i],
                                      group_seed(config.bootstrap.seed, {config.rollup_by, r.grouping.keys[i][0]})));
  return r;
}

}  // namespace gapscore::analysis
