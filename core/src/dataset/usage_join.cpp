#include "dataset/usage_join.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>

#include "base/date.h"
#include "dataset/dataset.h"
#include "usage/text.h"

namespace gapscore {
namespace {

using usage::lower_trim;
using usage::Tool;
using usage::UsageRow;

UsagePopulation population_of(const Dataset& ds) {
  UsagePopulation pop;
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
  IdentityResolver(const Dataset& ds, const UsagePopulation& pop, const std::string& rule) : rule_(rule) {
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

// Union of the person-level exports' date ranges, clipped to the window.
double covered_days(const usage::UsageData& data, const Config& config) {
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

std::pair<std::int32_t, std::int32_t> date_range(const usage::UsageData& data) {
  std::int32_t first = 0, last = 0;
  bool any = false;
  for (const usage::UsageFileSummary& f : data.files) {
    if (f.rows == 0 && f.report_period_days == 0 && f.granularity.empty()) continue;
    if (!any || f.first_day < first) first = f.first_day;
    if (!any || f.last_day > last) last = f.last_day;
    any = true;
  }
  return {first, last};
}

bool in_window(std::int32_t day, const Config& config) {
  return !(config.window_start && day < *config.window_start) && !(config.window_end && day > *config.window_end);
}

}  // namespace

void UsageCounters::add(const UsageRow& r) {
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

void UsageCounters::add(const UsageCounters& o) {
  generations += o.generations;
  acceptances += o.acceptances;
  lines_suggested += o.lines_suggested;
  lines_accepted += o.lines_accepted;
  interactions += o.interactions;
  has_acceptance = has_acceptance || o.has_acceptance;
  has_lines = has_lines || o.has_lines;
}

JoinedUsage join_usage(const Dataset& ds, usage::UsageData data, const Config& config, DiagnosticLog& log) {
  JoinedUsage j;
  j.population = population_of(ds);
  const IdentityResolver resolver(ds, j.population, config.usage.identity);
  j.per_person.resize(j.population.persons.size());
  j.counters.resize(j.population.persons.size());

  // A person query's HR attributes and collaboration metrics, onto the people they name.
  j.person_metrics.resize(j.population.persons.size());
  {
    std::vector<std::int32_t> attribute_day(j.population.persons.size(), std::numeric_limits<std::int32_t>::min());
    std::vector<std::map<std::string, std::pair<double, double>>> sums(j.population.persons.size());
    for (const auto& [identity, record] : data.persons) {
      const auto who = resolver.resolve(identity, Tool::m365_copilot);
      if (!who) continue;
      if (record.day >= attribute_day[*who]) {
        attribute_day[*who] = record.day;
        set_query_attributes(j.population.persons[*who], record.attributes);
      }
      for (const auto& [name, sum] : record.metrics) {
        sums[*who][name].first += sum.first;
        sums[*who][name].second += sum.second;
      }
    }
    for (std::size_t p = 0; p < sums.size(); ++p)
      for (const auto& [name, sum] : sums[p])
        if (sum.second > 0) j.person_metrics[p].emplace_back(name, sum.first / sum.second);
  }

  // Rows seen in overlapping exports count once: (identity, day, tool, surface).
  std::set<std::tuple<std::string, std::int32_t, int, std::string>> seen;
  std::map<std::pair<int, std::string>, bool> identities;  // (tool, identity) -> matched
  for (const UsageRow& r : data.rows) {
    if (!in_window(r.day, config)) continue;
    if (!seen.insert({r.identity, r.day, static_cast<int>(r.tool), r.surface}).second) continue;
    j.tools_seen[static_cast<int>(r.tool)] = true;
    const auto who = resolver.resolve(r.identity, r.tool);
    identities[{static_cast<int>(r.tool), r.identity}] = who.has_value();
    if (!who) continue;
    j.counters[*who].add(r);
    PersonUsage& u = j.per_person[*who];
    u.licensed = true;
    if (!r.active) continue;
    u.days.insert(r.day);
    const bool breakdown = r.surface.rfind("ide:", 0) == 0 || r.surface.rfind("model:", 0) == 0;
    (breakdown ? u.breakdowns : u.surfaces).insert(std::string(usage::tool_name(r.tool)) + ":" + r.surface);
    u.tool_active[static_cast<int>(r.tool)] = true;
    j.person_days.emplace_back(*who, r.day);
  }
  // Actions per ISO week (usage segments); one record per identity, day and tool.
  std::set<std::tuple<std::string, std::int32_t, int>> seen_actions;
  for (const usage::ActionRecord& a : data.actions) {
    if (!in_window(a.day, config)) continue;
    if (!seen_actions.insert({a.identity, a.day, static_cast<int>(a.tool)}).second) continue;
    const std::int32_t week = iso_week_monday(a.day);
    if (!j.action_weeks) j.action_weeks = std::pair(week, week);
    j.action_weeks->first = std::min(j.action_weeks->first, week);
    j.action_weeks->second = std::max(j.action_weeks->second, week);
    const auto who = resolver.resolve(a.identity, a.tool);
    if (!who) continue;
    PersonUsage& u = j.per_person[*who];
    u.weekly_actions[week] += a.actions;
    u.licensed = u.licensed || a.licensed;
  }
  j.from_person_query = !data.persons.empty();
  j.identities = identities.size();
  for (const auto& [key, ok] : identities) (ok ? j.matched : j.unmatched) += 1;
  if (j.unmatched > 0)
    log.add(make_diagnostic(DiagCode::usage_unmatched_identity,
                            std::to_string(j.unmatched) + " of " + std::to_string(identities.size()) +
                                " users in the usage exports match nobody in the people table; their usage is "
                                "counted here but not in any group",
                            "usage"));
  if (j.matched == 0 && !identities.empty())
    log.add(make_diagnostic(DiagCode::usage_nothing_joined,
                            "no user in the usage exports could be matched to a person (usage.identity = \"" +
                                config.usage.identity +
                                "\"). If the export conceals names (hashes instead of e-mails), give an identities table "
                                "mapping them to person_id; otherwise add email / github_login columns to the people table",
                            "usage"));
  j.covered_days = covered_days(data, config);
  for (const usage::AggregateDay& a : data.aggregates)
    if (in_window(a.day, config)) j.aggregates.push_back(a);
  j.date_range = date_range(data);
  j.files = std::move(data.files);
  return j;
}

}  // namespace gapscore
