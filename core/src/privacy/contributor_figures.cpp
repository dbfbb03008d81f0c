#include "privacy/contributor_figures.h"

#include <algorithm>
#include <string>

#include "metrics/catalog_table.h"
#include "metrics/contributors.h"

namespace gapscore::privacy {
namespace {

// The kinds the report's metrics stand on, given the inputs.
std::uint32_t kinds_in_use(std::uint32_t available) {
  std::uint32_t kinds = 0;
  for (const metrics::CatalogEntry& e : metrics::catalog_entries())
    if (e.def.section == MetricSection::group_metric && (e.needs & available) == e.needs) kinds |= e.contributors;
  return kinds;
}

std::vector<std::uint32_t> people_of_kind(const analysis::AnalysisResult& a, std::span<const std::uint32_t> members,
                                          std::uint32_t kind) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t p : members)
    if (a.figures[p].active && (a.figures[p].contributes & kind)) out.push_back(p);
  std::sort(out.begin(), out.end());
  return out;
}

// The kind's place among trend_contributor_kinds()' bits (UnpublishedCell::kind_people).
std::size_t trend_slot(std::uint32_t kind) {
  const std::uint32_t trend_kinds = analysis::trend_contributor_kinds();
  std::size_t slot = 0;
  for (std::uint32_t b = 1; b < kind; b <<= 1) slot += (trend_kinds & b) != 0;
  return slot;
}

// The kind's trend cells, in the people's table order (published cells, then the others).
SuppressionInput trend_table(const analysis::AnalysisResult& a, std::uint32_t kind, const std::vector<double>& groups,
                             double overall) {
  SuppressionInput in;
  in.overall = overall;
  in.groups = groups;
  in.periods = a.periods.size();
  in.change_rule = false;  // a sum over other weeks' work is not one person's change
  in.zero_is_known = true;
  // Sizes only: the people lists serve the change rule, which a follower table
  // does not apply (lists of every kind at once were 10+ MB at 5M rows).
  for (const analysis::TrendCell& c : a.trends) {
    std::size_t size = 0;
    for (std::uint32_t kinds : c.active_kinds) size += (kinds & kind) != 0;
    in.cells.push_back({c.period_index, c.group, static_cast<double>(size), true, {}});
  }
  const std::size_t slot = trend_slot(kind);
  for (const analysis::UnpublishedCell& c : a.unpublished_cells)
    in.cells.push_back({c.period_index, c.group, static_cast<double>(c.kind_people[slot]), false, {}});
  return in;
}

// Whether the kind's people are everyone: in the organisation, every group
// and (with trends) every trend cell. Rollup groups are made of groups.
bool everyone_everywhere(const analysis::AnalysisResult& a, std::uint32_t kind, double overall,
                         const std::vector<double>& groups, bool with_trends) {
  if (overall != a.overall.headcount) return false;
  for (std::size_t g = 0; g < groups.size(); ++g)
    if (groups[g] != a.groups[g].headcount) return false;
  if (!with_trends) return true;
  for (const analysis::TrendCell& c : a.trends)
    for (std::uint32_t k : c.active_kinds)
      if (!(k & kind)) return false;
  const std::size_t slot = trend_slot(kind);
  for (const analysis::UnpublishedCell& c : a.unpublished_cells)
    if (c.kind_people[slot] != c.people) return false;
  return true;
}

// Kinds whose figures divide by the hours or tasks of the rows that have a
// value (rework, quality, value, errors, cycle time), or of the AI-assisted
// rows with a baseline. The group's hours or tasks less those are the hours
// or tasks of the rows outside the kind: of the people with such a row
// (PersonFigures::lacks). When they are 1 to k-1, that is their figure.
// (AI interactions are counted per person: no hours or tasks to subtract.)
bool covers_rows(std::uint32_t kind) {
  using namespace metrics;
  return kind == rework_rows || kind == quality_rows || kind == value_rows || kind == error_rows ||
         kind == cycle_time_rows || kind == ai_baseline_rows;
}

// Whether 1 to k-1 of the members have a row outside the kind, while some are in it.
bool few_outside(const analysis::AnalysisResult& a, std::span<const std::uint32_t> members, std::uint32_t kind, int k) {
  std::size_t outside = 0, inside = 0;
  for (std::uint32_t p : members) {
    const analysis::PersonFigures& f = a.figures[p];
    if (!f.active) continue;
    outside += (f.lacks & kind) != 0;
    inside += (f.contributes & kind) != 0;
  }
  return inside > 0 && outside > 0 && outside < static_cast<std::size_t>(k);
}

}  // namespace

