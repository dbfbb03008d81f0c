#include "privacy/analysis_figures.h"

#include <algorithm>
#include <cmath>

namespace gapscore::privacy {
namespace {

struct Sides {
  std::vector<std::uint32_t> users, non_users, all;
};

Sides gap_sides(const analysis::AnalysisResult& a, std::span<const std::uint32_t> members) {
  Sides s;
  for (std::uint32_t p : members) {
    const analysis::PersonFigures& f = a.figures[p];
    if (!f.active || !f.quality_adjusted_output_per_hour) continue;
    (f.ai_user ? s.users : s.non_users).push_back(p);
    s.all.push_back(p);
  }
  for (auto* v : {&s.users, &s.non_users, &s.all}) std::sort(v->begin(), v->end());
  return s;
}

// `family`: the breakdown prefix of a level's gaps ("gap" for the groups,
// "rollup_gap" for the rollup groups), "" for the organisation's.
GapFigures declare_gap(DisclosureAudit& audit, const analysis::AnalysisResult& a, const analysis::GapResult& gap,
                       std::span<const std::uint32_t> members, Keep keep,
                       const std::string& family) {
  Sides s = gap_sides(a, members);
  auto breakdown = [&](const char* side) { return family.empty() ? std::string() : family + side; };
  GapFigures g;
  g.users = audit.add({kQualityDomain, breakdown("_users"), std::move(s.users), keep});
  g.non_users = audit.add({kQualityDomain, breakdown("_non_users"), std::move(s.non_users), keep});
  g.all = audit.add({kQualityDomain, breakdown("_all"), std::move(s.all), keep});
  audit.together(g.users, g.non_users);
  audit.together(g.users, g.all);
  // Not compared (no quality data, or fewer than 2 on a side): no mean, no
  // sum of output is published, only the two counts (apply_analysis_figures).
  if (!gap.compared)
    for (FigureId f : {g.users, g.non_users, g.all}) audit.withhold(f);
  // The like-with-like estimate weighs each kept cell's two means. With one
  // cell it is their difference, and when the cell's non-users are all the
  // pooled non-users, the pooled AI users' mean and the estimate give the
  // average of the AI users the cell left out (a lead alone in their role).
  // Each cell's sides are sets of the pooled sides' domain, as if their means
  // were published, so that the audit's pair check sees such a remainder.
  if (gap.compared && gap.adjusted && gap.adjusted->estimate) {
    for (std::size_t c = 0; c < gap.adjusted->cell_people.size(); ++c) {
      std::vector<std::uint32_t> users, non_users;
      for (std::uint32_t p : gap.adjusted->cell_people[c]) (a.figures[p].ai_user ? users : non_users).push_back(p);
      const FigureId u = audit.add({kQualityDomain, "", std::move(users), keep});
      const FigureId n = audit.add({kQualityDomain, "", std::move(non_users), keep});
      if (!g.adjusted_cells) {
        g.adjusted_cells = u;
        audit.requires_shown(u, g.users);
      }
      if (u != *g.adjusted_cells) audit.together(*g.adjusted_cells, u);
      audit.together(*g.adjusted_cells, n);
    }
  }
  // The organisation's (or a roll-up group's) n minus the shown groups'
  // headcounts would count the people of a hidden group when the model drops
  // a sibling (a team with no AI user): n is checked against the groups it
  // holds (the groups' mirrors in kModelDomain, declare_analysis_figures). A
  // group's own n describes only its people.
  if (!family.empty() && family != "rollup_gap") return g;
  if (gap.adjusted && gap.adjusted->estimate) {
    g.adjusted_n = audit.add({kModelDomain, "", gap.adjusted->people, Keep::detail});
    audit.requires_shown(*g.adjusted_n, g.users);
  }
  return g;
}

// A like-with-like estimate the audit hides: its strata and why stay.
void withhold_adjusted(analysis::GapResult& g) {
  analysis::AdjustedGap adj;
  adj.strata = g.adjusted->strata;
  adj.confounded = g.adjusted->confounded;
  adj.withheld = true;
  adj.reason = "withheld so that a smaller hidden comparison cannot be worked out from the others";
  adj.settings = setting::min_group_size;
  g.adjusted = std::move(adj);
  g.paradox.reset();  // which way the estimate points is part of it
}

// A gap the audit hides: no figure of it is published, only why.
void withhold_gap(analysis::GapResult& g, CellStatus why, int k) {
  analysis::GapResult out;
  if (why == CellStatus::too_few_people)
    out.unavailable_reason = "needs at least " + std::to_string(k) + " AI users and " + std::to_string(k) +
                             " non-users with quality data";
  else
    out.unavailable_reason = "withheld so that a smaller hidden comparison cannot be worked out from the others";
  out.unavailable_settings = setting::min_group_size;
  out.n_users = out.n_non_users = NAN;
  if (g.adjusted) {
    analysis::AdjustedGap adj;
    adj.strata = g.adjusted->strata;
    adj.reason = out.unavailable_reason;
    adj.settings = out.unavailable_settings;
    out.adjusted = std::move(adj);
  }
  g = std::move(out);
}

}  // namespace

std::vector<std::uint32_t> active_people(const analysis::AnalysisResult& a, std::span<const std::uint32_t> members) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t p : members)
    if (a.figures[p].active) out.push_back(p);
  std::sort(out.begin(), out.end());
  return out;
}

