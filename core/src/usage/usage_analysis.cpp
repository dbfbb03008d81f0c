#include "usage/usage_analysis.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "analysis/grouping.h"
#include "gapscore/date.h"
#include "gapscore/stats.h"
#include "metrics/group_inputs.h"
#include "privacy/suppression.h"
#include "report/privacy_sections.h"
#include "usage/text.h"

namespace gapscore::usage {
namespace {

using report::Json;
using report::count_json;
using report::number_or_null;

// The people usage is measured against: the people table, or else the people with activity.
struct Population {
  std::vector<PersonInfo> persons;
  std::vector<std::string> email, login;  // lower-cased, "" if unknown
  std::vector<std::uint32_t> by_id;
};

Population population_of(const Dataset& ds) {
  Population pop;
  if (ds.people) {
    const Table& pt = *ds.people;
    for (std::size_t r = 0; r < pt.row_count(); ++r) {
      pop.persons.push_back(person_from_people_row(pt, r));
      pop.email.push_back(pt.has("email") ? lower_trim(pt.column("email").text().at(r)) : "");
      pop.login.push_back(pt.has("github_login") ? lower_trim(pt.column("github_login").text().at(r)) : "");
    }
  } else {
    pop.persons = ds.persons;
    pop.email.assign(pop.persons.size(), "");
    pop.login.assign(pop.persons.size(), "");
  }
  pop.by_id.resize(pop.persons.size());
  for (std::uint32_t i = 0; i < pop.by_id.size(); ++i) pop.by_id[i] = i;
  std::sort(pop.by_id.begin(), pop.by_id.end(), [&](std::uint32_t a, std::uint32_t b) { return pop.persons[a].id < pop.persons[b].id; });
  return pop;
}

// Identity → population index, by the configured rule.
class IdentityResolver {
 public:
  IdentityResolver(const Dataset& ds, const Population& pop, const std::string& rule) : rule_(rule) {
    for (std::uint32_t i = 0; i < pop.persons.size(); ++i) {
      by_person_[pop.persons[i].id] = i;
      if (!pop.email[i].empty()) by_email_[pop.email[i]] = i;
      if (!pop.login[i].empty()) by_login_[pop.login[i]] = i;
    }
    if (ds.identities) {
      const Table& t = *ds.identities;
      for (std::size_t r = 0; r < t.row_count(); ++r) {
        const auto it = by_person_.find(std::string(t.column("person_id").text().at(r)));
        if (it != by_person_.end()) by_map_[lower_trim(t.column("identity").text().at(r))] = it->second;
      }
    }
  }

  std::optional<std::uint32_t> resolve(const std::string& identity, Tool tool) const {
    const std::string key = lower_trim(identity);
    auto find = [](const std::unordered_map<std::string, std::uint32_t>& m, const std::string& k) -> std::optional<std::uint32_t> {
      const auto it = m.find(k);
      return it == m.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
    };
    const auto& by_tool = tool == Tool::github_copilot ? by_login_ : by_email_;
    if (rule_ == "identities") return find(by_map_, key);
    if (rule_ == "email") return find(by_email_, key);
    if (rule_ == "github_login") return find(by_login_, key);
    if (rule_ == "person_id") {
      const auto it = by_person_.find(identity);
      return it == by_person_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
    }
    if (auto m = find(by_map_, key)) return m;
    if (auto m = find(by_tool, key)) return m;
    const auto it = by_person_.find(identity);
    return it == by_person_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
  }

