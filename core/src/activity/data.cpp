#include "activity/data.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace gapscore::activity {
namespace {

constexpr std::uint32_t kDropped = 0xffffffffu;

// Codes sorted by their text: the new code of each old one.
std::vector<std::uint32_t> rank_by_text(const std::vector<std::string>& texts) {
  std::vector<std::uint32_t> order(texts.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return texts[a] < texts[b]; });
  std::vector<std::uint32_t> rank(texts.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  return rank;
}

}  // namespace

ActivityData finish(const Part& part) {
  ActivityData d;
  d.weekly = part.options().weekly;
  d.rows_in_window = part.rows_in_window();
  d.rows_outside_window = part.rows_outside_window();
  d.first_date = part.first_date();
  d.last_date = part.last_date();

  // People with no row inside the window are not part of the analysis.
  const std::vector<std::string>& all_ids = part.person_ids().texts();
  std::vector<std::string> ids;
  std::vector<std::uint32_t> kept_code(all_ids.size(), kDropped);
  for (std::uint32_t p = 0; p < all_ids.size(); ++p)
    if (part.persons()[p].all.rows > 0) {
      kept_code[p] = static_cast<std::uint32_t>(ids.size());
      ids.push_back(all_ids[p]);
    }
  std::vector<std::uint32_t> person_rank = rank_by_text(ids);
  // Indexed by the part's codes from here on (kDropped for people without rows).
  for (std::uint32_t p = static_cast<std::uint32_t>(all_ids.size()); p-- > 0;)
    kept_code[p] = kept_code[p] == kDropped ? kDropped : person_rank[kept_code[p]];
  person_rank = std::move(kept_code);
  const std::vector<std::uint32_t> task_rank = rank_by_text(part.task_types().texts());
  // Ids are distinct, so every order below is total: no ties for sort to break differently.
  d.persons.resize(ids.size());
  for (std::uint32_t p = 0; p < all_ids.size(); ++p) {
    if (person_rank[p] == kDropped) continue;
    ActivityPerson& out = d.persons[person_rank[p]];
    const PersonPart& in = part.persons()[p];
    out.id = all_ids[p];
    out.all = in.all;
    out.ai = in.ai;
    out.manual = in.manual;
    out.team = in.team;
    out.role = in.role;
    out.work_mode = in.work_mode;
  }
  d.task_types.resize(task_rank.size());
  for (std::uint32_t t = 0; t < task_rank.size(); ++t) d.task_types[task_rank[t]] = part.task_types().texts()[t];

  std::vector<std::uint32_t> period_order(part.periods().size());
  std::iota(period_order.begin(), period_order.end(), 0U);
  std::sort(period_order.begin(), period_order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return part.periods()[a] < part.periods()[b]; });
  std::vector<std::uint32_t> period_rank(period_order.size());
  for (std::uint32_t i = 0; i < period_order.size(); ++i) {
    period_rank[period_order[i]] = i;
    d.periods.push_back(part.periods()[period_order[i]]);
  }

  // Sorted as (key, index) pairs: cells are large and own their day bits, so they move once.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> task_order;
  task_order.reserve(part.task_cells().size());
  for (std::uint32_t i = 0; i < part.task_cells().size(); ++i) {
    const TaskCell& c = part.task_cells()[i];
    if (person_rank[c.person] == kDropped) continue;
    task_order.emplace_back((std::uint64_t{person_rank[c.person]} << 32) | task_rank[c.task], i);
  }
  std::sort(task_order.begin(), task_order.end());
  d.task_cells.reserve(task_order.size());
  for (const auto& [key, i] : task_order) {
    d.task_cells.push_back(part.task_cells()[i]);
    d.task_cells.back().person = static_cast<std::uint32_t>(key >> 32);
    d.task_cells.back().task = static_cast<std::uint32_t>(key);
  }
  // Cells of people without rows exist only in a corrupt saved state (a row
  // makes both): dropped like their task cells, never indexed.
  for (const PeriodCell& c : part.period_cells()) {
    if (person_rank[c.person] == kDropped) continue;
    d.period_cells.push_back(c);
    d.period_cells.back().person = person_rank[c.person];
    d.period_cells.back().period = period_rank[c.period];
  }
  std::sort(d.period_cells.begin(), d.period_cells.end(), [](const PeriodCell& a, const PeriodCell& b) {
    return a.person != b.person ? a.person < b.person : a.period < b.period;
  });
  for (const PendingPlaybookCell& c : part.pending_playbook()) {
    if (person_rank[c.person] == kDropped) continue;
    d.pending_playbook.push_back(c);
    d.pending_playbook.back().person = person_rank[c.person];
    d.pending_playbook.back().period = period_rank[c.period];
    d.pending_playbook.back().task = task_rank[c.task];
  }
  std::sort(d.pending_playbook.begin(), d.pending_playbook.end(), [](const PendingPlaybookCell& a, const PendingPlaybookCell& b) {
    if (a.person != b.person) return a.person < b.person;
    return a.period != b.period ? a.period < b.period : a.task < b.task;
  });

  // Each person's cells as ranges.
  std::uint32_t i = 0;
  for (std::uint32_t p = 0; p < d.persons.size(); ++p) {
    d.persons[p].task_cells_begin = i;
    while (i < d.task_cells.size() && d.task_cells[i].person == p) ++i;
    d.persons[p].task_cells_end = i;
  }
  i = 0;
  for (std::uint32_t p = 0; p < d.persons.size(); ++p) {
    d.persons[p].period_cells_begin = i;
    while (i < d.period_cells.size() && d.period_cells[i].person == p) ++i;
    d.persons[p].period_cells_end = i;
  }
  return d;
}

}  // namespace gapscore::activity