AnalysisFigures declare_analysis_figures(DisclosureAudit& audit, analysis::AnalysisResult& a) {
  AnalysisFigures f;
  std::vector<std::uint32_t> everyone(a.figures.size());
  for (std::uint32_t p = 0; p < everyone.size(); ++p) everyone[p] = p;
  f.overall = audit.add({kPeopleDomain, "", active_people(a, everyone), Keep::organisation});
  for (std::size_t g = 0; g < a.grouping.size(); ++g)
    f.groups.push_back(audit.add({kPeopleDomain, "groups", active_people(a, a.grouping.members[g]), Keep::group}));
  if (a.overall.gap) {
    f.overall_gap = declare_gap(audit, a, *a.overall.gap, everyone, Keep::organisation, "");
    audit.requires_shown(f.overall_gap->users, f.overall);
  }
  for (std::size_t g = 0; g < a.grouping.size(); ++g) {
    f.group_gaps.emplace_back();
    if (!a.groups[g].gap) continue;
    f.group_gaps.back() =
        declare_gap(audit, a, *a.groups[g].gap, a.grouping.members[g], Keep::group, "gap");
    audit.requires_shown(f.group_gaps.back()->users, f.groups[g]);
  }
  if (a.rollup) {
    const analysis::Rollup& r = *a.rollup;
    for (std::size_t i = 0; i < r.groups.size(); ++i) {
      f.rollup.push_back(audit.add({kPeopleDomain, "rollup", active_people(a, r.grouping.members[i]), Keep::insight}));
      f.rollup_gaps.emplace_back();
      if (!r.groups[i].gap) continue;
      f.rollup_gaps.back() = declare_gap(audit, a, *r.groups[i].gap, r.grouping.members[i], Keep::insight, "rollup_gap");
      audit.requires_shown(f.rollup_gaps.back()->users, f.rollup.back());
    }
  }
  // The groups as seen by the like-with-like n's: "n minus the shown groups" is a subset check there.
  bool any_n = f.overall_gap && f.overall_gap->adjusted_n;
  for (const auto& g : f.rollup_gaps) any_n = any_n || (g && g->adjusted_n);
  if (any_n) {
    for (std::size_t g = 0; g < a.grouping.size(); ++g) {
      const FigureId mirror = audit.add({kModelDomain, "groups", audit.people(f.groups[g]), Keep::group});
      audit.requires_shown(mirror, f.groups[g]);
    }
  }
  // The people's table first (the contributor tables follow it); it takes the trend cells' people.
  f.contributors = declare_contributor_figures(audit, a, f.overall, f.groups, f.rollup);
  audit.table(suppression_input(a), f.overall, f.groups);
  declare_contributor_tables(audit, f.contributors);
  // The like-with-like cells' people served only the declarations above.
  if (a.overall.gap && a.overall.gap->adjusted) a.overall.gap->adjusted->cell_people = {};
  for (analysis::GroupResult& g : a.groups)
    if (g.gap && g.gap->adjusted) g.gap->adjusted->cell_people = {};
  if (a.rollup)
    for (analysis::GroupResult& g : a.rollup->groups)
      if (g.gap && g.gap->adjusted) g.gap->adjusted->cell_people = {};
  // The people's kinds per trend cell served only the declarations above.
  for (analysis::TrendCell& c : a.trends) c.active_kinds = {};
  for (analysis::UnpublishedCell& c : a.unpublished_cells) c.kind_people = {};
  return f;
}

SuppressionPlan apply_analysis_figures(const DisclosureAudit& audit, const AnalysisFigures& figures,
                                       analysis::AnalysisResult& a) {
  SuppressionPlan plan = audit.table_plan();
  plan.trends.assign(plan.cells.begin(), plan.cells.begin() + static_cast<std::ptrdiff_t>(a.trends.size()));
  auto apply = [&](const std::optional<GapFigures>& f, std::optional<analysis::GapResult>& gap) {
    if (!f || !gap) return;
    if (!gap->compared) {  // only the counts: each is a figure of its own
      if (!audit.count_publishable(gap->n_users)) gap->n_users = NAN;
      if (!audit.count_publishable(gap->n_non_users)) gap->n_non_users = NAN;
      return;
    }
    if (!audit.shown(f->users)) {
      // The sides are shown together: a side with too few people is the reason
      // the other went too (outside review: 4 non-users read "a smaller hidden comparison").
      const bool few = audit.status(f->users) == CellStatus::too_few_people ||
                       audit.status(f->non_users) == CellStatus::too_few_people;
      withhold_gap(*gap, few ? CellStatus::too_few_people : audit.status(f->users), audit.k());
      return;
    }
    if (f->adjusted_cells && gap->adjusted && !audit.shown(*f->adjusted_cells)) {
      withhold_adjusted(*gap);
      return;
    }
    if (f->adjusted_n && gap->adjusted && !audit.shown(*f->adjusted_n)) gap->adjusted->n = NAN;
  };
  apply_contributor_figures(audit, figures.contributors, a, figures.overall, figures.groups, figures.rollup);
  apply(figures.overall_gap, a.overall.gap);
  for (std::size_t g = 0; g < a.groups.size(); ++g) apply(figures.group_gaps[g], a.groups[g].gap);
  if (a.rollup)
    for (std::size_t i = 0; i < figures.rollup.size(); ++i) {
      plan.rollup.push_back(audit.status(figures.rollup[i]));
      apply(figures.rollup_gaps[i], a.rollup->groups[i].gap);
    }
  return plan;
}

}  // namespace gapscore::privacy