 private:
  std::string rule_;
  std::unordered_map<std::string, std::uint32_t> by_person_, by_email_, by_login_, by_map_;
};

struct PersonUsage {
  std::set<std::int32_t> days;  // active days
  std::set<std::string> surfaces;
  bool tool_active[2] = {false, false};
};

struct Counters {
  double generations = 0, acceptances = 0, lines_suggested = 0, lines_accepted = 0, interactions = 0;
  bool has_acceptance = false, has_lines = false;
  void add(const UsageRow& r) {
    if (!std::isnan(r.generations) && !std::isnan(r.acceptances)) {
      generations += r.generations;
      acceptances += r.acceptances;
      has_acceptance = true;
    }
    if (!std::isnan(r.lines_suggested) && !std::isnan(r.lines_accepted)) {
      lines_suggested += r.lines_suggested;
      lines_accepted += r.lines_accepted;
      has_lines = true;
    }
    if (!std::isnan(r.interactions)) interactions += r.interactions;
  }
};

double covered_days(const UsageData& data, const Config& config) {
  // Union of the person-level exports' date ranges, clipped to the window.
  std::vector<std::pair<std::int32_t, std::int32_t>> ranges;
  for (auto [a, b] : data.coverage) {
    if (config.window_start) a = std::max(a, *config.window_start);
    if (config.window_end) b = std::min(b, *config.window_end);
    if (a <= b) ranges.emplace_back(a, b);
  }
  std::sort(ranges.begin(), ranges.end());
  double days = 0;
  std::int32_t cur_a = 0, cur_b = -1;
  bool open = false;
  for (auto [a, b] : ranges) {
    if (open && a <= cur_b + 1) {
      cur_b = std::max(cur_b, b);
      continue;
    }
    if (open) days += cur_b - cur_a + 1;
    cur_a = a;
    cur_b = b;
    open = true;
  }
  if (open) days += cur_b - cur_a + 1;
  return days;
}

struct GroupUsage {
  double population = 0, active = 0, engaged = 0, intensity_sum = 0, breadth_sum = 0;
  double tool_active[2] = {0, 0};
  Counters counters;
};

Json group_usage_json(const GroupUsage& g, const std::vector<bool>& tools_present) {
  Json m;
  m["population"] = count_json(g.population);
  m["active_users"] = count_json(g.active);
  m["engaged_users"] = count_json(g.engaged);
  m["usage_adoption_rate"] = number_or_null(metrics::ratio(g.active, g.population));
  m["non_adopters"] = count_json(g.population - g.active);
  m["active_days_share"] = number_or_null(metrics::ratio(g.intensity_sum, g.active));
  m["apps_per_active_user"] = number_or_null(metrics::ratio(g.breadth_sum, g.active));
  m["acceptance_rate"] = g.counters.has_acceptance ? number_or_null(metrics::ratio(g.counters.acceptances, g.counters.generations))
                                                   : Json(nullptr);
  m["lines_acceptance_rate"] =
      g.counters.has_lines ? number_or_null(metrics::ratio(g.counters.lines_accepted, g.counters.lines_suggested)) : Json(nullptr);
  Json tools = Json::object();
  for (int t = 0; t < 2; ++t)
    if (tools_present[static_cast<std::size_t>(t)])
      tools[tool_name(static_cast<Tool>(t))] = number_or_null(metrics::ratio(g.tool_active[t], g.population));
  m["tool_adoption"] = std::move(tools);
  return m;
}

}  // namespace

std::pair<std::int32_t, std::int32_t> usage_date_range(const UsageData& data) {
  std::int32_t first = 0, last = 0;
  bool any = false;
  for (const UsageFileSummary& f : data.files) {
    if (f.rows == 0 && f.report_period_days == 0) continue;
    if (!any || f.first_day < first) first = f.first_day;
    if (!any || f.last_day > last) last = f.last_day;
    any = true;
  }
  return {first, last};
}

Json usage_section(const Dataset& ds, const UsageData& data, const Config& config, DiagnosticLog& log,
                   const analysis::AnalysisResult* activity, const report::KeyLabeller& label) {
  const Population pop = population_of(ds);
  const IdentityResolver resolver(ds, pop, config.usage.identity);
  const int k = config.privacy.min_group_size;

  // Deduplicate rows seen in overlapping exports: (identity, day, tool, surface) once.
  std::vector<const UsageRow*> rows;
  {
    std::set<std::tuple<std::string, std::int32_t, int, std::string>> seen;
    for (const UsageRow& r : data.rows) {
      if ((config.window_start && r.day < *config.window_start) || (config.window_end && r.day > *config.window_end)) continue;
      if (seen.insert({r.identity, r.day, static_cast<int>(r.tool), r.surface}).second) rows.push_back(&r);
    }
  }
  // Join.
  std::vector<PersonUsage> per(pop.persons.size());
  std::vector<Counters> counters(pop.persons.size());
  std::map<std::pair<int, std::string>, bool> identities;  // (tool, identity) -> matched
  bool tools_seen[2] = {false, false};
  std::vector<std::pair<std::uint32_t, std::int32_t>> person_days;  // (person, day) active, for trends
  for (const UsageRow* r : rows) {
    tools_seen[static_cast<int>(r->tool)] = true;
    const auto who = resolver.resolve(r->identity, r->tool);
    identities[{static_cast<int>(r->tool), r->identity}] = who.has_value();
    if (!who) continue;
    counters[*who].add(*r);
    if (!r->active) continue;
    PersonUsage& u = per[*who];
    u.days.insert(r->day);
    u.surfaces.insert(std::string(tool_name(r->tool)) + ":" + r->surface);
    u.tool_active[static_cast<int>(r->tool)] = true;
    person_days.emplace_back(*who, r->day);
  }
  std::size_t matched = 0, unmatched = 0;
  for (const auto& [key, ok] : identities) (ok ? matched : unmatched) += 1;
  if (unmatched > 0) {
    Diagnostic d = make_diagnostic(DiagCode::usage_unmatched_identity,
                                   std::to_string(unmatched) + " of " + std::to_string(identities.size()) +
                                       " users in the usage exports match nobody in the people table; their usage is "
                                       "counted here but not in any group",
                                   "usage");
    log.add(std::move(d));
  }
  if (matched == 0 && !identities.empty())
    log.add(make_diagnostic(DiagCode::usage_nothing_joined,
                            "no user in the usage exports could be matched to a person (usage.identity = \"" +
                                config.usage.identity +
                                "\"). If the export conceals names (hashes instead of e-mails), give an identities table "
                                "mapping them to person_id; otherwise add email / github_login columns to the people table",
                            "usage"));

  const double coverage = covered_days(data, config);
  const std::vector<bool> tools_present = {tools_seen[0], tools_seen[1]};
  auto aggregate = [&](std::span<const std::uint32_t> members) {
    GroupUsage g;
    for (std::uint32_t p : members) {
      g.population += 1;
      const PersonUsage& u = per[p];
      g.counters.generations += counters[p].generations;
      g.counters.acceptances += counters[p].acceptances;
      g.counters.lines_suggested += counters[p].lines_suggested;
      g.counters.lines_accepted += counters[p].lines_accepted;
      g.counters.has_acceptance = g.counters.has_acceptance || counters[p].has_acceptance;
      g.counters.has_lines = g.counters.has_lines || counters[p].has_lines;
      if (u.days.empty()) continue;
      g.active += 1;
      g.engaged += static_cast<double>(u.days.size()) >= config.usage.engaged_min_days ? 1 : 0;
      if (coverage > 0) g.intensity_sum += static_cast<double>(u.days.size()) / coverage;
      g.breadth_sum += static_cast<double>(u.surfaces.size());
      for (int t = 0; t < 2; ++t) g.tool_active[t] += u.tool_active[t] ? 1 : 0;
    }
    return g;
  };

  // Groups by the configured attributes over the population.
  Dataset shim;
  shim.persons = pop.persons;
  shim.persons_by_id = pop.by_id;
  const analysis::Grouping grouping = analysis::group_persons(shim, config.group_by);
  std::vector<GroupUsage> groups;
  privacy::SuppressionInput in;
  const GroupUsage overall = aggregate(pop.by_id);
  in.overall = overall.population;
  for (std::size_t g = 0; g < grouping.size(); ++g) {
    groups.push_back(aggregate(grouping.members[g]));
    in.groups.push_back(groups.back().population);
  }
  const privacy::SuppressionPlan plan = privacy::plan_suppression(in, k);

  Json out;
  Json files = Json::array();
  for (const UsageFileSummary& f : data.files)
    files.push_back({{"source", f.source.empty() ? Json(nullptr) : Json(f.source)}, {"format", f.format}, {"bytes", f.bytes},
                     {"sha256", f.sha256}, {"records", f.records}, {"records_skipped", f.records_skipped},
                     {"rows", f.rows}, {"first_date", f.rows || f.report_period_days ? Json(format_iso_date(f.first_day)) : Json(nullptr)},
                     {"last_date", f.rows || f.report_period_days ? Json(format_iso_date(f.last_day)) : Json(nullptr)},
                     {"report_period_days", f.report_period_days ? Json(f.report_period_days) : Json(nullptr)}});
  out["inputs"] = std::move(files);
  out["identity"] = {{"rule", config.usage.identity},
                     {"identities", identities.size()},
                     {"matched", matched},
                     {"unmatched", unmatched},
                     {"people_with_usage", std::count_if(per.begin(), per.end(), [](const PersonUsage& u) { return !u.days.empty(); })}};
  out["covered_days"] = coverage;
  out["overall"] = plan.overall == privacy::CellStatus::shown
                       ? Json({{"suppressed", false}, {"metrics", group_usage_json(overall, tools_present)}})
                       : report::suppressed_json(plan.overall, k);
  Json garr = Json::array();
  std::vector<double> adoption, intensity, breadth;
  for (std::size_t g = 0; g < grouping.size(); ++g) {
    Json j = {{"key", report::key_json(grouping, g, label)}};
    if (plan.groups[g] != privacy::CellStatus::shown) {
      j.update(report::suppressed_json(plan.groups[g], k));
    } else {
      j["suppressed"] = false;
      j["metrics"] = group_usage_json(groups[g], tools_present);
      if (auto v = metrics::ratio(groups[g].active, groups[g].population)) adoption.push_back(*v);
      if (auto v = metrics::ratio(groups[g].intensity_sum, groups[g].active)) intensity.push_back(*v);
      if (auto v = metrics::ratio(groups[g].breadth_sum, groups[g].active)) breadth.push_back(*v);
    }
    garr.push_back(std::move(j));
  }
  out["groups"] = std::move(garr);
  out["uniformity"] = {{"usage_adoption_rate", report::uniformity_json(analysis::uniformity_of(adoption))},
                       {"active_days_share", report::uniformity_json(analysis::uniformity_of(intensity))},
                       {"apps_per_active_user", report::uniformity_json(analysis::uniformity_of(breadth))}};

  // Trends per shown group and period (config.period, as the activity trends):
  // people active in the period / the group's people.
  const bool weekly = config.period == Period::week;
  const auto period_start = [weekly](std::int32_t day) { return weekly ? iso_week_monday(day) : month_start(day); };
  const auto period_label = [weekly](std::int32_t start) { return weekly ? iso_week_label(start) : month_label(start); };
  {
    std::vector<std::uint32_t> group_of(pop.persons.size(), 0);
    for (std::size_t g = 0; g < grouping.size(); ++g)
      for (std::uint32_t p : grouping.members[g]) group_of[p] = static_cast<std::uint32_t>(g);
    std::map<std::int32_t, std::vector<std::set<std::uint32_t>>> weeks;  // period -> per group (+ overall last) active people
    for (const auto& [p, day] : person_days) {
      auto& cells = weeks[period_start(day)];
      if (cells.empty()) cells.resize(grouping.size() + 1);
      cells[grouping.size()].insert(p);
      if (grouping.size()) cells[group_of[p]].insert(p);
    }
    Json tarr = Json::array();
    for (const auto& entry : weeks) {
      // Named copies: clang 14 (Emscripten) cannot capture structured bindings in lambdas.
      const std::int32_t week = entry.first;
      const auto& cells = entry.second;
      auto cell = [&](std::optional<std::size_t> g) {
        Json j = {{"period", period_label(week)}, {"start", format_iso_date(week)},
                  {"key", g ? report::key_json(grouping, *g, label) : Json(nullptr)}};
        const privacy::CellStatus st = g ? plan.groups[*g] : plan.overall;
        if (st != privacy::CellStatus::shown) {
          j.update(report::suppressed_json(st, k));
          return j;
        }
        const double active = static_cast<double>(cells[g ? *g : grouping.size()].size());
        const double population = g ? groups[*g].population : overall.population;
        j["suppressed"] = false;
        j["active_users"] = count_json(active);
        j["usage_adoption_rate"] = number_or_null(metrics::ratio(active, population));
        return j;
      };
      tarr.push_back(cell(std::nullopt));
      for (std::size_t g = 0; g < grouping.size(); ++g) tarr.push_back(cell(g));
    }
    out["trends"] = std::move(tarr);
  }

  // Team-level daily exports: means per period; periods with fewer than k active users hidden.
  {
    std::map<std::pair<std::string, std::int32_t>, std::vector<const AggregateDay*>> by_week;
    for (const AggregateDay& a : data.aggregates) {
      if ((config.window_start && a.day < *config.window_start) || (config.window_end && a.day > *config.window_end)) continue;
      by_week[{a.team, period_start(a.day)}].push_back(&a);
    }
    Json arr = Json::array();
    for (const auto& [key, days] : by_week) {
      double active = 0, engaged = 0, n_active = 0, n_engaged = 0, sugg = 0, acc = 0, ls = 0, la = 0;
      for (const AggregateDay* a : days) {
        if (!std::isnan(a->active_users)) active += a->active_users, n_active += 1;
        if (!std::isnan(a->engaged_users)) engaged += a->engaged_users, n_engaged += 1;
        sugg += a->suggestions;
        acc += a->acceptances;
        ls += a->lines_suggested;
        la += a->lines_accepted;
      }
      const auto mean_active = metrics::ratio(active, n_active);
      Json j = {{"team", key.first}, {"period", period_label(key.second)}, {"start", format_iso_date(key.second)},
                {"days", days.size()}};
      if (!mean_active || *mean_active < k) {
        j.update(report::suppressed_json(privacy::CellStatus::too_few_people, k));
      } else {
        j["suppressed"] = false;
        j["mean_daily_active_users"] = number_or_null(mean_active);
        j["mean_daily_engaged_users"] = number_or_null(metrics::ratio(engaged, n_engaged));
        j["acceptance_rate"] = number_or_null(metrics::ratio(acc, sugg));
        j["lines_acceptance_rate"] = number_or_null(metrics::ratio(la, ls));
      }
      arr.push_back(std::move(j));
    }
    out["team_aggregates"] = std::move(arr);
  }

  // Training targets from telemetry: shown groups by share of non-adopters.
  {
    std::vector<std::pair<double, std::size_t>> order;
    for (std::size_t g = 0; g < grouping.size(); ++g)
      if (plan.groups[g] == privacy::CellStatus::shown && groups[g].population > 0)
        order.emplace_back(1.0 - groups[g].active / groups[g].population, g);
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    Json arr = Json::array();
    for (const auto& [share, g] : order)
      arr.push_back({{"key", report::key_json(grouping, g, label)}, {"non_adopters", count_json(groups[g].population - groups[g].active)},
                     {"non_adopter_share", number_or_null(share)}});
    out["training_targets"] = std::move(arr);
  }

  // Telemetry against activity-based AI use, when both exist.
  if (activity && ds.has_activity) {
    std::unordered_map<std::string, std::uint32_t> pop_index;
    for (std::uint32_t i = 0; i < pop.persons.size(); ++i) pop_index[pop.persons[i].id] = i;
    double both = 0, agree = 0, telemetry_only = 0, activity_only = 0;
    std::vector<double> person_intensity, task_share;  // per person in both, for the rank correlation
    for (std::size_t p = 0; p < ds.persons.size(); ++p) {  // the dataset's person order: fixed, so sums are too
      const analysis::PersonFigures& f = activity->figures[p];
      const auto it = pop_index.find(ds.persons[p].id);
      if (!f.active || it == pop_index.end()) continue;
      both += 1;
      const bool t = !per[it->second].days.empty();
      if (coverage > 0 && f.ai_task_share) {
        person_intensity.push_back(static_cast<double>(per[it->second].days.size()) / coverage);
        task_share.push_back(*f.ai_task_share);
      }
      agree += t == f.ai_user ? 1 : 0;
      telemetry_only += t && !f.ai_user ? 1 : 0;
      activity_only += !t && f.ai_user ? 1 : 0;
    }
    Json c;
    if (both < k) {
      c = {{"people", count_json(both)}, {"reason", "needs at least " + std::to_string(k) + " people in both"}};
    } else {
      const auto overall_activity = analysis::metric_value(activity->overall, "adoption_rate");
      c = {{"people", count_json(both)},
           {"telemetry_adoption_rate", number_or_null(metrics::ratio(overall.active, overall.population))},
           {"activity_adoption_rate", number_or_null(overall_activity)},
           {"agreement", number_or_null(agree / both)},
           {"telemetry_only_share", number_or_null(telemetry_only / both)},
           {"activity_only_share", number_or_null(activity_only / both)},
           {"reason", nullptr}};
      // Does heavier tool use go with a larger recorded share of AI-assisted tasks?
      const auto rho = person_intensity.size() >= static_cast<std::size_t>(k)
                           ? stats::spearman(person_intensity, task_share)
                           : std::nullopt;
      c["intensity_vs_ai_task_share"] = {{"people", count_json(static_cast<double>(person_intensity.size()))},
                                         {"spearman_rho", number_or_null(rho ? std::optional(rho->rho) : std::nullopt)},
                                         {"p_value", number_or_null(rho ? std::optional(rho->p_value) : std::nullopt)}};
    }
    out["comparison_with_activity"] = std::move(c);
  } else {
    out["comparison_with_activity"] = nullptr;
  }
  return out;
}

}  // namespace gapscore::usage