ContributorFigures declare_contributor_figures(DisclosureAudit& audit, const analysis::AnalysisResult& a,
                                               FigureId overall, const std::vector<FigureId>& groups,
                                               const std::vector<FigureId>& rollup) {
  ContributorFigures out;
  const std::uint32_t kinds = kinds_in_use(a.available);
  const std::uint32_t trend_kinds = analysis::trend_contributor_kinds();
  std::vector<std::uint32_t> everyone(a.figures.size());
  for (std::uint32_t p = 0; p < everyone.size(); ++p) everyone[p] = p;
  for (std::uint32_t kind = 1; kind != 0 && kind <= kinds; kind <<= 1) {
    if (!(kinds & kind)) continue;
    std::vector<std::uint32_t> all = people_of_kind(a, everyone, kind);
    std::vector<std::vector<std::uint32_t>> by_group;
    std::vector<double> group_sizes;
    for (std::size_t g = 0; g < a.grouping.size(); ++g) {
      by_group.push_back(people_of_kind(a, a.grouping.members[g], kind));
      group_sizes.push_back(static_cast<double>(by_group.back().size()));
    }
    const bool with_trends = (trend_kinds & kind) && !a.trends.empty();
    if (everyone_everywhere(a, kind, static_cast<double>(all.size()), group_sizes, with_trends)) continue;

    ContributorKindFigures f;
    f.kind = kind;
    const std::string domain = std::string("people behind: ") + metrics::contributor_name(kind);
    const double overall_size = static_cast<double>(all.size());
    f.overall = audit.add({domain, "", std::move(all), Keep::organisation});
    audit.requires_shown(f.overall, overall);
    for (std::size_t g = 0; g < by_group.size(); ++g) {
      f.groups.push_back(audit.add({domain, "groups", std::move(by_group[g]), Keep::group}));
      audit.requires_shown(f.groups.back(), groups[g]);
    }
    if (a.rollup)
      for (std::size_t i = 0; i < a.rollup->grouping.size(); ++i) {
        f.rollup.push_back(audit.add({domain, "rollup", people_of_kind(a, a.rollup->grouping.members[i], kind),
                                      Keep::insight}));
        audit.requires_shown(f.rollup.back(), rollup[i]);
      }
    if (with_trends) out.pending.trend_tables.push_back(trend_table(a, kind, group_sizes, overall_size));
    else out.pending.trend_tables.emplace_back();
    out.kinds.push_back(std::move(f));
  }
  return out;
}

void declare_contributor_tables(DisclosureAudit& audit, ContributorFigures& figures) {
  const std::uint32_t trend_kinds = analysis::trend_contributor_kinds();
  for (std::size_t i = 0; i < figures.kinds.size(); ++i) {
    ContributorKindFigures& f = figures.kinds[i];
    if (!(trend_kinds & f.kind) || figures.pending.trend_tables[i].cells.empty()) continue;
    f.trend_table = audit.table(std::move(figures.pending.trend_tables[i]), f.overall, f.groups);
  }
  figures.pending = {};
}

void apply_contributor_figures(const DisclosureAudit& audit, const ContributorFigures& figures,
                               analysis::AnalysisResult& a, FigureId people_overall,
                               const std::vector<FigureId>& people_groups, const std::vector<FigureId>& people_rollup) {
  const int k = audit.k();
  auto reason = [&](CellStatus why) { return withheld_reason(why, k); };
  auto apply = [&](FigureId id, std::uint32_t kind, analysis::GroupResult& r) {
    // A figure hidden only because its group is: the group is not published at all.
    if (!audit.shown(id)) analysis::withhold_kinds(r, kind, reason(audit.status(id)));
  };
  // 1 to k-1 people with rows outside a kind (outside review: a team of 6
  // whose rework_hours / rework_rate gave the hours of the 5 with rework, and
  // three other figures the hours of all 6). The kind's figures go in that
  // group, and in the organisation and the rollup group around it, so that
  // they are not the organisation's minus the other groups'.
  const std::string rows_outside = "the people with rows outside these would be fewer than " + std::to_string(k) +
                                   ", and the group's other figures would give their hours or tasks";
  std::vector<std::uint32_t> everyone(a.figures.size());
  for (std::uint32_t p = 0; p < everyone.size(); ++p) everyone[p] = p;
  for (const ContributorKindFigures& f : figures.kinds) {
    if (!covers_rows(f.kind)) continue;
    bool overall = audit.shown(people_overall) && few_outside(a, everyone, f.kind, k);
    std::vector<bool> rollup(f.rollup.size(), false);
    for (std::size_t i = 0; i < rollup.size(); ++i)
      rollup[i] = audit.shown(people_rollup[i]) && few_outside(a, a.rollup->grouping.members[i], f.kind, k);
    for (std::size_t g = 0; g < a.groups.size(); ++g) {
      if (!audit.shown(people_groups[g]) || !few_outside(a, a.grouping.members[g], f.kind, k)) continue;
      analysis::withhold_kinds(a.groups[g], f.kind, rows_outside);
      overall = true;
      if (a.rollup)
        for (std::size_t i = 0; i < a.rollup->children.size(); ++i)
          if (std::binary_search(a.rollup->children[i].begin(), a.rollup->children[i].end(), g)) rollup[i] = true;
    }
    if (overall) analysis::withhold_kinds(a.overall, f.kind, rows_outside);
    for (std::size_t i = 0; i < rollup.size(); ++i)
      if (rollup[i]) analysis::withhold_kinds(a.rollup->groups[i], f.kind, rows_outside);
  }
  for (const ContributorKindFigures& f : figures.kinds) {
    apply(f.overall, f.kind, a.overall);
    for (std::size_t g = 0; g < f.groups.size(); ++g) apply(f.groups[g], f.kind, a.groups[g]);
    for (std::size_t i = 0; i < f.rollup.size(); ++i) apply(f.rollup[i], f.kind, a.rollup->groups[i]);
    if (!f.trend_table) continue;
    const SuppressionPlan& plan = audit.table_plan(*f.trend_table);
    for (std::size_t i = 0; i < a.trends.size(); ++i)
      if (plan.cells[i] != CellStatus::shown) analysis::withhold_kinds(a.trends[i].result, f.kind, reason(plan.cells[i]));
  }
}

}  // namespace gapscore::privacy
