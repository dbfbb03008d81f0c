#include "usage_analysis/usage_analysis.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "base/date.h"
#include "metrics/group_inputs.h"
#include "privacy/analysis_figures.h"
#include "stats/stats.h"
#include "base/stable_order.h"

namespace gapscore::usage_analysis {
namespace {

GroupUsage aggregate(const JoinedUsage& u, std::span<const std::uint32_t> members, const Config& config) {
  GroupUsage g;
  for (std::uint32_t p : members) {
    g.population += 1;
    const PersonUsage& pu = u.per_person[p];
    g.counters.add(u.counters[p]);
    g.licensed += pu.licensed ? 1 : 0;
    g.never_used += pu.licensed && pu.days.empty() ? 1 : 0;
    if (pu.days.empty()) continue;
    for (const std::string& s : pu.surfaces) g.surface_active[s] += 1;
    for (const std::string& s : pu.breakdowns) g.surface_active[s] += 1;
    g.active += 1;
    g.engaged += static_cast<double>(pu.days.size()) >= config.usage.engaged_min_days ? 1 : 0;
    if (u.covered_days > 0) g.intensity_sum += static_cast<double>(pu.days.size()) / u.covered_days;
    g.breadth_sum += static_cast<double>(pu.surfaces.size());
    for (int t = 0; t < 2; ++t) g.tool_active[t] += pu.tool_active[t] ? 1 : 0;
  }
  return g;
}

std::int32_t period_start(std::int32_t day, const Config& config) {
  return config.period == Period::week ? iso_week_monday(day) : month_start(day);
}

// People active per period (config.period, as the activity trends) / the group's people.
std::vector<UsageTrendCell> usage_trends(const JoinedUsage& u, const UsageAnalysis& ua, const Config& config) {
  const std::size_t G = ua.grouping.size();
  std::map<std::int32_t, std::vector<std::set<std::uint32_t>>> periods;  // period -> per group (+ everyone last)
  for (const auto& [p, day] : u.person_days) {
    auto& cells = periods[period_start(day, config)];
    if (cells.empty()) cells.resize(G + 1);
    cells[G].insert(p);
    if (G) cells[ua.grouping.group_of_person[p]].insert(p);
  }
  std::vector<UsageTrendCell> out;
  auto cell = [](std::int32_t start, std::optional<std::size_t> group, const std::set<std::uint32_t>& active, double population) {
    UsageTrendCell c;
    c.start = start;
    c.group = group;
    c.active = static_cast<double>(active.size());
    c.population = population;
    c.people.assign(active.begin(), active.end());
    return c;
  };
  for (const auto& [start, cells] : periods) {
    out.push_back(cell(start, std::nullopt, cells[G], ua.overall.population));
    for (std::size_t g = 0; g < G; ++g) out.push_back(cell(start, g, cells[g], ua.groups[g].population));
  }
  return out;
}

// Team-level daily exports: means per period; periods with fewer than k active users hidden.
std::vector<TeamAggregate> team_aggregates(const JoinedUsage& u, const Config& config) {
  std::map<std::pair<std::string, std::int32_t>, std::vector<const usage::AggregateDay*>> by_period;
  for (const usage::AggregateDay& a : u.aggregates) by_period[{a.team, period_start(a.day, config)}].push_back(&a);
  std::vector<TeamAggregate> out;
  for (const auto& [key, days] : by_period) {
    double active = 0, engaged = 0, n_active = 0, n_engaged = 0, sugg = 0, acc = 0, ls = 0, la = 0;
    for (const usage::AggregateDay* a : days) {
      if (!std::isnan(a->active_users)) active += a->active_users, n_active += 1;
      if (!std::isnan(a->engaged_users)) engaged += a->engaged_users, n_engaged += 1;
      sugg += a->suggestions;
      acc += a->acceptances;
      ls += a->lines_suggested;
      la += a->lines_accepted;
    }
    TeamAggregate t{key.first, key.second, days.size(), metrics::ratio(active, n_active), metrics::ratio(engaged, n_engaged),
                    metrics::ratio(acc, sugg), metrics::ratio(la, ls), false};
    t.shown = t.mean_active && *t.mean_active >= config.privacy.min_group_size;
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<UsageTrainingTarget> training_targets(const UsageAnalysis& ua) {
  std::vector<UsageTrainingTarget> out;
  for (std::size_t g = 0; g < ua.grouping.size(); ++g)
    if (ua.plan.groups[g] == privacy::CellStatus::shown && ua.groups[g].population > 0)
      out.push_back({g, ua.groups[g].population - ua.groups[g].active, 1.0 - ua.groups[g].active / ua.groups[g].population});
  stable_sort_by(out,
                   [](const UsageTrainingTarget& a, const UsageTrainingTarget& b) { return a.non_adopter_share > b.non_adopter_share; });
  return out;
}

ActivityComparison compare_with_activity(const Dataset& ds, const JoinedUsage& u, const UsageAnalysis& ua,
                                         const analysis::AnalysisResult& activity) {
  std::unordered_map<std::string, std::uint32_t> pop_index;
  for (std::uint32_t i = 0; i < u.population.persons.size(); ++i) pop_index[u.population.persons[i].id] = i;
  double agree = 0, telemetry_only = 0, activity_only = 0;
  ActivityComparison c;
  std::vector<double> person_intensity, task_share;  // per person in both, for the rank correlation
  for (std::uint32_t p = 0; p < ds.persons.size(); ++p) {  // the dataset's person order: fixed, so sums are too
    const analysis::PersonFigures& f = activity.figures[p];
    const auto it = pop_index.find(ds.persons[p].id);
    if (!f.active || it == pop_index.end()) continue;
    c.people += 1;
    c.in_both.push_back(p);
    const bool t = !u.per_person[it->second].days.empty();
    if (u.covered_days > 0 && f.ai_task_share) {
      person_intensity.push_back(static_cast<double>(u.per_person[it->second].days.size()) / u.covered_days);
      task_share.push_back(*f.ai_task_share);
      c.ranked.push_back(p);
    }
    agree += t == f.ai_user ? 1 : 0;
    telemetry_only += t && !f.ai_user ? 1 : 0;
    activity_only += !t && f.ai_user ? 1 : 0;
  }
  c.enough = c.people > 0;
  if (!c.enough) return c;
  c.telemetry_adoption_rate = usage_adoption_rate(ua.overall);
  c.activity_adoption_rate = analysis::metric_value(activity.overall, "adoption_rate");
  c.agreement = agree / c.people;
  c.telemetry_only_share = telemetry_only / c.people;
  c.activity_only_share = activity_only / c.people;
  // Does heavier tool use go with a larger recorded share of AI-assisted tasks?
  c.rank_people = static_cast<double>(person_intensity.size());
  if (person_intensity.size() >= 3)
    if (const auto rho = stats::spearman(person_intensity, task_share)) {
      c.spearman_rho = rho->rho;
      c.spearman_p_value = rho->p_value;
    }
  return c;
}

}  // namespace

std::optional<double> usage_adoption_rate(const GroupUsage& g) { return metrics::ratio(g.active, g.population); }
std::optional<double> active_days_share(const GroupUsage& g) { return metrics::ratio(g.intensity_sum, g.active); }
std::optional<double> apps_per_active_user(const GroupUsage& g) { return metrics::ratio(g.breadth_sum, g.active); }

UsageAnalysis analyze_usage(const Dataset& ds, const Config& config, const analysis::AnalysisResult* activity) {
  const JoinedUsage& u = *ds.usage;
  UsageAnalysis ua;
  // Groups by the configured attributes over the population.
  Dataset shim;
  shim.persons = u.population.persons;
  shim.persons_by_id = u.population.by_id;
  ua.grouping = analysis::group_persons(shim, config.group_by);
  ua.overall = aggregate(u, u.population.by_id, config);
  for (std::size_t g = 0; g < ua.grouping.size(); ++g) ua.groups.push_back(aggregate(u, ua.grouping.members[g], config));
  ua.plan.k = config.privacy.min_group_size;
  ua.plan.groups.assign(ua.grouping.size(), privacy::CellStatus::shown);
  ua.tools_present = {u.tools_seen[0], u.tools_seen[1]};
  ua.people_with_usage = static_cast<double>(
      std::count_if(u.per_person.begin(), u.per_person.end(), [](const PersonUsage& p) { return !p.days.empty(); }));
  ua.trends = usage_trends(u, ua, config);
  ua.team_aggregates = team_aggregates(u, config);
  if (activity && ds.has_activity) ua.comparison = compare_with_activity(ds, u, ua, *activity);
  ua.segments = classify_segments(u, config);  // counted once the disclosure audit has planned the groups
  return ua;
}

namespace {

std::vector<std::uint32_t> sorted(std::span<const std::uint32_t> v) {
  std::vector<std::uint32_t> out(v.begin(), v.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::uint32_t> active_of(const JoinedUsage& u, std::span<const std::uint32_t> members) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t p : members)
    if (!u.per_person[p].days.empty()) out.push_back(p);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

UsageFigures declare_usage_figures(privacy::DisclosureAudit& audit, const UsageAnalysis& ua, const JoinedUsage& u) {
  using privacy::Keep;
  UsageFigures f;
  f.overall = audit.add({"usage", "", sorted(u.population.by_id), Keep::organisation});
  f.overall_active = audit.add({"usage_active", "", active_of(u, u.population.by_id), Keep::organisation});
  audit.requires_shown(f.overall_active, f.overall);
  for (std::size_t g = 0; g < ua.grouping.size(); ++g) {
    f.groups.push_back(audit.add({"usage", "groups", sorted(ua.grouping.members[g]), Keep::group}));
    f.groups_active.push_back(audit.add({"usage_active", "groups", active_of(u, ua.grouping.members[g]), Keep::group}));
    audit.requires_shown(f.groups_active.back(), f.groups.back());
  }
  std::vector<std::vector<privacy::FigureId>> series(ua.grouping.size() + 1);
  for (const UsageTrendCell& c : ua.trends) {
    const bool everyone = !c.group;
    const privacy::FigureId id = audit.add({"usage_period:" + std::to_string(c.start), everyone ? "" : "groups", c.people,
                                            everyone ? Keep::group : Keep::detail});
    audit.requires_shown(id, everyone ? f.overall : f.groups[*c.group]);
    series[everyone ? ua.grouping.size() : *c.group].push_back(id);
    f.trends.push_back(id);
  }
  for (std::vector<privacy::FigureId>& s : series) audit.series(std::move(s));
  if (ua.comparison) {
    f.comparison = audit.add({privacy::kPeopleDomain, "", ua.comparison->in_both, Keep::insight});
    f.comparison_ranked = audit.add({privacy::kPeopleDomain, "", ua.comparison->ranked, Keep::detail});
    audit.requires_shown(*f.comparison_ranked, *f.comparison);
  }
  return f;
}

void apply_usage_figures(const privacy::DisclosureAudit& audit, const UsageFigures& f, UsageAnalysis& ua) {
  ua.plan.k = audit.k();
  ua.plan.overall = audit.status(f.overall);
  ua.overall.active_shown = audit.shown(f.overall_active);
  ua.overall.active_status = audit.status(f.overall_active);
  ua.people_with_usage_shown = audit.shown(f.overall_active);
  for (std::size_t g = 0; g < ua.grouping.size(); ++g) {
    ua.plan.groups[g] = audit.status(f.groups[g]);
    ua.groups[g].active_shown = audit.shown(f.groups_active[g]);
    ua.groups[g].active_status = audit.status(f.groups_active[g]);
  }
  for (std::size_t i = 0; i < ua.trends.size(); ++i) ua.trends[i].status = audit.status(f.trends[i]);
  if (ua.comparison) {
    ActivityComparison& c = *ua.comparison;
    c.enough = c.enough && audit.shown(*f.comparison);
    c.ranked_shown = audit.shown(*f.comparison_ranked);
    if (!c.ranked_shown) {
      c.spearman_rho.reset();
      c.spearman_p_value.reset();
    }
  }
  std::vector<double> adoption, intensity, breadth;
  for (std::size_t g = 0; g < ua.grouping.size(); ++g) {
    if (ua.plan.groups[g] != privacy::CellStatus::shown) continue;
    if (auto v = usage_adoption_rate(ua.groups[g])) adoption.push_back(*v);
    if (!ua.groups[g].active_shown) continue;
    if (auto v = active_days_share(ua.groups[g])) intensity.push_back(*v);
    if (auto v = apps_per_active_user(ua.groups[g])) breadth.push_back(*v);
  }
  ua.adoption = analysis::uniformity_of(adoption);
  ua.intensity = analysis::uniformity_of(intensity);
  ua.breadth = analysis::uniformity_of(breadth);
  ua.training_targets = training_targets(ua);
  plan_segments(ua.segments, ua.grouping, ua.plan);
}

}  // namespace gapscore::usage_analysis
