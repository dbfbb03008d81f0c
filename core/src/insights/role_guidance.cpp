#include "insights/role_guidance.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "base/number_text.h"
#include "stats/stats.h"
#include "activity/exact_sums.h"
#include "metrics/group_inputs.h"
#include "base/stable_order.h"

namespace gapscore::insights {
namespace {

struct ClassSums {
  double tasks = 0, ai_tasks = 0, r_hours = 0, rework = 0, e_tasks = 0, errors = 0;
  void add(const ClassSums& o) {
    tasks += o.tasks;
    ai_tasks += o.ai_tasks;
    r_hours += o.r_hours;
    rework += o.rework;
    e_tasks += o.e_tasks;
    errors += o.errors;
  }
};

struct RoleTask {
  ClassSums ai, manual;
  std::vector<std::uint32_t> people, ai_people;  // people with rows / AI-assisted rows here (deduplicated later)
};

// Whether AI-assisted rows err more per task than the others by more than
// chance: given all the errors, each falls on AI-assisted tasks with the
// chance of their share of the tasks; one-sided p < 0.05 (normal
// approximation with continuity correction; at least 5 errors). A ratio of
// error rates alone called 35 errors against 22 a risk (an outside review:
// the same planted rate, p = 0.5).
bool clearly_more_errors(const ClassSums& ai, const ClassSums& manual) {
  const auto p = stats::conditional_rate_p(ai.errors, ai.e_tasks, manual.errors, manual.e_tasks, false);
  return p && *p < 0.05;
}

// An off-playbook task is risky when AI-assisted work there reworks or errs clearly more.
bool risky(const RiskyTask& t, const ClassSums& ai, const ClassSums& manual, double rework_threshold) {
  if (t.ai_rework_rate && *t.ai_rework_rate >= rework_threshold) return true;
  return t.ai_error_rate && t.manual_error_rate && *t.manual_error_rate > 0 &&
         *t.ai_error_rate >= 1.2 * *t.manual_error_rate && clearly_more_errors(ai, manual);
}

}  // namespace

RoleGuidanceResult role_guidance(const Dataset& ds, const RolePlan& role_plan, const Config& config) {
  RoleGuidanceResult out;
  if (!ds.playbook) {
    out.reason = "needs a playbook table";
    return out;
  }
  out.available = true;
  const int k = config.privacy.min_group_size;
  // Playbook: role -> task -> recommended.
  std::map<std::string, std::map<std::string, bool>> playbook;
  const Table& pb = *ds.playbook;
  for (std::size_t r = 0; r < pb.row_count(); ++r)
    playbook[std::string(pb.column("role").text().at(r))][std::string(pb.column("task_type").text().at(r))] =
        pb.column("ai_recommended").small()[r] == 1;

  // Sums per (role, task type) and row class, from each person's task cells.
  const std::vector<std::string>& tasks = ds.activity.task_types;
  std::map<std::string, std::uint32_t> role_index;
  std::vector<std::uint32_t> role_of(ds.persons.size());
  for (std::size_t p = 0; p < ds.persons.size(); ++p) {
    const auto next = static_cast<std::uint32_t>(role_index.size());
    role_of[p] = role_index.emplace(person_attribute(ds.persons[p], "role"), next).first->second;
  }
  std::unordered_map<std::uint64_t, RoleTask> cells;
  const auto to_class = [](const activity::ClassCounts& c) {
    ClassSums s;
    s.tasks = static_cast<double>(c.tasks);
    s.ai_tasks = static_cast<double>(c.ai_tasks);
    s.r_hours = static_cast<double>(c.r_hours) / activity::kScaleD;
    s.rework = static_cast<double>(c.rework) / activity::kScaleD;
    s.e_tasks = static_cast<double>(c.e_tasks);
    s.errors = static_cast<double>(c.errors);
    return s;
  };
  for (std::uint32_t p = 0; p < ds.persons.size(); ++p) {  // id order: sums add up in a fixed order
    for (const activity::TaskSums& tc : ds.activity.task_cells_of(p)) {
      if (tc.ai.rows + tc.manual.rows == 0) continue;  // rows only outside the window
      RoleTask& cell = cells[(static_cast<std::uint64_t>(role_of[p]) << 32) | tc.task];
      cell.ai.add(to_class(tc.ai));
      cell.manual.add(to_class(tc.manual));
      cell.people.push_back(p);
      if (tc.ai.rows > 0) cell.ai_people.push_back(p);
    }
  }
  for (const auto& [role, idx] : role_index) {  // std::map: sorted by role name
    if (role == kUnassigned) continue;  // no playbook can be written for people without a role
    const auto covered = playbook.find(role);
    if (covered == playbook.end()) {
      if (role_plan.people.count(role)) out.roles_not_covered.push_back(role);
      continue;
    }
    RoleGuidance g;
    g.role = role;
    const auto active = role_plan.people.find(role);  // active people of the role
    g.people = active == role_plan.people.end() ? 0.0 : active->second;
    g.status = role_plan.of(role);
    if (g.status != privacy::CellStatus::shown) {
      out.roles.push_back(std::move(g));
      continue;
    }
    for (std::uint32_t code = 0; code < tasks.size(); ++code) {
      const auto it = cells.find((static_cast<std::uint64_t>(idx) << 32) | code);
      if (it == cells.end()) continue;
      RoleTask& cell = it->second;
      const std::string& task = tasks[code];
      const auto rec = covered->second.find(task);
      const double all_tasks = cell.ai.tasks + cell.manual.tasks;
      const double all_ai = cell.ai.ai_tasks + cell.manual.ai_tasks;
      for (auto* list : {&cell.people, &cell.ai_people}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
      }
      const auto cell_people = static_cast<double>(cell.people.size());
      if (rec != covered->second.end() && rec->second) {
        // Fewer than k people doing the task would describe individuals.
        if (all_tasks > 0 && cell_people >= k) g.underused.push_back({task, all_ai / all_tasks, all_tasks, cell_people});
      } else if (cell.ai.ai_tasks > 0) {
        RiskyTask t;
        t.task_type = task;
        t.ai_share = all_tasks > 0 ? all_ai / all_tasks : 0.0;
        t.ai_rework_rate = metrics::ratio(cell.ai.rework, cell.ai.r_hours);
        t.manual_rework_rate = metrics::ratio(cell.manual.rework, cell.manual.r_hours);
        t.ai_error_rate = metrics::ratio(cell.ai.errors, cell.ai.e_tasks);
        t.manual_error_rate = metrics::ratio(cell.manual.errors, cell.manual.e_tasks);
        t.ai_people = static_cast<double>(cell.ai_people.size());
        // Fewer than k people using AI there would describe individuals.
        if (t.ai_people >= k && risky(t, cell.ai, cell.manual, config.rework_threshold)) g.risky_off_playbook.push_back(t);
      }
    }
    stable_sort_by(g.underused,
                     [](const UnderusedTask& x, const UnderusedTask& y) { return x.utilization_rate < y.utilization_rate; });
    const auto max_items = static_cast<std::size_t>(config.insights.max_items);
    if (g.underused.size() > max_items) g.underused.resize(max_items);
    stable_sort_by(g.risky_off_playbook, [](const RiskyTask& x, const RiskyTask& y) {
      return x.ai_rework_rate.value_or(0) > y.ai_rework_rate.value_or(0);
    });
    if (g.risky_off_playbook.size() > max_items) g.risky_off_playbook.resize(max_items);
    for (const UnderusedTask& t : g.underused) {
      if (t.utilization_rate >= config.insights.playbook_card_max_utilization) continue;
      // "only 0%" reads wrong: no AI use at all is "never", a share rounding to 0% "almost never".
      const std::string share = percent_text(t.utilization_rate);
      const std::string how = t.utilization_rate <= 0 ? "never AI-assisted"
                              : share == "0%"         ? "almost never AI-assisted"
                                                      : "only " + share + " AI-assisted";
      g.recommendations.push_back(role + ": " + t.task_type + " is AI-recommended but " + how);
    }
    for (const RiskyTask& t : g.risky_off_playbook) {
      std::string text = role + ": AI use on " + t.task_type + " (not in the playbook) comes with ";
      if (t.ai_rework_rate && *t.ai_rework_rate >= config.rework_threshold)
        text += percent_text(*t.ai_rework_rate) + " rework" +
                (t.manual_rework_rate ? " vs " + percent_text(*t.manual_rework_rate) + " without AI" : "");
      else
        text += "more errors per task than without AI";
      g.recommendations.push_back(text);
    }
    out.roles.push_back(std::move(g));
  }
  return out;
}

}  // namespace gapscore::insights
